using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

public class PtzPresetTests
{
    private static void MoveAndSettle(PtzTestRig rig, double pan, double tilt)
    {
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(pan, tilt, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
    }

    [Fact]
    public void Preset_events_run_invoked_reached_left_and_invoked_aborted()
    {
        using var rig = new PtzTestRig();
        var home = rig.Dome.SetPreset(null, "Gate");
        MoveAndSettle(rig, 45, -30);
        rig.Events.Clear();

        rig.Dome.GotoPreset(home);
        var invokedAt = rig.Clock.GetUtcNow();
        rig.Clock.Advance(0.1);
        Assert.Equal(["Invoked"], rig.EventTopics);
        rig.Clock.Advance(20);
        Assert.Equal(["Invoked", "Reached"], rig.EventTopics);
        Assert.Equal(invokedAt, rig.Events[0].UtcTime);
        Assert.True(rig.Events[1].UtcTime < rig.Clock.GetUtcNow(), "Reached carries the instant of arrival");
        Assert.Equal(0, rig.Dome.CurrentPose.Pan, 9);

        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0.2, 0), null), TimeSpan.FromSeconds(1));
        Assert.Equal(["Invoked", "Reached", "Left"], rig.EventTopics);
        rig.Clock.Advance(5);

        rig.Dome.GotoPreset(home);
        rig.Clock.Advance(0.1);
        rig.Dome.Stop();
        rig.Clock.Advance(5);
        Assert.Equal(["Invoked", "Reached", "Left", "Invoked", "Aborted"], rig.EventTopics);

        var e = rig.Events[0];
        Assert.Equal("PTZController/PTZPresets/Invoked", e.Topic);
        Assert.Equal([new("PTZConfigurationToken", "PtzConfig_1")], e.Source);
        Assert.Equal([new("PresetToken", home), new("PresetName", "Gate")], e.Data);
        Assert.False(e.IsProperty);
    }

    [Fact]
    public void A_preset_returns_to_the_same_position_and_move_finished_fires()
    {
        using var rig = new PtzTestRig();
        MoveAndSettle(rig, 120, -20);
        rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(0.3)));
        rig.Clock.Advance(20);
        var token = rig.Dome.SetPreset();
        var saved = rig.Dome.CurrentPose;
        MoveAndSettle(rig, -100, -70);
        rig.Finished.Clear();
        rig.Dome.GotoPreset(token);
        Assert.False(rig.Dome.IsIdle);
        rig.Clock.Advance(20);
        Assert.True(rig.Dome.IsIdle);
        Assert.Single(rig.Finished);
        var back = rig.Dome.CurrentPose;
        Assert.Equal(saved.Pan, back.Pan, 9);
        Assert.Equal(saved.Tilt, back.Tilt, 9);
        Assert.Equal(saved.Zoom, back.Zoom, 9);
        var listed = Assert.Single(rig.Dome.GetPresets());
        Assert.Equal(token, listed.Token);
        Assert.Equal(token, listed.Name); // no name given: the token names it
    }

    [Fact]
    public void A_goto_that_needs_no_motion_still_reaches_and_finishes()
    {
        using var rig = new PtzTestRig();
        var token = rig.Dome.SetPreset();
        rig.Dome.GotoPreset(token);
        rig.Clock.Advance(0);
        Assert.Equal(["Invoked", "Reached"], rig.EventTopics);
        Assert.Single(rig.Finished);
    }

    [Fact]
    public void Preset_faults()
    {
        using var rig = new PtzTestRig();
        PtzError Fail(Action a) => Assert.Throws<PtzException>(a).Error;
        var a = rig.Dome.SetPreset(null, "A");
        Assert.Equal(PtzError.PresetExist, Fail(() => rig.Dome.SetPreset(null, "A")));
        Assert.Equal(PtzError.InvalidPresetName, Fail(() => rig.Dome.SetPreset(null, new string('x', 65))));
        Assert.Equal(PtzError.InvalidPresetName, Fail(() => rig.Dome.SetPreset(null, " ")));
        Assert.Equal(PtzError.NoToken, Fail(() => rig.Dome.SetPreset("Preset_99")));
        Assert.Equal(PtzError.NoToken, Fail(() => rig.Dome.GotoPreset("Preset_99")));
        Assert.Equal(PtzError.NoToken, Fail(() => rig.Dome.RemovePreset("Preset_99")));
        Assert.Equal(a, rig.Dome.SetPreset(a, "A")); // updating keeps its own name
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(1, 0), null));
        Assert.Equal(PtzError.MovingPTZ, Fail(() => rig.Dome.SetPreset()));
        rig.Clock.Advance(30);
        for (var i = rig.Dome.GetPresets().Count; i < 256; i++) rig.Dome.SetPreset();
        Assert.Equal(PtzError.TooManyPresets, Fail(() => rig.Dome.SetPreset()));
        rig.Dome.RemovePreset(a);
        Assert.Equal(a, rig.Dome.SetPreset()); // the freed token is reused
        Assert.Equal(256, rig.Dome.GetPresets().Count);
    }

    [Fact]
    public void Home_set_and_recalled_or_fixed()
    {
        using var rig = new PtzTestRig();
        Assert.Equal(PtzError.NoHomePosition, Assert.Throws<PtzException>(() => rig.Dome.GotoHomePosition()).Error);
        MoveAndSettle(rig, 10, -10);
        rig.Dome.SetHomePosition();
        MoveAndSettle(rig, 100, -50);
        rig.Dome.GotoHomePosition();
        rig.Clock.Advance(20);
        Assert.Equal(10, rig.Dome.CurrentPose.Pan, 9);
        Assert.Equal(-10, rig.Dome.CurrentPose.Tilt, 9);
        Assert.Equal(PtzError.CannotOverwriteHome, Assert.Throws<PtzException>(() => rig.Digital.SetHomePosition()).Error);

        using var fixedRig = new PtzTestRig(fixedDomeHome: true);
        Assert.Equal(PtzError.CannotOverwriteHome, Assert.Throws<PtzException>(() => fixedRig.Dome.SetHomePosition()).Error);
        fixedRig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0.5, 0.5), null));
        fixedRig.Clock.Advance(20);
        fixedRig.Dome.GotoHomePosition();
        fixedRig.Clock.Advance(20);
        Assert.Equal(new PtzPose(0, 0, 4.7), fixedRig.Dome.CurrentPose);
    }

    [Fact]
    public void Auxiliary_commands_keep_their_state()
    {
        using var rig = new PtzTestRig();
        Assert.Equal("tt:IRLamp|Auto", rig.Dome.SendAuxiliaryCommand("tt:IRLamp|Auto"));
        rig.Dome.SendAuxiliaryCommand("tt:Wiper|On");
        Assert.Equal("Auto", rig.Dome.AuxiliaryStates["tt:IRLamp"]);
        Assert.Equal("On", rig.Dome.AuxiliaryStates["tt:Wiper"]);
        Assert.Equal(PtzError.AuxiliaryDataNotSupported, Assert.Throws<PtzException>(() => rig.Dome.SendAuxiliaryCommand("tt:IRLamp|Blink")).Error);
        Assert.Equal(PtzError.AuxiliaryDataNotSupported, Assert.Throws<PtzException>(() => rig.Digital.SendAuxiliaryCommand("tt:Wiper|On")).Error);
        Assert.Equal(2, rig.Dome.AuxiliaryStates.Count);
    }

    [Fact]
    public void Presets_home_configuration_and_auxiliary_state_survive_a_restart()
    {
        var store = new Camlab.Device.State.InMemoryStateStore();
        string token;
        PtzPose pose;
        PtzConfiguration config;
        using (var rig = new PtzTestRig(store))
        {
            rig.Configure(rig.Dome, c => c with
            {
                EFlip = EFlipMode.On, MoveRamp = 3,
                PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-170, 170), new FloatRange(double.NegativeInfinity, 10)),
            });
            MoveAndSettle(rig, 33, -21);
            token = rig.Dome.SetPreset(null, "Door");
            rig.Dome.SetHomePosition();
            rig.Dome.SendAuxiliaryCommand("tt:IRLamp|On");
            pose = rig.Dome.CurrentPose;
            config = rig.Dome.Configuration;
        }
        using var again = new PtzTestRig(store);
        Assert.Equal(config, again.Dome.Configuration);
        var preset = Assert.Single(again.Dome.GetPresets());
        Assert.Equal((token, "Door"), (preset.Token, preset.Name));
        Assert.Equal(pose.Pan, preset.Pose.Pan, 9);
        Assert.Equal(pose.Tilt, preset.Pose.Tilt, 9);
        Assert.Equal(pose.Pan, again.Dome.HomePosition!.Value.Pan, 9);
        Assert.Equal("On", again.Dome.AuxiliaryStates["tt:IRLamp"]);
    }
}

public class PtzPresetEdgeTests
{
    [Fact]
    public void A_preset_outside_new_limits_ends_on_the_border_with_aborted()
    {
        using var rig = new PtzTestRig();
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(120, 0, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
        var token = rig.Dome.SetPreset();
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0, 0, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
        rig.Configure(rig.Dome, c => c with
        {
            PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-90, 90), new FloatRange(double.NegativeInfinity, double.PositiveInfinity)),
        });
        rig.Events.Clear();
        rig.Dome.GotoPreset(token);
        rig.Clock.Advance(20);
        Assert.Equal(["Invoked", "Aborted"], rig.EventTopics);
        Assert.Equal(90, rig.Dome.CurrentPose.Pan, 9);
    }

    [Fact]
    public void Move_finished_never_fires_inside_the_commanding_call()
    {
        using var rig = new PtzTestRig();
        var token = rig.Dome.SetPreset();
        rig.Dome.GotoPreset(token);
        Assert.Empty(rig.Finished);
        Assert.Equal(["Invoked"], rig.EventTopics);
        rig.Clock.Advance(0);
        Assert.Single(rig.Finished);
    }

    [Fact]
    public void Pan_and_tilt_arrive_together_on_a_straight_line()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDegrees });
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(60, -80), null), new PtzVector(new PanTiltVector(100, 0, PtzSpaces.PanTiltSpeedDegrees), null));
        // Path 100° long at 100°/s along the line with 120°/s² along it: 100/100 + 100/120 s.
        var total = 1 + 100.0 / 120;
        for (var t = 0.1; t < total; t += 0.3)
        {
            rig.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromSeconds(t));
            var p = rig.Dome.CurrentPose;
            Assert.Equal(-80.0 / 60 * p.Pan, p.Tilt, 9); // always on the line from (0,0) to (60,−80)
        }
        rig.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromSeconds(total - 0.001));
        Assert.False(rig.Dome.IsIdle);
        rig.Clock.Advance(0.002);
        Assert.True(rig.Dome.IsIdle);
        Assert.Equal(new PtzPose(60, -80, 4.7), rig.Dome.CurrentPose);
    }

    [Fact]
    public void Relative_fov_move_centres_the_chosen_image_point()
    {
        using var rig = new PtzTestRig();
        var lens = ZoomLens.Default;
        rig.Dome.RelativeMove(new PtzVector(new PanTiltVector(1, 0, PtzSpaces.PanTiltTranslationFov), null));
        rig.Clock.Advance(20);
        Assert.Equal(lens.HorizontalFov(lens.FocalMinMm) / 2, rig.Dome.CurrentPose.Pan, 9);
    }

    [Fact]
    public void A_relative_tilt_through_the_nadir_continues_its_direction_with_e_flip()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { EFlip = EFlipMode.On });
        rig.Dome.RelativeMove(new PtzVector(new PanTiltVector(0, -120, PtzSpaces.PanTiltTranslationDegrees), null));
        rig.Clock.Advance(20);
        // Mechanically from 0° down to −120°: past the nadir, shown as (180°, −60°).
        Assert.True(rig.Dome.IsFlipped);
        var p = rig.Dome.CurrentPose;
        Assert.Equal(-180, p.Pan, 9);
        Assert.Equal(-60, p.Tilt, 9);
    }
}
