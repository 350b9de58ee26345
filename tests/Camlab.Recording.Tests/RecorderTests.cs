using Camlab.Recording;

namespace Camlab.Recording.Tests;

public class RecorderTests
{
    [Fact]
    public void Frames_survive_a_reopen_with_times_sequences_motion_and_payloads()
    {
        using var f = new RecordingFixture();
        List<RecordedFrame> recorded;
        using (var recorder = f.Open(new RecorderOptions { SegmentDuration = TimeSpan.FromSeconds(1) }))
            recorded = f.Record(recorder, 60, intervalMs: 40, keyEvery: 5, motion: i => (uint)(i % 3));
        using var index = RecordingIndex.Load(f.Directory);
        Assert.Equal(0, index.FirstFrame);
        Assert.Equal(59, index.LastFrame);
        Assert.True(index.Segments.Count >= 2, "a 1-second segment duration over 2.4 s of frames must roll");
        for (int i = 0; i < 60; i++)
        {
            Assert.True(index.TryGet(i, out var e));
            Assert.Equal(RecordingFixture.Start.ToUnixTimeMilliseconds() + 40 * i, e.TimeUtcMs);
            Assert.Equal(recorded[i].Entry, e);
            Assert.Equal(i % 5 == 0, e.IsKeyFrame);
            Assert.Equal((uint)(i % 3), e.MotionAmount);
            Assert.Equal(0UL, e.SequenceId);
            Assert.Equal(RecordingFixture.Payload(i), index.ReadPayload(i));
        }
    }

    [Fact]
    public void A_gap_or_a_restart_starts_a_new_sequence_named_after_its_first_frame()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
        {
            f.Record(recorder, 5);
            f.Clock.Advance(10);
            f.Record(recorder, 5);
        }
        using (var recorder = f.Open())
            f.Record(recorder, 3);
        using var index = RecordingIndex.Load(f.Directory);
        var sequences = Enumerable.Range(0, 13).Select(i => { index.TryGet(i, out var e); return e.SequenceId; }).ToArray();
        Assert.Equal([0UL, 0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10], sequences);
    }

    [Fact]
    public void Times_strictly_increase_when_the_clock_stands_still()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open();
        var a = recorder.Append([1], true, 0);
        var b = recorder.Append([2], true, 0);
        Assert.Equal(a.Entry.TimeUtcMs + 1, b.Entry.TimeUtcMs);
    }

    [Fact]
    public void Reopening_cuts_a_torn_tail_and_keeps_every_whole_frame()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
            f.Record(recorder, 10);
        var segment = SegmentFileNames.BasePath(f.Directory, 0);
        long dataLength = new FileInfo(segment + ".dat").Length;
        // A frame in flight: payload bytes written, its index entry only half.
        File.AppendAllBytes(segment + ".dat", new byte[123]);
        File.AppendAllBytes(segment + ".idx", new byte[17]);

        using (var recorder = f.Open())
        {
            Assert.Equal(new RepairResult(segment, 123, 17, 0), recorder.LastRepair);
            Assert.Equal(10, recorder.NextFrameNumber);
            f.Record(recorder, 2);
        }
        Assert.Equal(dataLength, new FileInfo(segment + ".dat").Length);
        using var index = RecordingIndex.Load(f.Directory);
        Assert.Equal(11, index.LastFrame);
        for (int i = 0; i < 12; i++)
            Assert.Equal(RecordingFixture.Payload(i), index.ReadPayload(i));
    }

    [Fact]
    public void An_index_entry_whose_payload_never_reached_the_data_file_is_cut()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
            f.Record(recorder, 4);
        var segment = SegmentFileNames.BasePath(f.Directory, 0);
        var data = File.ReadAllBytes(segment + ".dat");
        File.WriteAllBytes(segment + ".dat", data[..^5]); // the last payload is short
        using var recorder2 = f.Open();
        Assert.Equal(3, recorder2.NextFrameNumber);
        Assert.Equal(2, recorder2.Index.LastFrame);
    }

    [Fact]
    public void Retention_by_age_deletes_whole_old_segments_but_never_the_current_one()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open(new RecorderOptions { SegmentDuration = TimeSpan.FromSeconds(10), MaxAge = TimeSpan.FromSeconds(30) });
        f.Record(recorder, 60, intervalMs: 1000); // 60 s: six 10-second segments
        var first = recorder.Index.FirstFrame;
        var firstTime = recorder.Index.TryGet(first, out var e) ? e.TimeUtcMs : 0;
        long now = f.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Segments whose last frame is older than 30 s are gone, the rest (including the one straddling the limit) stay.
        Assert.Equal(20, first);
        Assert.True(now - firstTime <= 40_000, $"oldest kept frame is {now - firstTime} ms old");
        Assert.False(File.Exists(SegmentFileNames.BasePath(f.Directory, 0) + ".idx"));
        Assert.False(File.Exists(SegmentFileNames.BasePath(f.Directory, 0) + ".dat"));

        f.Clock.Advance(3600);
        recorder.ApplyRetention();
        Assert.Single(recorder.Index.Segments); // the segment being written stays
    }

    [Fact]
    public void Retention_by_size_keeps_the_recording_under_the_limit()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open(new RecorderOptions { SegmentMaxBytes = 1000, MaxBytes = 4000 });
        f.Record(recorder, 200);
        long onDisk = Directory.EnumerateFiles(f.Directory, "seg-*").Sum(p => new FileInfo(p).Length);
        Assert.True(onDisk <= 4000, $"{onDisk} bytes on disk");
        Assert.Equal(recorder.Index.TotalDiskBytes, onDisk);
        Assert.Equal(199, recorder.Index.LastFrame);
        Assert.True(recorder.Index.FirstFrame > 0);
    }

    [Fact]
    public void Reopening_leaves_a_damaged_earlier_segment_for_verify_to_report()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open(new RecorderOptions { SegmentDuration = TimeSpan.FromSeconds(1) }))
            f.Record(recorder, 40); // segments of 25 and 15 frames
        var idx = SegmentFileNames.BasePath(f.Directory, 0) + ".idx";
        var bytes = File.ReadAllBytes(idx);
        bytes[0] ^= 0xFF; // damaged header
        File.WriteAllBytes(idx, bytes);

        using (var recorder = f.Open())
        {
            Assert.Equal(25, recorder.Index.FirstFrame);
            Assert.Equal(40, recorder.NextFrameNumber);
        }
        Assert.True(File.Exists(idx));
        var report = RecordingVerifier.Verify(f.Directory);
        Assert.Contains(report.Findings, x => x.Kind == FindingKind.Damaged && x.Detail.Contains("index header missing or damaged"));
    }

    [Fact]
    public void Bad_options_are_refused_before_anything_is_created()
    {
        using var f = new RecordingFixture();
        var sub = Path.Combine(f.Directory, "x");
        Assert.Throws<ArgumentOutOfRangeException>(() => Recorder.Open(sub, new RecorderOptions { MaxBytes = 0 }, f.Clock));
        Assert.False(Directory.Exists(sub));
    }
}
