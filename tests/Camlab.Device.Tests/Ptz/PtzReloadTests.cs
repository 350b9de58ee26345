using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

public class PtzReloadTests
{
    [Fact]
    public void Reload_stops_motion_where_it_is_aborts_a_recall_and_rereads_the_store()
    {
        using var rig = new PtzTestRig();
        var gate = rig.Dome.SetPreset(null, "Gate");
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(90, -30, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
        rig.Events.Clear();
        rig.Finished.Clear();

        rig.Dome.GotoPreset(gate);
        rig.Clock.Advance(0.5);
        var before = rig.Dome.CurrentPose;
        Assert.False(rig.Dome.IsIdle);

        // Another process (the previous boot) changed the store behind the node's back: the reload must see it.
        using (var other = new PtzTestRig(rig.Store)) other.Dome.SetPreset(null, "Written elsewhere");
        rig.Dome.Reload();

        Assert.True(rig.Dome.IsIdle);
        Assert.Equal(before.Pan, rig.Dome.CurrentPose.Pan, 9);
        Assert.Equal(["Invoked", "Aborted"], rig.EventTopics);
        rig.Clock.Advance(20);
        Assert.Equal(before.Pan, rig.Dome.CurrentPose.Pan, 9);
        Assert.Empty(rig.Finished);
        Assert.Contains(rig.Dome.GetPresets(), p => p.Name == "Written elsewhere");
        Assert.Equal(2, rig.Dome.GetPresets().Count);
    }

    [Fact]
    public void Reload_keeps_every_acknowledged_preset_and_auxiliary_state()
    {
        using var rig = new PtzTestRig(new Camlab.Device.State.InMemoryStateStore());
        rig.Dome.SetPreset(null, "Kept");
        rig.Dome.SendAuxiliaryCommand("tt:IRLamp|On");
        rig.Dome.Reload();
        Assert.Equal(["Kept"], rig.Dome.GetPresets().Select(p => p.Name));
        Assert.Equal("On", rig.Dome.AuxiliaryStates["tt:IRLamp"]);
    }
}
