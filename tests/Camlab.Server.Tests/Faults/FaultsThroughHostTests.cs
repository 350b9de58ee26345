using System.Net;
using System.Text.Json;
using Camlab.Device.Events;
using Camlab.Server.Hosting;
using Camlab.Server.Tests.Imaging;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Faults;

/// <summary>Scheduled faults through the real host: set over the API, seen by a raw SOAP client, gone when cleared.</summary>
public class FaultsThroughHostTests
{
    private const string FaultsPath = "/api/v1/cameras/1/faults";
    private const string Ptz = "/onvif/ptz_service";

    private static async Task<JsonElement> Post(HttpClient admin, params string[] set)
    {
        var response = await admin.PostAsync(FaultsPath, FaultApiTests.Json(JsonSerializer.Serialize(new { set })));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> Listed(HttpClient admin) =>
        JsonDocument.Parse(await admin.GetStringAsync(FaultsPath)).RootElement.GetProperty("faults");

    private static async Task<(string PanTilt, string Zoom, string? Error)> Status(ServerHarness server)
    {
        var status = await server.Ok(Ptz, Op("tptz:GetStatus", P1));
        var move = status.Find("MoveStatus");
        var error = status.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error")?.Value;
        return (move.Find("PanTilt").Value, move.Find("Zoom").Value, error);
    }

    private static string AbsoluteMove(double x) =>
        Op("tptz:AbsoluteMove", P1 + $"<tptz:Position><tt:PanTilt x=\"{x}\" y=\"0\"/></tptz:Position>");

    [Fact]
    public async Task A_motor_stall_shows_unknown_and_its_error_in_get_status_refuses_moves_with_no_status_and_clears()
    {
        await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider());
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        Assert.Equal(("IDLE", "IDLE", null), await Status(server));

        var report = await Post(admin, "PtzNode_1/MotorStall=on;axis=pantilt;moves=refuse;error=pan gear jammed");
        var listed = Assert.Single(report.GetProperty("faults").EnumerateArray());
        Assert.Equal("PtzNode_1/MotorStall", listed.GetProperty("name").GetString());
        Assert.Equal("active", listed.GetProperty("state").GetString());
        Assert.Equal(("UNKNOWN", "IDLE", "pan gear jammed"), await Status(server));
        Assert.Equal("env:Receiver ter:Action ter:NoStatus", await server.Fault(Ptz, AbsoluteMove(0.5)));

        Assert.Empty((await Post(admin, "PtzNode_1/MotorStall=auto")).GetProperty("faults").EnumerateArray());
        Assert.Equal(("IDLE", "IDLE", null), await Status(server));
        await server.Ok(Ptz, AbsoluteMove(0.5));
    }

    [Fact]
    public async Task A_scheduled_fault_begins_and_ends_on_the_camera_clock_and_a_pull_point_sees_both()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ServerHarness.StartAsync(time: clock);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var subscription = await server.SubscribeAsync();
        await server.PullAsync(subscription);

        await Post(admin, "PtzNode_1/MoveStatusStuck=on;after=10s;for=5s");
        Assert.Equal("pending", (await Listed(admin))[0].GetProperty("state").GetString());
        Assert.Equal(("IDLE", "IDLE", null), await Status(server));

        clock.Advance(10);
        Assert.Equal("active", (await Listed(admin))[0].GetProperty("state").GetString());
        Assert.Equal(("MOVING", "MOVING", null), await Status(server));
        var began = Assert.Single((await server.PullAsync(subscription)).Where(m => m.Topic() == "tns1:Camlab/Fault"));
        Assert.Contains("PtzNode_1/MoveStatusStuck", began.ToString());
        Assert.Equal("true", began.Descendants().Single(e => e.Name.LocalName == "SimpleItem" && (string?)e.Attribute("Name") == "State").Attribute("Value")!.Value);

        clock.Advance(5);
        Assert.Equal("ended", (await Listed(admin))[0].GetProperty("state").GetString());
        Assert.Equal(("IDLE", "IDLE", null), await Status(server));
        var ended = Assert.Single((await server.PullAsync(subscription)).Where(m => m.Topic() == "tns1:Camlab/Fault"));
        Assert.Equal("false", ended.Descendants().Single(e => e.Name.LocalName == "SimpleItem" && (string?)e.Attribute("Name") == "State").Attribute("Value")!.Value);

        // GetEventProperties announces the topic.
        Assert.Contains("Fault", (await server.Ok("/onvif/event_service", Op("tev:GetEventProperties"))).ToString());
    }

    [Fact]
    public async Task Injected_failures_answer_their_http_status_only_for_the_service_and_operation_they_name()
    {
        await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider());
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var getStatus = Op("tptz:GetStatus", P1);
        var getNodes = Op("tptz:GetNodes");
        var deviceTime = Op("tds:GetSystemDateAndTime");

        await Post(admin, "ptz_service/Failure=on;answer=503");
        var unavailable = await server.CallAsync(getStatus, Ptz);
        Assert.Equal(503, unavailable.Status);
        Assert.Contains("injected fault", unavailable.Text);
        Assert.Equal(200, (await server.CallAsync(deviceTime)).Status);

        await Post(admin, "ptz_service/Failure=auto", "ptz_service/Failure=on;answer=500;operation=GetStatus");
        Assert.Equal(500, (await server.CallAsync(getStatus, Ptz)).Status);
        Assert.Equal(200, (await server.CallAsync(getNodes, Ptz)).Status);

        await Post(admin, "ptz_service/Failure=auto", "onvif/Failure=on;answer=soap");
        var fault = await server.CallAsync(deviceTime);
        Assert.Equal(500, fault.Status);
        Assert.Equal("env:Receiver ter:Action", fault.FaultCodes);
        OnvifSchemaValidator.AssertValid(fault.Text);

        await Post(admin, "onvif/Failure=auto", "onvif/Failure=on;answer=drop");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.CallAsync(deviceTime));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(FaultsPath)).StatusCode);
        await server.Ok(Ptz, getStatus);
        await server.Ok("/onvif/device_service", deviceTime);
    }

    [Fact]
    public async Task An_unresponsive_service_holds_requests_until_the_fault_is_cleared()
    {
        await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider());
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        await Post(admin, "ptz_service/Unresponsive=on");
        var network = server.Host.Cameras[0].Faults.Network;
        var held = server.CallAsync(Op("tptz:GetStatus", P1), Ptz);
        // Waits for the request to arrive (a real socket), not for simulated time.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (network.Held == 0 && !held.IsCompleted && DateTime.UtcNow < deadline) await Task.Yield();
        Assert.Equal(1, network.Held);
        Assert.False(held.IsCompleted);
        await server.Ok("/onvif/device_service", Op("tds:GetSystemDateAndTime")); // the other services answer

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(FaultsPath)).StatusCode);
        (await held).AssertOk();
        Assert.Equal(0, network.Held);
    }

    [Fact]
    public async Task A_bad_instruction_is_refused_with_its_field_and_nothing_changes()
    {
        await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider());
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        foreach (var (second, field, words) in new[]
                 {
                     ("PtzNode_1/SlowAxes=on;scale=7", "set[1]", "scale: 7 is outside 0.01..1"),
                     ("PtzNode_9/SlowAxes=on;scale=0.5", "set[1]", "target: no PTZ node 'PtzNode_9'"),
                     ("nvr_service/Latency=on;delay=1s", "set[1]", "target: no service 'nvr_service'"),
                     ("onvif/Latency=on", "set[1]", "delay: Latency needs delay"),
                     ("onvif/Failure=on;answer=418", "set[1]", "answer: '418' is not one of 500, 503, soap, drop"),
                     ("PtzNode_1/MoveStatusStuck=on;every=1m", "set[1]", "every: needs for"),
                     ("ptz_service/NotificationDrop=on", "set[1]", "target: NotificationDrop acts on the event service: give event_service"),
                 })
        {
            var response = await admin.PostAsync(FaultsPath, FaultApiTests.Json(JsonSerializer.Serialize(new { set = new[] { "PtzNode_1/HeadReboot=on", second } })));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal(field, body.GetProperty("field").GetString());
            Assert.Contains(words, body.GetProperty("error").GetString());
            Assert.Equal(0, (await Listed(admin)).GetArrayLength());
        }
        Assert.Equal(("IDLE", "IDLE", null), await Status(server));
    }

    [Fact]
    public async Task Configured_faults_apply_at_start_and_a_wrong_one_is_named_by_its_json_path()
    {
        await using (var server = await ServerHarness.StartAsync(time: new FakeTimeProvider(), configure: o => o with { Faults = ["PtzNode_1/HeadReboot=on;for=20s"] }))
        {
            Assert.Equal(("UNKNOWN", "UNKNOWN", "the PTZ head is restarting"), await Status(server));
        }

        var syntax = Assert.Throws<ConfigurationException>(() => new ServerOptions { Faults = ["PtzNode_1/HeadReboot=on", "PtzNode_1/SlowAxes=on"] }.Validate());
        Assert.Contains("$.faults[1]: 'PtzNode_1/SlowAxes=on': scale: SlowAxes needs scale", syntax.Message);
        var cli = Assert.Throws<ConfigurationException>(() => new ServerOptions { CommandLineFaults = ["onvif/Failure=on;share=2"] }.Validate());
        Assert.Contains("--fault 'onvif/Failure=on;share=2': ", cli.Message);

        // A target only the camera knows is checked when the camera is built: start-up fails with the path.
        var target = await Assert.ThrowsAsync<ConfigurationException>(() => ServerHarness.StartAsync(configure: o => o with { Faults = ["VideoSource_1/ImageTooDark=true", "PtzNode_7/HeadReboot=on"] }));
        Assert.StartsWith("$.faults[1]: ", target.Message);
    }

    [Fact]
    public async Task A_scheduled_notification_delay_holds_events_exactly_while_it_acts_and_its_begin_and_end_are_not_delayed()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ServerHarness.StartAsync(time: clock);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var subscription = await server.SubscribeAsync();
        await server.PullAsync(subscription);
        var camera = server.Host.Cameras[0];
        void Reached(string preset) => camera.Events.Publish(new EventMessage("PTZController/PTZPresets/Reached", clock.GetUtcNow(),
            [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", preset)]));
        // The fault's own begin/end and the presets reached; the camera's other events (its scene's motion) are not counted.
        async Task<List<string>> Pulled() =>
            (await server.PullAsync(subscription)).Where(m => m.Topic() is "tns1:Camlab/Fault" or "tns1:PTZController/PTZPresets/Reached")
                .Select(m => m.Topic() == "tns1:Camlab/Fault" ? "fault " + m.Item("State") : m.Item("PresetToken")!).ToList();

        await Post(admin, "event_service/NotificationDelay=on;delay=2s;after=10s;for=5s");
        Reached("Before");
        Assert.Equal(["Before"], await Pulled());

        clock.Advance(10);
        Reached("During");
        Assert.Equal(["fault true"], await Pulled());
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(await Pulled());
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["During"], await Pulled());

        Reached("Held when it ends");
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["Held when it ends", "fault false"], await Pulled());
        Reached("After");
        Assert.Equal(["After"], await Pulled());
        Assert.Equal("ended", (await Listed(admin))[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Dropped_notifications_and_an_early_expiry_set_over_the_api_act_until_cleared()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ServerHarness.StartAsync(time: clock);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var camera = server.Host.Cameras[0];
        void Reached(string preset) => camera.Events.Publish(new EventMessage("PTZController/PTZPresets/Reached", clock.GetUtcNow(),
            [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", preset)]));
        var subscription = await server.SubscribeAsync();
        await server.PullAsync(subscription);

        await Post(admin, "event_service/NotificationDrop=on;topic=tns1:PTZController");
        Reached("Lost");
        clock.Advance(60);
        // The camera's own events of that minute (its scene's motion, say) come through: the filter drops PTZController only.
        const string PresetReached = "tns1:PTZController/PTZPresets/Reached";
        var faultOnly = await server.PullAsync(subscription);
        Assert.Contains("tns1:Camlab/Fault", faultOnly.Select(m => m.Topic()));
        Assert.DoesNotContain(PresetReached, faultOnly.Select(m => m.Topic()));
        await Post(admin, "event_service/NotificationDrop=auto");
        Reached("Kept");
        Assert.Equal(["Kept"], (await server.PullAsync(subscription)).Where(m => m.Topic() == PresetReached).Select(m => m.Item("PresetToken")));

        await Post(admin, "event_service/SubscriptionExpiry=on;lifetime=5s");
        clock.Advance(TimeSpan.FromSeconds(4.9));
        await server.PullAsync(subscription);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        const string Pull = "<tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit>";
        Assert.Equal("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault", await server.Fault(subscription, Op("tev:PullMessages", Pull)));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(FaultsPath)).StatusCode);
        var fresh = await server.SubscribeAsync();
        clock.Advance(60);
        await server.PullAsync(fresh);
    }
}
