using Camlab.Rendering;

namespace Camlab.Server.Streaming;

/// <summary>
/// One camera's render loops, one per <see cref="RenderKey"/>, created with the first viewer and stopped with the
/// last, and one <see cref="SourceAnalyzer"/> per video source.
/// </summary>
public sealed class RenderHub : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<RenderKey, RenderLoop> _loops = new();
    private readonly Dictionary<string, SourceAnalyzer> _analyzers = new();
    private readonly ViewRenderer _renderer;
    private readonly FrameEncoderFactory _encoders;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _sceneEpoch;
    private readonly Action<Exception> _log;
    private readonly Func<TimeSpan> _clockOffset;
    private readonly Action<string> _warn;
    private bool _disposed;
    // A manual clock: loops and analysers work on the clock's ticks, at the ticks' instants (docs/clock.md).
    private readonly bool _onClockTicks;
    private readonly ulong _noiseSeed;
    private readonly Faults.VideoFaults? _faults;

    /// <summary>The camera's video faults (null: none can be injected).</summary>
    internal Faults.VideoFaults? Faults => _faults;

    /// <param name="warn">Where a loop that falls behind says so, once per episode (<see cref="DropEpisode"/>).</param>
    /// <param name="noiseSeed">Added to each frame's sequence number to seed its sensor noise (the host's <c>--seed</c>); 0 without one.</param>
    /// <param name="hasEventSubscribers">True while an ONVIF event subscription exists: analysis runs then too.</param>
    /// <param name="encoders">Makes each loop's encoder; <see cref="FrameEncoders.Create"/> when null.</param>
    /// <param name="clockOffset">
    /// The camera clock's offset from <paramref name="time"/> (SetSystemDateAndTime): frames are stamped with the camera's
    /// time, while ticks, pacing and scene time stay on <paramref name="time"/> so setting the clock never stalls a stream.
    /// </param>
    public RenderHub(ViewRenderer renderer, ICameraViewState state, IVideoAnalysisReporter reporter, TimeProvider time, IEnumerable<string> sourceTokens,
        Func<bool> hasEventSubscribers, Action<Exception> log, FrameEncoderFactory? encoders = null, Func<TimeSpan>? clockOffset = null,
        ulong noiseSeed = 0, Faults.VideoFaults? faults = null, Observability.CameraMetrics? metrics = null, Action<string>? warn = null)
    {
        _warn = warn ?? (_ => { });
        _noiseSeed = noiseSeed;
        _faults = faults;
        Metrics = metrics;
        _clockOffset = clockOffset ?? (() => TimeSpan.Zero);
        _renderer = renderer;
        _encoders = encoders ?? FrameEncoders.Create;
        State = state;
        _time = time;
        _sceneEpoch = time.GetUtcNow();
        _log = log;
        _onClockTicks = time is HostClock.ManualClock;
        foreach (var source in sourceTokens)
            _analyzers[source] = new SourceAnalyzer(source, renderer, state, reporter, time, _sceneEpoch,
                () => IsStreaming(source) || hasEventSubscribers(), log, analyseOnTicks: _onClockTicks);
    }

    public ICameraViewState State { get; }

    /// <summary>The camera's metrics (render and encode times, the sinks' frame counters); null when not measured.</summary>
    public Observability.CameraMetrics? Metrics { get; }

    /// <summary>The meter for a sink of <paramref name="kind"/> on this camera (null when not measured).</summary>
    public Observability.FrameSinkMeter? SinkMeter(Observability.SinkKind kind) => Metrics?.Sink(kind);

    /// <summary>What the camera's render loops did: frames rendered, reused from still views, missed because rendering fell behind.</summary>
    public RenderCounters Counters { get; } = new();

    /// <summary>The instant scene time 0 stands for: frames show the scene at (now − epoch).</summary>
    public DateTimeOffset SceneEpoch => _sceneEpoch;

    public SourceAnalyzer Analyzer(string sourceToken) => _analyzers[sourceToken];

    public int LoopCount { get { lock (_gate) return _loops.Count; } }

    public bool IsStreaming(string sourceToken)
    {
        lock (_gate) return _loops.Keys.Any(k => k.SourceToken == sourceToken);
    }

    /// <summary>Frames produced by the loop of <paramref name="key"/>, or null when none runs.</summary>
    public long? FramesProduced(RenderKey key)
    {
        lock (_gate) return _loops.TryGetValue(key, out var loop) ? loop.FramesProduced : null;
    }

    /// <summary>Starts delivering frames of <paramref name="key"/> to <paramref name="sink"/>; dispose the result to stop.</summary>
    public IDisposable Subscribe(RenderKey key, FrameSink sink)
    {
        RenderLoop loop;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_analyzers.ContainsKey(key.SourceToken)) throw new StreamRequestException("profile", $"no video source '{key.SourceToken}'", notFound: true);
            if (!_loops.TryGetValue(key, out loop!))
                _loops[key] = loop = new RenderLoop(key, _renderer, _encoders, State, _analyzers[key.SourceToken], _time, _clockOffset, _sceneEpoch, _log,
                    _onClockTicks, _noiseSeed, _faults, Metrics, Counters, _warn);
            loop.Add(sink);
        }
        return new Subscription(this, loop, sink);
    }

    /// <summary>The loop of <paramref name="key"/>, if one runs, sends a key frame next (SetSynchronizationPoint).</summary>
    public void RequestKeyFrame(RenderKey key)
    {
        lock (_gate) if (_loops.TryGetValue(key, out var loop)) loop.RequestKeyFrame();
    }

    /// <summary>The sink's frame rate changed: its loop runs at the new maximum.</summary>
    public void Retime(RenderKey key)
    {
        lock (_gate) if (_loops.TryGetValue(key, out var loop)) loop.Retime();
    }

    private void Unsubscribe(RenderLoop loop, FrameSink sink)
    {
        RenderLoop? stopped = null;
        lock (_gate)
        {
            if (loop.Remove(sink) == 0 && _loops.TryGetValue(loop.Key, out var current) && current == loop)
            {
                _loops.Remove(loop.Key);
                stopped = loop;
            }
        }
        stopped?.Dispose();
    }

    public void Dispose()
    {
        RenderLoop[] loops;
        lock (_gate)
        {
            _disposed = true;
            loops = _loops.Values.ToArray();
            _loops.Clear();
        }
        foreach (var loop in loops) loop.Dispose();
        foreach (var analyzer in _analyzers.Values) analyzer.Dispose();
    }

    private sealed class Subscription(RenderHub hub, RenderLoop loop, FrameSink sink) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Unsubscribe(loop, sink);
        }
    }
}
