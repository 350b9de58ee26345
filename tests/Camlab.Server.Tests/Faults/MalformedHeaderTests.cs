using System.Buffers.Binary;
using Camlab.Device.Faults;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Scenes;
using Camlab.Server.Faults;
using Camlab.Server.Streaming;
using Camlab.Server.Tests.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Faults;

/// <summary>
/// MalformedHeader: the Nth video channel frame a live stream sends after the fault begins has a stream info HeaderSize
/// that runs past the frame, so the library's reader rejects exactly that frame at that field's offset; every frame before
/// and after it reads.
/// </summary>
public sealed class MalformedHeaderTests
{
    private static readonly StreamSettings Settings = new(160, 90, 10, 70, null);

    private static RenderHub Hub(FakeTimeProvider time, VideoFaults faults) =>
        new(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(), new EventBusAnalysisReporter(new Device.Events.EventBus()),
            time, ["VideoSource_1"], () => false, e => throw e, faults: faults);

    // Ticks the fake clock one frame period and composes what the stream's inbox got (the loop renders on a real thread).
    private static async Task<byte[]> NextFrame(FakeTimeProvider time, VideoStream stream)
    {
        for (var tick = 0; tick < 200; tick++)
        {
            if (stream.Sink.TryRead(out var frame)) return stream.Compose(frame);
            time.Advance(0.1);
            for (var wait = 0; wait < 100 && stream.Sink.Queued == 0; wait++) await Task.Delay(2);
        }
        throw new TimeoutException("the stream got no frame in 20 simulated seconds");
    }

    /// <summary>The byte offset the reader must report: the stream info header is the last one before the payload.</summary>
    private static int StreamInfoOffset(byte[] frame)
    {
        int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(32));
        if (headerSize == 0) headerSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(36));
        return headerSize - StreamInfo.Size;
    }

    private static void AssertValid(byte[] frame)
    {
        var read = FrameReader.ReadFrame(frame, out var consumed);
        Assert.Equal(frame.Length, consumed);
        Assert.NotNull(read.Header.StreamInfo);
    }

    private static void AssertMalformedAtStreamInfo(byte[] frame)
    {
        var error = Assert.Throws<FrameFormatException>(() => FrameReader.ReadFrame(frame));
        Assert.Equal(FrameError.SizeFieldPastHeader, error.Code);
        Assert.Equal(StreamInfoOffset(frame), error.Offset);
        Assert.Contains("stream info (0x40) HeaderSize", error.Message);
        // The main header is intact: a client that frames by length finds where the next frame starts.
        Assert.Equal(frame.Length, StreamInfoOffset(frame) + StreamInfo.Size + (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(28)));
    }

    [Fact]
    public async Task Exactly_the_nth_frame_after_the_fault_begins_is_rejected_at_its_stream_info_header_size()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var hub = Hub(time, faults);
        using var stream = new VideoStream(Guid.NewGuid(), "Profile_1", "VideoSource_1", 1920, 1080, Settings, hub);
        for (var i = 0; i < 2; i++) AssertValid(await NextFrame(time, stream));

        var fault = new VideoFault.MalformedHeader("VideoSource_1", 3);
        faults.Begin(fault);
        AssertValid(await NextFrame(time, stream));
        AssertValid(await NextFrame(time, stream));
        AssertMalformedAtStreamInfo(await NextFrame(time, stream));
        for (var i = 0; i < 5; i++) AssertValid(await NextFrame(time, stream)); // once per begin, not every third frame

        // Cleared and set again: the count starts over.
        faults.End(fault);
        AssertValid(await NextFrame(time, stream));
        faults.Begin(new VideoFault.MalformedHeader("VideoSource_1", 1));
        AssertMalformedAtStreamInfo(await NextFrame(time, stream));
        AssertValid(await NextFrame(time, stream));
    }

    [Fact]
    public async Task Another_source_is_not_affected()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var hub = Hub(time, faults);
        using var stream = new VideoStream(Guid.NewGuid(), "Profile_1", "VideoSource_1", 1920, 1080, Settings, hub);
        faults.Begin(new VideoFault.MalformedHeader("VideoSource_2", 1));
        for (var i = 0; i < 3; i++) AssertValid(await NextFrame(time, stream));
    }

    [Fact]
    public async Task A_scheduled_fault_damages_the_nth_frame_after_each_begin_on_the_camera_clock()
    {
        var time = new FakeTimeProvider();
        var faults = new VideoFaults(new Random(1));
        using var scheduler = new FaultScheduler(time);
        using var hub = Hub(time, faults);
        using var stream = new VideoStream(Guid.NewGuid(), "Profile_1", "VideoSource_1", 1920, 1080, Settings, hub);
        var instruction = FaultInstruction.Parse("VideoSource_1/MalformedHeader=on;frame=2;after=5s;for=3s;every=60s");
        var fault = (VideoFault.MalformedHeader)VideoFault.From(instruction, "MalformedHeader", "VideoSource_1")!;
        Assert.Equal(2, fault.Frame);
        scheduler.Set("VideoSource_1/MalformedHeader", instruction, () => faults.Begin(fault), () => faults.End(fault));

        // Ten seconds of frames, each noted with the clock and whether the fault acted when it was composed.
        var start = time.GetUtcNow();
        var frames = new List<(byte[] Frame, TimeSpan At, bool Active)>();
        while (time.GetUtcNow() - start < TimeSpan.FromSeconds(10))
        {
            var frame = await NextFrame(time, stream);
            frames.Add((frame, time.GetUtcNow() - start, faults.MalformedHeader("VideoSource_1") is not null));
        }
        var active = frames.Select((x, i) => (x, i)).Where(x => x.x.Active).ToList();
        Assert.True(active.Count > 2, $"{active.Count} frames while active");
        Assert.InRange(active[0].x.At, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.2));
        Assert.InRange(active[^1].x.At, TimeSpan.FromSeconds(7.8), TimeSpan.FromSeconds(8));
        Assert.Equal(Enumerable.Range(active[0].i, active.Count), active.Select(x => x.i)); // one window
        // Exactly the second frame composed after the begin is rejected; all others read.
        var bad = frames.Select((x, i) => (x, i)).Where(x => !Reads(x.x.Frame)).Select(x => x.i).ToList();
        Assert.Equal([active[1].i], bad);
        AssertMalformedAtStreamInfo(frames[active[1].i].Frame);
    }

    private static bool Reads(byte[] frame)
    {
        try { FrameReader.ReadFrame(frame); return true; }
        catch (FrameFormatException) { return false; }
    }

    [Fact]
    public void Frame_must_be_a_whole_number_in_range()
    {
        FormatException Wrong(string text) => Assert.Throws<FormatException>(() => VideoFault.From(FaultInstruction.Parse(text), "MalformedHeader", "VideoSource_1"));
        Assert.Contains("frame: 0 is outside 1..1000000", Wrong("VideoSource_1/MalformedHeader=on;frame=0").Message);
        Assert.Contains("frame: 99999999999 is outside 1..1000000", Wrong("VideoSource_1/MalformedHeader=on;frame=99999999999").Message);
        Assert.Contains("frame: '2.5' is not a whole number", Wrong("VideoSource_1/MalformedHeader=on;frame=2.5").Message);
        Assert.Contains("MalformedHeader has no parameter 'offset'", Wrong("VideoSource_1/MalformedHeader=on;offset=3").Message);
        Assert.Equal(1, ((VideoFault.MalformedHeader)VideoFault.From(FaultInstruction.Parse("VideoSource_1/MalformedHeader=on"), "MalformedHeader", "VideoSource_1")!).Frame);
    }
}
