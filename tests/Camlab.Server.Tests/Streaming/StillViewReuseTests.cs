using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.H264;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;
using Camlab.Server.Streaming;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// A view in which nothing changes but the sensor noise is rendered for one turn of its ring (at once, when the turn is
/// short), then its encoded pictures go out again in order (each frame with its own sequence and time); anything that
/// changes the picture — a pan, an imaging setting — renders again from the very next frame. A clock OSD's new second
/// costs one picture. The clock is fake: one tick per frame.
/// </summary>
public sealed class StillViewReuseTests
{
    private const string Source = "VideoSource_1";

    /// <summary>The default scene's panorama without its moving objects: nothing in it moves by itself.</summary>
    private static ViewRenderer StillScene()
    {
        var scene = DefaultScene.Create(1024);
        return new ViewRenderer(new Scene(scene.Panorama, [], scene.CameraHeightM));
    }

    private sealed class Rig : IDisposable
    {
        public readonly FakeTimeProvider Time = new();
        public readonly TestViewState State = new();
        public readonly RenderHub Hub;
        public readonly FrameSink Viewer;
        private readonly IDisposable _subscription;
        private readonly double _period;

        public Rig(RenderKey key, ViewRenderer renderer, double fps = 25, Func<DateTimeOffset, IReadOnlyList<Camlab.Rendering.Overlay.TextOverlay>>? osd = null)
        {
            _period = 1 / fps;
            Viewer = new FrameSink(fps, capacity: 64);
            State.Osd = osd;
            Hub = new RenderHub(renderer, State, new EventBusAnalysisReporter(new Device.Events.EventBus()), Time, [Source], () => false, e => throw e);
            _subscription = Hub.Subscribe(key, Viewer);
        }

        /// <summary>The next frame: the clock moves one frame period (the first frame comes without a tick).</summary>
        public async Task<EncodedFrame> NextAsync(bool first = false)
        {
            var next = Viewer.ReadAsync(CancellationToken.None).AsTask();
            if (!first) Time.Advance(_period);
            var timeout = Task.Delay(TimeSpan.FromSeconds(30));
            if (await Task.WhenAny(next, timeout) == timeout) throw new TimeoutException("no frame within 30 s");
            return await next;
        }

        public void Dispose()
        {
            _subscription.Dispose();
            Hub.Dispose();
        }
    }

    [Fact]
    public async Task A_still_jpeg_view_sends_its_ring_again_and_a_pan_renders_from_the_next_frame()
    {
        using var rig = new Rig(new RenderKey(Source, 160, 90, null, VideoCodec.Jpeg, 60), StillScene());
        var frames = new List<EncodedFrame> { await rig.NextAsync(first: true) };
        for (int i = 1; i < 3 * StillViewRing.JpegLength; i++) frames.Add(await rig.NextAsync());

        int k = StillViewRing.JpegLength;
        // The first frame renders the whole turn; every other frame is a ring picture.
        Assert.Equal(k, rig.Hub.Counters.FramesRendered);
        Assert.Equal(3 * k - 1, rig.Hub.Counters.FramesReused);
        // K distinct noise pictures, then the same K in the same order; each frame keeps its own sequence and time.
        Assert.Equal(k, frames.Take(k).Select(f => Convert.ToBase64String(f.Payload)).Distinct().Count());
        for (int i = k; i < frames.Count; i++)
        {
            Assert.Equal(frames[i - k].Payload, frames[i].Payload);
            Assert.Equal(frames[i - 1].Sequence + 1, frames[i].Sequence);
            Assert.True(frames[i].CaptureTime > frames[i - 1].CaptureTime);
        }
        // Reused pictures are real renders: the same noise level as the rendered ones (decoded, they are those renders).
        Assert.All(frames, f => Assert.True(f.IsKeyFrame));

        // The dome pans: the very next frame is a new render, not a ring picture.
        rig.State.Pose = rig.State.Pose with { PanDeg = rig.State.Pose.PanDeg + 1 };
        var panned = await rig.NextAsync();
        Assert.Equal(k + 1, rig.Hub.Counters.FramesRendered);
        Assert.DoesNotContain(frames.Take(k), f => f.Payload.AsSpan().SequenceEqual(panned.Payload));

        // So does an imaging change (the gain here), and a pan every frame never reuses anything.
        rig.State.Imaging = ImagingParameters.Neutral with { GainDb = 6 };
        await rig.NextAsync();
        Assert.Equal(k + 2, rig.Hub.Counters.FramesRendered);
        long reused = rig.Hub.Counters.FramesReused;
        for (int i = 0; i < 2 * k; i++)
        {
            rig.State.Pose = rig.State.Pose with { PanDeg = rig.State.Pose.PanDeg + 0.5 };
            await rig.NextAsync();
        }
        Assert.Equal(reused, rig.Hub.Counters.FramesReused);
        Assert.Equal(k + 2 + 2 * k, rig.Hub.Counters.FramesRendered);
    }

    /// <summary>A clock OSD in the upper left corner: its text is the camera time to the second.</summary>
    private static IReadOnlyList<Camlab.Rendering.Overlay.TextOverlay> Clock(DateTimeOffset time) =>
        [new(time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Camlab.Rendering.Overlay.OverlayPlacement.UpperLeft, 0, 0, 0.2,
            new Camlab.Rendering.Overlay.OverlayColor(255, 255, 255), new Camlab.Rendering.Overlay.OverlayColor(0, 0, 0))];

    [Fact]
    public async Task A_still_view_with_a_clock_osd_renders_once_a_second_shows_each_second_and_a_pan_renders_at_once()
    {
        const double fps = 10;
        const int seconds = 6;
        var key = new RenderKey(Source, 160, 90, null, VideoCodec.Jpeg, 60);
        var renderer = StillScene();
        using var rig = new Rig(key, renderer, fps, Clock);
        var frames = new List<EncodedFrame> { await rig.NextAsync(first: true) };
        for (int i = 1; i < seconds * fps; i++) frames.Add(await rig.NextAsync());

        // The first frame renders a whole turn; after it, one picture per new text (second): not one per frame.
        int k = StillViewRing.JpegLength;
        Assert.Equal(k + seconds - 1, rig.Hub.Counters.FramesRendered);
        // Every other frame is a ring picture: all but the first frame and the first frame of each new second.
        Assert.Equal(seconds * fps - 1 - (seconds - 1), rig.Hub.Counters.FramesReused);

        // Every frame shows its own second: the first frame of a second is the render of that second's text (its own
        // noise seed, the frame's sequence), and the other frames of that second send the same picture.
        using var encoder = FrameEncoders.Create(key);
        var optics = VideoSourceOptics.Default(Source);
        foreach (var second in frames.GroupBy(f => f.CaptureTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Skip(1))
        {
            var first = second.First();
            var image = renderer.Render(new RenderRequest(optics, rig.State.Pose, key.Width, key.Height)
            {
                Window = CropWindow.Full(optics),
                Overlays = Clock(first.CaptureTime),
                NoiseSeed = (ulong)(first.Sequence - 1),
            });
            Assert.Equal(encoder.Encode(image, keyFrame: true).Payload, first.Payload);
            Assert.All(second, f => Assert.Equal(first.Payload, f.Payload));
        }
        var firsts = frames.GroupBy(f => f.CaptureTime.Second).Select(g => Convert.ToBase64String(g.First().Payload)).ToList();
        Assert.Equal(seconds, firsts.Distinct().Count());

        // A pan: the very next frame is a new render, whatever the second.
        long rendered = rig.Hub.Counters.FramesRendered;
        rig.State.Pose = rig.State.Pose with { PanDeg = rig.State.Pose.PanDeg + 1 };
        var panned = await rig.NextAsync();
        Assert.Equal(rendered + 1, rig.Hub.Counters.FramesRendered);
        Assert.DoesNotContain(frames, f => f.Payload.AsSpan().SequenceEqual(panned.Payload));
    }

    [Fact]
    public async Task A_moving_object_in_view_is_rendered_every_frame()
    {
        // The default scene's walker crosses bearings 5..35° at 15 m: in view of a camera looking at pan 20°, tilt −20°.
        using var rig = new Rig(new RenderKey(Source, 160, 90, null, VideoCodec.Jpeg, 60), new ViewRenderer(DefaultScene.Create(1024)));
        rig.State.Pose = new ViewPose(20, -20);
        await rig.NextAsync(first: true);
        for (int i = 1; i < 3 * StillViewRing.JpegLength; i++) await rig.NextAsync();
        Assert.Equal(0, rig.Hub.Counters.FramesReused);
        Assert.Equal(3 * StillViewRing.JpegLength, rig.Hub.Counters.FramesRendered);
    }

    [Fact]
    public async Task A_still_h264_view_replays_one_closed_gop_that_decodes_and_a_pan_restarts_with_an_idr()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        const int gop = 5;
        var key = new RenderKey(Source, 160, 96, null, VideoCodec.H264, 60, new H264Parameters(25, gop, H264CodingProfile.Main, 500, false));
        using var rig = new Rig(key, StillScene());
        var frames = new List<EncodedFrame> { await rig.NextAsync(first: true) };
        for (int i = 1; i < 4 * gop; i++) frames.Add(await rig.NextAsync());

        Assert.Equal(gop, rig.Hub.Counters.FramesRendered);
        Assert.Equal(4 * gop - 1, rig.Hub.Counters.FramesReused);
        // IDR then GovLength − 1 P-frames, replayed as whole GOPs.
        Assert.Equal(Enumerable.Range(0, 4 * gop).Select(i => i % gop == 0), frames.Select(f => f.IsKeyFrame));
        for (int i = gop; i < frames.Count; i++) Assert.Equal(frames[i - gop].Payload, frames[i].Payload);

        rig.State.Pose = rig.State.Pose with { TiltDeg = rig.State.Pose.TiltDeg - 1 };
        var panned = await rig.NextAsync();
        frames.Add(panned);
        // Decoders hold the ring's last picture, not the encoder's reference: the first new picture is an IDR.
        Assert.True(panned.IsKeyFrame);
        Assert.Equal(gop + 1, rig.Hub.Counters.FramesRendered);

        // The whole sequence is one valid stream: every access unit decodes, in order, to a picture.
        using var decoder = new H264Decoder();
        foreach (var frame in frames) Assert.NotNull(decoder.Decode(frame.Payload));
    }
}
