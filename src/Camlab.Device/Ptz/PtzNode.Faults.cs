namespace Camlab.Device.Ptz;

// Injected faults (PtzFault): what real heads do wrong, applied inside the node so that every reader (GetStatus, the
// tour engine, the tracker, the picture) sees one consistent head.
public sealed partial class PtzNode
{
    private readonly List<PtzFault> _faults = new();

    /// <summary>The faults acting now, in the order they began.</summary>
    public IReadOnlyList<PtzFault> Faults { get { lock (_gate) return _faults.ToList(); } }

    /// <summary>Makes <paramref name="fault"/> act from now until <see cref="Release"/> is called with the same instance.</summary>
    public void Inject(PtzFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var notes = new List<Action>();
        lock (_gate)
        {
            ObserveLocked(notes);
            var now = _time.GetUtcNow();
            switch (fault)
            {
                case PtzFault.MotorStall stall:
                    if (stall.Axes.HasFlag(PtzAxes.Pan)) _pan = AxisProfile.Rest(now, _pan.At(now).Position);
                    if (stall.Axes.HasFlag(PtzAxes.Tilt)) _tilt = AxisProfile.Rest(now, _tilt.At(now).Position);
                    if (stall.Axes.HasFlag(PtzAxes.Zoom)) _zoom = AxisProfile.Rest(now, _zoom.At(now).Position);
                    break;
                case PtzFault.HeadReboot:
                    // Power is lost where the motors are: no ramp; a recall in flight never arrives (5.11.1 Aborted).
                    _pan = AxisProfile.Rest(now, _pan.At(now).Position);
                    _tilt = AxisProfile.Rest(now, _tilt.At(now).Position);
                    _zoom = AxisProfile.Rest(now, _zoom.At(now).Position);
                    if (_presetMotion is { } running) notes.Add(PresetEvent("Aborted", running, now));
                    _presetMotion = null;
                    _atPreset = null;
                    _commandPending = false;
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    NextCommandLocked(notes); // whatever steered the head (a tracker) has lost it
                    break;
            }
            _faults.Add(fault);
        }
        Dispatch(notes);
    }

    /// <summary>Ends <paramref name="fault"/> (the instance given to <see cref="Inject"/>); a rebooted head then homes.</summary>
    public void Release(PtzFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var notes = new List<Action>();
        lock (_gate)
        {
            ObserveLocked(notes);
            var index = _faults.FindIndex(f => ReferenceEquals(f, fault));
            if (index < 0) return;
            _faults.RemoveAt(index);
            if (fault is PtzFault.HeadReboot && !_faults.OfType<PtzFault.HeadReboot>().Any())
            {
                var now = _time.GetUtcNow();
                var home = (Definition.FixedHomePosition ? Definition.FixedHome : _home) ?? InitialPose();
                var (pan, tilt, zoom) = PlanToMechanical(now, home, null, PtzRamp.Preset);
                (_pan, _tilt, _zoom) = (StalledLocked(PtzAxes.Pan) ? _pan : pan!, StalledLocked(PtzAxes.Tilt) ? _tilt : tilt!, StalledLocked(PtzAxes.Zoom) ? _zoom : zoom!);
                _commandPending = true;
                _commandAt = now;
                Schedule(now);
                NextCommandLocked(notes);
            }
        }
        Dispatch(notes);
    }

    private bool StalledLocked(PtzAxes axis) => _faults.OfType<PtzFault.MotorStall>().Any(s => s.Axes.HasFlag(axis));

    private bool FaultedLocked<T>() where T : PtzFault => _faults.OfType<T>().Any();

    /// <summary>A move the faults forbid: a restarting head, or a stalled motor that refuses moves for an axis the command touches.</summary>
    private void CheckFaultsLocked(bool touchesPanTilt, bool touchesZoom)
    {
        if (_faults.Count == 0) return;
        if (FaultedLocked<PtzFault.HeadReboot>())
            throw new PtzException(PtzError.NoStatus, $"the head of node {Token} is restarting");
        foreach (var stall in _faults.OfType<PtzFault.MotorStall>().Where(s => s.RefuseMoves))
            if ((touchesPanTilt && (stall.Axes & PtzAxes.PanTilt) != 0) || (touchesZoom && stall.Axes.HasFlag(PtzAxes.Zoom)))
                throw new PtzException(PtzError.NoStatus, $"node {Token}: {stall.Error}");
    }

    /// <summary>The new profiles of a command with the stalled axes left where they stand (null = unchanged).</summary>
    private (AxisProfile? Pan, AxisProfile? Tilt, AxisProfile? Zoom) WithoutStalledLocked((AxisProfile? Pan, AxisProfile? Tilt, AxisProfile? Zoom) plan) =>
        _faults.Count == 0 ? plan : (StalledLocked(PtzAxes.Pan) ? null : plan.Pan, StalledLocked(PtzAxes.Tilt) ? null : plan.Tilt, StalledLocked(PtzAxes.Zoom) ? null : plan.Zoom);

    /// <summary>The product of the active SlowAxes scales (1 without).</summary>
    private double SpeedScaleLocked() => _faults.OfType<PtzFault.SlowAxes>().Aggregate(1.0, (s, f) => s * f.Scale);

    /// <summary>GetStatus as the faults make the head report it.</summary>
    private PtzStatus FaultedStatusLocked(PtzStatus status, PtzPose pose)
    {
        if (_faults.Count == 0) return status;
        var (panTilt, zoom, error) = (status.PanTilt, status.Zoom, status.Error);
        if (FaultedLocked<PtzFault.MoveStatusStuck>()) (panTilt, zoom) = (MoveStatus.Moving, MoveStatus.Moving);
        foreach (var stall in _faults.OfType<PtzFault.MotorStall>())
        {
            if ((stall.Axes & PtzAxes.PanTilt) != 0) panTilt = MoveStatus.Unknown;
            if (stall.Axes.HasFlag(PtzAxes.Zoom)) zoom = MoveStatus.Unknown;
            error ??= stall.Error;
        }
        if (FaultedLocked<PtzFault.HeadReboot>()) (panTilt, zoom, error) = (MoveStatus.Unknown, MoveStatus.Unknown, "the PTZ head is restarting");
        var position = status.Position;
        var drift = _faults.OfType<PtzFault.PositionDrift>().ToList();
        if (drift.Count > 0)
        {
            var pan = pose.Pan + drift.Sum(d => d.Pan);
            if (Definition.Kind == PtzNodeKind.MechanicalDome) pan = DomeGeometry.Wrap180(pan);
            var drifted = new PtzPose(
                Math.Clamp(pan, _geometry.PanRange.Min, _geometry.PanRange.Max),
                Math.Clamp(pose.Tilt + drift.Sum(d => d.Tilt), _geometry.TiltRange.Min, _geometry.TiltRange.Max),
                Math.Clamp(pose.Zoom + drift.Sum(d => d.Zoom), _geometry.ZoomRange.Min, _geometry.ZoomRange.Max));
            position = StatusPositionLocked(drifted);
        }
        return status with { Position = position, PanTilt = panTilt, Zoom = zoom, Error = error };
    }

    /// <summary>Where GotoPreset lands: the stored pose, moved by the active PresetOffTarget faults.</summary>
    private PtzPose PresetLandingLocked(PtzPose pose)
    {
        var off = _faults.OfType<PtzFault.PresetOffTarget>().ToList();
        return off.Count == 0 ? pose : new PtzPose(pose.Pan + off.Sum(o => o.Pan), pose.Tilt + off.Sum(o => o.Tilt), pose.Zoom + off.Sum(o => o.Zoom));
    }
}
