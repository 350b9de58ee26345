using System.Text;
using Camlab.VideoChannel;

namespace Camlab.Recording.Playback;

/// <summary>
/// One playback stream over a recording: the ChangeStream operations (speed, pause, seeks) and, per call to
/// <see cref="Next"/>, the next frame with the playback headers the video channel specification asks for.
/// Pure and single-threaded: it reads the index and the clock it is given, schedules nothing itself, and leaves
/// the waiting to the caller (send each frame at <see cref="PlaybackFrame.DueAt"/>). Gaps between sequences are
/// skipped, not waited through; the first frame after one carries RangeNoData. Every member takes a lock, so a
/// PATCH handler may call <see cref="Apply"/> while the stream's loop calls <see cref="Next"/>.
/// </summary>
public sealed class PlaybackEngine
{
    private readonly RecordingIndex _index;
    private readonly TimeProvider _time;
    private readonly PlaybackOptions _options;
    private readonly PlaybackNavigator _navigator;
    private readonly object _gate = new();
    private double _speed;
    private PendingSeek? _pending;
    private bool _announcePause;
    private long _current = -1;
    private PlaybackFlags _lastFlags;
    private long _lastSignatureRange = long.MinValue; // FirstFrame of the range last announced; -1 unsigned
    private uint _framesSent;
    private DateTimeOffset _lastDue;

    private readonly record struct PendingSeek(long Target, ulong RequestedTimeUtcMs, PlaybackFlags ExtraFlags);

    /// <summary>Opens a playback at <paramref name="start"/> (a seek to that time) with the given speed.</summary>
    public PlaybackEngine(RecordingIndex index, TimeProvider time, PlaybackOptions options, DateTimeOffset start, double speed = 1.0)
    {
        _index = index;
        _time = time;
        _options = options;
        _navigator = new PlaybackNavigator(index, options.SyncSearchLimit);
        _speed = CheckSpeed(speed);
        SeekTo(start);
    }

    /// <summary>Recorded seconds per wall-clock second; negative plays backwards, 0 is paused.</summary>
    public double Speed { get { lock (_gate) return _speed; } }

    /// <summary>The number of the frame last returned by <see cref="Next"/>, or -1.</summary>
    public long CurrentFrame { get { lock (_gate) return _current; } }

    /// <summary>Applies a validated ChangeStream request: all of it, or (when invalid) nothing.</summary>
    public void Apply(PlaybackChange change)
    {
        if (change.Validate() is { } problem)
            throw new ArgumentException(problem, nameof(change));
        lock (_gate)
        {
            if (change.Speed is { } speed) SetSpeed(speed);
            switch (change.Seek)
            {
                case PlaybackSeek.Time: SeekTo(change.Time!.Value); break;
                case PlaybackSeek.DatabaseStart: SeekToDatabaseStart(); break;
                case PlaybackSeek.DatabaseEnd: SeekToDatabaseEnd(); break;
                case PlaybackSeek.PreviousSequence: SeekToPreviousSequence(); break;
                case PlaybackSeek.NextSequence: SeekToNextSequence(); break;
                case PlaybackSeek.PreviousFrame: SeekToPreviousFrame(); break;
                case PlaybackSeek.NextFrame: SeekToNextFrame(); break;
            }
        }
    }

    /// <summary>ChangeStream speed. A pause re-sends the current frame once, flagged PlayStopped.</summary>
    public void SetSpeed(double speed)
    {
        lock (_gate) SetSpeedCore(speed);
    }

    private void SetSpeedCore(double speed)
    {
        speed = CheckSpeed(speed);
        if (speed == 0 && _speed != 0 && _current >= 0 && _pending is null)
            _announcePause = true;
        _speed = speed;
        _lastDue = _time.GetUtcNow();
    }

    public void Pause() => SetSpeed(0);

    /// <summary>
    /// Seek to a time: the frame shown at that time (the last at or before it), or rather the key frame a decoder
    /// starts at to show it (the start of its GOP for H.264; the frame itself for JPEG). Inside a gap: the first frame after
    /// it (the last before it when playing backwards) with RangeNoData. Before the first or after the last frame:
    /// that edge frame with OutOfRange.
    /// </summary>
    public void SeekTo(DateTimeOffset time)
    {
        lock (_gate) SeekToCore(time);
    }

    private void SeekToCore(DateTimeOffset time)
    {
        long t = time.ToUnixTimeMilliseconds();
        ulong requested = (ulong)Math.Max(t, 0);
        long first = _index.FirstFrame, last = _index.LastFrame;
        if (first < 0) { SetPending(-1, requested, PlaybackFlags.RangeNoData); return; }
        _index.TryGet(first, out var firstEntry);
        _index.TryGet(last, out var lastEntry);
        if (t < firstEntry.TimeUtcMs) { SetPending(_navigator.DecodableFrom(first), requested, PlaybackFlags.OutOfRange); return; }
        if (t > lastEntry.TimeUtcMs) { SetPending(_navigator.DecodableFrom(last), requested, PlaybackFlags.OutOfRange); return; }
        long before = _index.FindAtOrBefore(t);
        _index.TryGet(before, out var beforeEntry);
        long after = beforeEntry.TimeUtcMs == t ? -1 : _index.NextFrame(before);
        if (after >= 0 && _navigator.SequenceOf(after) != beforeEntry.SequenceId)
            SetPending(_navigator.DecodableFrom(_speed < 0 ? before : after), requested, PlaybackFlags.RangeNoData);
        else
            SetPending(_navigator.DecodableFrom(before), requested, PlaybackFlags.None);
    }

    public void SeekToDatabaseStart() { lock (_gate) SeekToFrame(_navigator.DecodableFrom(_index.FirstFrame), PlaybackFlags.None); }

    public void SeekToDatabaseEnd() { lock (_gate) SeekToFrame(_navigator.DecodableFrom(_index.LastFrame), PlaybackFlags.None); }

    /// <summary>One frame forward from the current (or pending) position; past the end: the last frame with OutOfRange.</summary>
    public void SeekToNextFrame() { lock (_gate) Step(Reference(), f => _index.NextFrame(f), _index.LastFrame); }

    public void SeekToPreviousFrame() { lock (_gate) Step(Reference(), f => _index.PreviousFrame(f), _index.FirstFrame); }

    /// <summary>The first frame of the next sequence; after the last sequence: the last frame with OutOfRange.</summary>
    public void SeekToNextSequence() { lock (_gate) Step(Reference(), _navigator.NextSequenceStart, _index.LastFrame); }

    /// <summary>
    /// The first frame of the previous sequence (the one before the sequence holding the current frame); before the
    /// first sequence: the first frame with OutOfRange.
    /// </summary>
    public void SeekToPreviousSequence() { lock (_gate) Step(Reference(), _navigator.PreviousSequenceStart, _index.FirstFrame); }

    /// <summary>
    /// The next frame to send, or null when there is none in the current state: paused after the frame at the
    /// position was sent, at a database edge in the play direction (until more is recorded), or an empty recording.
    /// </summary>
    public PlaybackFrame? Next()
    {
        lock (_gate) return NextCore();
    }

    private PlaybackFrame? NextCore()
    {
        var now = _time.GetUtcNow();
        if (_pending is { } seek)
        {
            _pending = null;
            _announcePause = false;
            if (seek.Target < 0 || !_index.TryGet(seek.Target, out _)) return null;
            _lastDue = now;
            return Emit(seek.Target, seek.ExtraFlags, seek.RequestedTimeUtcMs, now);
        }
        if (_announcePause)
        {
            _announcePause = false;
            if (_index.TryGet(_current, out _)) return Emit(_current, PlaybackFlags.None, null, now);
        }
        if (_speed == 0) return null;
        long candidate;
        if (_current < 0 || !_index.TryGet(_current, out var currentEntry))
        {
            // Nothing sent yet, or retention removed the frame we were on: resume from the nearest edge.
            candidate = _speed > 0 ? _navigator.DecodableFrom(_index.FirstFrame) : -1;
            if (candidate < 0) return null;
            _lastDue = now;
            return Emit(candidate, PlaybackFlags.None, null, now);
        }
        candidate = _speed > 0 ? _index.NextFrame(_current) : _index.PreviousFrame(_current);
        if (candidate < 0) return null;
        _index.TryGet(candidate, out var next);
        bool acrossGap = next.SequenceId != currentEntry.SequenceId;
        // Gaps are skipped: the frame after one is due at once.
        var due = acrossGap ? _lastDue : _lastDue + TimeSpan.FromMilliseconds(Math.Abs(next.TimeUtcMs - currentEntry.TimeUtcMs) / Math.Abs(_speed));
        _lastDue = due;
        return Emit(candidate, acrossGap ? PlaybackFlags.RangeNoData : PlaybackFlags.None, null, due);
    }

    private PlaybackFrame Emit(long frameNumber, PlaybackFlags extra, ulong? requested, DateTimeOffset due)
    {
        _index.TryGet(frameNumber, out var entry);
        byte[] payload;
        try
        {
            payload = _index.ReadPayload(frameNumber);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            payload = [];
            extra |= PlaybackFlags.DatabaseError;
        }

        var flags = Direction() | extra;
        if (frameNumber == _index.FirstFrame) flags |= PlaybackFlags.DatabaseStart;
        if (frameNumber == _index.LastFrame) flags |= PlaybackFlags.DatabaseEnd;
        var changed = flags ^ _lastFlags;
        _lastFlags = flags;

        var native = new NativeData
        {
            Flags = NativeDataFlags.Sequence,
            SequenceId = entry.SequenceId,
            HasMotion = entry.MotionAmount > 0 ? (ushort)1 : (ushort)0,
        };
        if (entry.IsKeyFrame)
        {
            // Video channel 0x08/0x01: on sync points only.
            native = native with
            {
                Flags = native.Flags | NativeDataFlags.PlaybackSync,
                PreviousSyncTimeStamp = _navigator.NeighbourSyncTime(frameNumber, -1),
                NextSyncTimeStamp = _navigator.NeighbourSyncTime(frameNumber, +1),
            };
        }
        byte[] signature = [];
        if (_options.Signing)
        {
            var range = _index.FindSignature(frameNumber);
            long rangeKey = range?.FirstFrame ?? -1;
            // 0x08/0x08: on the first frame of the stream and whenever the signed range changes.
            if (_framesSent == 0 || rangeKey != _lastSignatureRange)
            {
                _lastSignatureRange = rangeKey;
                signature = range is { } r ? Encoding.ASCII.GetBytes(r.ToHeaderString()) : [];
                native = native with
                {
                    Flags = native.Flags | NativeDataFlags.Signature,
                    SignatureState = range is null ? SignatureStates.Unsigned : SignatureStates.Signed,
                };
            }
        }

        var header = new FrameHeader
        {
            VideoId = _options.VideoId,
            TimestampUtcMs = (ulong)entry.TimeUtcMs,
            FrameCount = ++_framesSent,
            PlaybackInfo = new PlaybackInfo(flags, changed),
            NativeData = native,
            MotionInfo = new MotionInfo(entry.MotionAmount),
            StreamInfo = new StreamInfo(StreamInfo.CurrentVersion, StreamInfoFields.DataType | StreamInfoFields.Flags, 0,
                entry.Facts?.DataType ?? _options.DataType, entry.IsKeyFrame ? StreamInfoFlags.KeyFrame : StreamInfoFlags.None, 0, 0, 0, 0, 0),
            PlaybackRequest = requested is { } r2 ? new PlaybackRequest(r2) : null,
        };
        _current = frameNumber;
        return new PlaybackFrame(header, payload, signature, frameNumber, entry, due);
    }

    private PlaybackFlags Direction() =>
        _speed > 0 ? PlaybackFlags.PlayForward : _speed < 0 ? PlaybackFlags.PlayBackward : PlaybackFlags.PlayStopped;

    private long Reference() => _pending is { Target: >= 0 } p ? p.Target : _current >= 0 ? _current : _index.FirstFrame;

    private void Step(long from, Func<long, long> move, long edge)
    {
        if (from < 0) { SetPending(-1, 0, PlaybackFlags.RangeNoData); return; }
        long target = _index.TryGet(from, out _) ? move(from) : edge;
        if (target < 0) SeekToFrame(edge, PlaybackFlags.OutOfRange);
        else SeekToFrame(target, PlaybackFlags.None);
    }

    private void SeekToFrame(long frame, PlaybackFlags extra)
    {
        if (frame < 0 || !_index.TryGet(frame, out var entry)) { SetPending(-1, 0, PlaybackFlags.RangeNoData); return; }
        SetPending(frame, (ulong)entry.TimeUtcMs, extra);
    }

    private void SetPending(long target, ulong requested, PlaybackFlags extra)
    {
        _pending = new PendingSeek(target, requested, extra);
        _lastDue = _time.GetUtcNow();
    }

    private static double CheckSpeed(double speed) =>
        double.IsFinite(speed) ? speed : throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a finite number");
}
