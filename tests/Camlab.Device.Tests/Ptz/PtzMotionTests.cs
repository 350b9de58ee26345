using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

public class PtzMotionTests
{
    private static PtzConfiguration Degrees(PtzConfiguration c) => c with
    {
        DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDegrees,
        DefaultAbsoluteZoomPositionSpace = PtzSpaces.ZoomPositionMillimeter,
    };

    [Fact]
    public void Absolute_move_follows_the_ramp_and_reports_moving_then_idle()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, Degrees);
        // 60°/s with ramp 2 (120°/s²): 0.5 s up (15°), 1 s cruise, 0.5 s down: 90° in 2 s.
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(90, 0, PtzSpaces.PanTiltPositionDegrees), null),
            new PtzVector(new PanTiltVector(60, 0, PtzSpaces.PanTiltSpeedDegrees), null));
        rig.Clock.Advance(0.5);
        var s = rig.Dome.GetStatus();
        Assert.Equal(15, s.Position.PanTilt!.Value.X, 6);
        Assert.Equal(MoveStatus.Moving, s.PanTilt);
        Assert.Equal(MoveStatus.Idle, s.Zoom); // absent zoom: left alone
        rig.Clock.Advance(1.0);
        Assert.Equal(75, rig.Dome.GetStatus().Position.PanTilt!.Value.X, 6);
        rig.Clock.Advance(0.5);
        s = rig.Dome.GetStatus();
        Assert.Equal(90, s.Position.PanTilt!.Value.X, 9);
        Assert.Equal(MoveStatus.Idle, s.PanTilt);
        Assert.Equal(rig.Clock.GetUtcNow(), s.UtcTime);
        Assert.Single(rig.Finished);
        Assert.Equal(rig.Clock.GetUtcNow(), rig.Finished[0].At);
    }

    [Fact]
    public void Endless_pan_takes_the_shortest_way_round()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, Degrees);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(170, 0), null));
        rig.Clock.Advance(10);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-170, 0), null));
        rig.Clock.Advance(0.2);
        var pan = rig.Dome.GetStatus().Position.PanTilt!.Value.X;
        Assert.True(pan > 170 || pan < -170, $"pan {pan} should cross ±180, not 0");
        rig.Clock.Advance(10);
        Assert.Equal(-170, rig.Dome.GetStatus().Position.PanTilt!.Value.X, 9);
    }

    [Fact]
    public void Continuous_move_with_a_one_second_timeout_stops_with_the_ramp()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, Degrees);
        // generic 0.5 = 60°/s; 0.5 s up (15°), cruise until 1 s (30°), 0.5 s down (15°).
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0.5, 0), null), TimeSpan.FromSeconds(1));
        rig.Clock.Advance(0.9);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().PanTilt);
        rig.Clock.Advance(0.59);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().PanTilt);
        rig.Clock.Advance(0.01);
        var s = rig.Dome.GetStatus();
        Assert.Equal(MoveStatus.Idle, s.PanTilt);
        Assert.Equal(60, s.Position.PanTilt!.Value.X, 6);
    }

    [Fact]
    public void Continuous_move_uses_the_default_timeout_and_a_zero_velocity_stops()
    {
        using var rig = new PtzTestRig();
        rig.Dome.ContinuousMove(new PtzVector(null, new ZoomVector(1)));
        rig.Clock.Advance(0.2);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().Zoom);
        rig.Dome.ContinuousMove(new PtzVector(null, new ZoomVector(0)));
        rig.Clock.Advance(1);
        Assert.Equal(MoveStatus.Idle, rig.Dome.GetStatus().Zoom);

        var ex = Assert.Throws<PtzException>(() => rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(1, 0), null), TimeSpan.FromMinutes(11)));
        Assert.Equal(PtzError.TimeoutNotSupported, ex.Error);
        Assert.Equal(PtzError.InvalidVelocity, Assert.Throws<PtzException>(() => rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(1.5, 0), null))).Error);
        Assert.Equal(PtzError.SpaceNotSupported, Assert.Throws<PtzException>(() =>
            rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0.1, 0, PtzSpaces.PanTiltPositionGeneric), null))).Error);
    }

    [Fact]
    public void Latest_command_wins_and_an_absent_axis_keeps_moving()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, Degrees);
        rig.Dome.AbsoluteMove(PtzVector.Of(90, 0, 0.5, PtzSpaces.PanTiltPositionDegrees, PtzSpaces.ZoomPositionGeneric));
        rig.Clock.Advance(0.5);
        rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(0, PtzSpaces.ZoomPositionGeneric)));
        rig.Clock.Advance(20);
        var s = rig.Dome.GetStatus();
        Assert.Equal(90, s.Position.PanTilt!.Value.X, 9); // pan/tilt motion continued
        Assert.Equal(4.7, s.Position.Zoom!.Value.X, 9);   // zoom went back to wide
    }

    [Fact]
    public void Stop_filters_pan_tilt_and_zoom()
    {
        using var rig = new PtzTestRig();
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(1, 0), new ZoomVector(1)), TimeSpan.FromSeconds(60));
        rig.Clock.Advance(1);
        rig.Dome.Stop(panTilt: true, zoom: false);
        rig.Clock.Advance(1.5);
        var s = rig.Dome.GetStatus();
        Assert.Equal(MoveStatus.Idle, s.PanTilt);
        Assert.Equal(MoveStatus.Moving, s.Zoom);
        rig.Dome.Stop();
        rig.Clock.Advance(2);
        Assert.Equal(MoveStatus.Idle, rig.Dome.GetStatus().Zoom);
    }

    [Fact]
    public void Speeds_out_of_range_are_refused_without_moving()
    {
        using var rig = new PtzTestRig();
        var ex = Assert.Throws<PtzException>(() => rig.Dome.AbsoluteMove(PtzVector.Of(0.5, 0, 0), new PtzVector(new PanTiltVector(1.5, 0), null)));
        Assert.Equal(PtzError.InvalidSpeed, ex.Error);
        Assert.True(rig.Dome.IsIdle);
        Assert.Equal(0, rig.Dome.CurrentPose.Pan);
    }

    [Fact]
    public void E_flip_turns_the_frame_round_past_the_nadir_with_hysteresis()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => Degrees(c) with { EFlip = EFlipMode.On });
        // Tilt down at 120°/s (ramp 120°/s²): −60° at 1 s, then −120°/s; mechanical −90 at 1.25 s, −95 at 1.2917 s.
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0, -1), null), TimeSpan.FromSeconds(10));
        rig.Clock.Advance(1.25);
        var s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal((0.0, -90.0), (s.X, Math.Round(s.Y, 9)));
        Assert.False(rig.Dome.IsFlipped); // inside the ±5° band nothing flips yet
        rig.Clock.Advance(0.25);
        s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.True(rig.Dome.IsFlipped);
        Assert.Equal(-180, s.X, 9);     // P + 180
        Assert.Equal(-60, s.Y, 6);      // −180 − (−120)
        rig.Clock.Advance(5);
        s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal(0, s.Y, 6);         // the mechanism stopped at −180: horizon on the other side
        // Back up: the flip is undone only above nadir + α.
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-180, -88), null));
        rig.Clock.Advance(10);
        Assert.True(rig.Dome.IsFlipped);
        Assert.Equal(-88, rig.Dome.GetStatus().Position.PanTilt!.Value.Y, 6);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-180, -80), null));
        rig.Clock.Advance(10);
        Assert.False(rig.Dome.IsFlipped);
        Assert.Equal(-80, rig.Dome.GetStatus().Position.PanTilt!.Value.Y, 6);
    }

    [Fact]
    public void Without_e_flip_the_tilt_range_reaches_minus_180_without_turning_round()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, Degrees);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(35, -160), null));
        rig.Clock.Advance(10);
        var s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal((35.0, -160.0), (Math.Round(s.X, 9), Math.Round(s.Y, 9)));
        Assert.False(rig.Dome.IsFlipped);
    }

    [Fact]
    public void Reverse_mirrors_the_frame()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => Degrees(c) with { Reverse = ReverseMode.On });
        Assert.Equal(new FloatRange(-20, 180), rig.Dome.Geometry.TiltRange);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(30, 40), null));
        rig.Clock.Advance(10);
        var s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal(30, s.X, 9);
        Assert.Equal(40, s.Y, 9);
        // Seen without reverse the same mechanism stands at (−30, −40).
        rig.Configure(rig.Dome, c => c with { Reverse = ReverseMode.Off });
        s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal(-30, s.X, 9);
        Assert.Equal(-40, s.Y, 9);
    }
}

public class PtzEFlipConfigurationTests
{
    [Fact]
    public void Switching_e_flip_applies_to_the_current_pose()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDegrees });
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(20, -150), null));
        rig.Clock.Advance(20);
        Assert.Equal(-150, rig.Dome.GetStatus().Position.PanTilt!.Value.Y, 9);
        rig.Configure(rig.Dome, c => c with { EFlip = EFlipMode.On });
        Assert.True(rig.Dome.IsFlipped);
        var s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal((-160.0, -30.0), (Math.Round(s.X, 9), Math.Round(s.Y, 9)));
        rig.Configure(rig.Dome, c => c with { EFlip = EFlipMode.Off });
        Assert.False(rig.Dome.IsFlipped);
        Assert.Equal(-150, rig.Dome.GetStatus().Position.PanTilt!.Value.Y, 9);
    }
}

public class PtzRelativeStopTests
{
    [Fact]
    public void A_zero_relative_translation_stops_like_stop_in_any_space()
    {
        var ends = new List<PtzPose>();
        foreach (var space in new[] { PtzSpaces.PanTiltTranslationGeneric, PtzSpaces.PanTiltTranslationDegrees, PtzSpaces.PanTiltTranslationFov, "stop" })
        {
            using var rig = new PtzTestRig();
            rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0.5, 0.5), new ZoomVector(0.5)), TimeSpan.FromSeconds(30));
            rig.Clock.Advance(2);
            if (space == "stop") rig.Dome.Stop();
            else rig.Dome.RelativeMove(new PtzVector(new PanTiltVector(0, 0, space), new ZoomVector(0)));
            rig.Clock.Advance(5);
            Assert.True(rig.Dome.IsIdle);
            ends.Add(rig.Dome.CurrentPose);
        }
        Assert.All(ends, e => Assert.Equal(ends[^1], e));
        Assert.True(ends[0].Pan > 60, "it braked from its speed rather than returning to where the command found it");
    }
}
