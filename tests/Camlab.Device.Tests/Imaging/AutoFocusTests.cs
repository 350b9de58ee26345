using Camlab.Device.Imaging;

namespace Camlab.Device.Tests.Imaging;

public class AutoFocusTests
{
    [Fact]
    public void A_manual_move_turns_auto_focus_off_and_persists_it()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        Assert.Equal(AutoFocusMode.AUTO, source.Settings.Focus!.AutoFocusMode);
        source.Move(new FocusMove(Relative: new RelativeFocus(-0.1f)));
        Assert.Equal(AutoFocusMode.MANUAL, source.Settings.Focus!.AutoFocusMode);
        Assert.Equal(AutoFocusMode.MANUAL, fixture.Create().Source(ImagingFixture.Dome).Settings.Focus!.AutoFocusMode);
    }

    [Fact]
    public void Continuous_auto_focus_converges_on_the_in_focus_position_of_the_view()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        var inFocus = 0.6;
        source.SetInFocusPositionProvider(() => inFocus);
        Assert.Equal(0.35, source.Focus.Defocus, 1e-9); // the read starts the adjustment
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(1);
        Assert.Equal(0.0, source.Focus.Defocus, 1e-9);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);

        inFocus = 0.9; // the view changed (a PTZ move): auto-focus follows
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(1);
        Assert.Equal(0.9, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void The_default_in_focus_position_is_the_configured_scene_distance()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSceneDistance(3.0); // 1 − 1.5/3
        _ = source.FocusStatus;
        fixture.Clock.Advance(2);
        Assert.Equal(0.5, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void Auto_focus_searches_only_between_the_near_and_far_limits()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetInFocusPositionProvider(() => 0.1); // a subject at 1.67 m
        source.SetSettings(new() { Focus = new(AutoFocusMode.AUTO, NearLimit: 10f, FarLimit: 100f) });
        fixture.Clock.Advance(2);
        Assert.Equal(1 - 1.5 / 10, source.FocusStatus!.Position, 1e-6);
        Assert.Equal(1 - 1.5 / 10 - 0.1, source.Focus.Defocus, 1e-6); // the picture stays blurred
    }

    [Fact]
    public void Stop_does_not_affect_an_auto_focus_adjustment()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetInFocusPositionProvider(() => 0.2);
        _ = source.FocusStatus;
        fixture.Clock.Advance(0.2);
        source.Stop();
        fixture.Clock.Advance(2);
        Assert.Equal(0.2, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void Once_after_move_adjusts_only_when_the_ptz_move_finishes()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Focus = new(AutoFocusMode.AUTO, OnceAfterMove: true) });
        var inFocus = 0.3;
        source.SetInFocusPositionProvider(() => inFocus);
        fixture.Clock.Advance(2);
        Assert.Equal(0.95, source.FocusStatus!.Position, 1e-9);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);

        fixture.Imaging.OnPtzMoveFinished(ImagingFixture.Dome);
        Assert.Equal(FocusMoveStatus.MOVING, source.FocusStatus!.MoveStatus);
        fixture.Clock.Advance(2);
        Assert.Equal(0.3, source.FocusStatus!.Position, 1e-9);

        inFocus = 0.8; // the view changes without a PTZ stop: the lens stays
        fixture.Clock.Advance(2);
        Assert.Equal(0.3, source.FocusStatus!.Position, 1e-9);
        fixture.Imaging.OnPtzMoveFinished(ImagingFixture.Dome);
        fixture.Clock.Advance(2);
        Assert.Equal(0.8, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void Manual_focus_ignores_the_ptz_move_finished_signal()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Focus = new(AutoFocusMode.MANUAL) });
        source.SetInFocusPositionProvider(() => 0.3);
        fixture.Imaging.OnPtzMoveFinished(ImagingFixture.Dome);
        fixture.Clock.Advance(2);
        Assert.Equal(0.95, source.FocusStatus!.Position, 1e-9);
        Assert.Equal(0.65, source.Focus.Defocus, 1e-9);
    }

    [Fact]
    public void A_new_scene_distance_starts_continuous_auto_focus_without_waiting_for_a_read()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSceneDistance(3.0);
        fixture.Clock.Advance(10);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus); // converged long ago, not starting now
        Assert.Equal(0.5, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void Turning_auto_focus_off_stops_an_adjustment_where_it_is()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetInFocusPositionProvider(() => 0.2);
        fixture.Clock.Advance(0.3);
        source.SetSettings(new() { Focus = new(AutoFocusMode.MANUAL) });
        fixture.Clock.Advance(2);
        var p = source.FocusStatus!.Position;
        Assert.InRange(p, 0.4, 0.8);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);
    }

    [Fact]
    public void Clearing_a_motor_fault_resumes_auto_focus()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.InjectFocusMotorFault("stall");
        source.SetSceneDistance(3.0);
        fixture.Clock.Advance(2);
        Assert.Equal(0.95, source.FocusStatus!.Position, 1e-9);
        source.ClearFocusMotorFault();
        fixture.Clock.Advance(2);
        Assert.Equal(0.5, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void Turning_auto_focus_on_adjusts_at_once()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Focus = new(AutoFocusMode.MANUAL) });
        source.SetInFocusPositionProvider(() => 0.4);
        source.SetSettings(new() { Focus = new(AutoFocusMode.AUTO, OnceAfterMove: true) });
        fixture.Clock.Advance(2);
        Assert.Equal(0.4, source.FocusStatus!.Position, 1e-9);
    }

    [Fact]
    public void The_ptz_hook_accepts_fixed_focus_and_non_imaging_sources_but_not_unknown_ones()
    {
        var imaging = new ImagingFixture().Imaging;
        imaging.OnPtzMoveFinished(ImagingFixture.Wide);
        imaging.OnPtzMoveFinished(ImagingFixture.Analog);
        ImagingAssert.Throws(ImagingError.NoSource, () => imaging.OnPtzMoveFinished("PtzNode_1"));
    }

    [Fact]
    public void Lens_maps_positions_distances_and_dioptres_consistently()
    {
        var lens = new ImagingFixture().DomeSource.Lens!;
        Assert.Equal(0.95, lens.PositionForDistance(30), 1e-12);
        Assert.Equal(30, lens.DistanceForPosition(0.95), 1e-9);
        Assert.Equal(1 / 30.0, lens.DioptresForPosition(0.95), 1e-12);
        Assert.Equal(0.95, lens.PositionForDioptres(1 / 30.0), 1e-12);
        Assert.Equal(0.0, lens.DioptresForPosition(1.0));
        Assert.Equal(double.PositiveInfinity, lens.DistanceForPosition(1.0));
        Assert.Equal(0.0, lens.PositionForDistance(0.5)); // closer than the minimum focus distance
        Assert.Null(new ImagingFixture().WideSource.Lens);
    }
}
