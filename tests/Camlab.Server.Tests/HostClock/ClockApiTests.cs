using System.Net;
using System.Text.Json;
using Camlab.Server.Hosting;
using Camlab.Server.HostClock;
using Camlab.Server.Tests.Imaging;

namespace Camlab.Server.Tests.HostClock;

/// <summary><c>/api/v1/clock</c>: Digest, Administrator to move, every key checked before any applies, 409 on the system clock.</summary>
public class ClockApiTests
{
    private const string Clock = "/api/v1/clock";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static Task<ServerHarness> Manual() => ServerHarness.StartAsync(configure: o => o with
    {
        Clock = new ClockOptions { Mode = "manual", Start = "2026-03-01T08:00:00Z" },
        Users = [.. o.Users, new() { Name = "op", Password = "op-pw", Level = "Operator" }],
    });

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Get_reports_the_manual_clock_and_post_moves_it()
    {
        await using var server = await Manual();
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var state = await Json(await admin.GetAsync(Clock), HttpStatusCode.OK);
        Assert.Equal("manual", state.GetProperty("mode").GetString());
        Assert.Equal("2026-03-01T08:00:00.0000000Z", state.GetProperty("now").GetString());
        Assert.True(state.GetProperty("paused").GetBoolean());
        Assert.Same(server.Host.ManualClock, server.Host.Cameras[0].Time);

        state = await Json(await admin.PostAsync(Clock, FaultApiTests.Json("{\"advance\":\"PT10.5S\"}")), HttpStatusCode.OK);
        Assert.Equal("2026-03-01T08:00:10.5000000Z", state.GetProperty("now").GetString());
        // An instant with an offset; a rate; all in one body.
        state = await Json(await admin.PostAsync(Clock, FaultApiTests.Json("{\"set\":\"2026-03-01T10:00:00+01:00\", \"rate\": 4}")), HttpStatusCode.OK);
        Assert.Equal("2026-03-01T09:00:00.0000000Z", state.GetProperty("now").GetString());
        Assert.Equal(4, state.GetProperty("rate").GetDouble());
        Assert.True(state.GetProperty("paused").GetBoolean());
        Assert.Equal(Start.AddHours(1), server.Host.Cameras[0].Clock.GetUtcNow());

        // One bad key, nothing changes; the error names the key.
        foreach (var (body, says) in new[]
                 {
                     ("{\"set\":\"2026-03-01T08:59:59Z\"}", "$.set"),
                     ("{\"set\":\"2026-03-01T10:00:00\"}", "$.set"),
                     ("{\"advance\":\"-PT1S\"}", "$.advance"),
                     ("{\"advance\":\"P1M\"}", "$.advance"),
                     ("{\"advance\":\"ten seconds\"}", "$.advance"),
                     ("{\"advance\":\"PT1S\", \"rate\": 0}", "$.rate"),
                     ("{\"advance\":\"PT1S\", \"rate\": 5000}", "$.rate"),
                     ("{\"pause\":true, \"resume\":true}", "$.pause"),
                     ("{\"pause\":false}", "$.pause"),
                     ("{\"advance\":\"PT1S\", \"jump\": 1}", "jump"),
                     ("{}", "no change"),
                     ("not json", "not a clock request"),
                 })
        {
            var error = await Json(await admin.PostAsync(Clock, FaultApiTests.Json(body)), HttpStatusCode.BadRequest);
            Assert.Contains(says, error.GetProperty("error").GetString());
            Assert.Equal(Start.AddHours(1), server.Host.ManualClock!.GetUtcNow());
            Assert.Equal(4, server.Host.ManualClock.Rate);
        }

        state = await Json(await admin.PostAsync(Clock, FaultApiTests.Json("{\"resume\":true}")), HttpStatusCode.OK);
        Assert.False(state.GetProperty("paused").GetBoolean());
        state = await Json(await admin.PostAsync(Clock, FaultApiTests.Json("{\"pause\":true}")), HttpStatusCode.OK);
        Assert.True(state.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Moving_needs_an_administrator_reading_any_user()
    {
        await using var server = await Manual();
        var anonymous = await server.Client.PostAsync(Clock, FaultApiTests.Json("{\"advance\":\"PT1S\"}"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Digest");
        using (var op = FaultApiTests.Client(server, "op", "op-pw"))
        {
            var refused = await Json(await op.PostAsync(Clock, FaultApiTests.Json("{\"advance\":\"PT1S\"}")), HttpStatusCode.Forbidden);
            Assert.Contains("Administrator", refused.GetProperty("error").GetString());
        }
        using (var viewer = FaultApiTests.Client(server, "viewer", ServerHarness.ViewerPassword))
            await Json(await viewer.GetAsync(Clock), HttpStatusCode.OK);
        using (var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword))
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PutAsync(Clock, FaultApiTests.Json("{}"))).StatusCode);
        Assert.Equal(Start, server.Host.ManualClock!.GetUtcNow());
    }

    [Fact]
    public async Task On_the_system_clock_a_move_is_409_and_says_why()
    {
        await using var server = await ServerHarness.StartAsync();
        Assert.Null(server.Host.ManualClock);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var refused = await Json(await admin.PostAsync(Clock, FaultApiTests.Json("{\"advance\":\"PT1S\"}")), HttpStatusCode.Conflict);
        Assert.Contains("the clock is the system's", refused.GetProperty("error").GetString());
        Assert.Equal("system", (await Json(await admin.GetAsync(Clock), HttpStatusCode.OK)).GetProperty("mode").GetString());
    }

    [Fact]
    public void The_configuration_names_the_path_of_a_bad_clock_or_seed()
    {
        var dir = Directory.CreateTempSubdirectory("camlab-clock-config").FullName;
        try
        {
            var file = Path.Combine(dir, "c.json");
            File.WriteAllText(file, "{ \"clock\": { \"mode\": \"manual\", \"start\": \"2026-01-01T00:00:00Z\" }, \"seed\": 42 }");
            var loaded = ServerOptions.Load(file);
            Assert.True(loaded.Clock.IsManual);
            Assert.Equal(42, loaded.Seed);
            loaded.Validate();

            Assert.Contains("$.clock.mode", Assert.Throws<ConfigurationException>(() => new ServerOptions { Clock = new ClockOptions { Mode = "sundial" } }.Validate()).Message);
            Assert.Contains("$.clock.start", Assert.Throws<ConfigurationException>(() => new ServerOptions { Clock = new ClockOptions { Mode = "manual", Start = "yesterday" } }.Validate()).Message);
            Assert.Contains("$.clock.start", Assert.Throws<ConfigurationException>(() => new ServerOptions { Clock = new ClockOptions { Start = "2026-01-01T00:00:00Z" } }.Validate()).Message);
            File.WriteAllText(file, "{ \"seed\": \"forty-two\" }");
            Assert.Contains("$.seed", Assert.Throws<ConfigurationException>(() => ServerOptions.Load(file)).Message);
            File.WriteAllText(file, "{ \"clock\": { \"tick\": 1 } }");
            Assert.Contains("tick", Assert.Throws<ConfigurationException>(() => ServerOptions.Load(file)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
