using Camlab.Recording;
using Camlab.Rendering.Encoding;
using Camlab.Server.Streaming;

namespace Camlab.Server.Recording;

/// <summary>
/// Records one media profile continuously: a viewer of the profile's render loop (its encoder's size, crop and
/// quality) at the recording frame rate, whose frames one writer task appends to the <see cref="Recorder"/> with
/// their capture time, key flag, motion amount and facts (codec, size, pose, location, privacy mask). Retention also runs from a timer, so old segments go even when frames stop coming.
/// Frames the recording loses — its inbox overflowed because writing fell behind, or the render loop never made them —
/// are counted (<see cref="FramesDropped"/>), end the recorded sequence (the next frame starts a new one: the
/// recording's ranges show the gap, playback sends RangeNoData across it) and are logged once per episode.
/// </summary>
public sealed class ProfileRecorder : IDisposable
{
    public static readonly TimeSpan RetentionInterval = TimeSpan.FromMinutes(1);

    private readonly object _writeGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<Exception> _log;
    private readonly IDisposable _subscription;
    private readonly ITimer _retention;
    private readonly Task _writer;
    private readonly FrameSink _sink;
    private readonly Observability.RecorderMeter? _meter;
    private readonly TimeProvider _time;
    private bool _disposed;
    private int _disposeStarted;
    private volatile bool _failing;
    private readonly Action<string> _warn;
    private readonly DropEpisode _behind = new();
    private long _lostSeen, _dropped, _missed;
    private readonly Faults.RecorderFaults? _faults;
    // The injected fault the recorder refuses frames for now (DiskFull, DatabaseFail); null while it records.
    private Faults.RecorderFault? _refusing;
    // Set when a gap ends the recorded sequence: the next one starts at a key frame (H.264; every JPEG frame is one).
    private bool _sequenceNeedsKeyFrame;

    public ProfileRecorder(string profileToken, RenderKey key, double fps, Recorder recorder, RecorderOptions options, RenderHub hub, TimeProvider time,
        Action<Exception> log, Action<string>? warn = null, int inboxCapacity = FrameSink.DefaultCapacity, Faults.RecorderFaults? faults = null)
    {
        _faults = faults;
        _warn = warn ?? (_ => { });
        _time = time;
        ProfileToken = profileToken;
        Recorder = recorder;
        Options = options;
        _log = log;
        _meter = hub.Metrics?.Recorder(profileToken);
        // Under a manual clock every frame the recording rate takes is appended on the clock's thread as it is
        // delivered (docs/clock.md): a run records the same frames however fast the host is.
        var inline = time is HostClock.ManualClock;
        _sink = inline ? new FrameSink(fps, inboxCapacity, _meter?.Frames) { Deliver = f => Write(f) } : new FrameSink(fps, inboxCapacity, _meter?.Frames);
        _subscription = hub.Subscribe(key, _sink);
        _retention = time.CreateTimer(_ => Retain(), null, RetentionInterval, RetentionInterval);
        _writer = inline ? Task.CompletedTask : Task.Run(WriteAsync);
    }

    public string ProfileToken { get; }
    public Recorder Recorder { get; }
    public RecorderOptions Options { get; }

    /// <summary>Frames appended since the recorder opened.</summary>
    public long FramesWritten => Interlocked.Read(ref _written);
    private long _written;

    /// <summary>
    /// Frames the recording should hold and does not: dropped from its inbox because writing fell behind
    /// (<see cref="FramesDroppedWriting"/>) plus those its render loop never made (<see cref="FramesMissedRendering"/>).
    /// </summary>
    public long FramesDropped => FramesDroppedWriting + FramesMissedRendering;

    /// <summary>Frames dropped from the recorder's inbox because appending fell behind (or waiting for a key frame after such a drop).</summary>
    public long FramesDroppedWriting => _sink.Dropped;

    /// <summary>Frames the recording rate was due for that the render loop never produced (rendering fell behind).</summary>
    public long FramesMissedRendering => _sink.Missed;

    /// <summary>Frames refused because an injected recorder fault (DiskFull, DatabaseFail) acted: not appended, counted as the recorder sink's drops.</summary>
    public long FramesRefused => Interlocked.Read(ref _refused);
    private long _refused;

    /// <summary>
    /// Predicted frames that came after a gap, before the key frame the next recorded sequence starts with: lost to the
    /// gap (counted as the recorder sink's drops), as an NVR loses them when its segment restarts.
    /// </summary>
    public long FramesAwaitingKeyFrame => Interlocked.Read(ref _awaitingKeyFrame);
    private long _awaitingKeyFrame;

    /// <summary>Held while a frame is appended (a test holds it to make the writer fall behind).</summary>
    internal object WriteGate => _writeGate;

    /// <summary>The recorder's inbox (its own viewer of the render loop), for its counters.</summary>
    public FrameSink Sink => _sink;

    /// <summary>True while the recorder is open and its last append (if any) succeeded: the live 0x02 Recording flag.</summary>
    public bool IsRecording => !Volatile.Read(ref _disposed) && !_failing && Volatile.Read(ref _refusing) is null;

    private async Task WriteAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            EncodedFrame frame;
            try { frame = await _sink.ReadAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            if (!Write(frame)) return;
        }
    }

    // False once the recorder is closed.
    private bool Write(EncodedFrame frame)
    {
        // Losses counted by now came before this frame (those after it are counted when they happen, later).
        long dropped = _sink.Dropped, missed = _sink.Missed;
        lock (_writeGate)
        {
            if (_disposed) return false;
            NoteLosses(dropped, missed);
            if (Refuses(frame)) return true;
            if (_sequenceNeedsKeyFrame && frame.Codec == VideoCodec.H264 && !frame.IsKeyFrame)
            {
                // A recorded sequence starts at a key frame, as an NVR's segment does: a sequence begun on a predicted frame
                // cannot be played from its start (a paused playback at the newest recording would have nothing to show).
                // The render loop makes the next frame a key frame; until then the frames are lost to the gap.
                _meter?.Frames.Dropped();
                Interlocked.Increment(ref _awaitingKeyFrame);
                _sink.KeyFrameWanted?.Invoke();
                return true;
            }
            _sequenceNeedsKeyFrame = false;
            try
            {
                var before = Recorder.BytesWritten;
                Recorder.Append(frame.Payload, frame.IsKeyFrame, frame.MotionAmount, frame.CaptureTime, Facts(frame), frame.PrivacyMask);
                _meter?.Appended(Recorder.BytesWritten - before, _time.GetUtcNow() - frame.RenderedAt);
                Interlocked.Increment(ref _written);
                _failing = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Disk full or removed: the flag drops, and the next frame tries again.
                if (!_failing) _log(e);
                _failing = true;
            }
            return true;
        }
    }

    /// <summary>
    /// True when an injected recorder fault acts: the frame is not appended but counted, the recorded sequence ends (the
    /// next appended frame starts a new one, so playback shows RangeNoData across the refusal), and the first refusal of
    /// an episode is logged. When the fault is cleared the next frame is appended again.
    /// </summary>
    private bool Refuses(EncodedFrame frame)
    {
        var refusal = _faults?.Refusal(ProfileToken);
        var was = _refusing;
        if (refusal is null)
        {
            if (was is not null)
            {
                _refusing = null;
                _warn($"recording {ProfileToken} resumed at {frame.CaptureTime:O} after {FramesRefused} refused frame(s) in all ({was.Reason} was cleared)");
            }
            return false;
        }
        if (was is null)
        {
            _refusing = refusal;
            Recorder.MarkGap();
            _sequenceNeedsKeyFrame = true;
            _warn($"recording {ProfileToken} stopped at {frame.CaptureTime:O}: {refusal.Reason} (injected {refusal.GetType().Name} fault); frames are refused until it is cleared");
        }
        Interlocked.Increment(ref _refused);
        _meter?.Frames.Dropped();
        return true;
    }

    /// <summary>Frames lost since the last one appended: the recorded sequence ends there, and a new episode is said once.</summary>
    private void NoteLosses(long dropped, long missed)
    {
        long lost = dropped + missed;
        if (lost == _lostSeen) return;
        if (Interlocked.Read(ref _written) == 0)
        {
            // Frames before the first recorded one (a P-frame before the recorder's first key frame) are not a gap.
            (_lostSeen, _dropped, _missed) = (lost, dropped, missed);
            return;
        }
        long newlyDropped = dropped - _dropped, newlyMissed = missed - _missed;
        (_lostSeen, _dropped, _missed) = (lost, dropped, missed);
        Recorder.MarkGap();
        _sequenceNeedsKeyFrame = true;
        if (_behind.Lost(_time.GetUtcNow()))
            _warn($"recording {ProfileToken} falls behind: {newlyDropped + newlyMissed} frame(s) lost before {_time.GetUtcNow():O} ("
                + (newlyDropped > 0 ? $"{newlyDropped} dropped because writing to {Recorder.Directory} could not keep up" : "")
                + (newlyDropped > 0 && newlyMissed > 0 ? ", " : "")
                + (newlyMissed > 0 ? $"{newlyMissed} never rendered because rendering could not keep up" : "")
                + "); the recording shows the gap, further losses in this episode are counted without a warning");
    }

    /// <summary>What the live headers carried besides the payload, as the recording keeps it.</summary>
    private static FrameFacts Facts(EncodedFrame frame) => new(FrameCodec.DataType(frame.Codec), frame.Size,
        frame.Pose.PanDeg, frame.Pose.TiltDeg, frame.Pose.HorizontalFovDeg, frame.Pose.AzimuthDeg,
        frame.Location is { } l ? new GeoPoint(l.Latitude, l.Longitude, l.Elevation) : null);

    private void Retain()
    {
        lock (_writeGate)
        {
            if (_disposed) return;
            try { Recorder.ApplyRetention(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _log(e); }
        }
    }

    /// <summary>Stops taking frames, then closes the recorder (which signs its open range).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0) return;
        _retention.Dispose();
        _subscription.Dispose();
        _stop.Cancel();
        lock (_writeGate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        try { _writer.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        Recorder.Dispose();
        _stop.Dispose();
    }
}
