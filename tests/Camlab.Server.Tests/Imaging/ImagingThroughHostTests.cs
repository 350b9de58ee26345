using System.Xml;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Imaging;

/// <summary>
/// Imaging through the real host (Kestrel, WS-Security digest, fake clock): settings, focus motion, auto-focus once
/// after a PTZ move, and forced tampering conditions pulled from a PullPoint. Every answer validates.
/// </summary>
public class ImagingThroughHostTests
{
    private const string Img = "/onvif/imaging_service";
    private const string Source1 = "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<XmlElementPair> Focus(ServerHarness server)
    {
        var status = (await server.Ok(Img, Op("timg:GetStatus", Source1))).Find("FocusStatus20");
        return new(XmlConvert.ToDouble(status.Find("Position").Value), status.Find("MoveStatus").Value);
    }

    private sealed record XmlElementPair(double Position, string MoveStatus);

    [RequiresSharedFact]
    public async Task Settings_change_and_invalid_settings_change_nothing()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock);
        var options = (await server.Ok(Img, Op("timg:GetOptions", Source1))).Find("ImagingOptions");
        var max = XmlConvert.ToSingle(options.Find("Brightness").Find("Max").Value);

        await server.Ok(Img, Op("timg:SetImagingSettings", Source1 + "<timg:ImagingSettings><tt:Brightness>42</tt:Brightness></timg:ImagingSettings>"));
        var settings = await server.Ok(Img, Op("timg:GetImagingSettings", Source1));
        Assert.Equal(42, XmlConvert.ToSingle(settings.Find("Brightness").Value));

        Assert.Equal("env:Sender ter:InvalidArgVal ter:SettingsInvalid", await server.Fault(Img, Op("timg:SetImagingSettings", Source1 +
            $"<timg:ImagingSettings><tt:Brightness>10</tt:Brightness><tt:Contrast>{XmlConvert.ToString(max + 1000)}</tt:Contrast></timg:ImagingSettings>")));
        Assert.Equal(settings.ToString(), (await server.Ok(Img, Op("timg:GetImagingSettings", Source1))).ToString());
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoSource",
            await server.Fault(Img, Op("timg:GetImagingSettings", "<timg:VideoSourceToken>VideoSource_9</timg:VideoSourceToken>")));
    }

    [RequiresSharedFact]
    public async Task Focus_moves_over_time_and_auto_focus_OnceAfterMove_follows_the_end_of_a_PTZ_move()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock);
        var source = server.Host.Cameras[0].Imaging!.Imaging.Source("VideoSource_1");

        await server.Ok(Img, Op("timg:Move", Source1 + "<timg:Focus><tt:Absolute><tt:Position>0.2</tt:Position></tt:Absolute></timg:Focus>"));
        Assert.Equal("MOVING", (await Focus(server)).MoveStatus);
        clock.Advance(5);
        var arrived = await Focus(server);
        Assert.Equal("IDLE", arrived.MoveStatus);
        Assert.Equal(0.2, arrived.Position, 5);
        Assert.Equal("MANUAL", (await server.Ok(Img, Op("timg:GetImagingSettings", Source1))).Find("AutoFocusMode").Value);

        await server.Ok(Img, Op("timg:SetImagingSettings", Source1 +
            "<timg:ImagingSettings><tt:Focus AFMode=\"OnceAfterMove\"><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus></timg:ImagingSettings>"));
        clock.Advance(5);
        var before = (await Focus(server)).Position;
        // The in-focus position comes from the renderer: the depth of the scene at the centre of the view.
        Assert.Equal(source.Focus.InFocusPosition, before, 3);

        // A move down to the ground changes the in-focus distance; OnceAfterMove does not chase it while moving...
        await server.Ok("/onvif/ptz_service", Op("tptz:AbsoluteMove", P1 + "<tptz:Position><tt:PanTilt x=\"0.2\" y=\"-0.5\"/></tptz:Position>"));
        clock.Advance(0.2);
        Assert.Equal(before, (await Focus(server)).Position, 6);

        // ...but adjusts once when the PTZ move ends.
        clock.Advance(30);
        var after = await Focus(server);
        Assert.Equal("IDLE", after.MoveStatus);
        Assert.True(Math.Abs(after.Position - before) > 0.01, $"the ground view should focus nearer than {before}: {after.Position}");
        Assert.Equal(source.Focus.InFocusPosition, after.Position, 4);
    }

    [RequiresSharedFact]
    public async Task Forced_conditions_from_the_configuration_and_the_HTTP_switch_arrive_through_a_pull_point()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock, configure: o => o with { ForcedConditions = ["VideoSource_1/ImageTooDark=true"] });
        var subscription = await server.SubscribeAsync();
        var initial = await server.PullAsync(subscription);
        var dark = initial.Single(n => n.Topic() == "tns1:VideoSource/ImageTooDark/ImagingService" && n.Item("Source") == "VideoSource_1");
        Assert.Equal("Initialized", dark.Operation());
        Assert.Equal("true", dark.Item("State"));
        Assert.Contains(initial, n => n.Topic() == "tns1:VideoSource/SignalLoss" && n.Item("State") == "false");

        using var api = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var answer = await api.PostAsync("/api/v1/cameras/1/faults", FaultApiTests.Json("{\"set\": [\"VideoSource_2/SignalLoss=true\"]}"));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());

        var changed = Assert.Single(await server.PullAsync(subscription));
        Assert.Equal("tns1:VideoSource/SignalLoss", changed.Topic());
        Assert.Equal("Changed", changed.Operation());
        Assert.Equal("VideoSource_2", changed.Item("Source"));
        Assert.Equal("true", changed.Item("State"));
    }
}
