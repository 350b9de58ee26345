using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

/// <summary>Each injected PTZ fault shows its symptom exactly while it acts and leaves no trace once released.</summary>
public class PtzFaultTests
{
    private static PtzVector Degrees(double pan, double tilt) => new(new PanTiltVector(pan, tilt, PtzSpaces.PanTiltPositionDegrees), null);

    private static PtzVector PanVelocity(double x) => new(new PanTiltVector(x, 0, PtzSpaces.PanTiltVelocityGeneric), null);

    [Fact]
    public void A_stalled_pan_motor_stops_where_it_is_reports_unknown_with_its_error_and_accepts_moves_without_moving()
    {
        using var rig = new PtzTestRig();
        rig.Dome.AbsoluteMove(Degrees(90, 0));
        rig.Clock.Advance(0.5);
        var stall = new PtzFault.MotorStall(PtzAxes.Pan, RefuseMoves: false, "pan motor stalled");
        rig.Dome.Inject(stall);
        var stoppedAt = rig.Dome.CurrentPose.Pan;
        rig.Clock.Advance(10);
        Assert.Equal(stoppedAt, rig.Dome.CurrentPose.Pan, 9);
        var status = rig.Dome.GetStatus();
        Assert.Equal(MoveStatus.Unknown, status.PanTilt);
        Assert.Equal(MoveStatus.Idle, status.Zoom);
        Assert.Equal("pan motor stalled", status.Error);

        rig.Dome.AbsoluteMove(Degrees(-90, -20)); // accepted: tilt moves, pan does not
        rig.Clock.Advance(10);
        Assert.Equal(stoppedAt, rig.Dome.CurrentPose.Pan, 9);
        Assert.Equal(-20, rig.Dome.CurrentPose.Tilt, 6);

        rig.Dome.Release(stall);
        status = rig.Dome.GetStatus();
        Assert.Equal(MoveStatus.Idle, status.PanTilt);
        Assert.Null(status.Error);
        rig.Dome.AbsoluteMove(Degrees(-90, -20));
        rig.Clock.Advance(10);
        Assert.Equal(-90, rig.Dome.CurrentPose.Pan, 6);
    }

    [Fact]
    public void A_stall_that_refuses_moves_answers_no_status_and_changes_nothing()
    {
        using var rig = new PtzTestRig();
        var stall = new PtzFault.MotorStall(PtzAxes.Zoom, RefuseMoves: true, "zoom drive fault");
        rig.Dome.Inject(stall);
        var sequence = rig.Dome.CommandSequence;
        var refused = Assert.Throws<PtzException>(() => rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(0.5, PtzSpaces.ZoomPositionGeneric))));
        Assert.Equal(PtzError.NoStatus, refused.Error);
        Assert.Equal(sequence, rig.Dome.CommandSequence);
        rig.Dome.AbsoluteMove(Degrees(10, 0)); // pan/tilt only: the zoom stall does not refuse it
        Assert.Equal(MoveStatus.Unknown, rig.Dome.GetStatus().Zoom);
        rig.Dome.Release(stall);
        rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(0.5, PtzSpaces.ZoomPositionGeneric)));
    }

    [Fact]
    public void A_stuck_move_status_stays_moving_after_the_motion_ends_until_released()
    {
        using var rig = new PtzTestRig();
        var stuck = new PtzFault.MoveStatusStuck();
        rig.Dome.Inject(stuck);
        rig.Dome.AbsoluteMove(Degrees(30, 0));
        rig.Clock.Advance(30);
        Assert.True(rig.Dome.IsIdle); // the head itself is at rest: only what it reports is wrong
        Assert.Equal(30, rig.Dome.CurrentPose.Pan, 6);
        Assert.Equal((MoveStatus.Moving, MoveStatus.Moving), (rig.Dome.GetStatus().PanTilt, rig.Dome.GetStatus().Zoom));
        rig.Dome.Release(stuck);
        Assert.Equal((MoveStatus.Idle, MoveStatus.Idle), (rig.Dome.GetStatus().PanTilt, rig.Dome.GetStatus().Zoom));
    }

    [Fact]
    public void An_ignored_timeout_lets_a_continuous_move_run_until_stop()
    {
        using var rig = new PtzTestRig();
        var ignored = new PtzFault.TimeoutIgnored();
        rig.Dome.Inject(ignored);
        rig.Dome.ContinuousMove(PanVelocity(0.5), TimeSpan.FromSeconds(1));
        rig.Clock.Advance(60);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().PanTilt);
        Assert.Empty(rig.Finished);
        rig.Dome.Stop();
        rig.Clock.Advance(5);
        Assert.Equal(MoveStatus.Idle, rig.Dome.GetStatus().PanTilt);
        Assert.Single(rig.Finished);

        rig.Dome.Release(ignored);
        rig.Dome.ContinuousMove(PanVelocity(0.5), TimeSpan.FromSeconds(1));
        rig.Clock.Advance(5);
        Assert.Equal(MoveStatus.Idle, rig.Dome.GetStatus().PanTilt);
    }

    [Fact]
    public void Slow_axes_scale_the_speed_of_a_move()
    {
        using var rig = new PtzTestRig();
        var slow = new PtzFault.SlowAxes(0.25);
        rig.Dome.Inject(slow);
        rig.Dome.ContinuousMove(PanVelocity(1), TimeSpan.FromSeconds(10));
        rig.Clock.Advance(3);
        var velocity = (rig.Dome.CurrentPose.Pan - rig.Dome.PeekPose.Pan); // same instant: 0
        Assert.Equal(0, velocity);
        var p1 = rig.Dome.CurrentPose.Pan;
        rig.Clock.Advance(1);
        Assert.Equal(0.25 * rig.Dome.Definition.Mechanics.PanTiltMaxSpeed, rig.Dome.CurrentPose.Pan - p1, 6);
        rig.Dome.Release(slow);
        rig.Dome.ContinuousMove(PanVelocity(1), TimeSpan.FromSeconds(10));
        rig.Clock.Advance(3);
        var p2 = rig.Dome.CurrentPose.Pan;
        rig.Clock.Advance(1);
        Assert.Equal(rig.Dome.Definition.Mechanics.PanTiltMaxSpeed, DomeGeometry.Wrap180(rig.Dome.CurrentPose.Pan - p2), 6);
    }

    [Fact]
    public void Drift_offsets_the_reported_position_only()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDegrees });
        rig.Dome.AbsoluteMove(Degrees(20, -10));
        rig.Clock.Advance(30);
        var drift = new PtzFault.PositionDrift(1.5, -0.5, 0);
        rig.Dome.Inject(drift);
        var status = rig.Dome.GetStatus();
        Assert.Equal(21.5, status.Position.PanTilt!.Value.X, 4);
        Assert.Equal(-10.5, status.Position.PanTilt!.Value.Y, 4);
        Assert.Equal(20, rig.Dome.CurrentPose.Pan, 6); // the head (and the picture) is where it was sent
        rig.Dome.Release(drift);
        Assert.Equal(20, rig.Dome.GetStatus().Position.PanTilt!.Value.X, 4);
    }

    [Fact]
    public void A_preset_recall_lands_off_target_and_reports_reached()
    {
        using var rig = new PtzTestRig();
        rig.Dome.AbsoluteMove(Degrees(40, -20));
        rig.Clock.Advance(30);
        var token = rig.Dome.SetPreset(null, "Door");
        rig.Dome.AbsoluteMove(Degrees(0, 0));
        rig.Clock.Advance(30);
        var off = new PtzFault.PresetOffTarget(2, 1, 0);
        rig.Dome.Inject(off);
        rig.Events.Clear();
        rig.Dome.GotoPreset(token);
        rig.Clock.Advance(30);
        Assert.Equal(42, rig.Dome.CurrentPose.Pan, 6);
        Assert.Equal(-19, rig.Dome.CurrentPose.Tilt, 6);
        Assert.Equal(["Invoked", "Reached"], rig.EventTopics);
        rig.Dome.Release(off);
        rig.Dome.AbsoluteMove(Degrees(0, 0));
        rig.Clock.Advance(30);
        rig.Dome.GotoPreset(token);
        rig.Clock.Advance(30);
        Assert.Equal(40, rig.Dome.CurrentPose.Pan, 6);
    }

    [Fact]
    public void A_rebooting_head_stops_reports_unknown_refuses_moves_and_homes_when_it_ends()
    {
        using var rig = new PtzTestRig(fixedDomeHome: true);
        rig.Dome.AbsoluteMove(Degrees(90, -45));
        rig.Clock.Advance(0.5);
        var reboot = new PtzFault.HeadReboot();
        rig.Dome.Inject(reboot);
        var stoppedAt = rig.Dome.CurrentPose;
        rig.Clock.Advance(10);
        Assert.Equal(stoppedAt.Pan, rig.Dome.CurrentPose.Pan, 9);
        var status = rig.Dome.GetStatus();
        Assert.Equal((MoveStatus.Unknown, MoveStatus.Unknown), (status.PanTilt, status.Zoom));
        Assert.NotNull(status.Error);
        Assert.Equal(PtzError.NoStatus, Assert.Throws<PtzException>(() => rig.Dome.Stop()).Error);

        rig.Dome.Release(reboot);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().PanTilt);
        rig.Clock.Advance(30);
        var home = rig.Dome.HomePosition!.Value;
        Assert.Equal(home.Pan, rig.Dome.CurrentPose.Pan, 6);
        Assert.Equal(home.Tilt, rig.Dome.CurrentPose.Tilt, 6);
        Assert.Equal(MoveStatus.Idle, rig.Dome.GetStatus().PanTilt);
        Assert.Null(rig.Dome.GetStatus().Error);
    }
}
