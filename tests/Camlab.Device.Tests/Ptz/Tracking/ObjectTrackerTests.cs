using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.Ptz.Tracking;

namespace Camlab.Device.Tests.Ptz.Tracking;

/// <summary>
/// PTZ 5.3.6 tracking on the fake clock: the dome follows objects on known paths by velocity pursuit, with its own
/// speed limit and ramps, and gives the control back on any other command or when the object leaves its reach.
/// </summary>
public class ObjectTrackerTests
{
    // Object paths in the node's frame (degrees), seconds since the rig's start.
    private const int Steady = 1, Circling = 2, Fast = 3, Away = 4;
    private const double SteadySpeed = 10;                        // °/s in pan
    private const double CircleAmplitude = 60, CirclePeriod = 30; // pan ±60°, tilt −30 ± 10°
    private static readonly double CircleMaxSpeed = CircleAmplitude * 2 * Math.PI / CirclePeriod;

    private static PathObjects Objects(PtzTestRig rig) => new(rig.Clock.GetUtcNow(),
        (Steady, "steady", t => (20 + SteadySpeed * t, -20)),
        (Circling, "circling", t => (CircleAmplitude * Math.Sin(2 * Math.PI * t / CirclePeriod), -30 + 10 * Math.Cos(2 * Math.PI * t / CirclePeriod))),
        (Fast, "fast", t => (300 * t, -10)),
        (Away, "away", t => (20 * t, -15)));

    private static (double Pan, double Tilt) Aim(PtzTestRig rig)
    {
        var p = rig.Dome.GetStatus().Position.PanTilt!.Value;
        return rig.Dome.Geometry.PanTiltFromSpace(p.Space!, p.X, p.Y);
    }

    private static double Error(PtzTestRig rig, PathObjects objects, int id)
    {
        var (pan, tilt) = Aim(rig);
        var d = objects.At(id, rig.Clock.GetUtcNow());
        return ObjectTracker.AngleBetween(pan, tilt, d.Pan, d.Tilt);
    }

    [Theory]
    [InlineData(Steady)]
    [InlineData(Circling)]
    public void The_dome_keeps_a_moving_object_in_the_centre(int id)
    {
        using var rig = new PtzTestRig();
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(id);
        Assert.False(rig.Dome.IsIdle, "the head starts turning with the request");
        rig.Clock.Advance(5); // catch up: at most 70° at 120°/s, then the error decays with τ = 0.5 s
        // Feed-forward follows the object's own velocity, so after settling the head is far closer than the distance
        // the object covers in one cadence (what a tracker one step behind would show).
        var maxSpeed = id == Steady ? SteadySpeed : CircleMaxSpeed;
        var bound = maxSpeed * ObjectTracker.Cadence.TotalSeconds / 4;
        for (var i = 0; i < 100; i++)
        {
            rig.Clock.Advance(0.37);
            var error = Error(rig, objects, id);
            Assert.True(error < bound, $"after {5 + 0.37 * (i + 1):0.##} s the head is {error:0.###}° off object {id} (bound {bound:0.###}°)");
        }
        Assert.Equal(id, tracker.TrackedObjectId);
        Assert.Equal(MoveStatus.Moving, rig.Dome.GetStatus().PanTilt);
    }

    [Fact]
    public void Pursuit_stays_within_the_node_speed_limit()
    {
        using var rig = new PtzTestRig();
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(Fast);
        var max = rig.Dome.Definition.Mechanics.PanTiltMaxSpeed;
        var previous = rig.Dome.CurrentPose;
        var fastest = 0.0;
        for (var i = 0; i < 200; i++)
        {
            rig.Clock.Advance(0.05);
            var pose = rig.Dome.CurrentPose;
            fastest = Math.Max(fastest, Math.Abs(DomeGeometry.Wrap180(pose.Pan - previous.Pan)) / 0.05);
            previous = pose;
        }
        Assert.True(fastest <= max + 1e-6, $"pan turned at {fastest}°/s, the node allows {max}°/s");
        Assert.True(fastest > 0.95 * max, $"an object at 300°/s is chased at full speed, not {fastest}°/s");
        Assert.Equal(Fast, tracker.TrackedObjectId);
    }

    [Fact]
    public void Any_other_command_ends_tracking_and_is_obeyed()
    {
        var commands = new (string Name, Action<PtzNode> Command)[]
        {
            ("ContinuousMove", n => n.ContinuousMove(new PtzVector(new PanTiltVector(-0.5, 0), null), TimeSpan.FromSeconds(2))),
            ("AbsoluteMove", n => n.AbsoluteMove(new PtzVector(new PanTiltVector(-90, -10, PtzSpaces.PanTiltPositionDegrees), null))),
            ("RelativeMove", n => n.RelativeMove(new PtzVector(new PanTiltVector(-45, 0, PtzSpaces.PanTiltTranslationDegrees), null))),
            ("Stop", n => n.Stop()),
            ("GotoPreset", n => n.GotoPreset(n.GetPresets().Single().Token)),
            ("GotoHomePosition", n => n.GotoHomePosition()),
            ("Reload", n => n.Reload()),
        };
        foreach (var (name, command) in commands)
        {
            using var rig = new PtzTestRig();
            var objects = Objects(rig);
            using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
            rig.Dome.SetPreset(null, "start");
            rig.Dome.SetHomePosition();
            tracker.Start(Steady);
            rig.Clock.Advance(6);
            command(rig.Dome);
            Assert.True(tracker.TrackedObjectId is null, $"{name} ends tracking");
            Assert.Equal(TrackingEnd.Commanded, tracker.LastEnd);
            rig.Clock.Advance(20);
            // Every one of these commands ends in a rest; a head still following would be turning at 10°/s.
            Assert.True(rig.Dome.IsIdle, $"after {name} the head no longer follows the object");
        }
    }

    [Fact]
    public void A_client_ContinuousMove_is_obeyed_not_overridden_by_the_next_pursuit_step()
    {
        using var rig = new PtzTestRig();
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(Steady);
        rig.Clock.Advance(6);
        var before = rig.Dome.CurrentPose.Pan;
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(-0.5, 0), null), TimeSpan.FromSeconds(2));
        rig.Clock.Advance(1.5);
        Assert.True(rig.Dome.CurrentPose.Pan < before - 30, $"the head turns left as the client asked: {before}° → {rig.Dome.CurrentPose.Pan}°");
        rig.Clock.Advance(5);
        Assert.True(rig.Dome.IsIdle, "the client's move ends at its timeout; the tracker does not take over again");
    }

    [Fact]
    public void The_move_comes_first_then_tracking_takes_over()
    {
        using var rig = new PtzTestRig();
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(Steady, () => rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-150, -60, PtzSpaces.PanTiltPositionDegrees), null)));
        Assert.True(tracker.IsMovingFirst);
        rig.Clock.Advance(0.5);
        Assert.True(tracker.IsMovingFirst, "the move is still under way");
        rig.Clock.Advance(4.5);
        var arrived = rig.Finished.Count;
        Assert.True(arrived >= 1, "the move came to rest before tracking took over");
        Assert.False(tracker.IsMovingFirst);
        rig.Clock.Advance(10);
        Assert.True(Error(rig, objects, Steady) < 0.5, $"then it follows: {Error(rig, objects, Steady)}° off");
    }

    [Fact]
    public void Leaving_the_limits_brakes_the_head_and_ends_tracking()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with
        {
            PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-90, 90), new FloatRange(-80, 0)),
        });
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(Away); // pan 20°/s: leaves the 90° limit after 4.5 s
        rig.Clock.Advance(4);
        Assert.Equal(Away, tracker.TrackedObjectId);
        rig.Clock.Advance(1);
        Assert.Null(tracker.TrackedObjectId);
        Assert.Equal(TrackingEnd.OutOfReach, tracker.LastEnd);
        rig.Clock.Advance(2);
        Assert.True(rig.Dome.IsIdle, "braked");
        var pan = rig.Dome.CurrentPose.Pan;
        Assert.InRange(pan, 80, 90);
        rig.Clock.Advance(10);
        Assert.Equal(pan, rig.Dome.CurrentPose.Pan, 9);
    }

    [Fact]
    public void Refused_starts_change_nothing()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with
        {
            PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-10, 10), new FloatRange(-80, 0)),
        });
        var objects = Objects(rig);
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        Assert.Equal(PtzError.NoObject, Assert.Throws<PtzException>(() => tracker.Start(99)).Error);
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() => tracker.Start(Steady)).Error); // at pan 20°, beyond 10°
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            tracker.Start(Circling, () => rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(50, -10, PtzSpaces.PanTiltPositionDegrees), null)))).Error);
        Assert.Null(tracker.TrackedObjectId);
        Assert.Equal(0, rig.Dome.CommandSequence);
        rig.Clock.Advance(5);
        Assert.True(rig.Dome.IsIdle);
        Assert.Equal(0, rig.Dome.CurrentPose.Pan, 9);
    }

    [Fact]
    public void Tracking_works_the_same_with_reverse_on()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { Reverse = ReverseMode.On });
        // Reverse (an upside-down mount) mirrors the tilt range to [−20°, 180°]: an object below the horizon (tilt −35° to
        // −25°) is out of reach; one seen above the horizon is followed, and the frame is the one clients see.
        var objects = new PathObjects(rig.Clock.GetUtcNow(),
            (7, "up", t => (-40 + 5 * t, 30)),
            (Circling, "down", t => (0, -30 + 5 * Math.Cos(2 * Math.PI * t / CirclePeriod))));
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() => tracker.Start(Circling)).Error);
        tracker.Start(7);
        rig.Clock.Advance(8);
        Assert.True(Error(rig, objects, 7) < 0.3, $"reverse: head at {Aim(rig)}, object at {objects.At(7, rig.Clock.GetUtcNow())}");
    }

    [Fact]
    public void Tracking_works_near_the_nadir_with_e_flip_on()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { EFlip = EFlipMode.On });
        // Nearly under the camera: tilt −84° ± 4°, the e-flip band is −90° ± 5°; the picture must not turn round.
        var objects = new PathObjects(rig.Clock.GetUtcNow(), (8, "below", t => (10 + 6 * t, -84 + 4 * Math.Sin(t / 2))));
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        tracker.Start(8);
        rig.Clock.Advance(6);
        for (var i = 0; i < 20; i++)
        {
            rig.Clock.Advance(0.5);
            Assert.True(Error(rig, objects, 8) < 0.1, $"{Error(rig, objects, 8)}° off near the nadir");
            Assert.False(rig.Dome.IsFlipped);
        }
        Assert.Equal(8, tracker.TrackedObjectId);
    }

    [Fact]
    public void The_object_nearest_the_centre_of_the_picture_is_found()
    {
        using var rig = new PtzTestRig();
        var objects = new PathObjects(rig.Clock.GetUtcNow(),
            (1, "off-centre", _ => (48, -10)), (2, "near-centre", _ => (43, -11)), (3, "behind", _ => (-138, -10)));
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        Assert.Null(tracker.ObjectNearestCentre()); // at pan 0 (wide: ~60° across) pan 43° and 48° are beyond the border
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(42, -10, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(10);
        Assert.Equal(2, tracker.ObjectNearestCentre());
        Assert.Equal(0, tracker.ImagePosition(new ObjectDirection(42, -10))!.Value.X, 6);
        Assert.True(tracker.ImagePosition(new ObjectDirection(48, -10))!.Value.X > 0, "right of the centre is +x");
        Assert.True(tracker.ImagePosition(new ObjectDirection(43, -11))!.Value.Y < 0, "below the centre is −y");
        Assert.Null(tracker.ImagePosition(new ObjectDirection(-138, -10)));
        Assert.False(tracker.InView(new ObjectDirection(-138, -10)));
    }

    [Fact]
    public void The_digital_window_follows_an_object_across_the_wide_sensor()
    {
        using var rig = new PtzTestRig();
        // Window-centre positions on the sensor (A.2.1): drifting right at 0.02 of the width per second.
        var objects = new PathObjects(rig.Clock.GetUtcNow(), (5, "drifter", t => (0.3 + 0.02 * t, 0.4 + 0.05 * Math.Sin(t / 4))));
        using var tracker = new ObjectTracker(rig.Digital, objects, rig.Clock);
        // At zoom 1 the window is the whole sensor and cannot move: nothing to follow with.
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() => tracker.Start(5)).Error);

        tracker.Start(5, () => rig.Digital.AbsoluteMove(new PtzVector(null, new ZoomVector(4, PtzSpaces.ZoomPositionNormalizedDigital))));
        rig.Clock.Advance(8);
        Assert.False(tracker.IsMovingFirst);
        var bound = 0.0225 * ObjectTracker.Cadence.TotalSeconds / 4;
        for (var i = 0; i < 30; i++)
        {
            rig.Clock.Advance(0.4);
            var pose = rig.Digital.CurrentPose;
            var d = objects.At(5, rig.Clock.GetUtcNow());
            Assert.True(Math.Abs(pose.Pan - d.Pan) < bound && Math.Abs(pose.Tilt - d.Tilt) < bound, $"window at ({pose.Pan}, {pose.Tilt}), object at ({d.Pan}, {d.Tilt})");
            Assert.Equal(4, pose.Zoom, 9); // zoom is kept
            Assert.Equal(0, tracker.ImagePosition(new ObjectDirection(pose.Pan, pose.Tilt))!.Value.X, 9);
        }
        // At zoom 4 a window centre stays within 0.125..0.875: the drifter passes 0.875 at 28.75 s.
        rig.Clock.Advance(30 - 20);
        Assert.Null(tracker.TrackedObjectId);
        Assert.Equal(TrackingEnd.OutOfReach, tracker.LastEnd);
        rig.Clock.Advance(3);
        Assert.True(rig.Digital.IsIdle);
        Assert.InRange(rig.Digital.CurrentPose.Pan, 0.85, 0.875);
    }

    [Fact]
    public void A_preset_tour_start_is_refused_while_the_head_follows_and_ends_tracking_once_it_starts()
    {
        using var rig = new PtzTestRig();
        var preset = rig.Dome.SetPreset(null, "Gate");
        var objects = new PathObjects(rig.Clock.GetUtcNow(), (1, "moving", t => (40 + 5 * t, -10)), (2, "still", _ => (-40, -10)));
        using var tracker = new ObjectTracker(rig.Dome, objects, rig.Clock);
        using var mechanism = new PtzNodeTourMechanism(rig.Dome);
        using var engine = new PresetTourEngine("PtzNode_1", mechanism, PresetTourOptions.Default, rig.Store, rig.Bus, rig.Clock, () => ["Profile_1"]);
        var tour = engine.CreatePresetTour();
        engine.ModifyPresetTour(new PresetTour(tour, "Rounds", false, new PresetTourStartingCondition(RecurringTime: 1), [TourSpot.AtPreset(preset)]));

        tracker.Start(1);
        rig.Clock.Advance(5);
        // The head is moving with the object: a tour cannot start (ActivationFailed), and tracking goes on.
        Assert.Equal(PresetTourFault.ActivationFailed, Assert.Throws<PresetTourException>(() => engine.OperatePresetTour(tour, PresetTourOperation.Start)).Fault);
        Assert.Equal(1, tracker.TrackedObjectId);

        // Following a still object the head comes to rest; then the tour starts and its first move ends tracking.
        tracker.Start(2);
        rig.Clock.Advance(10);
        Assert.True(rig.Dome.IsIdle);
        Assert.Equal(2, tracker.TrackedObjectId);
        engine.OperatePresetTour(tour, PresetTourOperation.Start);
        Assert.Null(tracker.TrackedObjectId);
        Assert.Equal(TrackingEnd.Commanded, tracker.LastEnd);
        rig.Clock.Advance(10);
        Assert.Equal(0, rig.Dome.CurrentPose.Pan, 6);
    }
}
