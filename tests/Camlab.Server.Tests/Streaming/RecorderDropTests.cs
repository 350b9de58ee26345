using Camlab.Recording;
using Camlab.Recording.Playback;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Scenes;
using Camlab.Server.Recording;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// A recorder whose writes cannot keep up with its frame rate loses frames from its bounded inbox: it counts them,
/// says so once per episode with the reason, and the recording shows the gap (a new sequence; playback sends
/// RangeNoData on the first frame after it). The clock is fake: one tick per frame.
/// </summary>
public sealed class RecorderDropTests : IDisposable
{
    private readonly TempFolder _folder = new("camlab-drops-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_recorder_that_cannot_keep_up_counts_its_drops_warns_once_and_playback_shows_the_gap()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var key = new RenderKey("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 60);
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(),
            new EventBusAnalysisReporter(new Device.Events.EventBus()), time, ["VideoSource_1"], () => false, e => throw e);
        var options = new RecorderOptions();
        var warnings = new List<string>();
        var recording = new ProfileRecorder("Profile_1", key, 25, Recorder.Open(_folder.Path, options, time), options, hub, time, e => throw e,
            w => { lock (warnings) warnings.Add(w); });
        try
        {
            long produced = 1; // the first frame comes as the recorder subscribes
            void Frame()
            {
                time.Advance(TimeSpan.FromMilliseconds(40));
                produced++;
                Assert.True(SpinWait.SpinUntil(() => hub.FramesProduced(key) >= produced, TimeSpan.FromSeconds(30)), "the loop renders each tick");
            }
            void Written(long count) =>
                Assert.True(SpinWait.SpinUntil(() => recording.FramesWritten >= count, TimeSpan.FromSeconds(30)), $"{recording.FramesWritten} of {count} frames written");

            Assert.True(SpinWait.SpinUntil(() => hub.FramesProduced(key) >= 1, TimeSpan.FromSeconds(30)));
            for (int i = 0; i < 5; i++) { Written(produced); Frame(); }
            Written(produced);
            Assert.Equal(0, recording.FramesDropped);

            // The disk stalls for ten frames: the writer holds one frame, its inbox two, the other seven are dropped.
            lock (recording.WriteGate)
            {
                Frame();
                Assert.True(SpinWait.SpinUntil(() => recording.Sink.Queued == 0, TimeSpan.FromSeconds(30)), "the writer takes the frame, then waits");
                for (int i = 1; i < 10; i++) Frame();
            }
            Written(6 + 1 + FrameSink.DefaultCapacity);
            Assert.Equal(10 - 1 - FrameSink.DefaultCapacity, recording.FramesDroppedWriting);
            Assert.Equal(recording.FramesDroppedWriting, recording.FramesDropped);

            // A second stall in the same episode is counted, not warned again.
            lock (recording.WriteGate)
            {
                Frame();
                Assert.True(SpinWait.SpinUntil(() => recording.Sink.Queued == 0, TimeSpan.FromSeconds(30)), "the writer takes the frame, then waits");
                for (int i = 1; i < 6; i++) Frame();
            }
            Written(9 + 1 + FrameSink.DefaultCapacity);
            for (int i = 0; i < 3; i++) { Frame(); Written(12 + i + 1); }
            Assert.Equal(7 + 3, recording.FramesDropped);
            lock (warnings)
            {
                var warning = Assert.Single(warnings);
                Assert.Contains("recording Profile_1 falls behind", warning);
                Assert.Contains("could not keep up", warning);
            }

            var index = recording.Recorder.Index;
            var engine = new PlaybackEngine(index, time, new PlaybackOptions { VideoId = Guid.NewGuid() }, DateTimeOffset.UnixEpoch, 1.0);
            var frames = new List<PlaybackFrame>();
            while (engine.Next() is { } frame) frames.Add(frame);
            var gaps = frames.Select((f, i) => (f, i)).Where(x => (x.f.Flags & PlaybackFlags.RangeNoData) != 0).Select(x => x.i).ToList();
            // Frames 1..7 were written before the first stall's drops, then the gap; the second stall makes a second one.
            Assert.Equal(15, frames.Count);
            Assert.Equal([7, 10], gaps);
            Assert.Equal(8 * 40ul, frames[7].Header.TimestampUtcMs - frames[6].Header.TimestampUtcMs);
        }
        finally
        {
            recording.Dispose();
        }
    }
}
