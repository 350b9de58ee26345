using Camlab.Recording;
using Camlab.Recording.Playback;
using Camlab.VideoChannel;
using static Camlab.VideoChannel.PlaybackFlags;

namespace Camlab.Recording.Tests;

/// <summary>
/// Playback over a recording made on a fake clock: 10 frames 40 ms apart (sequence 0), a 60 s gap, 10 more
/// (sequence 10). Every frame's playback flags and native data are asserted.
/// </summary>
public class PlaybackTests : IDisposable
{
    private static readonly Guid VideoId = Guid.Parse("822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e");
    private readonly RecordingFixture _f = new();
    private readonly Recorder _recorder;
    private readonly long _t0 = RecordingFixture.Start.ToUnixTimeMilliseconds();
    private long T(int frame) => frame < 10 ? _t0 + 40 * frame : _t0 + 360 + 60_000 + 40 * (frame - 10);

    public PlaybackTests()
    {
        _recorder = _f.Open();
        _f.Record(_recorder, 10, keyEvery: 3, motion: i => i == 4 ? 17u : 0u);
        _f.Clock.Advance(60 - 0.04);
        _f.Record(_recorder, 10, keyEvery: 3);
        _f.Clock.Advance(100);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _f.Dispose();
    }

    private PlaybackEngine Play(DateTimeOffset start, double speed, bool signing = false) =>
        new(_recorder.Index, _f.Clock, new PlaybackOptions { VideoId = VideoId, Signing = signing }, start, speed);

    private DateTimeOffset At(int frame) => DateTimeOffset.FromUnixTimeMilliseconds(T(frame));

    private static List<PlaybackFrame> Drain(PlaybackEngine engine, int max = 100)
    {
        var frames = new List<PlaybackFrame>();
        while (frames.Count < max && engine.Next() is { } frame) frames.Add(frame);
        return frames;
    }

    [Fact]
    public void Forward_at_speed_one_from_the_start_to_the_end()
    {
        var engine = Play(At(0), 1.0);
        var frames = Drain(engine);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), frames.Select(p => p.FrameNumber));
        Assert.Null(engine.Next());

        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseStart, PlayForward | DatabaseStart), frames[0].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayForward, DatabaseStart), frames[1].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayForward, None), frames[2].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayForward | RangeNoData, RangeNoData), frames[10].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayForward, RangeNoData), frames[11].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseEnd, DatabaseEnd), frames[19].Header.PlaybackInfo);

        // 0x200 only on the first frame after the request (the start time).
        Assert.Equal(new PlaybackRequest((ulong)T(0)), frames[0].Header.PlaybackRequest);
        Assert.All(frames.Skip(1), p => Assert.Null(p.Header.PlaybackRequest));
        // No live-only header; frame count runs; time stamps are the recorded ones.
        Assert.All(frames, p => Assert.Null(p.Header.LiveInfo));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (uint)i), frames.Select(p => p.Header.FrameCount));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ulong)T(i)), frames.Select(p => p.Header.TimestampUtcMs));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => RecordingFixture.Payload(i)), frames.Select(p => p.Payload));

        // Due times follow the recording, and the gap is skipped, not waited through.
        var start = frames[0].DueAt;
        Assert.Equal(start + TimeSpan.FromMilliseconds(360), frames[9].DueAt);
        Assert.Equal(frames[9].DueAt, frames[10].DueAt);
        Assert.Equal(frames[10].DueAt + TimeSpan.FromMilliseconds(40), frames[11].DueAt);
    }

    [Fact]
    public void Native_data_carries_sync_time_stamps_on_sync_points_and_sequence_and_motion_on_every_frame()
    {
        var frames = Drain(Play(At(0), 1.0));
        for (int i = 0; i < 20; i++)
        {
            var native = frames[i].Header.NativeData!.Value;
            Assert.Equal(i < 10 ? 0UL : 10UL, native.SequenceId);
            Assert.Equal(i == 4 ? (ushort)1 : (ushort)0, native.HasMotion);
            Assert.Equal(i == 4 ? 17u : 0u, frames[i].Header.MotionInfo!.Value.MotionAmount);
            bool key = (i < 10 ? i : i - 10) % 3 == 0; // key frames 0 3 6 9 | 10 13 16 19
            Assert.Equal(key, frames[i].Header.StreamInfo!.Value.IsKeyFrame);
            Assert.Equal(key ? NativeDataFlags.PlaybackSync | NativeDataFlags.Sequence : NativeDataFlags.Sequence, native.Flags);
            if (!key) continue;
            int[] keys = [0, 3, 6, 9, 10, 13, 16, 19];
            int k = Array.IndexOf(keys, i);
            Assert.Equal(k == 0 ? 0UL : (ulong)T(keys[k - 1]), native.PreviousSyncTimeStamp);
            Assert.Equal(k == keys.Length - 1 ? 0UL : (ulong)T(keys[k + 1]), native.NextSyncTimeStamp);
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(8.0)]
    public void Speed_scales_the_due_times(double speed)
    {
        var frames = Drain(Play(At(2), speed)).Take(5).ToList();
        Assert.Equal([2L, 3, 4, 5, 6], frames.Select(p => p.FrameNumber));
        for (int i = 1; i < frames.Count; i++)
            Assert.Equal(TimeSpan.FromMilliseconds(40 / speed), frames[i].DueAt - frames[i - 1].DueAt);
        Assert.Equal(new PlaybackInfo(PlayForward, PlayForward), frames[0].Header.PlaybackInfo);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-4.0)]
    public void Backward_plays_to_the_database_start_across_the_gap(double speed)
    {
        var engine = Play(At(19), speed);
        var frames = Drain(engine);
        Assert.Equal(Enumerable.Range(0, 20).Reverse().Select(i => (long)i), frames.Select(p => p.FrameNumber));
        Assert.Null(engine.Next());
        Assert.Equal(new PlaybackInfo(PlayBackward | DatabaseEnd, PlayBackward | DatabaseEnd), frames[0].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayBackward, DatabaseEnd), frames[1].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayBackward | RangeNoData, RangeNoData), frames[10].Header.PlaybackInfo); // frame 9
        Assert.Equal(new PlaybackInfo(PlayBackward, RangeNoData), frames[11].Header.PlaybackInfo);
        Assert.Equal(new PlaybackInfo(PlayBackward | DatabaseStart, DatabaseStart), frames[19].Header.PlaybackInfo);
        Assert.Equal(TimeSpan.FromMilliseconds(40 / -speed), frames[2].DueAt - frames[1].DueAt);
    }

    [Fact]
    public void Seeking_into_the_gap_lands_on_the_next_frame_forward_and_the_previous_backward_with_RangeNoData()
    {
        var inGap = At(9) + TimeSpan.FromSeconds(30);
        var forward = Play(inGap, 1.0).Next()!;
        Assert.Equal(10, forward.FrameNumber);
        Assert.Equal(PlayForward | RangeNoData, forward.Flags);
        Assert.Equal(new PlaybackRequest((ulong)inGap.ToUnixTimeMilliseconds()), forward.Header.PlaybackRequest);

        var backward = Play(inGap, -1.0).Next()!;
        Assert.Equal(9, backward.FrameNumber);
        Assert.Equal(PlayBackward | RangeNoData, backward.Flags);
    }

    [Fact]
    public void Seeking_between_two_frames_of_a_sequence_shows_the_frame_at_or_before_it()
    {
        var engine = Play(At(0), 1.0);
        Drain(engine, 3);
        engine.SeekTo(At(5) + TimeSpan.FromMilliseconds(39));
        var frame = engine.Next()!;
        Assert.Equal(5, frame.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward, None), frame.Header.PlaybackInfo);
        Assert.Equal((ulong)(T(5) + 39), frame.Header.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
        Assert.Equal(6, engine.Next()!.FrameNumber);
    }

    [Fact]
    public void Seeking_outside_the_recording_gives_the_edge_frame_with_OutOfRange()
    {
        var engine = Play(At(0) - TimeSpan.FromHours(1), 1.0);
        var before = engine.Next()!;
        Assert.Equal(0, before.FrameNumber);
        Assert.Equal(PlayForward | DatabaseStart | OutOfRange, before.Flags);
        Assert.Equal((ulong)(T(0) - 3_600_000), before.Header.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
        var next = engine.Next()!;
        Assert.Equal(new PlaybackInfo(PlayForward, DatabaseStart | OutOfRange), next.Header.PlaybackInfo);

        engine.SeekTo(At(19) + TimeSpan.FromMinutes(5));
        var after = engine.Next()!;
        Assert.Equal(19, after.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseEnd | OutOfRange, DatabaseEnd | OutOfRange), after.Header.PlaybackInfo);
        Assert.Null(engine.Next()); // forward at the end: nothing until more is recorded

        _f.Record(_recorder, 1); // 100 s later: a new sequence
        var live = engine.Next()!;
        Assert.Equal(20, live.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseEnd | RangeNoData, OutOfRange | RangeNoData), live.Header.PlaybackInfo);
    }

    [Fact]
    public void Database_start_and_end_seeks()
    {
        var engine = Play(At(5), 1.0);
        engine.Next();
        engine.SeekToDatabaseEnd();
        var end = engine.Next()!;
        Assert.Equal(19, end.FrameNumber);
        Assert.Equal(PlayForward | DatabaseEnd, end.Flags);
        Assert.Equal((ulong)T(19), end.Header.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
        engine.SeekToDatabaseStart();
        var start = engine.Next()!;
        Assert.Equal(0, start.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseStart, DatabaseStart | DatabaseEnd), start.Header.PlaybackInfo);
    }

    [Fact]
    public void Frame_and_sequence_steps()
    {
        var engine = Play(At(5), 0);
        Assert.Equal(new PlaybackInfo(PlayStopped, PlayStopped), engine.Next()!.Header.PlaybackInfo);
        Assert.Null(engine.Next()); // paused: one frame per request

        engine.SeekToNextFrame();
        Assert.Equal(6, engine.Next()!.FrameNumber);
        engine.SeekToPreviousFrame();
        engine.SeekToPreviousFrame(); // steps accumulate before the next frame is sent
        Assert.Equal(4, engine.Next()!.FrameNumber);

        engine.SeekToNextSequence();
        var next = engine.Next()!;
        Assert.Equal(10, next.FrameNumber);
        Assert.Equal((ulong)T(10), next.Header.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
        engine.SeekToNextSequence(); // there is none after the last
        var edge = engine.Next()!;
        Assert.Equal(19, edge.FrameNumber);
        Assert.Equal(PlayStopped | DatabaseEnd | OutOfRange, edge.Flags);

        engine.SeekToPreviousSequence();
        Assert.Equal(0, engine.Next()!.FrameNumber);
        engine.SeekToPreviousSequence();
        Assert.Equal(PlayStopped | DatabaseStart | OutOfRange, engine.Next()!.Flags);
        engine.SeekToPreviousFrame();
        Assert.Equal(PlayStopped | DatabaseStart | OutOfRange, engine.Next()!.Flags);
    }

    [Fact]
    public void Pausing_resends_the_current_frame_as_stopped_and_resuming_continues()
    {
        var engine = Play(At(0), 1.0);
        Drain(engine, 3);
        engine.Pause();
        var paused = engine.Next()!;
        Assert.Equal(2, paused.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayStopped, PlayStopped | PlayForward), paused.Header.PlaybackInfo);
        Assert.Null(paused.Header.PlaybackRequest);
        Assert.Null(engine.Next());

        _f.Clock.Advance(5);
        engine.SetSpeed(-2);
        var resumed = engine.Next()!;
        Assert.Equal(1, resumed.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayBackward, PlayStopped | PlayBackward), resumed.Header.PlaybackInfo);
        Assert.Equal(_f.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(20), resumed.DueAt);
    }

    [Fact]
    public void An_unreadable_segment_gives_frames_flagged_DatabaseError_and_playback_goes_on()
    {
        var engine = Play(At(8), 1.0);
        engine.Next();
        File.WriteAllBytes(SegmentFileNames.BasePath(_f.Directory, 0) + ".dat", []); // truncated under the reader
        var broken = engine.Next()!;
        Assert.Equal(9, broken.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseError, DatabaseError), broken.Header.PlaybackInfo);
        Assert.Empty(broken.Payload);
        var next = engine.Next()!; // same segment, still unreadable; playback goes on
        Assert.Equal(10, next.FrameNumber);
        Assert.Equal(new PlaybackInfo(PlayForward | DatabaseError | RangeNoData, RangeNoData), next.Header.PlaybackInfo);
        Assert.Empty(next.Payload);
    }

    [Fact]
    public void Frames_go_out_through_the_codec_and_read_back_identically()
    {
        foreach (var frame in Drain(Play(At(0), 1.0)))
        {
            var bytes = frame.ToArray();
            var read = FrameReader.ReadFrame(bytes, out int consumed);
            Assert.Equal(bytes.Length, consumed);
            Assert.Equal(VideoId, read.Header.VideoId);
            Assert.Equal(frame.Header.PlaybackInfo, read.Header.PlaybackInfo);
            Assert.Equal(frame.Header.PlaybackRequest, read.Header.PlaybackRequest);
            Assert.Equal(frame.Header.NativeData!.Value with { SignatureRange = default, PrivacyMaskRange = default },
                read.Header.NativeData!.Value with { SignatureRange = default, PrivacyMaskRange = default });
            Assert.Equal(frame.Payload, read.Payload.ToArray());
        }
    }

    [Fact]
    public void An_empty_recording_sends_nothing_until_frames_arrive()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open();
        var engine = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions { VideoId = VideoId }, f.Clock.GetUtcNow(), 1.0);
        Assert.Null(engine.Next());
        f.Record(recorder, 1);
        Assert.Equal(PlayForward | DatabaseStart | DatabaseEnd, engine.Next()!.Flags);
    }
}

public class PlaybackChangeTests
{
    [Fact]
    public void A_change_applies_speed_then_seek_and_an_invalid_one_changes_nothing()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open();
        f.Record(recorder, 5);
        f.Clock.Advance(30);
        f.Record(recorder, 5);
        var engine = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions(), RecordingFixture.Start, 1.0);
        Assert.Equal(0, engine.Next()!.FrameNumber);

        var inGap = RecordingFixture.Start.AddSeconds(10);
        Assert.Throws<ArgumentException>(() => engine.Apply(new PlaybackChange { Speed = -1, Seek = PlaybackSeek.DatabaseEnd, Time = inGap }));
        Assert.Throws<ArgumentException>(() => engine.Apply(new PlaybackChange { Speed = double.NaN }));
        Assert.Throws<ArgumentException>(() => engine.Apply(new PlaybackChange()));
        Assert.Equal(1.0, engine.Speed);
        Assert.Equal(1, engine.Next()!.FrameNumber); // nothing was applied

        engine.Apply(new PlaybackChange { Speed = -1, Seek = PlaybackSeek.Time, Time = inGap });
        var frame = engine.Next()!;
        Assert.Equal(4, frame.FrameNumber); // backwards: the last frame before the gap
        Assert.Equal(PlaybackFlags.PlayBackward | PlaybackFlags.RangeNoData, frame.Flags);

        engine.Apply(new PlaybackChange { Seek = PlaybackSeek.NextSequence });
        Assert.Equal(5, engine.Next()!.FrameNumber);
    }

    [Fact]
    public void The_index_announces_appended_frames()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open();
        var seen = new List<long>();
        recorder.Index.FrameAppended += seen.Add;
        f.Record(recorder, 3);
        Assert.Equal([0L, 1, 2], seen);
    }
}

public class PlaybackRetentionTests
{
    [Fact]
    public void When_retention_removes_the_current_frame_forward_playback_resumes_at_the_new_start()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open(new RecorderOptions { SegmentDuration = TimeSpan.FromSeconds(10), MaxAge = TimeSpan.FromSeconds(20) });
        f.Record(recorder, 10, intervalMs: 1000);
        var engine = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions(), RecordingFixture.Start, 1.0);
        Assert.Equal(0, engine.Next()!.FrameNumber);
        f.Record(recorder, 30, intervalMs: 1000); // segment 0..9 ages out
        Assert.Equal(10, recorder.Index.FirstFrame);
        var frame = engine.Next()!;
        Assert.Equal(10, frame.FrameNumber);
        Assert.Equal(PlaybackFlags.PlayForward | PlaybackFlags.DatabaseStart, frame.Flags);
    }
}
