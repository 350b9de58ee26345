using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Scenes;
using Camlab.Server.Faults;
using Camlab.Server.Streaming;
using Camlab.Server.Tests.Streaming;
using Camlab.Testing;

namespace Camlab.Server.Tests.Faults;

/// <summary>Video faults act in the render loop: every stream of the source sees them, and only while they act.</summary>
public sealed class VideoFaultsTests
{
    private static readonly RenderKey Key = new("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 10);

    private static RenderHub Hub(FakeTimeProvider time, VideoFaults faults) =>
        new(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(), new EventBusAnalysisReporter(new Device.Events.EventBus()),
            time, ["VideoSource_1"], () => false, e => throw e, faults: faults);

    // Ticks the fake clock by a frame period and gives the loop's worker (a real thread) the time to render it.
    private static async Task<List<EncodedFrame>> Ticks(FakeTimeProvider time, FrameSink viewer, int count)
    {
        var frames = new List<EncodedFrame>();
        for (var i = 0; i < count; i++)
        {
            time.Advance(0.1);
            for (var wait = 0; wait < 50 && viewer.Queued == 0; wait++) await Task.Delay(2);
            while (viewer.TryRead(out var frame)) frames.Add(frame);
        }
        return frames;
    }

    [Fact]
    public async Task A_stalled_stream_produces_no_frame_while_the_fault_acts_and_resumes_after()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var hub = Hub(time, faults);
        var viewer = new FrameSink(10, capacity: 64);
        using (hub.Subscribe(Key, viewer))
        {
            Assert.NotEmpty(await Ticks(time, viewer, 5));
            var stall = new VideoFault.StreamStall("VideoSource_1");
            faults.Begin(stall);
            await Ticks(time, viewer, 1); // a frame already encoding when the stall began may still arrive
            var produced = hub.FramesProduced(Key);
            Assert.Empty(await Ticks(time, viewer, 20));
            Assert.Equal(produced, hub.FramesProduced(Key));
            faults.End(stall);
            Assert.NotEmpty(await Ticks(time, viewer, 10));
        }
    }

    [Fact]
    public async Task A_frame_rate_drop_spaces_the_frames_by_the_dropped_rate()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var hub = Hub(time, faults);
        var viewer = new FrameSink(10, capacity: 64);
        using (hub.Subscribe(Key, viewer))
        {
            await Ticks(time, viewer, 3);
            var drop = new VideoFault.FrameRateDrop("VideoSource_1", 2);
            faults.Begin(drop);
            await Ticks(time, viewer, 1);
            var slow = await Ticks(time, viewer, 30);
            Assert.InRange(slow.Count, 2, 7);
            for (var i = 1; i < slow.Count; i++)
                Assert.True(slow[i].CaptureTime - slow[i - 1].CaptureTime >= TimeSpan.FromSeconds(0.45), $"{slow[i - 1].CaptureTime:ss.fff} → {slow[i].CaptureTime:ss.fff}");
            faults.End(drop);
            var fast = await Ticks(time, viewer, 10);
            Assert.Contains(fast.Skip(1).Zip(fast), p => p.First.CaptureTime - p.Second.CaptureTime < TimeSpan.FromSeconds(0.2));
        }
    }

    [Fact]
    public async Task Corrupted_frames_keep_their_markers_and_length_and_differ_in_their_coded_data()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var hub = Hub(time, faults);
        var viewer = new FrameSink(10, capacity: 64);
        using (hub.Subscribe(Key, viewer))
        {
            var clean = (await Ticks(time, viewer, 3)).Last().Payload;
            var damaged = VideoFaults.Corrupted(clean);
            Assert.Equal(clean.Length, damaged.Length);
            Assert.False(clean.AsSpan().SequenceEqual(damaged));
            for (var i = 0; i < clean.Length; i++)
                Assert.True((clean[i] == 0xFF) == (damaged[i] == 0xFF), $"byte {i}: a marker was made or broken");
            Assert.Equal(clean.AsSpan(0, clean.Length / 2).ToArray(), damaged.AsSpan(0, clean.Length / 2).ToArray()); // the headers stay

            var corrupt = new VideoFault.CorruptFrames("VideoSource_1", 1);
            faults.Begin(corrupt);
            await Ticks(time, viewer, 1);
            var frames = await Ticks(time, viewer, 3);
            Assert.NotEmpty(frames);
            Assert.All(frames, f => Assert.Equal(0xFF, f.Payload[^2]));
            // The damage undoes itself (the same bytes are selected both ways): what the loop sent decodes, if at all,
            // to another picture than the encoder's own payload does.
            using var decoder = new Camlab.Rendering.Jpeg.JpegDecoder();
            foreach (var f in frames)
            {
                var encoded = VideoFaults.Corrupted(f.Payload);
                var picture = decoder.Decode(encoded).Pixels;
                byte[]? shown = null;
                try { shown = decoder.Decode(f.Payload).Pixels; }
                catch (Exception e) when (e is not OutOfMemoryException) { }
                if (shown is not null) Assert.False(shown.AsSpan().SequenceEqual(picture));
            }
            faults.End(corrupt);
        }
    }
}
