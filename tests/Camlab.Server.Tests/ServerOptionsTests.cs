using System.Text.Json;
using System.Text.RegularExpressions;
using Camlab.Server.Hosting;
using Camlab.Testing;

namespace Camlab.Server.Tests;

public sealed class ServerOptionsTests : IDisposable
{
    private readonly TempFolder _folder = new("camlab-config-");

    public void Dispose() => _folder.Dispose();

    private string Write(string json) => _folder.Write($"camlab-{Guid.NewGuid():N}.json", json);

    [Fact]
    public void A_host_runs_up_to_a_thousand_cameras_and_a_site_file_names_as_many()
    {
        new ServerOptions { Cameras = ServerOptions.MaxCameras }.Validate();
        Assert.Equal(1000, ServerOptions.MaxCameras);
        var e = Assert.Throws<ConfigurationException>(() => new ServerOptions { Cameras = ServerOptions.MaxCameras + 1 }.Validate());
        Assert.Contains("between 1 and 1000, not 1001", e.Message);
        Assert.Equal(ServerOptions.MaxCameras, Camlab.Server.Site.SiteFile.MaxCameras);
        Assert.Equal(ServerOptions.MaxCameras, Camlab.Server.Site.SiteInit.Create(new(ServerOptions.MaxCameras, 55.6761, 12.5683))["cameras"]!.AsArray().Count);
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
    public void Rtsp_listens_on_the_http_host_at_8554_or_a_free_port_beside_a_free_http_port()
    {
        Assert.Equal("127.0.0.1:8554", new ServerOptions().ParseRtsp().ToString());
        Assert.Equal("0.0.0.0:8554", new ServerOptions { Http = "0.0.0.0:80" }.ParseRtsp().ToString());
        Assert.Equal("127.0.0.1:0", new ServerOptions { Http = "127.0.0.1:0" }.ParseRtsp().ToString());
        Assert.Equal("127.0.0.1:9554", new ServerOptions { Http = "127.0.0.1:0", Rtsp = new RtspOptions { Listen = "127.0.0.1:9554" } }.ParseRtsp().ToString());
        Assert.Contains("--rtsp 'nowhere'", Assert.Throws<ConfigurationException>(() => new ServerOptions { Rtsp = new RtspOptions { Listen = "nowhere" } }.Validate()).Message);
        Assert.Contains("rtsp.rtpPort", Assert.Throws<ConfigurationException>(() => new ServerOptions { Rtsp = new RtspOptions { RtpPort = 5001 } }.Validate()).Message);
        Assert.Contains("rtsp.sessionTimeoutSeconds", Assert.Throws<ConfigurationException>(() => new ServerOptions { Rtsp = new RtspOptions { SessionTimeoutSeconds = 0 } }.Validate()).Message);
    }

    [Fact]
    public void Users_and_levels_are_checked()
    {
        Assert.Equal(new Camlab.Onvif.Security.UserAccount("ops", "pw", Camlab.Onvif.Soap.UserLevel.Operator), UserOption.Parse("ops:pw:operator").ToAccount());
        Assert.Throws<ConfigurationException>(() => UserOption.Parse("ops:pw:Anonymous").ToAccount());
        Assert.Throws<ConfigurationException>(() => UserOption.Parse("ops").ToAccount());
        Assert.Throws<ConfigurationException>(() => new ServerOptions { Http = "127.0.0.1:99999" }.Validate());
    }

    [Fact]
    public void Forced_digital_inputs_are_checked_against_the_cameras_inputs()
    {
        new ServerOptions { ForcedConditions = ["DigitalInput_1=true", "DigitalInput_2=false", "VideoSource_1/ImageTooDark=true"] }.Validate();
        var unknown = Assert.Throws<ConfigurationException>(() => new ServerOptions { ForcedConditions = ["DigitalInput_3=true"] }.Validate()).Message;
        Assert.Equal("faults: $.forcedConditions[0]: 'DigitalInput_3=true': there is no digital input 'DigitalInput_3' (the camera has DigitalInput_1, DigitalInput_2)", unknown);
        var state = Assert.Throws<ConfigurationException>(() => new ServerOptions { ForcedConditions = ["DigitalInput_1=on"] }.Validate()).Message;
        Assert.Equal("faults: $.forcedConditions[0]: 'DigitalInput_1=on': a digital input is true or false, not 'on'", state);
        Assert.Contains("DigitalInput_1=true or DigitalInput_1=false",
            Assert.Throws<ConfigurationException>(() => new ServerOptions { ForcedConditions = ["DigitalInput_1"] }.Validate()).Message);
    }
}
