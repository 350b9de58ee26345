using System.Text.Json;
using System.Text.RegularExpressions;
using Camlab.Server.Hosting;
using Camlab.Testing;

namespace Camlab.Server.Tests;

public class ServerOptionsTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "camlab-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_documented_configuration_is_exactly_the_defaults()
    {
        var doc = File.ReadAllText(Path.Combine(SharedRef.RepositoryRoot, "docs", "configuration.md"));
        var json = Regex.Match(doc, "```json\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var loaded = ServerOptions.Load(Write(json));
        Assert.Equal(JsonSerializer.Serialize(new ServerOptions()), JsonSerializer.Serialize(loaded));
    }

    [Fact]
    public void Unknown_keys_and_wrong_types_name_the_json_path()
    {
        var unknown = Assert.Throws<ConfigurationException>(() => ServerOptions.Load(Write("{ \"auth\": { \"skew\": 3 } }")));
        Assert.Contains("skew", unknown.Message);
        var wrongType = Assert.Throws<ConfigurationException>(() => ServerOptions.Load(Write("{ \"cameras\": \"two\" }")));
        Assert.Contains("$.cameras", wrongType.Message);
    }

    [Fact]
    public void Users_and_levels_are_checked()
    {
        Assert.Equal(new Camlab.Onvif.Security.UserAccount("ops", "pw", Camlab.Onvif.Soap.UserLevel.Operator), UserOption.Parse("ops:pw:operator").ToAccount());
        Assert.Throws<ConfigurationException>(() => UserOption.Parse("ops:pw:Anonymous").ToAccount());
        Assert.Throws<ConfigurationException>(() => UserOption.Parse("ops").ToAccount());
        Assert.Throws<ConfigurationException>(() => new ServerOptions { Http = "127.0.0.1:99999" }.Validate());
    }
}
