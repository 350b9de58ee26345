using System.Globalization;
using Camlab.Device.Ptz.Geo;
using Camlab.Server.Hosting;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Ptz;

/// <summary>
/// PTZ through <c>camlab serve</c>'s host: Kestrel on a free port, WS-Security digest, the host's clock a
/// <see cref="FakeTimeProvider"/> so motion is advanced, never waited for. Every answer validates against the schemas.
/// </summary>
public class PtzThroughHostTests
{
    private const string Ptz = "/onvif/ptz_service";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Generic(double x, double y) =>
        string.Create(CultureInfo.InvariantCulture, $"<tt:PanTilt x=\"{x}\" y=\"{y}\"/>");

    private static async Task<(string PanTilt, float X, float Y)> Status(ServerHarness server)
    {
        var status = await server.Ok(Ptz, Op("tptz:GetStatus", P1));
        var panTilt = status.Find("Position").Element(Tt + "PanTilt")!;
        return (status.Find("MoveStatus").Element(Tt + "PanTilt")!.Value, panTilt.F("x"), panTilt.F("y"));
    }

    [RequiresSharedFact]
    public async Task ContinuousMove_GetStatus_Stop_and_a_preset_set_left_and_recalled_with_its_events()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock);
        var subscription = await server.SubscribeAsync();

        await server.Ok(Ptz, Op("tptz:ContinuousMove", P1 + "<tptz:Velocity>" + Generic(0.5, 0) + "</tptz:Velocity><tptz:Timeout>PT10S</tptz:Timeout>"));
        clock.Advance(2);
        var moving = await Status(server);
        Assert.Equal("MOVING", moving.PanTilt);
        Assert.True(moving.X > 0.05, $"pan {moving.X} after 2 s at half speed");
        await server.Ok(Ptz, Op("tptz:Stop", P1));
        clock.Advance(5);
        var stopped = await Status(server);
        Assert.Equal("IDLE", stopped.PanTilt);
        clock.Advance(5);
        Assert.Equal(stopped.X, (await Status(server)).X);

        var token = (await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>Gate</tptz:PresetName>"))).Find("PresetToken").Value;
        await server.Ok(Ptz, Op("tptz:AbsoluteMove", P1 + "<tptz:Position>" + Generic(-0.5, -0.3) + "</tptz:Position>"));
        clock.Advance(30);
        var away = await Status(server);
        Assert.Equal(-0.5f, away.X, 4);
        await server.Ok(Ptz, Op("tptz:GotoPreset", P1 + $"<tptz:PresetToken>{token}</tptz:PresetToken>"));
        clock.Advance(30);
        var back = await Status(server);
        Assert.Equal(stopped.X, back.X, 4);
        Assert.Equal(stopped.Y, back.Y, 4);
        var presets = await server.Ok(Ptz, Op("tptz:GetPresets", P1));
        Assert.Contains(presets.Descendants(), e => e.Name.LocalName == "Name" && e.Value == "Gate");

        var presetEvents = (await server.PullAsync(subscription)).Where(n => n.Topic().Contains("PTZPresets/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["tns1:PTZController/PTZPresets/Invoked", "tns1:PTZController/PTZPresets/Reached"], presetEvents.Select(n => n.Topic()));
        Assert.All(presetEvents, n => Assert.Equal("PtzConfig_1", n.Item("PTZConfigurationToken")));
        Assert.All(presetEvents, n => Assert.Equal(token, n.Item("PresetToken")));

        // Leaving the preset is announced too.
        await server.Ok(Ptz, Op("tptz:RelativeMove", P1 + "<tptz:Translation>" + Generic(0.1, 0) + "</tptz:Translation>"));
        clock.Advance(10);
        Assert.Contains("tns1:PTZController/PTZPresets/Left", (await server.PullAsync(subscription)).Select(n => n.Topic()));
    }

    [RequiresSharedFact]
    public async Task A_tour_started_with_OperatePresetTour_travels_announces_itself_with_an_element_item_and_a_client_move_ends_it()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock);
        var subscription = await server.SubscribeAsync();
        var dome = server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!;

        var a = (await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>A</tptz:PresetName>"))).Find("PresetToken").Value;
        await server.Ok(Ptz, Op("tptz:AbsoluteMove", P1 + "<tptz:Position>" + Generic(0.5, 0) + "</tptz:Position>"));
        clock.Advance(30);
        var b = (await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>B</tptz:PresetName>"))).Find("PresetToken").Value;

        var tour = (await server.Ok(Ptz, Op("tptz:CreatePresetTour", P1))).Find("PresetTourToken").Value;
        await server.Ok(Ptz, Op("tptz:ModifyPresetTour", P1 +
            $"<tptz:PresetTour token=\"{tour}\"><tt:Name>Yard</tt:Name><tt:Status><tt:State>Idle</tt:State></tt:Status><tt:AutoStart>false</tt:AutoStart><tt:StartingCondition/>" +
            $"<tt:TourSpot><tt:PresetDetail><tt:PresetToken>{a}</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT2S</tt:StayTime></tt:TourSpot>" +
            $"<tt:TourSpot><tt:PresetDetail><tt:PresetToken>{b}</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT2S</tt:StayTime></tt:TourSpot>" +
            "</tptz:PresetTour>"));
        await server.Ok(Ptz, Op("tptz:OperatePresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken><tptz:Operation>Start</tptz:Operation>"));
        Assert.Equal("Touring", (await server.Ok(Ptz, Op("tptz:GetPresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken>"))).Find("State").Value);

        // The tour goes to A (pan 0°), stays, then returns to B (pan 90°) on its own.
        clock.Advance(30);
        Assert.Equal(0, dome.CurrentPose.Pan, 3);
        clock.Advance(2.5);
        Assert.False(dome.IsIdle);
        clock.Advance(30);
        Assert.Equal(90, dome.CurrentPose.Pan, 3);

        var configuration = (await server.PullAsync(subscription)).Where(n => n.Topic() == "tns1:PTZController/PTZPresetTours/Configuration").ToList();
        Assert.NotEmpty(configuration);
        Assert.All(configuration, n =>
        {
            Assert.Equal("Profile_1", n.Item("ProfileToken"));
            var element = n.Descendants().Single(e => e.Name == Tt + "ElementItem");
            Assert.Equal("PresetTour", element.Attribute("Name")!.Value);
            Assert.Equal(tour, element.Element(Tt + "PresetTour")!.Attribute("token")!.Value);
        });
        Assert.Contains(configuration, n => n.Item("StateChange") == "true" && n.Find("State").Value == "Touring");

        await server.Ok(Ptz, Op("tptz:ContinuousMove", P1 + "<tptz:Velocity>" + Generic(0.2, 0) + "</tptz:Velocity><tptz:Timeout>PT1S</tptz:Timeout>"));
        Assert.Equal("Idle", (await server.Ok(Ptz, Op("tptz:GetPresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken>"))).Find("State").Value);
    }

    [RequiresSharedFact]
    public async Task GeoMove_aims_from_the_configured_placement_and_without_one_answers_GeoLocationUnknown()
    {
        var camera = new GeoLocation(47.3769, 8.5417, 500);
        var clock = new FakeTimeProvider(Start);
        await using (var server = await ServerHarness.StartAsync(time: clock, configure: o => o with
        {
            Camera = new CameraOptions { Geolocation = new GeolocationOption { Latitude = camera.Latitude, Longitude = camera.Longitude, Altitude = camera.Elevation }, Yaw = 30 },
        }))
        {
            var target = Wgs84.FromEnu(camera, 100, 0, -100); // due east, 100 m away, 100 m lower
            await server.Ok(Ptz, Op("tptz:GeoMove", P1 + string.Create(CultureInfo.InvariantCulture,
                $"<tptz:Target lat=\"{target.Latitude:R}\" lon=\"{target.Longitude:R}\" elevation=\"{target.Elevation:R}\"/>")));
            clock.Advance(30);
            var pose = server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!.CurrentPose;
            Assert.Equal(60, pose.Pan, 3);   // bearing 90° seen from a mount whose 0° pan points at 30°
            Assert.Equal(-45, pose.Tilt, 1);
            var node = await server.Ok(Ptz, Op("tptz:GetNode", "<tptz:NodeToken>PtzNode_1</tptz:NodeToken>"));
            Assert.Equal("true", node.Find("PTZNode").Attribute("GeoMove")?.Value);
            Assert.Equal("PresetToken GeoLocation PTZVector ObjectID",
                (await server.Ok(Ptz, Op("tptz:GetServiceCapabilities"))).Find("Capabilities").Attribute("MoveAndTrack")?.Value);

            // MoveAndStartTracking by geolocation takes the same way; an ObjectID the scene lacks is refused.
            var north = Wgs84.FromEnu(camera, 0, 200, -200);
            await server.Ok(Ptz, Op("tptz:MoveAndStartTracking", P1 + string.Create(CultureInfo.InvariantCulture,
                $"<tptz:GeoLocation lat=\"{north.Latitude:R}\" lon=\"{north.Longitude:R}\" elevation=\"{north.Elevation:R}\"/>")));
            clock.Advance(30);
            Assert.Equal(-30, server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!.CurrentPose.Pan, 3);
            Assert.Equal("env:Sender ter:InvalidArgVal ter:NoObject",
                await server.Fault(Ptz, Op("tptz:MoveAndStartTracking", P1 + "<tptz:ObjectID>42</tptz:ObjectID>")));
        }

        // The default OPF document places the camera; a --camera document whose capture has no geolocation does not.
        using var folder = new TempFolder("camlab-unplaced-");
        var json = System.Text.Encoding.UTF8.GetString(Camlab.Server.Optics.CameraOptics.DefaultDocumentBytes());
        var start = json.IndexOf("\"geolocation\"", StringComparison.Ordinal);
        var unplacedDocument = folder.Write("unplaced.json", json.Remove(start, json.IndexOf("\"orientation\"", StringComparison.Ordinal) - start));
        await using var unplaced = await ServerHarness.StartAsync(time: clock, configure: o => o with { Camera = new CameraOptions { Opf = unplacedDocument } });
        Assert.Equal("env:Sender ter:InvalidArgVal ter:GeoLocationUnknown",
            await unplaced.Fault(Ptz, Op("tptz:GeoMove", P1 + "<tptz:Target lat=\"47.4\" lon=\"8.5\" elevation=\"400\"/>")));
    }

    [RequiresSharedFact]
    public async Task SystemReboot_stops_motion_restarts_the_AutoStart_tour_and_reloads_imaging()
    {
        var clock = new FakeTimeProvider(Start);
        var rebooted = new TaskCompletionSource();
        await using var server = await ServerHarness.StartAsync(time: clock);
        server.Host.Cameras[0].Rebooted += _ => rebooted.TrySetResult();
        var ptz = server.Host.Cameras[0].Ptz!;
        var a = (await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>A</tptz:PresetName>"))).Find("PresetToken").Value;
        var tour = (await server.Ok(Ptz, Op("tptz:CreatePresetTour", P1))).Find("PresetTourToken").Value;
        await server.Ok(Ptz, Op("tptz:ModifyPresetTour", P1 +
            $"<tptz:PresetTour token=\"{tour}\"><tt:Status><tt:State>Idle</tt:State></tt:Status><tt:AutoStart>true</tt:AutoStart><tt:StartingCondition/>" +
            $"<tt:TourSpot><tt:PresetDetail><tt:PresetToken>{a}</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT5S</tt:StayTime></tt:TourSpot></tptz:PresetTour>"));
        Assert.Equal("Idle", (await server.Ok(Ptz, Op("tptz:GetPresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken>"))).Find("State").Value);

        await server.Ok(Ptz, Op("tptz:ContinuousMove", P1 + "<tptz:Velocity>" + Generic(1, 0) + "</tptz:Velocity><tptz:Timeout>PT60S</tptz:Timeout>"));
        clock.Advance(1);
        var engineBefore = ptz.Tours("PtzNode_1");
        // Imaging reloads too: a stalled focus motor comes back, the persisted settings stay.
        await server.Ok("/onvif/imaging_service", Op("timg:SetImagingSettings",
            "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken><timg:ImagingSettings><tt:Brightness>33</tt:Brightness></timg:ImagingSettings>"));
        server.Host.Cameras[0].Imaging!.Faults.Apply("VideoSource_1/FocusMotor=jammed");
        Assert.Equal("UNKNOWN", (await server.Ok("/onvif/imaging_service", Op("timg:GetStatus",
            "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>"))).Find("MoveStatus").Value);
        await server.Ok("/onvif/device_service", Op("tds:SystemReboot"));
        await rebooted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotSame(engineBefore, ptz.Tours("PtzNode_1"));
        var focus = await server.Ok("/onvif/imaging_service", Op("timg:GetStatus", "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>"));
        Assert.NotEqual("UNKNOWN", focus.Find("MoveStatus").Value);
        Assert.Equal("33", (await server.Ok("/onvif/imaging_service", Op("timg:GetImagingSettings",
            "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>"))).Find("Brightness").Value);
        Assert.Equal("Touring", (await server.Ok(Ptz, Op("tptz:GetPresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken>"))).Find("State").Value);
        // The continuous move died with the reboot: the tour brings the dome back to A and stays there.
        clock.Advance(30);
        Assert.Equal(0, ptz.Device.FindNode("PtzNode_1")!.CurrentPose.Pan, 3);
        Assert.Equal("IDLE", (await Status(server)).PanTilt);
    }

    [Fact]
    public async Task Shutdown_disposes_tours_before_the_nodes_and_nothing_runs_afterwards()
    {
        var clock = new FakeTimeProvider(Start);
        var server = await ServerHarness.StartAsync(time: clock);
        var camera = server.Host.Cameras[0];
        var dome = camera.Ptz!.Device.FindNode("PtzNode_1")!;
        var a = dome.SetPreset(null, "A");
        dome.AbsoluteMove(new Camlab.Device.Ptz.PtzVector(new Camlab.Device.Ptz.PanTiltVector(90, 0, Camlab.Device.Ptz.PtzSpaces.PanTiltPositionDegrees), null));
        clock.Advance(30);
        var b = dome.SetPreset(null, "B");
        var tours = camera.Ptz.Tours("PtzNode_1")!;
        var token = tours.CreatePresetTour();
        var tour = tours.GetPresetTour(token).Tour;
        tours.ModifyPresetTour(tour with
        {
            Spots = [Camlab.Device.Ptz.Tours.TourSpot.AtPreset(a, stayTime: TimeSpan.FromSeconds(1)), Camlab.Device.Ptz.Tours.TourSpot.AtPreset(b, stayTime: TimeSpan.FromSeconds(1))],
        });
        tours.OperatePresetTour(token, Camlab.Device.Ptz.Tours.PresetTourOperation.Start);
        clock.Advance(5);
        Assert.Equal(Camlab.Device.Ptz.Tours.PresetTourState.Touring, tours.GetPresetTour(token).Status.State);

        var after = new List<string>();
        await server.DisposeAsync();
        using var listener = camera.Events.Subscribe(m => { lock (after) after.Add(m.Topic); });
        clock.Advance(120);                        // every timer of the camera would have fired many times
        Assert.Empty(after);                       // no tour step, no MoveFinished-driven event, no focus or alarm change
        Assert.Null(camera.Ptz.Tours("PtzNode_1"));
    }
}
