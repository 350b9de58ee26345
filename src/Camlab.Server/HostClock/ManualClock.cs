namespace Camlab.Server.HostClock;

/// <summary>
/// The clock a tester holds (<c>camlab serve --clock manual</c>, docs/clock.md): it starts at a given instant and
/// moves only when told — <see cref="Advance"/>, <see cref="Set"/>, or running at <see cref="Rate"/> times real time
/// between <see cref="Resume"/> and <see cref="Pause"/>. Every camera of the host runs on it (motion, tours, focus,
/// timers, events, frame times, recordings, pull-point timeouts), because every part takes a <see cref="TimeProvider"/>.
/// <para>
/// Time moves forward only. A move fires the timers that fall due inside it one at a time, in due-time order (ties
/// in creation order), on the thread that moves the clock, and the clock reads each timer's own due instant while
/// its callback runs — so a render loop's tick renders the picture of exactly that instant, and two runs of the same
/// command sequence fire the same callbacks at the same instants. Moves are serialised: a move waits for the one in
/// progress (with all its callbacks) to finish.
/// </para>
/// <para>
/// Written here rather than wrapping Microsoft.Extensions.TimeProvider.Testing's <c>FakeTimeProvider</c>: that package
/// is a test library (the repository's tests use their own fake), it has no rate or pause, and its
/// <c>Advance</c>/<c>SetUtcNow</c> set the clock to the end of the jump before waking timers, so a callback reads
/// the end of the jump instead of its own due instant — which would render every frame of a jump at one instant.
/// </para>
/// </summary>
public sealed class ManualClock : TimeProvider, IDisposable
{
    /// <summary>How often a running clock moves (host time): smaller steps, smoother motion for live viewers.</summary>
    public static readonly TimeSpan RunStep = TimeSpan.FromMilliseconds(20);

    /// <summary>The most host time one step accounts for: time the host spent elsewhere (rendering a step's frames) is lost, never made up in a burst.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromMilliseconds(100);

    public const double MaxRate = 1000;

    private readonly object _gate = new();
    // Held for a whole move, callbacks included: moves never interleave (Monitor is re-entrant, so a callback may move the clock).
    private readonly object _moveGate = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly TimeProvider _host;
    private readonly Action<Exception>? _log;
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _nextTimerId;
    private double _rate = 1;
    private bool _paused = true;
    private CancellationTokenSource? _running;

    /// <param name="start">The first instant; the clock is paused there.</param>
    /// <param name="host">The real clock a running manual clock is paced by (the system's; a fake one in tests).</param>
    /// <param name="log">Where a timer callback's exception goes: it never stops a move half-way (a system timer's would end the process).</param>
    public ManualClock(DateTimeOffset start, TimeProvider? host = null, Action<Exception>? log = null)
    {
        _log = log;
        _start = _now = start.ToUniversalTime();
        _host = host ?? System;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    /// <summary>Ticks since the start: monotonic, because time never moves back.</summary>
    public override long GetTimestamp() { lock (_gate) return (_now - _start).Ticks; }

    /// <summary>Real-time multiplier while running (0 &lt; rate ≤ <see cref="MaxRate"/>).</summary>
    public double Rate { get { lock (_gate) return _rate; } }

    /// <summary>True while the clock stands still between explicit moves (its state at start).</summary>
    public bool Paused { get { lock (_gate) return _paused; } }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing every timer due on the way at its instant.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "the clock only moves forward");
        lock (_moveGate)
        {
            DateTimeOffset target;
            lock (_gate) target = _now + by;
            MoveTo(target);
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (not before now), firing every timer due on the way.</summary>
    public void Set(DateTimeOffset instant)
    {
        lock (_moveGate)
        {
            if (instant < GetUtcNow()) throw new ArgumentOutOfRangeException(nameof(instant), $"the clock only moves forward: {instant:O} is before now ({GetUtcNow():O})");
            MoveTo(instant.ToUniversalTime());
        }
    }

    /// <summary>Sets the real-time multiplier; a running clock continues at it.</summary>
    public void SetRate(double rate)
    {
        if (!(rate > 0 && rate <= MaxRate)) throw new ArgumentOutOfRangeException(nameof(rate), $"rate must be greater than 0 and at most {MaxRate}");
        lock (_gate) _rate = rate;
    }

    /// <summary>Stops a running clock; explicit moves still work.</summary>
    public void Pause()
    {
        CancellationTokenSource? running;
        lock (_gate)
        {
            _paused = true;
            running = _running;
            _running = null;
        }
        if (running is null) return;
        running.Cancel();
        // A step in progress ends first; the runner sees the cancellation before its next step. Re-entrant, so a
        // timer callback of the runner's own step may pause the clock.
        lock (_moveGate) { }
    }

    /// <summary>Lets the clock run at <see cref="Rate"/> times real time.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            if (!_paused) return;
            _paused = false;
            var running = _running = new CancellationTokenSource();
            _ = Task.Run(() => RunAsync(running));
        }
    }

    private async Task RunAsync(CancellationTokenSource running)
    {
        var cancel = running.Token;
        using var ticks = new PeriodicTimer(RunStep, _host);
        var last = _host.GetTimestamp();
        try
        {
            while (await ticks.WaitForNextTickAsync(cancel).ConfigureAwait(false))
            {
                var now = _host.GetTimestamp();
                var real = _host.GetElapsedTime(last, now);
                if (real > MaxStep) real = MaxStep;
                lock (_moveGate)
                {
                    if (cancel.IsCancellationRequested) return;
                    DateTimeOffset target;
                    lock (_gate) target = _now + real * _rate;
                    MoveTo(target);
                }
                // Host time spent firing this step's timers is not owed to the next step.
                last = _host.GetTimestamp();
            }
        }
        catch (OperationCanceledException) { }
        finally { running.Dispose(); }
    }

    // Under _moveGate: fires due timers one at a time, each at its own instant, then stands at the target.
    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var timer in _timers)
                    if (timer.Due is { } due && due <= target && (next is null || due < next.Due || (due == next.Due && timer.Id < next.Id))) next = timer;
                if (next is null)
                {
                    if (target > _now) _now = target;
                    return;
                }
                if (next.Due!.Value > _now) _now = next.Due.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
            }
            try { next.Fire(); }
            catch (Exception e) { _log?.Invoke(e); }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ManualTimer timer;
        lock (_gate)
        {
            timer = new ManualTimer(this, callback, state, ++_nextTimerId);
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose() => Pause();

    private sealed class ManualTimer(ManualClock owner, TimerCallback callback, object? state, long id) : ITimer
    {
        public readonly long Id = id;
        public DateTimeOffset? Due;
        public TimeSpan? Period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this)) return false;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }
            return true;
        }

        public void Dispose() { lock (owner._gate) owner._timers.Remove(this); }

        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
