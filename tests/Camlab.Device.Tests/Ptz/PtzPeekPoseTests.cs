using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.State;

namespace Camlab.Device.Tests.Ptz;

public class PtzPeekPoseTests
{
    /// <summary>A clock whose timers never fire: what a reader thread sees between the node's own timer callbacks.</summary>
    private sealed class ReaderClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Silent();
        private sealed class Silent : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public void Peeking_reports_the_pose_but_raises_no_event_a_reader_thread_would_then_run()
    {
        var clock = new ReaderClock();
        var bus = new EventBus();
        var events = new List<string>();
        bus.Subscribe(m => events.Add(m.Topic));
        using var device = PtzDevice.CreateDefault(clock, new InMemoryStateStore(), bus);
        var dome = device.FindNode("PtzNode_1")!;
        var finished = 0;
        dome.MoveFinished += _ => finished++;
        var preset = dome.SetPreset(null, "A");
        dome.AbsoluteMove(new PtzVector(new PanTiltVector(90, 0, PtzSpaces.PanTiltPositionDegrees), null));
        dome.GotoPreset(preset, null);
        events.Clear();

        clock.Now += TimeSpan.FromSeconds(60);
        var peeked = dome.PeekPose;
        Assert.Equal(0, finished);
        Assert.Empty(events);

        Assert.Equal(peeked, dome.CurrentPose); // the same pose; this read records it
        Assert.Equal(1, finished);
        Assert.Contains("PTZController/PTZPresets/Reached", events);
    }

    [Fact]
    public void Peeking_sees_the_e_flip_a_move_through_the_nadir_made()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { EFlip = EFlipMode.On });
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(0, -1), null), TimeSpan.FromSeconds(10));
        rig.Clock.Advance(1.5); // past nadir − α (see PtzMotionTests.E_flip_turns_the_frame_round_past_the_nadir_with_hysteresis)
        var peeked = rig.Dome.PeekPose;
        Assert.Equal(-180, peeked.Pan, 9);
        Assert.Equal(-60, peeked.Tilt, 6);
        Assert.Equal(peeked, rig.Dome.CurrentPose);
    }
}
