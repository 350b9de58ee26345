using Camlab.Recording;
using Camlab.Server.Streaming;

namespace Camlab.Server.Recording;

/// <summary>
/// Records one media profile continuously: a viewer of the profile's render loop (its encoder's size, crop and
/// quality) at the recording frame rate, whose frames one writer task appends to the <see cref="Recorder"/> with
/// their capture time, key flag, motion amount and facts (codec, size, pose, location, privacy mask). Retention also runs from a timer, so old segments go even when frames stop coming.
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

    public ProfileRecorder(string profileToken, RenderKey key, double fps, Recorder recorder, RecorderOptions options, RenderHub hub, TimeProvider time,
        Action<Exception> log)
    {
        ProfileToken = profileToken;
        Recorder = recorder;
        Options = options;
        _log = log;
        _meter = hub.Metrics?.Recorder(profileToken);
        _time = time;
        // Under a manual clock every frame the recording rate takes is appended on the clock's thread as it is
        // delivered (docs/clock.md): a run records the same frames however fast the host is.
        var inline = time is HostClock.ManualClock;
        _sink = inline ? new FrameSink(fps, meter: _meter?.Frames) { Deliver = f => Write(f) } : new FrameSink(fps, meter: _meter?.Frames);
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

    /// <summary>True while the recorder is open and its last append (if any) succeeded: the live 0x02 Recording flag.</summary>
    public bool IsRecording => !Volatile.Read(ref _disposed) && !_failing;

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
        lock (_writeGate)
        {
            if (_disposed) return false;
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
