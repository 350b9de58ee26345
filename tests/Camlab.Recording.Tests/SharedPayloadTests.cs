using System.Buffers.Binary;
using Camlab.Recording.Playback;
using Camlab.VideoChannel;

namespace Camlab.Recording.Tests;

/// <summary>
/// Index version 3: a still camera sends the same K pictures again and again; the recorder stores each distinct
/// payload once per segment and every frame's entry keeps its own time, flags, motion and facts. Playback, signatures,
/// a reopen and a crash repair see the frames as if each had stored its bytes; a MarkGap starts a new sequence.
/// </summary>
public sealed class SharedPayloadTests
{
    private const int Ring = 4;
    private static readonly SizeInfo Size = new(1920, 1080, 0, 0, 1920, 1080, 1280, 720, 1_500_000);

    private static byte[] Picture(int i) => Enumerable.Range(0, 3000 + 100 * (i % Ring)).Select(k => (byte)(k * 7 + i % Ring)).ToArray();

    private static FrameFacts Facts(int i) => new(StreamDataType.Jpeg, Size, 10 + 0.5 * i, -5, 42.5, 90, null);

    private static string Mask(int i) => i < 12 ? "" : "-5,-10 5,-10 0,0";

    /// <summary>20 frames 200 ms apart cycling through 4 pictures; from frame 12 on a privacy mask is in force.</summary>
    private static void RecordRing(RecordingFixture f, Recorder recorder, int count = 20)
    {
        for (int i = 0; i < count; i++)
        {
            recorder.Append(Picture(i), isKeyFrame: i % 2 == 0, motionAmount: (uint)i, f.Clock.GetUtcNow(), Facts(i), Mask(i));
            f.Clock.Advance(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public void Identical_payloads_are_stored_once_and_play_back_byte_identical_with_their_own_headers()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open(new RecorderOptions { Signing = true }))
        {
            RecordRing(f, recorder);
            // Frames 0..3 store their pictures; 12..15 store them again (their mask text differs); the others share.
            Assert.Equal(12, recorder.FramesShared);
        }
        var segment = Assert.Single(SegmentFileNames.List(f.Directory));
        long distinct = Enumerable.Range(0, Ring).Sum(i => (long)Picture(i).Length);
        Assert.Equal(2 * distinct + Ring * Mask(12).Length, new FileInfo(segment.BasePath + SegmentFileNames.DataExtension).Length);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(segment.BasePath + SegmentFileNames.IndexExtension).AsSpan(4)));

        var report = RecordingVerifier.Verify(f.Directory);
        Assert.True(report.Findings.Count == 0, string.Join("; ", report.Findings.Select(x => x.ToString())));
        Assert.Equal(20, report.FramesChecked);

        using var index = RecordingIndex.Load(f.Directory);
        var engine = new PlaybackEngine(index, f.Clock, new PlaybackOptions { VideoId = Guid.NewGuid() }, RecordingFixture.Start, 1.0);
        var frames = new List<PlaybackFrame>();
        while (engine.Next() is { } frame) frames.Add(frame);
        Assert.Equal(20, frames.Count);
        for (int i = 0; i < 20; i++)
        {
            var frame = frames[i];
            Assert.Equal(Picture(i), frame.Payload);
            Assert.Equal((ulong)RecordingFixture.Start.AddMilliseconds(200 * i).ToUnixTimeMilliseconds(), frame.Header.TimestampUtcMs);
            Assert.Equal(i % 2 == 0, frame.Entry.IsKeyFrame);
            Assert.Equal((uint)i, frame.Entry.MotionAmount);
            Assert.Equal(Facts(i) with { PrivacyMaskLength = Mask(i).Length }, frame.Entry.Facts);
            Assert.Equal(i % Ring != i && !(i >= 12 && i < 16), frame.Entry.SharesPayload);
            Assert.Equal(Mask(i), index.Segments[0].ReadPrivacyMask(i));
            Assert.NotEqual(PlaybackFlags.RangeNoData, frame.Flags & PlaybackFlags.RangeNoData);
        }
    }

    [Fact]
    public void A_reopen_keeps_sharing_apart_per_segment_and_a_torn_shared_entry_is_cut()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open(new RecorderOptions { Signing = true }))
            RecordRing(f, recorder, 10);
        // A kill in the middle of writing frame 9's entry (a shared one): the tail repair keeps frames 0..8.
        var segment = Assert.Single(SegmentFileNames.List(f.Directory));
        var indexPath = segment.BasePath + SegmentFileNames.IndexExtension;
        using (var stream = new FileStream(indexPath, FileMode.Open)) stream.SetLength(stream.Length - 50);
        using (var recorder = f.Open(new RecorderOptions { Signing = true }))
        {
            Assert.Equal(9, recorder.NextFrameNumber);
            Assert.True(recorder.LastRepair!.Value.Changed);
            // The reopened recorder writes a new segment: its entries never point into the old segment's data file.
            recorder.Append(Picture(0), true, 0, f.Clock.GetUtcNow(), Facts(0), "");
            Assert.Equal(0, recorder.FramesShared);
        }
        var report = RecordingVerifier.Verify(f.Directory);
        Assert.True(report.Findings.Count == 0, string.Join("; ", report.Findings.Select(x => x.ToString())));
        using var index = RecordingIndex.Load(f.Directory);
        for (int i = 0; i < 9; i++) Assert.Equal(Picture(i), index.ReadPayload(i));
        Assert.Equal(Picture(0), index.ReadPayload(9));
    }

    [Fact]
    public void A_shared_entry_that_points_anywhere_but_an_earlier_record_ends_the_segment_there()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
            RecordRing(f, recorder, 8);
        var segment = Assert.Single(SegmentFileNames.List(f.Directory));
        var indexPath = segment.BasePath + SegmentFileNames.IndexExtension;
        var bytes = File.ReadAllBytes(indexPath);
        // Frame 6 shares frame 2's bytes; point it 1 byte further (a checksummed entry, so only the offset check can catch it).
        int at = SegmentFileNames.IndexHeaderSize + 6 * IndexEntry.SizeV2;
        Assert.True(IndexEntry.TryRead(bytes.AsSpan(at), SegmentFileNames.IndexVersion, out var entry));
        Assert.True(entry.SharesPayload);
        (entry with { Offset = entry.Offset + 1, Length = entry.Length - 1 }).Write(bytes.AsSpan(at), SegmentFileNames.IndexVersion);
        File.WriteAllBytes(indexPath, bytes);
        using var loaded = Segment.Load(segment.BasePath, 0);
        Assert.Equal(6, loaded.Count);
        Assert.NotEmpty(loaded.LoadProblems);
    }

    [Fact]
    public void A_marked_gap_starts_a_new_sequence_that_playback_reports_as_RangeNoData()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open();
        RecordRing(f, recorder, 5);
        recorder.MarkGap();
        RecordRing(f, recorder, 5);
        var engine = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions { VideoId = Guid.NewGuid() }, RecordingFixture.Start, 1.0);
        var frames = new List<PlaybackFrame>();
        while (engine.Next() is { } frame) frames.Add(frame);
        Assert.Equal(10, frames.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i == 5), frames.Select(p => (p.Flags & PlaybackFlags.RangeNoData) != 0));
        Assert.Equal(5ul, frames[7].Entry.SequenceId);
    }
}
