using Camlab.Device.Ptz;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Server.View;
using Camlab.Testing;
using Xunit.Abstractions;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Imaging;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// The web console's live view (Profile_1 at its full 1920×1080) of a dome zoomed in while its focus is off: the
/// stream keeps delivering blurred frames and sharp ones once auto-focus is back. A 1080p view narrower than about
/// 37° once had a pixel angle of 0 (a float dot product of neighbouring rays rounds to 1), an infinite defocus blur
/// and a render that never ended: its render loop, and every stream and snapshot sharing it, went silent for good
/// (the console's browser tests got no frames after the zoom tests).
/// </summary>
public class DefocusedZoomStreamTests(ITestOutputHelper output)
{
    private const string Img = "/onvif/imaging_service";
    private const string Source1 = "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>";

    [RequiresSharedFact]
    public async Task A_zoomed_in_defocused_1080p_stream_keeps_delivering_frames_and_refocuses()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var camera = rig.Server.Host.Cameras[0];
        var lens = ((DomeGeometry)camera.Ptz!.Device.FindNode("PtzNode_1")!.Geometry).Lens;
        var zoom = (lens.FocalMinMm + lens.FocalMaxMm) / 2;
        Assert.True(lens.HorizontalFov(zoom) < 30, $"the view must be narrow for the test: {lens.HorizontalFov(zoom)}°");

        // As the console does: Profile_1's defaults (the full 1920×1080 picture) over the WebSocket.
        var created = await rig.CreateStreamAsync(new { profile = "Profile_1", fps = 15, quality = 75 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.Equal(1920, StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).SizeInfo!.Value.DestStrideX);

        await rig.Server.Ok("/onvif/ptz_service", Op("tptz:AbsoluteMove", P1 + "<tptz:Position>" +
            FormattableString.Invariant($"<tt:PanTilt x=\"0\" y=\"-30\" space=\"{PtzSpaces.PanTiltPositionDegrees}\"/>") +
            FormattableString.Invariant($"<tt:Zoom x=\"{zoom}\" space=\"{PtzSpaces.ZoomPositionMillimeter}\"/>") + "</tptz:Position>"));
        rig.Time.Advance(30); // continuous auto-focus (the factory setting) settles on the ground
        var sharp = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));

        // Focus at the nearest distance: the blur is tens of pixels wide at this zoom.
        await rig.Server.Ok(Img, Op("timg:Move", Source1 + "<timg:Focus><tt:Absolute><tt:Position>0</tt:Position></tt:Absolute></timg:Focus>"));
        rig.Time.Advance(5);
        var state = Assert.IsType<DomainViewState>(camera.Video!.Hub.State);
        var blurPx = camera.Video.Renderer.FocusBlurDiameterPx(new RenderRequest(state.CurrentOptics("VideoSource_1"), state.CurrentPose("VideoSource_1"), 1920, 1080)
        {
            Imaging = state.CurrentImaging("VideoSource_1"),
        });
        Assert.True(double.IsFinite(blurPx) && blurPx > 10, $"blur diameter {blurPx} px");
        for (int i = 0; i < 5; i++) await rig.ReceiveFrameAsync(socket); // the stream goes on while defocused
        var blurred = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));
        Assert.True(blurred < sharp * 0.5, $"focus at the nearest distance ({blurPx:F0} px blur): {blurred} vs sharp {sharp}");

        await rig.Server.Ok(Img, Op("timg:SetImagingSettings", Source1 +
            "<timg:ImagingSettings><tt:Focus><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus></timg:ImagingSettings>"));
        rig.Time.Advance(10);
        for (int i = 0; i < 5; i++) await rig.ReceiveFrameAsync(socket);
        var restored = FocusMeasure.VarianceOfLaplacian(await Snapshot(rig));
        output.WriteLine($"focus measure: sharp {sharp}, defocused by a {blurPx:F0} px blur {blurred}, refocused {restored}");
        Assert.True(restored > sharp * 0.8, $"auto-focus: {restored} vs sharp {sharp}");
    }

    /// <summary>
    /// The next 1920×1080 frame of Profile_1 (the render loop the stream above shares), decoded and averaged over
    /// 4×4 blocks: sensor noise, added after the blur, would otherwise dominate the focus measure of a full-size frame.
    /// </summary>
    private static async Task<RgbImage> Snapshot(StreamingRig rig)
    {
        var jpeg = await rig.Pump(rig.Client.GetByteArrayAsync("/snapshot/Profile_1.jpg"));
        using var decoder = new JpegDecoder();
        var full = decoder.Decode(jpeg);
        const int block = 4;
        var small = new RgbImage(full.Width / block, full.Height / block);
        for (int y = 0; y < small.Height; y++)
            for (int x = 0; x < small.Width; x++)
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int dy = 0; dy < block; dy++)
                        for (int dx = 0; dx < block; dx++)
                            sum += full.Pixels[((y * block + dy) * full.Width + x * block + dx) * 3 + c];
                    small.Pixels[(y * small.Width + x) * 3 + c] = (byte)((sum + block * block / 2) / (block * block));
                }
        return small;
    }
}
