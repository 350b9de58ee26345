using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

public class AxisProfileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double s) => T0 + TimeSpan.FromSeconds(s);

    [Fact]
    public void Trapezoid_from_rest_accelerates_cruises_and_decelerates()
    {
        // 100° at 50°/s with 100°/s²: 0.5 s ramp (12.5°), 1.5 s cruise, 0.5 s ramp.
        var p = AxisProfile.ToPosition(T0, 0, 0, 100, 50, 100);
        Assert.Equal(2.5, p.Duration, 9);
        Assert.Equal(3.125, p.At(At(0.25)).Position, 9);
        Assert.Equal(25, p.At(At(0.25)).Velocity, 9);
        Assert.Equal(37.5, p.At(At(1.0)).Position, 9);
        Assert.Equal(50, p.At(At(1.0)).Velocity, 9);
        Assert.Equal(100 - 3.125, p.At(At(2.25)).Position, 9);
        Assert.Equal((100.0, 0.0), p.At(At(2.5)));
        Assert.Equal((100.0, 0.0), p.At(At(10)));
        Assert.True(p.IsMovingAt(At(2.49)));
        Assert.False(p.IsMovingAt(At(2.5)));
    }

    [Fact]
    public void Short_moves_are_triangular()
    {
        // 4° with 100°/s²: peak sqrt(4·100/... ) = 20°/s reached after 0.2 s, never the 50°/s limit.
        var p = AxisProfile.ToPosition(T0, 10, 0, 6, 50, 100);
        Assert.Equal(0.4, p.Duration, 9);
        Assert.Equal(-20, p.At(At(0.2)).Velocity, 9);
        Assert.Equal(8, p.At(At(0.2)).Position, 9);
        Assert.Equal(6, p.At(At(0.4)).Position);
    }

    [Fact]
    public void Moving_away_from_the_target_brakes_first_then_returns()
    {
        var p = AxisProfile.ToPosition(T0, 0, 20, -10, 50, 100);
        Assert.Equal(-100, p.Phases[0].Acceleration);
        Assert.Equal(0.2, p.Phases[0].Duration, 9);
        Assert.Equal(2, p.At(At(0.2)).Position, 9); // braked over 2°
        Assert.Equal(-10, p.FinalPosition);
        Assert.All(p.Phases, ph => Assert.True(Math.Sign(ph.Velocity) * Math.Sign(ph.VelocityAfter(ph.Duration)) >= 0));
    }

    [Fact]
    public void Endless_cruise_stops_at_the_deadline_with_the_ramp()
    {
        var p = AxisProfile.ToPosition(T0, 0, 0, double.PositiveInfinity, 30, 60).Until(At(2), 60);
        // 0.5 s up to 30°/s (7.5°), cruise to t=2 (45°), 0.5 s down (7.5°).
        Assert.Equal(2.5, p.Duration, 9);
        Assert.Equal(52.5, p.At(At(2)).Position, 9);
        Assert.Equal(60, p.FinalPosition, 9);
        Assert.Equal(60, p.At(At(3)).Position, 9);
    }

    [Fact]
    public void A_deadline_during_the_final_brake_changes_nothing()
    {
        var p = AxisProfile.ToPosition(T0, 0, 0, 10, 30, 60);
        var cut = p.Until(At(p.Duration - 0.1), 60);
        Assert.Equal(p.Duration, cut.Duration, 9);
        Assert.Equal(10, cut.FinalPosition, 9);
    }
}
