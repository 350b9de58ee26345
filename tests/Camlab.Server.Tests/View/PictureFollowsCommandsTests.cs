using Camlab.Device.Events;
using Camlab.Device.Imaging;
using Camlab.Device.Ptz;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Tests.Streaming;
using Camlab.Server.View;
using Camlab.Testing;
using Camlab.VideoChannel;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.View;

/// <summary>
/// Through the real host on the fake clock: every PTZ and Imaging command a client sends changes the snapshot the
/// way the renderer predicts, fault injection reaches the frame headers, and the analysis shares the alarms' state.
/// </summary>
public class PictureFollowsCommandsTests
{
    private const string Ptz = "/onvif/ptz_service";
    private const string Img = "/onvif/imaging_service";
    private const string Source1 = "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>";

    private static DomainViewState State(StreamingRig rig) => Assert.IsType<DomainViewState>(rig.Server.Host.Cameras[0].Video!.Hub.State);

    /// <summary>The next rendered 640×360 frame of VideoSource_1 (Profile_2), decoded.</summary>
    private static async Task<RgbImage> Snapshot(StreamingRig rig)
    {
        var jpeg = await rig.Pump(rig.Client.GetByteArrayAsync("/snapshot/Profile_2.jpg"));
        using var decoder = new JpegDecoder();
        return decoder.Decode(jpeg);
    }

    private static Task Move(StreamingRig rig, double panDeg, double tiltDeg, double? zoomMm = null) =>
        rig.Server.Ok(Ptz, Op("tptz:AbsoluteMove", P1 + "<tptz:Position>" +
            FormattableString.Invariant($"<tt:PanTilt x=\"{panDeg}\" y=\"{tiltDeg}\" space=\"{PtzSpaces.PanTiltPositionDegrees}\"/>") +
            (zoomMm is { } z ? FormattableString.Invariant($"<tt:Zoom x=\"{z}\" space=\"{PtzSpaces.ZoomPositionMillimeter}\"/>") : "") +
            "</tptz:Position>"));

    private static Task SetImaging(StreamingRig rig, string settings) =>
        rig.Server.Ok(Img, Op("timg:SetImagingSettings", Source1 + "<timg:ImagingSettings>" + settings + "</timg:ImagingSettings>"));

    /// <summary>What the renderer draws for the state as it is now (noise and moving objects aside).</summary>
    private static RgbImage Predicted(StreamingRig rig)
    {
        var state = State(rig);
        var renderer = rig.Server.Host.Cameras[0].Video!.Renderer;
        return renderer.Render(new RenderRequest(state.CurrentOptics("VideoSource_1"), state.CurrentPose("VideoSource_1"), 640, 360)
        {
            Window = state.CurrentWindow("VideoSource_1"),
            Imaging = state.CurrentImaging("VideoSource_1"),
        });
    }

    [RequiresSharedFact]
    public async Task Pan_by_90_degrees_turns_the_picture_as_the_renderer_predicts()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        await Move(rig, 0, 0);
        rig.Time.Advance(20);
        var before = await Snapshot(rig);
        Assert.True(MotionMeasure.MeanAbsoluteDifference(Predicted(rig), before) < 6, "the picture at pan 0 is the renderer's");

        await Move(rig, 90, 0);
        rig.Time.Advance(20);
        var pose = State(rig).CurrentPose("VideoSource_1");
        Assert.Equal(90, pose.PanDeg, 3);
        var after = await Snapshot(rig);
        var turned = MotionMeasure.MeanAbsoluteDifference(before, after);
        var predicted = MotionMeasure.MeanAbsoluteDifference(Predicted(rig), after);
        Assert.True(turned > 4 * predicted && predicted < 6, $"pan +90: differs from pan 0 by {turned}, from the prediction by {predicted}");
    }

    [RequiresSharedFact]
    public async Task Zoom_narrows_the_field_of_view_as_the_lens_predicts()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var lens = ((DomeGeometry)rig.Server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!.Geometry).Lens;
        await Move(rig, 0, -10, lens.FocalMinMm);
        rig.Time.Advance(30);
        var wideFov = HorizontalFov(State(rig).CurrentOptics("VideoSource_1"));
        var wide = await Snapshot(rig);

        await Move(rig, 0, -10, 4 * lens.FocalMinMm);
        rig.Time.Advance(30);
        var teleFov = HorizontalFov(State(rig).CurrentOptics("VideoSource_1"));
        Assert.Equal(lens.HorizontalFov(lens.FocalMinMm), wideFov, 1);
        Assert.Equal(lens.HorizontalFov(4 * lens.FocalMinMm), teleFov, 1);
        Assert.True(teleFov < wideFov / 3.5);

        // Measured on the pictures: the centre quarter of the wide picture, enlarged 4×, looks like the tele picture.
        var tele = await Snapshot(rig);
        double Centre(int x, int y) => Luma(wide, 320 + (x - 320) / 4, 180 + (y - 180) / 4);
        double sameDiff = 0, wideDiff = 0;
        for (var y = 40; y < 320; y += 8)
            for (var x = 40; x < 600; x += 8)
            {
                sameDiff += Math.Abs(Luma(tele, x, y) - Centre(x, y));
                wideDiff += Math.Abs(Luma(tele, x, y) - Luma(wide, x, y));
            }
        Assert.True(sameDiff < wideDiff * 0.6, $"tele vs 4× centre of wide: {sameDiff}; tele vs wide: {wideDiff}");
    }

    [RequiresSharedFact]
    public async Task Brightness_raises_and_IR_cut_off_removes_colour()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        rig.Time.Advance(5);
        var normal = FrameStatistics.Compute(await Snapshot(rig));

        await SetImaging(rig, "<tt:Brightness>85</tt:Brightness>");
        var bright = FrameStatistics.Compute(await Snapshot(rig));
        Assert.True(bright.MeanLuma > normal.MeanLuma + 20, $"brightness 85: mean luma {bright.MeanLuma} vs {normal.MeanLuma}");

        Assert.True(normal.MeanChroma > 8, $"the day picture has colour: {normal.MeanChroma}");
        await SetImaging(rig, "<tt:IrCutFilter>OFF</tt:IrCutFilter>");
        var night = FrameStatistics.Compute(await Snapshot(rig));
        Assert.True(night.MeanChroma < 2, $"IR cut filter OFF is monochrome: chroma {night.MeanChroma}");
    }

    [RequiresSharedFact]
    public async Task IR_cut_AUTO_follows_the_ambient_light_and_the_IR_lamp_lights_the_near_field_at_night()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        await Move(rig, 0, -60);
        rig.Time.Advance(20);
        Assert.False(State(rig).CurrentImaging("VideoSource_1").NightMode); // AUTO by day
        State(rig).AmbientLight = 0.01;
        Assert.True(State(rig).CurrentImaging("VideoSource_1").NightMode);  // AUTO at night
        var dark = FrameStatistics.Compute(await Snapshot(rig));

        await rig.Server.Ok(Ptz, Op("tptz:SendAuxiliaryCommand", P1 + "<tptz:AuxiliaryData>tt:IRLamp|On</tptz:AuxiliaryData>"));
        var lit = FrameStatistics.Compute(await Snapshot(rig));
        Assert.True(lit.MeanLuma > dark.MeanLuma + 30, $"IR lamp on the ground below: {lit.MeanLuma} vs {dark.MeanLuma}");

        // By day (IR cut AUTO back to day) the filter blocks the lamp: the picture is the day picture again.
        State(rig).AmbientLight = 1;
        Assert.False(State(rig).CurrentImaging("VideoSource_1").NightMode);
    }

    [RequiresSharedFact]
    public async Task A_monostable_relay_wired_to_the_IR_lamp_lights_the_near_field_until_its_delay_ends()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        const string DeviceIo = "/onvif/deviceio_service";
        await Move(rig, 0, -20); // the ground near the camera at the bottom of the picture
        rig.Time.Advance(20);
        State(rig).AmbientLight = 0.01; // night: IR cut AUTO takes the filter out
        double NearField(RgbImage image) => FrameStatistics.Compute(Half(image, top: false)).MeanLuma;
        var dark = NearField(await Snapshot(rig));

        await rig.Server.Ok(DeviceIo, "<SetRelayOutputSettings xmlns=\"http://www.onvif.org/ver10/deviceIO/wsdl\"><RelayOutput token=\"RelayOutput_1\">" +
            "<Properties xmlns=\"http://www.onvif.org/ver10/schema\"><Mode>Monostable</Mode><DelayTime>PT10S</DelayTime><IdleState>open</IdleState></Properties>" +
            "</RelayOutput></SetRelayOutputSettings>");
        await rig.Server.Ok(DeviceIo, "<SetRelayOutputState xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><RelayOutputToken>RelayOutput_1</RelayOutputToken>" +
            "<LogicalState>active</LogicalState></SetRelayOutputState>");
        rig.Time.Advance(1);
        Assert.True(rig.Server.Host.Cameras[0].Io.Relays[0].Active);
        var lit = NearField(await Snapshot(rig));
        Assert.True(lit > dark + 30, $"relay active, IR lamp on: near field mean luma {lit} vs {dark}");

        rig.Time.Advance(10); // the monostable delay ends on the camera clock: the relay returns to idle, the lamp goes off
        Assert.False(rig.Server.Host.Cameras[0].Io.Relays[0].Active);
        var after = NearField(await Snapshot(rig));
        Assert.True(Math.Abs(after - dark) < 10, $"lamp off again: near field mean luma {after} vs {dark}");
    }

    private static RgbImage Half(RgbImage image, bool top)
    {
        var half = new RgbImage(image.Width, image.Height / 2);
        var rowBytes = image.Width * 3;
        image.Pixels.AsSpan((top ? 0 : image.Height - half.Height) * rowBytes, half.Height * rowBytes).CopyTo(half.Pixels);
        return half;
    }

    [RequiresSharedFact]
    public async Task Defocus_lowers_the_focus_measure_and_auto_focus_restores_it()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var lens = ((DomeGeometry)rig.Server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!.Geometry).Lens;
        await Move(rig, 0, -30, 4 * lens.FocalMinMm); // zoomed in: less depth of field
        rig.Time.Advance(30); // continuous auto-focus (the factory setting) settles on the ground
        var sharp = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));

        await rig.Server.Ok(Img, Op("timg:Move", Source1 + "<timg:Focus><tt:Absolute><tt:Position>0</tt:Position></tt:Absolute></timg:Focus>"));
        rig.Time.Advance(5);
        var blurred = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));
        Assert.True(blurred < sharp * 0.5, $"focus at the nearest distance: {blurred} vs sharp {sharp}");

        await SetImaging(rig, "<tt:Focus><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus>");
        rig.Time.Advance(10);
        var restored = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));
        Assert.True(restored > sharp * 0.8, $"auto-focus: {restored} vs sharp {sharp}");
    }

    [RequiresSharedFact]
    public async Task Forced_SignalLoss_sets_CameraConnectionLost_in_the_frames()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.Equal(0u, (uint)(StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost));

        rig.Server.Host.Cameras[0].Imaging!.Faults.Apply("VideoSource_1/SignalLoss=true");
        FrameHeader header;
        var frames = 0;
        do header = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
        while ((header.LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost) == 0 && ++frames < 50);
        Assert.True((header.LiveInfo!.Value.ChangedFlags & LiveFlags.CameraConnectionLost) != 0);

        rig.Server.Host.Cameras[0].Imaging!.Faults.Apply("VideoSource_1/SignalLoss=auto");
        do header = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
        while ((header.LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost) != 0 && ++frames < 100);
        Assert.True(frames < 100, "the connection came back");
    }

    [RequiresSharedFact]
    public async Task The_analysis_reports_through_the_imaging_alarms_one_event_per_transition()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var camera = rig.Server.Host.Cameras[0];
        var messages = new List<EventMessage>();
        using var listen = camera.Events.Subscribe(m => { lock (messages) messages.Add(m); });
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 10 });

        // A closed iris and the shortest exposure: the analysis finds the picture too dark.
        await SetImaging(rig, "<tt:Brightness>0</tt:Brightness><tt:Exposure><tt:Mode>MANUAL</tt:Mode><tt:ExposureTime>10</tt:ExposureTime><tt:Gain>0</tt:Gain><tt:Iris>22</tt:Iris></tt:Exposure>");
        for (var i = 0; i < 600 && !camera.Imaging!.Alarms.State("VideoSource_1", VideoSourceCondition.ImageTooDark); i++)
        {
            rig.Time.Advance(0.1);
            await Task.Delay(10);
        }
        Assert.True(camera.Imaging!.Alarms.State("VideoSource_1", VideoSourceCondition.ImageTooDark), "the dark picture was detected");
        rig.Time.Advance(2);
        await Task.Delay(50);
        lock (messages)
        {
            var dark = messages.Where(m => m.Topic == "VideoSource/ImageTooDark/ImagingService" && m.Source.Any(s => s.Value == "VideoSource_1")).ToList();
            var changed = Assert.Single(dark);
            Assert.Equal(PropertyOperation.Changed, changed.Operation);
            Assert.Equal("true", changed.Data.Single(d => d.Name == "State").Value);
        }
        Assert.NotNull(created.GetProperty("videoId").GetString());
    }

    private static double Luma(RgbImage image, int x, int y)
    {
        var i = (y * image.Width + x) * 3;
        return 0.299 * image.Pixels[i] + 0.587 * image.Pixels[i + 1] + 0.114 * image.Pixels[i + 2];
    }

    // The dome renders through its OPF sensor (with distortion) or, in tests that build their own, a pinhole.
    private static double HorizontalFov(ICameraProjection projection) => projection switch
    {
        PerspectiveProjection p => p.HorizontalFovDeg,
        Camlab.Server.Optics.OpfProjection o => 2 * Math.Atan(o.ImageWidth / 2.0 / o.FocalLengthPx) * 180 / Math.PI,
        _ => throw new InvalidOperationException("unexpected projection " + projection),
    };
}
