using Camlab.Device.Events;
using Camlab.Device.State;

namespace Camlab.Device.Ptz;

/// <summary>Which acceleration ramp of the configuration a move uses (PTZ 5.2.1 MoveRamp/PresetRamp/PresetTourRamp).</summary>
public enum PtzRamp { Move, Preset, PresetTour }

/// <summary>
/// One PTZ node with its configuration, motion, presets, home and auxiliary state (PTZ 5.1–5.6, 5.9, 5.11.1).
/// <para>
/// Motion: each mechanical axis (pan, tilt, zoom — or window x, y and digital zoom) follows an
/// <see cref="AxisProfile"/> built when a command arrives and evaluated whenever the node is asked, so the position
/// is a pure function of the injected clock. Every move command is non-blocking; the latest command wins; an axis
/// the command does not mention keeps its motion.
/// </para>
/// <para>
/// For the preset tour engine and Imaging's OnceAfterMove: <see cref="GotoPreset"/>, <see cref="GotoHomePosition"/>,
/// <see cref="AbsoluteMove"/> and <see cref="Stop"/> take a <see cref="PtzRamp"/>; <see cref="IsIdle"/> reads the
/// state lazily; <see cref="MoveFinished"/> is raised (outside the node's lock, from a clock timer, never inside
/// the commanding call) once every axis of the last command has come to rest — also when the command needed no
/// motion at all, so a waiter never hangs.
/// </para>
/// </summary>
public sealed partial class PtzNode : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly IStateStore _store;
    private readonly EventBus _bus;
    private readonly ITimer _timer;
    private readonly PtzConfiguration _defaultConfiguration;
    private PtzConfiguration _configuration;
    private PtzGeometry _geometry;
    private AxisProfile _pan;
    private AxisProfile _tilt;
    private AxisProfile _zoom;
    private bool _flipped;
    private DateTimeOffset _observedAt;
    private bool _commandPending;
    private PresetMotion? _presetMotion;
    private PresetMotion? _atPreset;

    private sealed record PresetMotion(string Token, string Name, string ConfigurationToken)
    {
        // Limits changed since the preset was set: the unit stops on their border, which is not the preset (Aborted).
        public bool Unreachable { get; set; }
    }

    public PtzNode(PtzNodeDefinition definition, PtzConfiguration defaultConfiguration, TimeProvider time, IStateStore store, EventBus bus)
    {
        Definition = definition;
        _time = time;
        _store = store;
        _bus = bus;
        var now = time.GetUtcNow();
        _observedAt = now;
        _defaultConfiguration = defaultConfiguration;
        _configuration = LoadConfiguration(defaultConfiguration);
        _geometry = CreateGeometry(_configuration);
        var start = InitialPose();
        _pan = AxisProfile.Rest(now, start.Pan);
        _tilt = AxisProfile.Rest(now, start.Tilt);
        _zoom = AxisProfile.Rest(now, start.Zoom);
        LoadPresets();
        LoadHome();
        LoadAuxiliary();
        _timer = time.CreateTimer(_ => Observe(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public PtzNodeDefinition Definition { get; }

    public string Token => Definition.Token;

    public PtzConfiguration Configuration { get { lock (_gate) return _configuration; } }

    public PtzGeometry Geometry { get { lock (_gate) return _geometry; } }

    /// <summary>Raised with the node token when every axis has come to rest after a command.</summary>
    public event Action<string>? MoveFinished;

    /// <summary>True when no axis moves now (evaluated lazily against the clock).</summary>
    public bool IsIdle
    {
        get
        {
            var notes = new List<Action>();
            bool idle;
            lock (_gate)
            {
                ObserveLocked(notes);
                idle = !AnyMovingLocked(_time.GetUtcNow());
            }
            Dispatch(notes);
            return idle;
        }
    }

    /// <summary>The position now in the node's native frame (degrees/mm, or window centre/zoom factor).</summary>
    public PtzPose CurrentPose
    {
        get
        {
            var notes = new List<Action>();
            PtzPose pose;
            lock (_gate)
            {
                ObserveLocked(notes);
                pose = FramePoseLocked(_time.GetUtcNow());
            }
            Dispatch(notes);
            return pose;
        }
    }

    /// <summary>
    /// The position now, as <see cref="CurrentPose"/>, for readers that only look — the renderer, analysis, the
    /// objects API: nothing is recorded and no event is raised, so MoveFinished, preset events and what hangs off them
    /// (tours, auto-focus, tracking) never run on a render thread; they come from the node's timer and its commands.
    /// </summary>
    public PtzPose PeekPose
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (now < _observedAt) now = _observedAt;
                return ToFrame(_pan.At(now).Position, _tilt.At(now).Position, _zoom.At(now).Position, FlippedAtLocked(now));
            }
        }
    }

    /// <summary>True while the dome shows the e-flipped picture (PTZ 5.7.1.2).</summary>
    public bool IsFlipped { get { lock (_gate) return _flipped; } }

    /// <summary>GetStatus (PTZ 5.3.7): position in the default absolute spaces, MoveStatus per pan/tilt and zoom.</summary>
    public PtzStatus GetStatus()
    {
        var notes = new List<Action>();
        PtzStatus status;
        lock (_gate)
        {
            ObserveLocked(notes);
            var now = _time.GetUtcNow();
            var pose = FramePoseLocked(now);
            var panTilt = _pan.IsMovingAt(now) || _tilt.IsMovingAt(now) ? MoveStatus.Moving : MoveStatus.Idle;
            var zoom = _zoom.IsMovingAt(now) ? MoveStatus.Moving : MoveStatus.Idle;
            status = FaultedStatusLocked(new PtzStatus(StatusPositionLocked(pose), panTilt, zoom, null, now), pose);
        }
        Dispatch(notes);
        return status;
    }

    // A pose in the frame, in the configuration's default absolute spaces.
    private PtzVector StatusPositionLocked(PtzPose pose)
    {
        var ptSpace = _configuration.DefaultAbsolutePanTiltPositionSpace ?? PtzSpaces.PanTiltPositionGeneric;
        var zSpace = _configuration.DefaultAbsoluteZoomPositionSpace ?? PtzSpaces.ZoomPositionGeneric;
        var (x, y) = _geometry.PanTiltToSpace(ptSpace, pose.Pan, pose.Tilt);
        return PtzVector.Of(x, y, _geometry.ZoomToSpace(zSpace, pose.Zoom), ptSpace, zSpace);
    }

    /// <summary>Brings the lazily evaluated state (e-flip, preset events, MoveFinished) up to the clock.</summary>
    public void Observe()
    {
        var notes = new List<Action>();
        lock (_gate) ObserveLocked(notes);
        Dispatch(notes);
    }

    public void Dispose() => _timer.Dispose();

    // ---- evaluation -------------------------------------------------------------------------------------------

    private void ObserveLocked(List<Action> notes)
    {
        var now = _time.GetUtcNow();
        if (now < _observedAt) now = _observedAt;
        _flipped = FlippedAtLocked(now);
        _observedAt = now;
        if (!_commandPending) return;
        if (AnyMovingLocked(now)) { Schedule(now); return; } // a timer that fired early (real clocks) tries again
        _commandPending = false;
        var endedAt = new[] { _pan.EndTime, _tilt.EndTime, _zoom.EndTime, _commandAt }.Max() ?? now;
        if (_presetMotion is { } arrived)
        {
            _presetMotion = null;
            _atPreset = arrived.Unreachable ? null : arrived;
            notes.Add(PresetEvent(arrived.Unreachable ? "Aborted" : "Reached", arrived, endedAt));
        }
        var token = Token;
        notes.Add(() => MoveFinished?.Invoke(token));
    }

    // PTZ 5.7.1.2: below nadir − α the picture flips; above nadir + α it flips back; inside the band it stays.
    // Phases are monotonic, so sampling the band state machine at phase boundaries since the last observation is exact.
    private bool FlippedAtLocked(DateTimeOffset now)
    {
        // Without e-flip the picture never turns round.
        if (Definition.Kind != PtzNodeKind.MechanicalDome || _configuration.EFlip != EFlipMode.On) return false;
        var flipped = _flipped;
        var alpha = Definition.FlipHysteresis;
        void Sample(double mechanicalTilt)
        {
            if (mechanicalTilt < -90 - alpha) flipped = true;
            else if (mechanicalTilt > -90 + alpha) flipped = false;
        }
        if (now > _observedAt)
            foreach (var at in _tilt.PhaseBoundaries(_observedAt, now)) Sample(_tilt.At(at).Position);
        Sample(_tilt.At(now).Position);
        return flipped;
    }

    private bool AnyMovingLocked(DateTimeOffset now) => _pan.IsMovingAt(now) || _tilt.IsMovingAt(now) || _zoom.IsMovingAt(now);

    private int Reverse => Definition.Kind == PtzNodeKind.MechanicalDome && _configuration.Reverse == ReverseMode.On ? -1 : 1;

    /// <summary>Mechanical axis values → the frame clients see (e-flip, reverse, pan wrap; digital window clamp).</summary>
    private PtzPose FramePoseLocked(DateTimeOffset at) => ToFrame(_pan.At(at).Position, _tilt.At(at).Position, _zoom.At(at).Position, _flipped);

    private PtzPose ToFrame(double pm, double tm, double zoom, bool flipped)
    {
        if (Definition.Kind == PtzNodeKind.DigitalWindow)
        {
            var centre = DigitalWindowGeometry.CentreRange(zoom);
            return new PtzPose(Math.Clamp(pm, centre.Min, centre.Max), Math.Clamp(tm, centre.Min, centre.Max), zoom);
        }
        var pe = flipped ? pm + 180 : pm;
        var te = flipped ? -180 - tm : tm;
        return new PtzPose(DomeGeometry.Wrap180(Reverse * pe), Reverse * te, zoom);
    }

    /// <summary>Tilt range of the frame: e-flip keeps it above nadir − α; reverse mirrors it (PTZ 5.9).</summary>
    private FloatRange FrameTiltRange(PtzConfiguration configuration)
    {
        var mech = Definition.MechanicalTilt ?? new FloatRange(-90, 0);
        var min = configuration.EFlip == EFlipMode.On ? Math.Max(mech.Min, -90 - Definition.FlipHysteresis) : mech.Min;
        return configuration.Reverse == ReverseMode.On ? new FloatRange(-mech.Max, -min) : new FloatRange(min, mech.Max);
    }

    /// <summary>Pan travel of the frame (null: endless): reverse mirrors it (PTZ 5.9).</summary>
    private FloatRange? FramePanRange(PtzConfiguration configuration) => Definition.MechanicalPan is not { } pan ? null
        : configuration.Reverse == ReverseMode.On ? new FloatRange(-pan.Max, -pan.Min) : pan;

    private PtzGeometry CreateGeometry(PtzConfiguration configuration) => Definition.Kind switch
    {
        PtzNodeKind.MechanicalDome => new DomeGeometry(Definition.Lens ?? ZoomLens.Default, Definition.Mechanics, FrameTiltRange(configuration), FramePanRange(configuration)),
        _ => new DigitalWindowGeometry(Definition.Sensor ?? throw new InvalidOperationException("a digital node needs a sensor"), Definition.Mechanics),
    };

    private PtzPose InitialPose() => Definition.Kind switch
    {
        PtzNodeKind.DigitalWindow => new PtzPose(0.5, 0.5, 1),
        // Straight ahead, or as near as the head's travel allows.
        _ => new PtzPose(PtzDevice.Within(0, Definition.MechanicalPan), PtzDevice.Within(0, Definition.MechanicalTilt), (Definition.Lens ?? ZoomLens.Default).FocalMinMm),
    };

    private Action PresetEvent(string what, PresetMotion preset, DateTimeOffset at)
    {
        var message = new EventMessage(
            "PTZController/PTZPresets/" + what, at,
            [new SimpleItem("PTZConfigurationToken", preset.ConfigurationToken)],
            [new SimpleItem("PresetToken", preset.Token), new SimpleItem("PresetName", preset.Name)]);
        return () => _bus.Publish(message);
    }

    private static void Dispatch(List<Action> notes)
    {
        foreach (var note in notes) note();
    }

    private void Schedule(DateTimeOffset now)
    {
        var ends = new[] { _pan.EndTime, _tilt.EndTime, _zoom.EndTime }.Where(e => e is not null).Select(e => e!.Value).ToList();
        // An endless cruise (a continuous move whose Timeout a fault ignores) ends only by a later command.
        if (AnyMovingLocked(now) && !ends.Any(e => e > now))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = ends.Count == 0 ? now : ends.Max();
        var delay = due - now;
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }
}
