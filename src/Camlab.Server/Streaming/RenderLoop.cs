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
/// A still view (nothing in the picture changes but the sensor noise) is not rendered again: its
/// <see cref="StillViewRing"/> of encoded pictures is sent in turn until anything in the view changes (docs/streaming.md);
/// not under a manual clock, whose ticks each render their own instant.
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
    private readonly RenderCounters _counters;
    private readonly Action<string> _warn;
    private readonly DropEpisode _behind = new();
    private readonly StillViewRing? _ring;
    /// <summary>The still view of the last frame submitted (null: not still); the loop's thread only.</summary>
    private StillView? _lastStill;
    /// <summary>The ring's pictures need nothing of the loop's encoder: JPEG, or an H.264 turn rendered at once.</summary>
    private bool _ringOwnsNoEncoder;
    /// <summary>The last frame sent came from the ring: the encoder's reference picture is not what decoders hold.</summary>
    private bool _replaying;
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
    /// <summary>A viewer joined and waits for a picture: the next frame comes however recently the last one did.</summary>
    private int _viewerWaiting;
    private long _sequence;
    /// <summary>Sequence number of the last frame submitted (the loop's thread only); <see cref="_sequence"/> trails it while a frame encodes.</summary>
    private long _submitted;
    private readonly Faults.VideoFaults? _faults;
    private DateTimeOffset? _lastTickAt;

    private readonly Observability.CameraMetrics? _metrics;
    private readonly Action<RgbImage> _afterRender;
    // Set inside Submit before the render, read by AfterRender on that same thread.
    private long _renderStarted;
    private bool _blackout;

    /// <param name="metrics">Where render and encode times go (null: not measured).</param>
    public RenderLoop(RenderKey key, ViewRenderer renderer, FrameEncoderFactory encoders, ICameraViewState state, SourceAnalyzer analysis,
        TimeProvider time, Func<TimeSpan> clockOffset, DateTimeOffset sceneEpoch, Action<Exception> log, bool renderOnClockTicks = false, ulong noiseSeed = 0,
        Faults.VideoFaults? faults = null, Observability.CameraMetrics? metrics = null, RenderCounters? counters = null, Action<string>? warn = null)
    {
        _noiseSeed = noiseSeed;
        _renderOnClockTicks = renderOnClockTicks;
        _faults = faults;
        _counters = counters ?? new RenderCounters();
        _warn = warn ?? (_ => { });
        // Under a manual clock every tick renders its own instant (docs/clock.md): a ring replay would send a picture
        // of an earlier instant and with an earlier noise seed, so a run's frames would depend on when the ring filled
        // rather than only on the ticks. Still-view reuse is for the real clock only (docs/streaming.md).
        _ring = renderOnClockTicks ? null : StillViewRing.For(key);
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
        _timer = time.CreateTimer(_ => { if (_renderOnClockTicks) RenderAtTick(); else Tick(); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _worker = Task.Run(RunAsync);
    }

    public RenderKey Key { get; }

    public int ViewerCount { get { lock (_gate) return _sinks.Count; } }

    /// <summary>Frames rendered (or repeated) so far.</summary>
    public long FramesProduced => Interlocked.Read(ref _sequence);

    /// <summary>Frames sent from the still view's ring instead of rendered.</summary>
    public long FramesReused => Interlocked.Read(ref _reused);
    private long _reused;

    /// <summary>Ticks merged because the previous frame was still rendering: frames this loop's rate asked for and never made.</summary>
    public long FramesMissed => Interlocked.Read(ref _missed);
    private long _missed;

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
            if (!_renderOnClockTicks)
            {
                Volatile.Write(ref _viewerWaiting, 1);
                Kick();
            }
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

    /// <summary>A frame is due: a tick that finds the previous one still pending is merged into it, a frame lost.</summary>
    private void Tick()
    {
        if (_tick.CurrentCount > 0 && !_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _missed);
            _counters.Missed();
            if (_behind.Lost(_time.GetUtcNow()))
                _warn($"rendering {Key.SourceToken} {Key.Width}x{Key.Height} {Key.Codec} falls behind its {TargetFps():0.#} fps: a frame was still rendering when the next was due (frames are dropped, counted in the camera's FramesMissed)");
            return;
        }
        Kick();
    }

    private double TargetFps()
    {
        lock (_gate) return _sinks.Count == 0 ? 0 : _sinks.Max(s => s.Fps);
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
                // Rendered and delivered on the clock's thread before the clock moves on.
                RenderOnceAsync().GetAwaiter().GetResult();
                _pipeline?.Drain();
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
                await RenderOnceAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception e) { _log(e); }
        }
    }

    /// <summary>
    /// One tick: deciding what to send and sending a still view's ring picture take microseconds and run here; a
    /// render (and its wait for the previous encode) runs where the renderer's work goes (<see cref="RenderScheduler"/>),
    /// so a ring picture never waits in line behind other cameras' renders.
    /// </summary>
    private async Task RenderOnceAsync()
    {
        FrameSink[] sinks;
        lock (_gate) sinks = _sinks.ToArray();
        if (sinks.Length == 0) return;
        var now = _time.GetUtcNow();
        // A tick that waited behind a slow frame comes right after it; a frame sent again from a still view's ring takes
        // no time, so such a tick would send two frames a moment apart (equal timestamps at a client's clock rate). A
        // frame is therefore at least half a period after the previous one, unless a viewer waits for its first.
        // Under a manual clock ticks come exactly a period apart and a joining viewer waits for the next one.
        var previous = _last;
        if (!_renderOnClockTicks && Interlocked.Exchange(ref _viewerWaiting, 0) == 0 && previous is not null
            && now - previous.RenderedAt < TimeSpan.FromSeconds(0.5 / sinks.Max(s => s.Fps)))
            return;
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
            await DrainAsync().ConfigureAwait(false);
            _ring?.Clear();
            if (_lastKeyFrame is { } key)
            {
                Publish(new EncodedPicture(key.Payload, IsKeyFrame: true), key.Codec);
                return;
            }
        }
        var request = new RenderRequest(optics, pose, Key.Width, Key.Height)
        {
            Window = window,
            SceneTime = now - _sceneEpoch > TimeSpan.Zero ? now - _sceneEpoch : TimeSpan.Zero,
            Imaging = view.Imaging,
            PrivacyMasks = masks,
            Overlays = _state.Overlays(source, cameraNow),
            NoiseSeed = _noiseSeed + (ulong)(sequence - 1),
        };
        bool keyFrame = Interlocked.Exchange(ref _keyFrameWanted, 0) == 1;
        // A view without moving objects looks the same at every instant but for its noise: once its ring holds a whole
        // turn, the ring's pictures go out in order instead of new renders.
        var still = _ring is not null && !lost && !_renderer.ObjectsInView(request)
            ? new StillView(optics, pose, window, view.Imaging, masks, request.Overlays)
            : null;
        // The view held since the last frame (or this is the loop's first): worth a ring now. A view that changes every
        // frame (a pan) renders one picture a frame and never a whole turn.
        bool held = still is not null && (sequence == 1 || still.Equals(_lastStill));
        _lastStill = still;
        if (still is not null)
        {
            // The frame still encoding may be the one that completes the ring (or, of another view, empties it), and
            // frames go out in order.
            await DrainAsync().ConfigureAwait(false);
            if (_ring!.IsComplete(still))
            {
                _replaying = true;
                // A replaying loop holds no frame buffers, and no encoder when the next one may start afresh (Release).
                Release(encoderToo: _ringOwnsNoEncoder);
                Interlocked.Increment(ref _reused);
                _counters.Reused();
                Publish(_ring.Next(keyFrame), Key.Codec);
                return;
            }
            int turn = _ring.TurnFor(still);
            if (held && turn <= StillViewRing.MaxBurst)
            {
                // A short turn renders at once on a render thread: with the loop's encoder when it has one (an H.264 ring
                // then starts with its next IDR), else with one made for the turn and released after it.
                Release(encoderToo: false);
                var own = _encoder;
                var pictures = await Task.Factory.StartNew(() => RenderTurn(request, turn, own), CancellationToken.None,
                    TaskCreationOptions.DenyChildAttach, _renderer.Scheduler).ConfigureAwait(false);
                _ring.Fill(still, pictures);
                _ringOwnsNoEncoder = true;
                _replaying = true;
                Publish(pictures[0], Key.Codec);
                return;
            }
        }
        _ringOwnsNoEncoder = Key.Codec != VideoCodec.H264;
        // Decoders hold the ring's last picture, the encoder references its own last one: the first new picture is a key frame.
        if (_replaying) keyFrame = true;
        _replaying = false;
        _encoder ??= _metrics is null ? _encoders(Key) : new Observability.MeteredFrameEncoder(_encoders(Key), _metrics);
        _pipeline ??= new RenderEncodePipeline(_renderer, _encoder, Key.Width, Key.Height);
        var encoder = _encoder;
        var ring = _ring;
        _counters.Rendered();
        // This frame renders while the previous one may still be encoding on another core; it is offered to the
        // viewers as soon as its own encode ends (frames in order), so its latency is its own render + encode.
        var pipeline = _pipeline;
        _blackout = lost; // lost before any picture: black, as a decoder shows a dead input
        Task Submit()
        {
            _renderStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            return pipeline.Submit(request, picture =>
                {
                    ring?.Collect(still, picture);
                    Publish(picture, encoder.Codec);
                },
                _afterRender, keyFrame);
        }
        // A manual clock's tick renders on the clock's thread (docs/clock.md); otherwise on the render threads.
        var encoding = _renderOnClockTicks ? Submit()
            : await Task.Factory.StartNew(Submit, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _renderer.Scheduler).ConfigureAwait(false);
        _ = encoding.ContinueWith(t => _log(t.Exception!.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// One whole turn of a still view's ring, rendered and encoded one after the other on a render thread (the first
    /// picture a key frame; each its own noise), with <paramref name="own"/> — the loop's encoder — or else an encoder made
    /// for the turn and disposed after it, and frame buffers that live only as long as the turn.
    /// </summary>
    /// <remarks>
    /// A new H.264 encoder numbers its IDRs from idr_pic_id 0, and two IDRs in a row must differ in it (H.264 7.4.3). A
    /// turn's own encoder therefore spends its first IDR on nothing, so the ring's IDR is never 0, while the first IDR of
    /// the loop's next encoder (after the ring, which may have just sent its IDR) is 0; with the loop's own encoder the
    /// ring's IDR follows that encoder's numbering.
    /// </remarks>
    private EncodedPicture[] RenderTurn(RenderRequest request, int turn, IFrameEncoder? own)
    {
        var pictures = new EncodedPicture[turn];
        var encodes = new Task[turn];
        _blackout = false; // a still view is never a lost connection
        var made = own is null ? _metrics is null ? _encoders(Key) : new Observability.MeteredFrameEncoder(_encoders(Key), _metrics) : null;
        try
        {
            var encoder = own ?? made!;
            using var pipeline = new RenderEncodePipeline(_renderer, encoder, Key.Width, Key.Height);
            if (made is not null && Key.Codec == VideoCodec.H264) made.Encode(new RgbImage(Key.Width, Key.Height), keyFrame: true);
            for (int i = 0; i < turn; i++)
            {
                int index = i;
                // Picture 0 has the frame's own seed; the others are apart from every frame's (2^40 frames is over a thousand years at 25 fps).
                var picture = request with { NoiseSeed = request.NoiseSeed + ((ulong)index << 40) };
                _counters.Rendered();
                _renderStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                encodes[i] = pipeline.Submit(picture, encoded => pictures[index] = encoded, _afterRender, keyFrame: index == 0);
            }
            try { Task.WaitAll(encodes); }
            catch (AggregateException e) { throw e.GetBaseException(); }
            return pictures;
        }
        finally { made?.Dispose(); }
    }

    /// <summary>
    /// Drops the frame buffers and, with <paramref name="encoderToo"/>, the encoder (the caller has waited for the frame
    /// still encoding). An H.264 ring collected from the loop's own encoder keeps that encoder: its IDR may carry the
    /// idr_pic_id a new encoder would give its first.
    /// </summary>
    private void Release(bool encoderToo)
    {
        _pipeline?.Dispose();
        _pipeline = null;
        if (!encoderToo) return;
        _encoder?.Dispose();
        _encoder = null;
    }

    // Runs inside Submit on the thread that renders, between the render and the encode.
    private void AfterRender(RgbImage image)
    {
        _metrics?.Rendered(System.Diagnostics.Stopwatch.GetTimestamp() - _renderStarted);
        if (_blackout) Array.Clear(image.Pixels);
    }

    /// <summary>Waits, without holding a thread, for the frame still encoding (its failure was reported through its own task).</summary>
    private async Task DrainAsync()
    {
        if (_pipeline is null) return;
        try { await _pipeline.Pending.ConfigureAwait(false); }
        catch (Exception) { }
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
