using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Geometry;
using Camlab.VideoChannel;

namespace Camlab.Server.Streaming;

/// <summary>
/// Renders and encodes one <see cref="RenderKey"/> at the highest frame rate any of its viewers asked for and
/// offers each frame to every viewer's <see cref="FrameSink"/>. The loop owns the key's encoder (an inter-frame
/// codec keeps state across frames) and asks it for a key frame when a viewer joins or lost frames. Ticks come from the host's clock
/// (frames are stamped with the camera's: the host's plus the offset SetSystemDateAndTime sets); ticks that
/// arrive while a frame is still rendering are merged (the loop drops frames rather than queueing work). While
/// the view state reports the camera disconnected, the last picture is repeated with CameraConnectionLost.
/// <para>
/// Under a manual clock (<c>renderOnClockTicks</c>, docs/clock.md) a tick renders on the clock's thread, at the tick's
/// instant, and waits for its encode and delivery: a frame per frame interval of clock time, each showing (and stamped
/// with) its own instant, none while the clock stands still. The clock cannot outrun rendering, so a jump costs the
/// host the frames inside it and a fast rate runs only as fast as frames render — the host's CPU bounds the clock,
/// never the other way round. A viewer joining waits for the next tick.
/// </para>
/// </summary>
internal sealed class RenderLoop : IDisposable
{
    private readonly object _gate = new();
    private readonly List<FrameSink> _sinks = new();
    private readonly SemaphoreSlim _tick = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ViewRenderer _renderer;
    private readonly ICameraViewState _state;
    private readonly SourceAnalyzer _analysis;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _clockOffset;
    private readonly DateTimeOffset _sceneEpoch;
    private readonly Action<Exception> _log;
    private readonly ITimer _timer;
    private readonly Task _worker;
    private readonly FrameEncoderFactory _encoders;
    private readonly bool _renderOnClockTicks;
    private readonly ulong _noiseSeed;
    // Held while a tick renders on the clock's thread: Dispose waits for it.
    private readonly object _tickGate = new();
    private bool _stopped;
    private IFrameEncoder? _encoder;
    private RenderEncodePipeline? _pipeline;
    // Written by the encode task that publishes the frame, read by the loop and by Add.
    private volatile EncodedFrame? _last;
    private volatile EncodedFrame? _lastKeyFrame;
    private int _keyFrameWanted = 1;
    private long _sequence;
    /// <summary>Sequence number of the last frame submitted (the loop's thread only); <see cref="_sequence"/> trails it while a frame encodes.</summary>
    private long _submitted;
    private readonly Faults.VideoFaults? _faults;
    private DateTimeOffset? _lastTickAt;

    private readonly Observability.CameraMetrics? _metrics;
    private readonly Action<RgbImage> _afterRender;
    // Set by the loop's thread before each Submit, read by AfterRender on that same thread.
    private long _renderStarted;
    private bool _blackout;

    /// <param name="metrics">Where render and encode times go (null: not measured).</param>
    public RenderLoop(RenderKey key, ViewRenderer renderer, FrameEncoderFactory encoders, ICameraViewState state, SourceAnalyzer analysis,
        TimeProvider time, Func<TimeSpan> clockOffset, DateTimeOffset sceneEpoch, Action<Exception> log, bool renderOnClockTicks = false, ulong noiseSeed = 0,
        Faults.VideoFaults? faults = null, Observability.CameraMetrics? metrics = null)
    {
        _noiseSeed = noiseSeed;
        _renderOnClockTicks = renderOnClockTicks;
        _faults = faults;
        Key = key;
        _metrics = metrics;
        _afterRender = AfterRender;
        _encoders = encoders;
        _renderer = renderer;
        _state = state;
        _analysis = analysis;
        _time = time;
        _clockOffset = clockOffset;
        _sceneEpoch = sceneEpoch;
        _log = log;
        _timer = time.CreateTimer(_ => { if (_renderOnClockTicks) RenderAtTick(); else Kick(); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _worker = Task.Run(RunAsync);
    }

    public RenderKey Key { get; }

    public int ViewerCount { get { lock (_gate) return _sinks.Count; } }

    /// <summary>Frames rendered (or repeated) so far.</summary>
    public long FramesProduced => Interlocked.Read(ref _sequence);

    public void Add(FrameSink sink)
    {
        EncodedFrame? last;
        sink.KeyFrameWanted = RequestKeyFrame;
        lock (_gate)
        {
            _sinks.Add(sink);
            sink.Meter?.Joined();
            Retime();
            last = _last;
        }
        // A new viewer gets the newest picture at once if it is fresh and decodes alone, otherwise the next render
        // comes now, as a key frame.
        if (last is { IsKeyFrame: true } && _time.GetUtcNow() - last.RenderedAt < TimeSpan.FromSeconds(1 / sink.Fps)) sink.Offer(last);
        else
        {
            RequestKeyFrame();
            if (!_renderOnClockTicks) Kick();
        }
    }

    /// <summary>The next frame the encoder produces is to be a key frame (a viewer joined or dropped frames).</summary>
    public void RequestKeyFrame() => Volatile.Write(ref _keyFrameWanted, 1);

    /// <summary>Returns how many viewers remain.</summary>
    public int Remove(FrameSink sink)
    {
        lock (_gate)
        {
            if (_sinks.Remove(sink)) sink.Meter?.Left();
            Retime();
            return _sinks.Count;
        }
    }

    /// <summary>The viewers' frame rates changed (PATCH fps).</summary>
    public void Retime()
    {
        lock (_gate)
        {
            if (_sinks.Count == 0) { _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); return; }
            var period = TimeSpan.FromSeconds(1 / _sinks.Max(s => s.Fps));
            _timer.Change(period, period);
        }
    }

    private void Kick()
    {
        try { if (_tick.CurrentCount == 0) _tick.Release(); }
        catch (SemaphoreFullException) { } // another tick is already pending: merged
        catch (ObjectDisposedException) { }
    }

    private void RenderAtTick()
    {
        lock (_tickGate)
        {
            if (_stopped) return;
            try
            {
                RenderOnce();
                _pipeline?.Drain(); // delivered before the clock moves on
            }
            catch (Exception e) { _log(e); }
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _tick.WaitAsync(_stop.Token).ConfigureAwait(false);
                RenderOnce();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception e) { _log(e); }
        }
    }

    private void RenderOnce()
    {
        FrameSink[] sinks;
        lock (_gate) sinks = _sinks.ToArray();
        if (sinks.Length == 0) return;
        var now = _time.GetUtcNow();
        var source = Key.SourceToken;
        // Injected video faults (docs/faults.md): a stalled stream or a dropped frame rate skips this tick.
        if (_faults?.Holds(source, now, _lastTickAt) == true) return;
        _lastTickAt = now;
        var view = _state.Snapshot(source); // one instant: pose, field of view and window agree
        var (optics, pose, masks, lost) = (view.Optics, view.Pose, view.PrivacyMasks, view.ConnectionLost);
        var (window, crop) = Windows(optics, view.Window);

        var motion = _analysis.Latest;
        var flags = LiveFlags.LiveFeed | (motion.Motion ? LiveFlags.Motion : 0) | (lost ? LiveFlags.CameraConnectionLost : 0);
        var size = new SizeInfo(optics.ImageWidth, optics.ImageHeight, crop.Left, crop.Top, crop.Right, crop.Bottom, Key.Width, Key.Height,
            (int)Math.Round(Math.Max(crop.Width / (double)Key.Width, crop.Height / (double)Key.Height) * 1_000_000));
        long sequence = ++_submitted;
        // Everything but the payload is taken now, at render time, on the loop's thread; Publish runs when the encode ends.
        var maskText = PrivacyMaskText.Format(masks);
        var location = view.Location;
        var framePose = new FramePose(pose.PanDeg, pose.TiltDeg, HorizontalFov(optics, window), Bearing(pose));
        var cameraNow = now + _clockOffset();
        void Publish(EncodedPicture picture, VideoCodec codec)
        {
            var frame = new EncodedFrame(_faults?.Payload(source, picture.Payload) ?? picture.Payload, codec, picture.IsKeyFrame, cameraNow, sequence, size, flags, motion.Amount,
                maskText, location, framePose) { View = new FrameView(source, optics, pose, window), RenderedAt = now };
            _last = frame;
            if (frame.IsKeyFrame) _lastKeyFrame = frame;
            Interlocked.Exchange(ref _sequence, sequence);
            foreach (var sink in sinks) sink.Offer(frame);
        }

        if (lost)
        {
            // The frame still encoding is older than this repeat: it goes out first. The picture repeated is the last
            // key frame, which decodes alone whatever the codec.
            _pipeline?.Drain();
            if (_lastKeyFrame is { } key)
            {
                Publish(new EncodedPicture(key.Payload, IsKeyFrame: true), key.Codec);
                return;
            }
        }
        _encoder ??= _metrics is null ? _encoders(Key) : new Observability.MeteredFrameEncoder(_encoders(Key), _metrics);
        _pipeline ??= new RenderEncodePipeline(_renderer, _encoder, Key.Width, Key.Height);
        var encoder = _encoder;
        var request = new RenderRequest(optics, pose, Key.Width, Key.Height)
        {
            Window = window,
            SceneTime = now - _sceneEpoch > TimeSpan.Zero ? now - _sceneEpoch : TimeSpan.Zero,
            Imaging = view.Imaging,
            PrivacyMasks = masks,
            Overlays = _state.Overlays(source, cameraNow),
            NoiseSeed = _noiseSeed + (ulong)(sequence - 1),
        };
        // This frame renders while the previous one may still be encoding on another core; it is offered to the
        // viewers as soon as its own encode ends (frames in order), so its latency is its own render + encode.
        bool keyFrame = Interlocked.Exchange(ref _keyFrameWanted, 0) == 1;
        _blackout = lost; // lost before any picture: black, as a decoder shows a dead input
        _renderStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var encoding = _pipeline.Submit(request, picture => Publish(picture, encoder.Codec), _afterRender, keyFrame);
        encoding.ContinueWith(t => _log(t.Exception!.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // Runs on the loop's thread inside Submit, between the render and the encode.
    private void AfterRender(RgbImage image)
    {
        _metrics?.Rendered(System.Diagnostics.Stopwatch.GetTimestamp() - _renderStarted);
        if (_blackout) Array.Clear(image.Pixels);
    }

    /// <summary>
    /// The render window in sensor pixels and the crop reported in SizeInfo, in the source image's pixels: the
    /// stream's crop is taken inside the window the view state gives (the digital PTZ node's).
    /// </summary>
    private (CropWindow Window, CropRect Crop) Windows(ICameraProjection optics, CropWindow? sourceWindow)
    {
        var outer = sourceWindow ?? CropWindow.Full(optics);
        var crop = Key.Crop ?? new CropRect(0, 0, optics.ImageWidth, optics.ImageHeight);
        double sx = outer.Width / optics.ImageWidth, sy = outer.Height / optics.ImageHeight;
        var window = new CropWindow(outer.Left + crop.Left * sx, outer.Top + crop.Top * sy, outer.Left + crop.Right * sx, outer.Top + crop.Bottom * sy);
        return (window, crop);
    }

    /// <summary>The angle between the rays through the middle of the window's left and right edges.</summary>
    private static double HorizontalFov(ICameraProjection optics, CropWindow window)
    {
        double v = (window.Top + window.Bottom) / 2;
        if (!optics.TryUnproject(window.Left, v, out var left) || !optics.TryUnproject(window.Right, v, out var right)) return 0;
        double cos = Math.Clamp(System.Numerics.Vector3.Dot(System.Numerics.Vector3.Normalize(left), System.Numerics.Vector3.Normalize(right)), -1f, 1f);
        return Math.Acos(cos) * 180 / Math.PI;
    }

    /// <summary>Compass bearing of the view's centre: the mount's yaw plus the pan (0..360).</summary>
    private static double Bearing(ViewPose pose)
    {
        double bearing = (pose.Mount.YawDeg + pose.PanDeg) % 360;
        return bearing < 0 ? bearing + 360 : bearing;
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_tickGate) _stopped = true;
        _stop.Cancel();
        try { _worker.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _pipeline?.Dispose(); // waits for the frame still encoding before its encoder goes
        _encoder?.Dispose();
        _stop.Dispose();
    }
}
