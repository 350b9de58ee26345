using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Privacy;
using Camlab.Server.Tests.Imaging;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Privacy;

/// <summary>
/// Through the real host on the fake clock, with the camera's own view state: masks set over the API are black in
/// the picture exactly where they are, and a video channel stream gets one 0x08 header per change.
/// </summary>
public class PrivacyMaskPictureTests
{
    private const string Source1 = "/api/v1/cameras/1/privacy-masks/VideoSource_1";

    // The middle of the picture as fractions of the image: left, top, right, bottom.
    private const double Left = 0.4, Top = 0.35, Right = 0.6, Bottom = 0.65;

    private static async Task<RgbImage> Snapshot(StreamingRig rig, string profile = "Profile_2")
    {
        var jpeg = await rig.Pump(rig.Client.GetByteArrayAsync($"/snapshot/{profile}.jpg"));
        using var decoder = new JpegDecoder();
        return decoder.Decode(jpeg);
    }

    /// <summary>The picture's middle rectangle, turned into pan/tilt at the current pose as a mask editor would.</summary>
    private static PrivacyMask MiddleOfThePicture(StreamingRig rig)
    {
        var state = rig.Server.Host.Cameras[0].Video!.Hub.State;
        var optics = state.CurrentOptics("VideoSource_1");
        double w = optics.ImageWidth, h = optics.ImageHeight;
        return PrivacyMask.FromImagePolygon(optics, state.CurrentPose("VideoSource_1"),
            [(Left * w, Top * h), (Right * w, Top * h), (Right * w, Bottom * h), (Left * w, Bottom * h)]);
    }

    private static string MaskJson(string name, PrivacyMask mask) =>
        $"{{ \"name\": \"{name}\", \"points\": [{string.Join(", ", mask.Vertices.Select(v => string.Create(CultureInfo.InvariantCulture, $"[{v.PanDeg:R}, {v.TiltDeg:R}]")))}] }}";

    private static async Task Put(StreamingRig rig, params string[] masks)
    {
        using var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword);
        var response = await admin.PutAsync(Source1, FaultApiTests.Json("{ \"masks\": [" + string.Join(", ", masks) + "] }"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Among the pixels <paramref name="select"/> picks: the mean brightness (0..255), the mean absolute difference to
    /// <paramref name="other"/>, the share that differs by more than <see cref="ChangedBy"/> and the share that is
    /// black (all of R, G, B below <see cref="BlackBelow"/>).
    /// </summary>
    /// <remarks>
    /// "Unchanged" is judged by <c>Changed</c> and "not masked" by <c>Black</c>, not by the mean difference: the
    /// default scene's moving objects (a ball crosses the middle) differ a lot where they were and where they are,
    /// and the clock moves further between two snapshots on a busy machine (the rig advances it until each snapshot
    /// is served). A mask or an OSD blackens most of the pixels it covers; a shifted picture changes most pixels.
    /// </remarks>
    internal static (double Mean, double Difference, double Changed, double Black, int Count) Measure(RgbImage image, RgbImage other, Func<double, double, bool> select)
    {
        double sum = 0, difference = 0;
        int count = 0, changed = 0, black = 0;
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            if (!select((x + 0.5) / image.Width, (y + 0.5) / image.Height)) continue;
            var (r, g, b) = image.GetPixel(x, y);
            var (r2, g2, b2) = other.GetPixel(x, y);
            sum += (r + g + b) / 3.0;
            double d = (Math.Abs(r - r2) + Math.Abs(g - g2) + Math.Abs(b - b2)) / 3.0;
            difference += d;
            if (d > ChangedBy) changed++;
            if (r < BlackBelow && g < BlackBelow && b < BlackBelow) black++;
            count++;
        }
        return (sum / count, difference / count, (double)changed / count, (double)black / count, count);
    }

    private const int BlackBelow = 20;

    /// <summary>A pixel differing by more than this (of 255, averaged over R, G, B) changed; noise stays well below.</summary>
    internal const double ChangedBy = 24;

    /// <summary>
    /// The most of a large region that may change without a mask or an OSD: the moving objects, where they were and
    /// where they are (the ball seen through the zoomed digital window covers about a twentieth of the picture).
    /// </summary>
    internal const double SceneMotion = 0.2;

    /// <summary>The most of a region showing the scene that may be black: the scene has no black of its own.</summary>
    internal const double SceneBlack = 0.05;

    [RequiresVideoFact]
    public async Task A_mask_set_over_the_api_is_black_in_the_snapshot_where_it_is_and_nowhere_else()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var before = await Snapshot(rig);
        await Put(rig, MaskJson("Middle", MiddleOfThePicture(rig)));
        var after = await Snapshot(rig);

        // Inside, a few pixels in from the edges (the mask's edges are straight in pan/tilt, JPEG blurs them).
        const double m = 0.02;
        bool Inside(double u, double v) => u > Left + m && u < Right - m && v > Top + 2 * m && v < Bottom - 2 * m;
        bool Outside(double u, double v) => u < Left - m || u > Right + m || v < Top - 2 * m || v > Bottom + 2 * m;
        var inside = Measure(after, before, Inside);
        var insideBefore = Measure(before, after, Inside);
        var outside = Measure(after, before, Outside);
        Assert.True(insideBefore.Mean > 30, $"the middle of the scene is not dark by itself (mean {insideBefore.Mean:F1})");
        Assert.True(inside.Mean < 3, $"masked pixels are black (mean {inside.Mean:F1} over {inside.Count})");
        Assert.True(outside.Changed < SceneMotion, $"the rest of the picture is unchanged ({outside.Changed:P1} of it changed; {outside.Difference:F1} on average)");
        Assert.True(outside.Count > 0.8 * after.Width * after.Height, "most of the picture is outside the mask");

        // Removing it brings the picture back.
        using var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword);
        Assert.True((await admin.DeleteAsync(Source1)).IsSuccessStatusCode);
        var cleared = await Snapshot(rig);
        Assert.True(Measure(cleared, before, Inside).Black < SceneBlack, "without the mask the middle is the scene again");
    }

    [RequiresVideoFact]
    public async Task A_mask_drawn_on_the_digital_window_is_black_where_it_was_drawn()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        // Zoom the digital node of VideoSource_2 in and off centre, so the picture is a window of the wide sensor.
        (await rig.Server.CallAsync(HostSoap.Op("tptz:AbsoluteMove", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" +
            "<tptz:Position><tt:PanTilt x=\"0.3\" y=\"-0.2\"/><tt:Zoom x=\"0.5\"/></tptz:Position>"), "/onvif/ptz_service")).AssertOk();
        rig.Time.Advance(30);
        var state = rig.Server.Host.Cameras[0].Video!.Hub.State;
        var optics = state.CurrentOptics("VideoSource_2");
        var window = Assert.NotNull(state.CurrentWindow("VideoSource_2"));
        Assert.True(window.Width < 0.8 * optics.ImageWidth && window.Left > 0, $"the picture is a window of the sensor ({window})");

        var before = await Snapshot(rig, "Profile_3");
        using (var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword))
        {
            var response = await admin.PutAsync("/api/v1/cameras/1/privacy-masks/VideoSource_2", FaultApiTests.Json(string.Create(CultureInfo.InvariantCulture,
                $"{{ \"masks\": [{{ \"name\": \"Drawn\", \"imagePoints\": [[{Left}, {Top}], [{Right}, {Top}], [{Right}, {Bottom}], [{Left}, {Bottom}]] }}] }}")));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            // Stored and answered as pan/tilt, like every mask; the drawing itself is not kept.
            var mask = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("masks")[0];
            Assert.Equal(4, mask.GetProperty("points").GetArrayLength());
            Assert.False(mask.TryGetProperty("imagePoints", out _));
        }
        var after = await Snapshot(rig, "Profile_3");

        const double m = 0.02;
        var inside = Measure(after, before, (u, v) => u > Left + m && u < Right - m && v > Top + 2 * m && v < Bottom - 2 * m);
        var outside = Measure(after, before, (u, v) => u < Left - m || u > Right + m || v < Top - 2 * m || v > Bottom + 2 * m);
        Assert.True(inside.Mean < 3, $"masked pixels are black (mean {inside.Mean:F1})");
        Assert.True(outside.Changed < SceneMotion, $"the rest of the picture is unchanged ({outside.Changed:P1} of it changed; {outside.Difference:F1} on average)");
    }

    private static string? MaskHeader(byte[] bytes)
    {
        var frame = FrameReader.ReadFrame(bytes);
        if (frame.Header.NativeData is not { } native) return null;
        Assert.Equal(NativeDataFlags.PrivacyMask, native.Flags & NativeDataFlags.PrivacyMask);
        var text = Encoding.ASCII.GetString(frame.PrivacyMask);
        Assert.Equal(text.Length > 0 ? 1u : 0u, native.PrivacyMaskState);
        return text;
    }

    /// <summary>The 0x08 headers of the next frames up to and including the first one that has one, then of <paramref name="after"/> more.</summary>
    private static async Task<List<string?>> HeadersAroundChange(StreamingRig rig, ClientWebSocket socket, int after)
    {
        var headers = new List<string?>();
        // A frame or two rendered before the change may still be on the way.
        for (int i = 0; i < 10 && (headers.Count == 0 || headers[^1] is null); i++) headers.Add(MaskHeader(await rig.ReceiveFrameAsync(socket)));
        for (int i = 0; i < after; i++) headers.Add(MaskHeader(await rig.ReceiveFrameAsync(socket)));
        return headers;
    }

    [RequiresVideoFact]
    public async Task A_video_channel_stream_gets_exactly_one_privacy_mask_header_per_change()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        for (int i = 0; i < 3; i++) Assert.Null(MaskHeader(await rig.ReceiveFrameAsync(socket))); // no mask: never sent

        var mask = new PrivacyMask([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(5, 0), new PanTilt(-5, 0)]);
        await Put(rig, MaskJson("Window", mask));
        var set = await HeadersAroundChange(rig, socket, after: 5);
        Assert.Equal("-5,-10 5,-10 5,0 -5,0", Assert.Single(set, h => h is not null));
        Assert.Equal(set.Count - 6, set.FindIndex(h => h is not null)); // the header came first, then none

        // Setting the same list again is no change of the mask: no header.
        await Put(rig, MaskJson("Window", mask));
        for (int i = 0; i < 5; i++) Assert.Null(MaskHeader(await rig.ReceiveFrameAsync(socket)));

        // Removing the last mask is a change too: one empty header (state 0) tells a caching client to drop it.
        using (var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword))
            Assert.True((await admin.DeleteAsync(Source1)).IsSuccessStatusCode);
        var removed = await HeadersAroundChange(rig, socket, after: 5);
        Assert.Equal("", Assert.Single(removed, h => h is not null));
        Assert.Equal(removed.Count - 6, removed.FindIndex(h => h is not null));
    }

    [RequiresVideoFact]
    public async Task Configured_masks_come_on_the_first_frame_of_a_stream_and_not_again()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false, configure: o => o with
        {
            PrivacyMasks = new() { ["VideoSource_1"] = [new PrivacyMaskOption { Name = "Door", Points = [[20, -10], [30, -10], [25, 5]] }] },
        });
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.Equal("20,-10 30,-10 25,5", MaskHeader(await rig.ReceiveFrameAsync(socket)));
        for (int i = 0; i < 5; i++) Assert.Null(MaskHeader(await rig.ReceiveFrameAsync(socket)));
    }
}
