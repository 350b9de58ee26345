using Camlab.Device.Imaging;

namespace Camlab.Device.Tests.Imaging;

/// <summary>
/// VideoSource_1's lens: 1.5 m minimum focus distance, 1.0/s top speed, 4.0/s² acceleration, resting at 0.95
/// (the in-focus position of the configured 30 m scene: 1 − 1.5/30).
/// </summary>
public class FocusMotionTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void The_lens_starts_in_focus_and_idle()
    {
        var source = new ImagingFixture().DomeSource;
        var status = source.FocusStatus!;
        Assert.Equal(FocusMoveStatus.IDLE, status.MoveStatus);
        Assert.Equal(0.95, status.Position, Precision);
        Assert.Null(status.Error);
        Assert.Equal(0.0, source.Focus.Defocus, Precision);
    }

    [Fact]
    public void Absolute_move_follows_a_trapezoid_and_arrives_at_the_expected_time()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.45f, 0.5f)));
        // 0.5 of travel at 0.5/s with 4/s² ramps: 0.125 s up, 0.875 s cruise, 0.125 s down = 1.125 s.
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(0.125);
        Assert.Equal(0.95 - 0.03125, source.FocusStatus!.Position, Precision);
        fixture.Clock.Advance(0.4375);
        Assert.Equal(0.70, source.FocusStatus!.Position, Precision); // half way at half time
        fixture.Clock.Advance(0.5624);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        // 0.45f is 0.449999988 as a double: the travel is 1.2e-8 longer than 0.5, so allow 0.1 ms.
        fixture.Clock.Advance(0.0002);
        var status = source.FocusStatus!;
        Assert.Equal(FocusMoveStatus.IDLE, status.MoveStatus);
        Assert.Equal((double)0.45f, status.Position);
    }

    [Fact]
    public void A_move_without_speed_uses_the_default_speed_of_the_settings()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Focus = new(AutoFocusMode.MANUAL, DefaultSpeed: 0.25f) });
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.45f)));
        // 0.5 at 0.25/s: ramps of 0.0625 s (0.0078125 each), cruise 0.484375/0.25 = 1.9375 s: 2.0625 s.
        fixture.Clock.Advance(2.0624);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(0.0002);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
    }

    [Fact]
    public void Relative_move_stops_at_the_end_of_travel()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Relative: new RelativeFocus(0.5f)));
        fixture.Clock.Advance(1);
        Assert.Equal(1.0, source.FocusStatus!.Position, Precision);
        source.Move(new FocusMove(Relative: new RelativeFocus(-0.25f, 1f)));
        fixture.Clock.Advance(1);
        Assert.Equal(0.75, source.FocusStatus!.Position, 1e-6);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
    }

    [Fact]
    public void Continuous_move_runs_until_Stop_then_brakes_to_idle()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Continuous: new ContinuousFocus(-0.2f)));
        fixture.Clock.Advance(1);
        // 0.05 s ramp covering 0.005, then 0.95 s at 0.2/s.
        Assert.Equal(0.95 - 0.005 - 0.19, source.FocusStatus!.Position, 1e-6);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        source.Stop();
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(0.0501); // −0.2f is a hair faster than −0.2
        var status = source.FocusStatus!;
        Assert.Equal(FocusMoveStatus.IDLE, status.MoveStatus);
        Assert.Equal(0.95 - 0.005 - 0.19 - 0.005, status.Position, 1e-6);
        fixture.Clock.Advance(10);
        Assert.Equal(status.Position, source.FocusStatus!.Position);
    }

    [Fact]
    public void Continuous_move_without_Stop_brakes_to_rest_exactly_at_the_end_of_travel()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Continuous: new ContinuousFocus(-1f)));
        // 0.25 s ramp (0.125), 0.7 s cruise, 0.25 s brake (0.125): 0.95 of travel in 1.2 s.
        fixture.Clock.Advance(1.1999);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(0.0001);
        Assert.Equal(0.0, source.FocusStatus!.Position);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
    }

    [Fact]
    public void A_new_target_further_along_the_way_blends_into_the_running_move_without_braking()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.45f, 0.5f)));
        fixture.Clock.Advance(0.5); // cruising at −0.5/s, at 0.95 − 0.03125 − 0.1875
        Assert.Equal(0.73125, source.FocusStatus!.Position, 1e-9);
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.2f, 0.5f)));
        // 0.53125 left at cruise speed: 1.0 s cruise + 0.125 s brake (braking first would take 1.375 s).
        fixture.Clock.Advance(1.1249);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(0.0002);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
        Assert.Equal((double)0.2f, source.FocusStatus!.Position);
    }

    [Fact]
    public void A_new_target_too_close_to_stop_for_brakes_and_comes_back()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Continuous: new ContinuousFocus(-1f)));
        fixture.Clock.Advance(0.3); // 0.25 s ramp (0.125) + 0.05 s at 1/s: at 0.775, stopping distance 0.125
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.75f, 1f)));
        fixture.Clock.Advance(0.25);
        Assert.Equal(0.65, source.FocusStatus!.Position, 1e-6); // overshot while braking, never past travel
        fixture.Clock.Advance(2);
        Assert.Equal((double)0.75f, source.FocusStatus!.Position);
    }

    [Fact]
    public void Reversing_a_continuous_move_brakes_first()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Continuous: new ContinuousFocus(-0.4f)));
        fixture.Clock.Advance(0.5); // 0.1 s ramp (0.02) + 0.4 s at 0.4/s (0.16)
        var p = source.FocusStatus!.Position;
        Assert.Equal(0.95 - 0.18, p, 1e-6);
        source.Move(new FocusMove(Continuous: new ContinuousFocus(0.4f)));
        fixture.Clock.Advance(0.1); // braking 0.1 s covers 0.02 more towards near
        Assert.Equal(p - 0.02, source.FocusStatus!.Position, 1e-6);
        fixture.Clock.Advance(0.3);
        Assert.True(source.FocusStatus!.Position > p - 0.02);
    }

    [Theory]
    [InlineData("Focus/Absolute/Position", 1.0001f, null, null, null)]
    [InlineData("Focus/Absolute/Position", -0.0001f, null, null, null)]
    [InlineData("Focus/Absolute/Speed", 0.5f, 1.01f, null, null)]
    [InlineData("Focus/Absolute/Speed", 0.5f, 0.049f, null, null)]
    [InlineData("Focus/Relative/Distance", null, null, 1.001f, null)]
    [InlineData("Focus/Relative/Distance", null, null, -1.001f, null)]
    [InlineData("Focus/Continuous/Speed", null, null, null, 1.001f)]
    [InlineData("Focus/Continuous/Speed", null, null, null, -1.001f)]
    public void A_move_outside_the_move_options_is_rejected_and_keeps_auto_focus(string field, float? position, float? speed, float? distance, float? continuous)
    {
        var source = new ImagingFixture().DomeSource;
        var move = new FocusMove(
            position is { } p ? new AbsoluteFocus(p, speed) : null,
            distance is { } d ? new RelativeFocus(d) : null,
            continuous is { } c ? new ContinuousFocus(c) : null);
        Assert.Equal(field, ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.Move(move)).Field);
        Assert.Equal(AutoFocusMode.AUTO, source.Settings.Focus!.AutoFocusMode);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
    }

    [Fact]
    public void The_move_options_ends_are_accepted()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        var o = source.MoveOptions!;
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(o.AbsolutePosition.Max, o.AbsoluteSpeed.Min)));
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(o.AbsolutePosition.Min, o.AbsoluteSpeed.Max)));
        source.Move(new FocusMove(Relative: new RelativeFocus(o.RelativeDistance.Min, o.RelativeSpeed.Max)));
        source.Move(new FocusMove(Continuous: new ContinuousFocus(o.ContinuousSpeed.Max)));
        source.Move(new FocusMove(Continuous: new ContinuousFocus(o.ContinuousSpeed.Min)));
        fixture.Clock.Advance(5);
        Assert.Equal(0.0, source.FocusStatus!.Position);
    }

    [Fact]
    public void A_move_must_name_exactly_one_kind()
    {
        var source = new ImagingFixture().DomeSource;
        ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.Move(new FocusMove()));
        ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.Move(new FocusMove(new AbsoluteFocus(0.5f), new RelativeFocus(0.1f))));
    }

    [Fact]
    public void A_fixed_focus_lens_has_no_move_options_status_or_moves()
    {
        var source = new ImagingFixture().WideSource;
        Assert.Null(source.MoveOptions);
        Assert.Null(source.FocusStatus);
        ImagingAssert.Throws(ImagingError.FocusNotSupported, () => source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.5f))));
        ImagingAssert.Throws(ImagingError.FocusNotSupported, source.Stop);
        Assert.Equal(0.0, source.Focus.Defocus);
    }

    [Fact]
    public void A_motor_fault_reports_UNKNOWN_with_its_error_refuses_moves_and_clears()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.Move(new FocusMove(Continuous: new ContinuousFocus(-0.5f)));
        fixture.Clock.Advance(0.5);
        source.InjectFocusMotorFault("focus encoder lost");
        var status = source.FocusStatus!;
        Assert.Equal(FocusMoveStatus.UNKNOWN, status.MoveStatus);
        Assert.Equal("focus encoder lost", status.Error);
        fixture.Clock.Advance(1);
        Assert.Equal(status.Position, source.FocusStatus!.Position);
        ImagingAssert.Throws(ImagingError.FocusMotorFault, () => source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.5f))));
        source.ClearFocusMotorFault();
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
        Assert.Null(source.FocusStatus!.Error);
    }
}
