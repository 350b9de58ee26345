using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz.Tracking;

/// <summary>What a tracker relies on: command sequence numbers, the Commanded event, conditional pursuit, reachability.</summary>
public class PtzNodeCommandsTests
{
    private static PtzVector Velocity(double x, double y) => new(new PanTiltVector(x, y, PtzSpaces.PanTiltVelocityGeneric), null);

    [Fact]
    public void Every_accepted_command_gets_the_next_sequence_number_and_is_announced()
    {
        using var rig = new PtzTestRig();
        var heard = new List<(string Node, long Sequence)>();
        rig.Dome.Commanded += (node, sequence) => heard.Add((node, sequence));
        Assert.Equal(0, rig.Dome.CommandSequence);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(10, -10, PtzSpaces.PanTiltPositionDegrees), null));
        Assert.Throws<PtzException>(() => rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(10, 60, PtzSpaces.PanTiltPositionDegrees), null)));
        rig.Clock.Advance(5);
        rig.Dome.SetPreset(null, "not a move");
        rig.Dome.Stop();
        rig.Dome.Reload();
        Assert.Equal([("PtzNode_1", 1L), ("PtzNode_1", 2L), ("PtzNode_1", 3L)], heard);
        Assert.Equal(3, rig.Dome.CommandSequence);
    }

    [Fact]
    public void A_conditional_move_after_a_newer_command_changes_nothing()
    {
        using var rig = new PtzTestRig();
        var mine = rig.Dome.ContinuousMoveIfUnchanged(0, Velocity(0.5, 0), TimeSpan.FromSeconds(1));
        Assert.Equal(1, mine);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-90, 0, PtzSpaces.PanTiltPositionDegrees), null));
        Assert.Null(rig.Dome.ContinuousMoveIfUnchanged(1, Velocity(1, 1), TimeSpan.FromSeconds(1)));
        Assert.Equal(2, rig.Dome.CommandSequence);
        rig.Clock.Advance(10);
        Assert.Equal(-90, rig.Dome.CurrentPose.Pan, 6); // the client's AbsoluteMove, not the stale pursuit
        Assert.Equal(3, rig.Dome.ContinuousMoveIfUnchanged(2, Velocity(0, 0), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CanReach_follows_range_limits_and_the_digital_window()
    {
        using var rig = new PtzTestRig();
        Assert.True(rig.Dome.CanReach(179, -89));
        Assert.True(rig.Dome.CanReach(0, 20));
        Assert.False(rig.Dome.CanReach(0, 21));            // above the dome's 20°
        Assert.False(rig.Dome.CanReach(double.NaN, 0));
        rig.Configure(rig.Dome, c => c with { PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-45, 45), new FloatRange(-60, 0)) });
        Assert.True(rig.Dome.CanReach(45, -60));
        Assert.False(rig.Dome.CanReach(46, -10));
        Assert.False(rig.Dome.CanReach(0, -61));

        Assert.False(rig.Digital.CanReach(0.6, 0.5));       // zoom 1: the window is the sensor
        Assert.True(rig.Digital.CanReach(0.5, 0.5));
        rig.Digital.AbsoluteMove(new PtzVector(null, new ZoomVector(4, PtzSpaces.ZoomPositionNormalizedDigital)));
        Assert.True(rig.Digital.CanReach(0.125, 0.875));    // A.2.2: half a window (1/8) from the borders
        Assert.False(rig.Digital.CanReach(0.1, 0.5));
    }
}
