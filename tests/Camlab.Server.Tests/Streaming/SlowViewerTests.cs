using Camlab.Rendering.Encoding;
using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;
using Camlab.Rendering.Scenes;

namespace Camlab.Server.Tests.Streaming;

/// <summary>A viewer that stops reading loses old frames, never makes the queue (or memory) grow.</summary>
public sealed class SlowViewerTests
{
    private static EncodedFrame FrameAt(DateTimeOffset time, long sequence) =>
        new([0xFF, 0xD8, 0xFF, 0xD9], VideoCodec.Jpeg, true, time, sequence, default, LiveFlags.LiveFeed, 0, "", null, default);

    [Fact]
    public void A_stalled_inbox_keeps_only_the_newest_frames()
    {
        var sink = new FrameSink(fps: 25);
        var start = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < 1000; i++) Assert.True(sink.Offer(FrameAt(start.AddMilliseconds(40 * i), i)));
        Assert.Equal(FrameSink.DefaultCapacity, sink.Queued);
        Assert.Equal(1000 - FrameSink.DefaultCapacity, sink.Dropped);
        Assert.True(sink.TryRead(out var oldest));
        Assert.Equal(998, oldest.Sequence);
    }

    [Fact]
    public void A_slower_viewer_is_thinned_to_its_own_rate()
    {
        var sink = new FrameSink(fps: 5);
        var start = DateTimeOffset.UnixEpoch;
        int taken = 0;
        for (int i = 0; i < 250; i++) if (sink.Offer(FrameAt(start.AddMilliseconds(40 * i), i))) taken++; // 10 s at 25 fps
        Assert.InRange(taken, 45, 55);
    }

    [Fact]
    public async Task Two_viewers_of_one_key_share_one_render_loop_and_a_stalled_one_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var state = new TestViewState();
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), state, new EventBusAnalysisReporter(new Device.Events.EventBus()), time, ["VideoSource_1"], () => false, e => throw e);
        var key = new RenderKey("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 60);
        var reading = new FrameSink(25);
        var stalled = new FrameSink(25);
        using (hub.Subscribe(key, reading))
        using (hub.Subscribe(key, stalled))
        {
            Assert.Equal(1, hub.LoopCount);
            for (int i = 0; i < 30; i++)
            {
                var next = reading.ReadAsync(CancellationToken.None).AsTask();
                while (!next.IsCompleted) { time.Advance(0.04); await Task.WhenAny(next, Task.Delay(10)); }
                await next;
                Assert.InRange(stalled.Queued, 0, stalled.Capacity);
            }
            Assert.True(stalled.Dropped > 0);
            Assert.Equal(stalled.Capacity, stalled.Queued);
            Assert.True(hub.FramesProduced(key) >= 30);
        }
        Assert.Equal(0, hub.LoopCount);
    }
}
