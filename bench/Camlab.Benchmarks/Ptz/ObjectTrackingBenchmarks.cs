using BenchmarkDotNet.Attributes;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tracking;
using Camlab.Device.State;
using Camlab.Rendering;
using Camlab.Server.Ptz;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Ptz;

/// <summary>
/// The CPU cost of MoveAndStartTracking's pursuit (docs/ptz.md): one <see cref="ObjectTracker"/> step — the car's
/// direction now and one cadence ahead from the default scene through the mount, the head's pose, the reachability
/// check and the conditional ContinuousMove — on the dome, as the timer runs it every 200 ms per tracking node.
/// The baseline is the plain ContinuousMove + GetStatus pair a joystick client sends (as in <see cref="PtzBenchmarks"/>),
/// on a second dome without a tracker.
/// A hand-stepped clock fires the tracker's timer, so the step is measured without waiting for real time.
/// </summary>
[MemoryDiagnoser]
public class ObjectTrackingBenchmarks
{
    private SteppedClock _clock = null!;
    private PtzDevice _device = null!;
    private PtzNode _dome = null!;
    private PtzDevice _plainDevice = null!;
    private PtzNode _plainDome = null!;
    private ObjectTracker _tracker = null!;
    private SteppedClock.Timer _step = null!;
    private int _sign = 1;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new SteppedClock();
        _device = PtzDevice.CreateDefault(_clock, new InMemoryStateStore(), new EventBus());
        _dome = _device.FindNode("PtzNode_1")!;
        var scene = new Scene(Panorama.FromImage(new RgbImage(512, 256)), DefaultScene.MovingObjects(), DefaultScene.CameraHeightM);
        var objects = SceneTrackableObjects.ForDome(scene, _clock.GetUtcNow(), new MountOrientation(30, 0, 0));
        _tracker = new ObjectTracker(_dome, objects, _clock);
        _tracker.Start(1);
        _step = _clock.Timers[^1];
        _plainDevice = PtzDevice.CreateDefault(_clock, new InMemoryStateStore(), new EventBus());
        _plainDome = _plainDevice.FindNode("PtzNode_1")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tracker.Dispose();
        _device.Dispose();
        _plainDevice.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ContinuousMove + GetStatus (client joystick pair)")]
    public PtzStatus ClientPair()
    {
        _sign = -_sign;
        _plainDome.ContinuousMove(new PtzVector(new PanTiltVector(0.3 * _sign, -0.1), null), TimeSpan.FromSeconds(1));
        return _plainDome.GetStatus();
    }

    [Benchmark(Description = "one tracker pursuit step (car, dome)")]
    public int? PursuitStep()
    {
        _clock.Advance(ObjectTracker.Cadence);
        _step.Fire();
        return _tracker.TrackedObjectId;
    }

    /// <summary>A clock that moves only when told and whose timers fire only when the benchmark says.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public List<Timer> Timers { get; } = [];

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(callback, state);
            Timers.Add(timer);
            return timer;
        }

        public sealed class Timer(TimerCallback callback, object? state) : ITimer
        {
            public void Fire() => callback(state);
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
