using System.Buffers.Binary;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Scenes;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// A viewer that cannot keep up with an inter-frame codec loses whole groups up to a key frame, never a frame a later
/// frame depends on. The codec here is a fake H.264: each payload names its own number and the number of the frame it
/// depends on, and a key frame comes every Nth frame or when asked for.
/// </summary>
public sealed class KeyFrameInboxTests
{
    /// <summary>A payload naming the frame and the frame it predicts from (-1: a key frame).</summary>
    private static byte[] Payload(long number, long reference)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, number);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), reference);
        return bytes;
    }

    /// <summary>Decodes as a decoder would: a predicted frame needs the frame it references to be the last one decoded.</summary>
    private sealed class FakeDecoder
    {
        private long _last = -1;
        public int Decoded { get; private set; }

        public void Decode(EncodedFrame frame)
        {
            long number = BinaryPrimitives.ReadInt64LittleEndian(frame.Payload);
            long reference = BinaryPrimitives.ReadInt64LittleEndian(frame.Payload.AsSpan(8));
            Assert.Equal(frame.IsKeyFrame, reference < 0);
            if (!frame.IsKeyFrame)
                Assert.True(_last >= 0 && reference == _last, $"frame {number} predicts from {reference} but the viewer last decoded {_last}");
            _last = number;
            Decoded++;
        }
    }

    private static EncodedFrame Frame(long number, bool key, DateTimeOffset time) =>
        new(Payload(number, key ? -1 : number - 1), VideoCodec.H264, key, time, number, default, LiveFlags.LiveFeed, 0, "", null, default);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(4, 2)]
    [InlineData(7, 3)]
    [InlineData(12, 5)]
    public void A_viewer_reading_at_random_receives_only_frames_that_decode(int seed, int capacity)
    {
        const int groupLength = 6;
        var random = new Random(seed);
        var sink = new FrameSink(fps: 60, capacity);
        int keyRequests = 0;
        sink.KeyFrameWanted = () => keyRequests++;
        var decoder = new FakeDecoder();
        var start = DateTimeOffset.UnixEpoch;
        bool keyAsked = false;
        long sinceKey = 0;
        for (long n = 0; n < 2000; n++)
        {
            // The encoder makes a key frame every groupLength frames, or at once when the sink asked for one.
            bool key = keyAsked || sinceKey % groupLength == 0;
            if (key) { sinceKey = 0; keyAsked = false; }
            sinceKey++;
            int before = keyRequests;
            sink.Offer(Frame(n, key, start.AddMilliseconds(1000.0 / 60 * n)));
            if (keyRequests > before && random.Next(2) == 0) keyAsked = true; // an encoder may answer a request late
            // A reader that sometimes keeps up and sometimes stalls for many frames.
            int reads = random.Next(10) < 3 ? 0 : random.Next(3);
            for (int r = 0; r < reads && sink.TryRead(out var frame); r++) decoder.Decode(frame);
            Assert.InRange(sink.Queued, 0, capacity);
        }
        while (sink.TryRead(out var frame)) decoder.Decode(frame);
        Assert.True(sink.Dropped > 0, "the reader never fell behind: the test proves nothing");
        Assert.True(keyRequests > 0);
        Assert.True(decoder.Decoded > 200, $"only {decoder.Decoded} frames decoded");
    }

    [Fact]
    public void A_full_inbox_drops_its_predicted_frames_and_waits_for_the_next_key_frame()
    {
        var sink = new FrameSink(fps: 60, capacity: 3);
        int keyRequests = 0;
        sink.KeyFrameWanted = () => keyRequests++;
        var start = DateTimeOffset.UnixEpoch;
        var t = (long n) => start.AddMilliseconds(1000.0 / 60 * n);
        sink.Offer(Frame(0, true, t(0)));
        sink.Offer(Frame(1, false, t(1)));
        sink.Offer(Frame(2, false, t(2)));
        Assert.Equal(0, keyRequests); // a new sink waits for a key frame; frame 0 was one
        // Full: 1 and 2 go, 3 and 4 depend on them and go too; 0 stays (it decodes alone); 5 is a key frame.
        sink.Offer(Frame(3, false, t(3)));
        Assert.Equal(1, keyRequests);
        Assert.True(sink.AwaitingKeyFrame);
        sink.Offer(Frame(4, false, t(4)));
        sink.Offer(Frame(5, true, t(5)));
        sink.Offer(Frame(6, false, t(6)));
        Assert.False(sink.AwaitingKeyFrame);
        var received = new List<long>();
        while (sink.TryRead(out var frame)) received.Add(frame.Sequence);
        Assert.Equal([0, 5, 6], received);
        Assert.Equal(4, sink.Dropped);
    }

    [Fact]
    public void A_predicted_frame_whose_predecessor_the_sink_never_saw_is_dropped()
    {
        var sink = new FrameSink(fps: 60);
        var start = DateTimeOffset.UnixEpoch;
        var t = (long n) => start.AddMilliseconds(1000.0 / 60 * n);
        sink.Offer(Frame(10, true, t(10)));
        // Frame 11 was offered to the other viewers only (this one joined while it encoded): 12 cannot decode.
        sink.Offer(Frame(12, false, t(12)));
        sink.Offer(Frame(13, false, t(13)));
        sink.Offer(Frame(14, true, t(14)));
        var decoder = new FakeDecoder();
        var received = new List<long>();
        while (sink.TryRead(out var frame)) { decoder.Decode(frame); received.Add(frame.Sequence); }
        Assert.Equal([10, 14], received);
    }

    /// <summary>A fake inter-frame encoder: a key frame every <c>groupLength</c> frames or when asked.</summary>
    private sealed class FakeH264Encoder(int groupLength) : IFrameEncoder
    {
        private long _number;
        private long _sinceKey;
        public int KeyFramesAsked;

        public VideoCodec Codec => VideoCodec.H264;

        public EncodedPicture Encode(RgbImage image, bool keyFrame)
        {
            if (keyFrame) Interlocked.Increment(ref KeyFramesAsked);
            bool key = keyFrame || _sinceKey % groupLength == 0;
            if (key) _sinceKey = 0;
            _sinceKey++;
            long n = _number++;
            return new EncodedPicture(Payload(n, key ? -1 : n - 1), key);
        }

        public void Dispose() { }
    }

    [Fact]
    public async Task Through_the_render_loop_a_viewer_joining_late_starts_at_a_key_frame_and_a_stalled_one_resumes_at_one()
    {
        var time = new FakeTimeProvider();
        var encoders = new List<FakeH264Encoder>();
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(),
            new EventBusAnalysisReporter(new Device.Events.EventBus()), time, ["VideoSource_1"], () => false, e => throw e,
            key => { var e = new FakeH264Encoder(groupLength: 50); lock (encoders) encoders.Add(e); return e; });
        var key = new RenderKey("VideoSource_1", 160, 90, null, VideoCodec.H264, 60);
        var reading = new FrameSink(25);
        var stalled = new FrameSink(25);
        var readingDecoder = new FakeDecoder();
        var stalledDecoder = new FakeDecoder();
        using (hub.Subscribe(key, reading))
        {
            await ReadFrames(reading, readingDecoder, 5);
            using (hub.Subscribe(key, stalled))
            {
                // The late viewer's first frame is a key frame the loop asked for, not the group's next predicted frame.
                await ReadFrames(stalled, stalledDecoder, 1);
                await ReadFrames(reading, readingDecoder, 20); // meanwhile `stalled` overflows
                Assert.True(stalled.Dropped > 0);
                await ReadFrames(stalled, stalledDecoder, 10);
                await ReadFrames(reading, readingDecoder, 5);
            }
        }
        Assert.Single(encoders);
        Assert.True(encoders[0].KeyFramesAsked >= 2, $"{encoders[0].KeyFramesAsked} key frames asked");
        Assert.True(stalledDecoder.Decoded >= 11);

        async Task ReadFrames(FrameSink sink, FakeDecoder decoder, int count)
        {
            for (int i = 0; i < count; i++)
            {
                var next = sink.ReadAsync(CancellationToken.None).AsTask();
                while (!next.IsCompleted) { time.Advance(TimeSpan.FromMilliseconds(40)); await Task.WhenAny(next, Task.Delay(10)); }
                decoder.Decode(await next);
            }
        }
    }
}
