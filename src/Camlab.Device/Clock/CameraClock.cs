namespace Camlab.Device.Clock;

/// <summary>
/// The camera's own wall clock: the host's clock plus an offset that SetSystemDateAndTime (Manual) sets, so a
/// client can be handed a skewed camera. Only <see cref="GetUtcNow"/> moves; monotonic timestamps and timers
/// are the host's, so nothing that measures durations (motion, timeouts) jumps when the clock is set.
/// </summary>
public sealed class CameraClock : TimeProvider
{
    private readonly TimeProvider _host;
    private long _offsetTicks;

    public CameraClock(TimeProvider host, TimeSpan offset = default)
    {
        _host = host;
        _offsetTicks = offset.Ticks;
    }

    /// <summary>The clock the camera runs on (the host's, or a fake one in tests).</summary>
    public TimeProvider Host => _host;

    /// <summary>Camera time minus host time; zero while the camera follows the host (NTP).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the camera's clock so that it reads <paramref name="utcNow"/> at this instant.</summary>
    public void Set(DateTimeOffset utcNow) => SetOffset(utcNow - _host.GetUtcNow());

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);

    public override DateTimeOffset GetUtcNow() => _host.GetUtcNow() + Offset;

    public override long GetTimestamp() => _host.GetTimestamp();

    public override long TimestampFrequency => _host.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _host.CreateTimer(callback, state, dueTime, period);
}
