namespace Camlab.Device.Ptz;

// PTZ 5.4 presets and 5.5 home. Positions are stored as mechanical axis values, so a preset recalls the same
// physical pose whatever e-flip or reverse say later; clients see them in the current frame.
public sealed partial class PtzNode
{
    private readonly Dictionary<string, (string Name, PtzPose Pose)> _presets = new(StringComparer.Ordinal);
    private PtzPose? _home;

    /// <summary>GetPresets (5.4.2), in the order they were created, positions in the current frame.</summary>
    public IReadOnlyList<PtzPreset> GetPresets()
    {
        lock (_gate)
            return _presets.Select(p => new PtzPreset(p.Key, p.Value.Name, ToFrame(p.Value.Pose.Pan, p.Value.Pose.Tilt, p.Value.Pose.Zoom, MechanicalFlip(p.Value.Pose.Tilt))))
                .ToList();
    }

    /// <summary>The position of a preset in the configuration's default absolute spaces (tt:PTZPreset/PTZPosition).</summary>
    public PtzVector PositionInDefaultSpaces(PtzPose framePose)
    {
        lock (_gate)
        {
            var ptSpace = _configuration.DefaultAbsolutePanTiltPositionSpace ?? PtzSpaces.PanTiltPositionGeneric;
            var zSpace = _configuration.DefaultAbsoluteZoomPositionSpace ?? PtzSpaces.ZoomPositionGeneric;
            var (x, y) = _geometry.PanTiltToSpace(ptSpace, framePose.Pan, framePose.Tilt);
            return PtzVector.Of(x, y, _geometry.ZoomToSpace(zSpace, framePose.Zoom), ptSpace, zSpace);
        }
    }

    /// <summary>
    /// SetPreset (5.4.1): saves the current position as a new preset (no token) or over an existing one. Returns the
    /// token once the preset is durably stored.
    /// </summary>
    public string SetPreset(string? presetToken = null, string? presetName = null)
    {
        var notes = new List<Action>();
        string token;
        lock (_gate)
        {
            ObserveLocked(notes);
            if (presetName is not null) ValidatePresetName(presetName);
            if (presetToken is not null && !_presets.ContainsKey(presetToken))
                throw new PtzException(PtzError.NoToken, $"no preset '{presetToken}' on node {Token}");
            if (presetName is not null && _presets.Any(p => p.Key != presetToken && p.Value.Name == presetName))
                throw new PtzException(PtzError.PresetExist, $"another preset is already named '{presetName}'");
            if (presetToken is null && _presets.Count >= Definition.MaximumNumberOfPresets)
                throw new PtzException(PtzError.TooManyPresets, $"node {Token} holds at most {Definition.MaximumNumberOfPresets} presets");
            var now = _time.GetUtcNow();
            if (AnyMovingLocked(now))
                throw new PtzException(PtzError.MovingPTZ, "a preset cannot be set while the PTZ unit is moving");

            token = presetToken ?? NextPresetToken();
            var name = presetName ?? (presetToken is not null ? _presets[presetToken].Name : token);
            var pose = MechanicalPoseLocked(now);
            var next = new Dictionary<string, (string, PtzPose)>(_presets, StringComparer.Ordinal) { [token] = (name, pose) };
            SavePresets(next); // acknowledged = written: the store returns only once the document is durable.
            _presets[token] = (name, pose);
        }
        Dispatch(notes);
        return token;
    }

    /// <summary>RemovePreset (5.4.4).</summary>
    public void RemovePreset(string presetToken)
    {
        lock (_gate)
        {
            if (!_presets.ContainsKey(presetToken))
                throw new PtzException(PtzError.NoToken, $"no preset '{presetToken}' on node {Token}");
            var next = new Dictionary<string, (string, PtzPose)>(_presets, StringComparer.Ordinal);
            next.Remove(presetToken);
            SavePresets(next);
            _presets.Remove(presetToken);
            if (_atPreset?.Token == presetToken) _atPreset = null;
        }
    }

    /// <summary>
    /// GotoPreset (5.4.3): non-blocking; publishes PTZPresets/Invoked now and Reached once there, or Aborted when
    /// another command interrupts it (5.11.1). <paramref name="configurationToken"/> is the event's source.
    /// </summary>
    public void GotoPreset(string presetToken, PtzVector? speed = null, PtzRamp ramp = PtzRamp.Preset, string? configurationToken = null)
    {
        string name;
        PtzPose pose;
        lock (_gate)
        {
            if (!_presets.TryGetValue(presetToken, out var preset))
                throw new PtzException(PtzError.NoToken, $"no preset '{presetToken}' on node {Token}");
            (name, pose) = preset;
        }
        var motion = new PresetMotion(presetToken, name, configurationToken ?? Configuration.Token);
        Command(now =>
        {
            var landing = PresetLandingLocked(pose);
            var plan = PlanToMechanical(now, landing, speed, ramp);
            motion.Unreachable = !Reaches(plan, landing);
            return plan;
        }, true, true, motion);
    }

    /// <summary>GotoHomePosition (5.5.1). NoHomePosition when none is defined.</summary>
    public void GotoHomePosition(PtzVector? speed = null, PtzRamp ramp = PtzRamp.Preset)
    {
        PtzPose home;
        lock (_gate)
        {
            if (!Definition.HomeSupported) throw new PtzException(PtzError.NoHomePosition, $"node {Token} has no home position");
            home = (Definition.FixedHomePosition ? Definition.FixedHome : _home)
                ?? throw new PtzException(PtzError.NoHomePosition, $"no home position has been set on node {Token}");
        }
        Command(now => PlanToMechanical(now, home, speed, ramp), true, true);
    }

    /// <summary>SetHomePosition (5.5.2): CannotOverwriteHome for a fixed home.</summary>
    public void SetHomePosition()
    {
        var notes = new List<Action>();
        lock (_gate)
        {
            if (!Definition.HomeSupported || Definition.FixedHomePosition)
                throw new PtzException(PtzError.CannotOverwriteHome, $"the home position of node {Token} is fixed");
            ObserveLocked(notes);
            var pose = MechanicalPoseLocked(_time.GetUtcNow());
            SaveHome(pose);
            _home = pose;
        }
        Dispatch(notes);
    }

    /// <summary>The home position in the frame, or null when none is defined.</summary>
    public PtzPose? HomePosition
    {
        get
        {
            lock (_gate)
            {
                var home = Definition.FixedHomePosition ? Definition.FixedHome : _home;
                return home is { } h ? ToFrame(h.Pan, h.Tilt, h.Zoom, MechanicalFlip(h.Tilt)) : null;
            }
        }
    }

    private (AxisProfile?, AxisProfile?, AxisProfile?) PlanToMechanical(DateTimeOffset now, PtzPose target, PtzVector? speed, PtzRamp ramp)
    {
        var current = FramePoseLocked(now);
        var (ptSpeed, zSpeed) = Speeds(speed, current);
        var bounds = MechanicalBounds(current, now);
        var pmNow = _pan.At(now).Position;
        double pm, tm;
        if (Definition.Kind == PtzNodeKind.DigitalWindow)
        {
            var window = DigitalBounds(target.Zoom);
            (pm, tm) = (Math.Clamp(target.Pan, window.Pan.Min, window.Pan.Max), Math.Clamp(target.Tilt, window.Tilt.Min, window.Tilt.Max));
        }
        else
        {
            var endless = double.IsInfinity(bounds.Pan.Min) && double.IsInfinity(bounds.Pan.Max);
            pm = endless ? pmNow + DomeGeometry.Wrap180(target.Pan - pmNow) : Math.Clamp(Nearest(target.Pan, bounds.Pan), bounds.Pan.Min, bounds.Pan.Max);
            tm = Math.Clamp(target.Tilt, bounds.Tilt.Min, bounds.Tilt.Max);
        }
        var zoom = Math.Clamp(target.Zoom, bounds.Zoom.Min, bounds.Zoom.Max);
        return PlanTo(now, current, (pm, tm), zoom, ptSpeed, zSpeed, ramp);
    }

    private static bool Reaches((AxisProfile? Pan, AxisProfile? Tilt, AxisProfile? Zoom) plan, PtzPose target) =>
        Math.Abs(DomeGeometry.Wrap180(plan.Pan!.FinalPosition - target.Pan)) < 1e-9
        && Math.Abs(plan.Tilt!.FinalPosition - target.Tilt) < 1e-9
        && Math.Abs(plan.Zoom!.FinalPosition - target.Zoom) < 1e-9;

    // The representation of a pan angle (±360k) that lies inside, or closest to, a bounded range.
    private static double Nearest(double angle, FloatRange range)
    {
        var mid = (range.Min + range.Max) / 2;
        return mid + DomeGeometry.Wrap180(angle - mid);
    }

    private PtzPose MechanicalPoseLocked(DateTimeOffset now)
    {
        if (Definition.Kind == PtzNodeKind.DigitalWindow) return FramePoseLocked(now);
        return new PtzPose(DomeGeometry.Wrap180(_pan.At(now).Position), _tilt.At(now).Position, _zoom.At(now).Position);
    }

    private string NextPresetToken()
    {
        for (var i = 1; ; i++)
        {
            var token = "Preset_" + i;
            if (!_presets.ContainsKey(token)) return token;
        }
    }

    // tt:Name is at most 64 characters; Camlab also refuses blank names and control characters.
    private static void ValidatePresetName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsControl))
            throw new PtzException(PtzError.InvalidPresetName, "a preset name must be 1 to 64 printable characters");
    }
}
