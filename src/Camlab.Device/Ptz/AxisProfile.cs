namespace Camlab.Device.Ptz;

/// <summary>One phase of constant acceleration, starting <see cref="Start"/> seconds after the profile's origin.</summary>
public readonly record struct AxisPhase(double Start, double Duration, double Position, double Velocity, double Acceleration)
{
    public double End => Start + Duration;

    public double PositionAfter(double dt) => Position + Velocity * dt + 0.5 * Acceleration * dt * dt;

    public double VelocityAfter(double dt) => Velocity + Acceleration * dt;
}

/// <summary>
/// The motion of one axis as a function of time: a trapezoidal velocity profile (accelerate with the ramp's
/// acceleration, cruise at the speed limit, decelerate to rest) built once when a command arrives and evaluated
/// whenever someone asks (DESIGN.md: motion is a function of time). Every phase is monotonic — velocity never
/// changes sign inside a phase — so a threshold (the e-flip band) is crossed at most once per phase.
/// </summary>
public sealed class AxisProfile
{
    private readonly AxisPhase[] _phases;

    private AxisProfile(DateTimeOffset origin, double start, AxisPhase[] phases, double final)
    {
        Origin = origin;
        StartPosition = start;
        _phases = phases;
        FinalPosition = final;
    }

    public DateTimeOffset Origin { get; }

    public double StartPosition { get; }

    /// <summary>Where the axis comes to rest (±∞ for an endless cruise that only a deadline ends).</summary>
    public double FinalPosition { get; }

    public IReadOnlyList<AxisPhase> Phases => _phases;

    /// <summary>Seconds from the origin until the axis is at rest; +∞ for an endless cruise.</summary>
    public double Duration => _phases.Length == 0 ? 0 : _phases[^1].End;

    // Rounded up to the clock's tick so that at EndTime the axis is at rest, never a tick before.
    public DateTimeOffset? EndTime => double.IsPositiveInfinity(Duration) ? null : Origin + TimeSpan.FromTicks((long)Math.Ceiling(Duration * TimeSpan.TicksPerSecond));

    public static AxisProfile Rest(DateTimeOffset at, double position) => new(at, position, [], position);

    public bool IsMovingAt(DateTimeOffset t) => Seconds(t) < Duration;

    public (double Position, double Velocity) At(DateTimeOffset t)
    {
        var s = Seconds(t);
        if (s >= Duration) return (FinalPosition, 0);
        if (s <= 0) return _phases.Length == 0 ? (StartPosition, 0) : (_phases[0].Position, _phases[0].Velocity);
        foreach (var phase in _phases)
            if (s < phase.End)
            {
                var dt = s - phase.Start;
                return (phase.PositionAfter(dt), phase.VelocityAfter(dt));
            }
        return (FinalPosition, 0);
    }

    /// <summary>Instants (as offsets from the origin) where phases meet, strictly inside (from, to).</summary>
    public IEnumerable<DateTimeOffset> PhaseBoundaries(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var phase in _phases)
        {
            if (double.IsInfinity(phase.End)) yield break;
            var at = Origin + TimeSpan.FromSeconds(phase.End);
            if (at > from && at < to) yield return at;
        }
    }

    /// <summary>
    /// From (p0, v0) at <paramref name="at"/> to rest at <paramref name="target"/> with at most
    /// <paramref name="maxSpeed"/> and acceleration <paramref name="acceleration"/>. A target of ±∞ cruises
    /// forever (a continuous move); if the axis moves away from the target or cannot stop in time it brakes first.
    /// </summary>
    public static AxisProfile ToPosition(DateTimeOffset at, double p0, double v0, double target, double maxSpeed, double acceleration)
    {
        if (!(acceleration > 0)) throw new ArgumentOutOfRangeException(nameof(acceleration), "acceleration must be positive");
        var phases = new List<AxisPhase>(4);
        var t = 0.0;
        var p = p0;
        var v = v0;

        if (!(maxSpeed > 0))
            return Brake(at, p0, v0, acceleration);

        var d = target - p;
        if (v != 0 && (Math.Sign(v) != Math.Sign(d) || v * v / (2 * acceleration) > Math.Abs(d)))
        {
            var dur = Math.Abs(v) / acceleration;
            var acc = -Math.Sign(v) * acceleration;
            phases.Add(new AxisPhase(t, dur, p, v, acc));
            p += v * dur / 2;
            t += dur;
            v = 0;
            d = target - p;
        }
        if (d == 0) return new AxisProfile(at, p0, phases.ToArray(), p);

        var s = Math.Sign(d);
        var u = Math.Abs(v);
        var distance = Math.Abs(d);
        var peak = u > maxSpeed ? maxSpeed : Math.Min(maxSpeed, Math.Sqrt((2 * acceleration * distance + u * u) / 2));
        if (double.IsPositiveInfinity(distance)) peak = maxSpeed;

        var dur1 = Math.Abs(peak - u) / acceleration;
        var dist1 = (u + peak) / 2 * dur1;
        if (dur1 > 0)
        {
            phases.Add(new AxisPhase(t, dur1, p, s * u, s * Math.Sign(peak - u) * acceleration));
            p += s * dist1;
            t += dur1;
        }
        if (double.IsPositiveInfinity(distance))
        {
            phases.Add(new AxisPhase(t, double.PositiveInfinity, p, s * peak, 0));
            return new AxisProfile(at, p0, phases.ToArray(), target);
        }
        var dur3 = peak / acceleration;
        var dist3 = peak * dur3 / 2;
        var cruise = Math.Max(0, distance - dist1 - dist3);
        if (cruise > 0 && peak > 0)
        {
            var dur2 = cruise / peak;
            phases.Add(new AxisPhase(t, dur2, p, s * peak, 0));
            p += s * cruise;
            t += dur2;
        }
        if (dur3 > 0) phases.Add(new AxisPhase(t, dur3, p, s * peak, -s * acceleration));
        return new AxisProfile(at, p0, phases.ToArray(), target);
    }

    /// <summary>Decelerate from (p0, v0) to rest as fast as the ramp allows (Stop, a zero velocity).</summary>
    public static AxisProfile Brake(DateTimeOffset at, double p0, double v0, double acceleration)
    {
        if (v0 == 0) return Rest(at, p0);
        var dur = Math.Abs(v0) / acceleration;
        var phase = new AxisPhase(0, dur, p0, v0, -Math.Sign(v0) * acceleration);
        return new AxisProfile(at, p0, [phase], phase.PositionAfter(dur));
    }

    /// <summary>
    /// The same motion, but braking (with <paramref name="acceleration"/>) from <paramref name="deadline"/> on —
    /// a continuous move's Timeout. A phase that already brakes at the deadline simply runs to its end.
    /// </summary>
    public AxisProfile Until(DateTimeOffset deadline, double acceleration)
    {
        var s = Seconds(deadline);
        if (s >= Duration) return this;
        if (s <= 0) return Brake(Origin, StartPosition, _phases.Length == 0 ? 0 : _phases[0].Velocity, acceleration);
        var kept = new List<AxisPhase>();
        foreach (var phase in _phases)
        {
            if (s >= phase.End) { kept.Add(phase); continue; }
            var dt = s - phase.Start;
            var v = phase.VelocityAfter(dt);
            var braking = phase.Acceleration != 0 && Math.Sign(phase.Acceleration) != Math.Sign(phase.Velocity) && !double.IsInfinity(phase.Duration);
            if (braking)
            {
                kept.Add(phase);
                var last = kept[^1];
                return new AxisProfile(Origin, StartPosition, kept.ToArray(), last.PositionAfter(last.Duration));
            }
            kept.Add(phase with { Duration = dt });
            var p = phase.PositionAfter(dt);
            if (v == 0) return new AxisProfile(Origin, StartPosition, kept.ToArray(), p);
            var dur = Math.Abs(v) / acceleration;
            var brake = new AxisPhase(s, dur, p, v, -Math.Sign(v) * acceleration);
            kept.Add(brake);
            return new AxisProfile(Origin, StartPosition, kept.ToArray(), brake.PositionAfter(dur));
        }
        return this;
    }

    /// <summary>The profile moved by <paramref name="offset"/> (re-expressing an unwrapped pan after a wrap).</summary>
    public AxisProfile Shifted(double offset) => new(
        Origin, StartPosition + offset,
        _phases.Select(p => p with { Position = p.Position + offset }).ToArray(), FinalPosition + offset);

    private double Seconds(DateTimeOffset t) => (t - Origin).TotalSeconds;
}
