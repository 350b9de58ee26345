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
