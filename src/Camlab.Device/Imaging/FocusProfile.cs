namespace Camlab.Device.Imaging;

/// <summary>
/// A focus motion as a function of time: constant-acceleration segments, evaluated when asked (DESIGN.md:
/// motion is a function of time, no threads). Times are seconds on the motor's own clock.
/// </summary>
internal sealed class FocusProfile
{
    private readonly Segment[] _segments;

    private FocusProfile(double start, double startPosition, double finalPosition, Segment[] segments)
    {
        Start = start;
        StartPosition = startPosition;
        FinalPosition = finalPosition;
        _segments = segments;
        End = segments.Length == 0 ? start : segments[^1].T0 + segments[^1].Duration;
    }

    public double Start { get; }

    public double StartPosition { get; }

    /// <summary>Where the motion ends (snapped exactly, so a move lands on its target without rounding residue).</summary>
    public double FinalPosition { get; }

    public double End { get; }

    public bool IsMovingAt(double t) => t < End;

    public double PositionAt(double t)
    {
        if (t >= End) return FinalPosition;
        if (t <= Start) return StartPosition;
        foreach (var s in _segments)
            if (t < s.T0 + s.Duration) return Math.Clamp(s.PositionAt(t), 0.0, 1.0);
        return FinalPosition;
    }

    public double VelocityAt(double t)
    {
        if (t >= End || t < Start) return 0.0;
        foreach (var s in _segments)
            if (t < s.T0 + s.Duration) return s.VelocityAt(t);
        return 0.0;
    }

    public static FocusProfile Rest(double t, double position) => new(t, position, position, []);

    /// <summary>Brake from the current state to a stop with <paramref name="acceleration"/>.</summary>
    public static FocusProfile Brake(double t, double position, double velocity, double acceleration)
    {
        if (velocity == 0) return Rest(t, position);
        var brake = BrakeSegment(t, position, velocity, acceleration);
        return new FocusProfile(t, position, Math.Clamp(brake.EndPosition, 0.0, 1.0), [brake]);
    }

    /// <summary>
    /// Trapezoidal move to <paramref name="target"/> with cruise speed <paramref name="speed"/>. A motor already
    /// turning towards the target that can still stop before it blends into the new profile (auto-focus
    /// re-targets every frame without stuttering); one turning away, or too fast to stop in time, first
    /// brakes to a stop, so a retarget never overshoots the travel.
    /// </summary>
    public static FocusProfile MoveTo(double t, double position, double velocity, double target, double speed, double acceleration)
    {
        var segments = new List<Segment>();
        var (start, startPosition) = (t, position);
        var distance = Math.Abs(target - position);
        var sign = Math.Sign(target - position);
        if (velocity != 0 && (Math.Sign(velocity) != sign || velocity * velocity / (2 * acceleration) > distance))
        {
            var brake = BrakeSegment(t, position, velocity, acceleration);
            segments.Add(brake);
            t = brake.T0 + brake.Duration;
            position = Math.Clamp(brake.EndPosition, 0.0, 1.0);
            velocity = 0;
        }
        if (velocity == 0) AddTrapezoid(segments, t, position, target, speed, acceleration);
        else AddBlend(segments, t, position, Math.Abs(velocity), Math.Abs(target - position), Math.Sign(target - position), speed, acceleration);
        return new FocusProfile(start, startPosition, target, segments.ToArray());
    }

    /// <summary>
    /// Continuous move at signed <paramref name="speed"/> until the end of travel in that direction, where the
    /// motor brakes to stop exactly at the end (a real lens has soft limits before its end stops).
    /// </summary>
    public static FocusProfile Continuous(double t, double position, double velocity, double speed, double acceleration)
    {
        var limit = speed > 0 ? 1.0 : 0.0;
        if (speed == 0) return Brake(t, position, velocity, acceleration);
        var segments = new List<Segment>();
        if (velocity != 0 && Math.Sign(velocity) != Math.Sign(speed))
        {
            var brake = BrakeSegment(t, position, velocity, acceleration);
            segments.Add(brake);
            t = brake.T0 + brake.Duration;
            position = Math.Clamp(brake.EndPosition, 0.0, 1.0);
            velocity = 0;
        }
        var rampDuration = Math.Abs(speed - velocity) / acceleration;
        var ramp = new Segment(t, position, velocity, Math.Sign(speed - velocity) * acceleration, rampDuration);
        var brakeDistance = speed * speed / (2 * acceleration);
        var cruiseDistance = (limit - ramp.EndPosition) * Math.Sign(speed) - brakeDistance;
        if (cruiseDistance < 0)
            return MoveTo(segments.Count > 0 ? segments[0].T0 : t, segments.Count > 0 ? segments[0].P0 : position,
                segments.Count > 0 ? segments[0].V0 : velocity, limit, Math.Abs(speed), acceleration);
        if (rampDuration > 0) segments.Add(ramp);
        var cruise = new Segment(ramp.T0 + rampDuration, ramp.EndPosition, speed, 0, cruiseDistance / Math.Abs(speed));
        segments.Add(cruise);
        segments.Add(new Segment(cruise.T0 + cruise.Duration, cruise.EndPosition, speed, -Math.Sign(speed) * acceleration, Math.Abs(speed) / acceleration));
        return new FocusProfile(segments[0].T0, segments[0].P0, limit, segments.ToArray());
    }

    /// <summary>From speed <paramref name="u"/> towards the target: change to the cruise speed, cruise, brake on target.</summary>
    private static void AddBlend(List<Segment> segments, double t, double from, double u, double distance, int sign, double speed, double acceleration)
    {
        double peak;
        if (u > speed || (speed * speed - u * u) / (2 * acceleration) + speed * speed / (2 * acceleration) <= distance) peak = speed;
        else peak = Math.Sqrt(acceleration * distance + u * u / 2); // too short to reach cruise speed
        var change = new Segment(t, from, sign * u, Math.Sign(peak - u) * sign * acceleration, Math.Abs(peak - u) / acceleration);
        var cruiseDistance = distance - Math.Abs(peak * peak - u * u) / (2 * acceleration) - peak * peak / (2 * acceleration);
        var cruise = new Segment(change.T0 + change.Duration, change.EndPosition, sign * peak, 0, Math.Max(0, cruiseDistance) / peak);
        if (change.Duration > 0) segments.Add(change);
        if (cruise.Duration > 0) segments.Add(cruise);
        segments.Add(new Segment(cruise.T0 + cruise.Duration, cruise.EndPosition, sign * peak, -sign * acceleration, peak / acceleration));
    }

    private static Segment BrakeSegment(double t, double position, double velocity, double acceleration) =>
        new(t, position, velocity, -Math.Sign(velocity) * acceleration, Math.Abs(velocity) / acceleration);

    private static void AddTrapezoid(List<Segment> segments, double t, double from, double to, double speed, double acceleration)
    {
        var distance = Math.Abs(to - from);
        if (distance == 0) return;
        var sign = Math.Sign(to - from);
        var rampDistance = speed * speed / (2 * acceleration);
        if (2 * rampDistance >= distance)
        {
            // Triangular: the move is too short to reach cruise speed.
            var peak = Math.Sqrt(distance * acceleration);
            var ramp = peak / acceleration;
            var up = new Segment(t, from, 0, sign * acceleration, ramp);
            segments.Add(up);
            segments.Add(new Segment(t + ramp, up.EndPosition, sign * peak, -sign * acceleration, ramp));
            return;
        }
        var rampTime = speed / acceleration;
        var accelerate = new Segment(t, from, 0, sign * acceleration, rampTime);
        var cruise = new Segment(t + rampTime, accelerate.EndPosition, sign * speed, 0, (distance - 2 * rampDistance) / speed);
        segments.Add(accelerate);
        segments.Add(cruise);
        segments.Add(new Segment(cruise.T0 + cruise.Duration, cruise.EndPosition, sign * speed, -sign * acceleration, rampTime));
    }

    private readonly record struct Segment(double T0, double P0, double V0, double A, double Duration)
    {
        public double EndPosition => P0 + V0 * Duration + 0.5 * A * Duration * Duration;

        public double PositionAt(double t)
        {
            var dt = Math.Clamp(t - T0, 0, Duration);
            return P0 + V0 * dt + 0.5 * A * dt * dt;
        }

        public double VelocityAt(double t) => V0 + A * Math.Clamp(t - T0, 0, Duration);
    }
}
