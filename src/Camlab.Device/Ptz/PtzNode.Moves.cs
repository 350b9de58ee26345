namespace Camlab.Device.Ptz;

public sealed partial class PtzNode
{
    private DateTimeOffset? _commandAt;

    // Tolerance for comparisons against ranges: requests arrive as xs:float.
    private static double Tol(FloatRange r) => 1e-6 * Math.Max(1, Math.Max(Finite(r.Min), Finite(r.Max)));

    private static double Finite(double v) => double.IsInfinity(v) ? 0 : Math.Abs(v);

    /// <summary>AbsoluteMove (PTZ 5.3.1). InvalidPosition when out of the space or the limits (<see cref="AbsoluteTargetLocked"/>).</summary>
    public void AbsoluteMove(PtzVector position, PtzVector? speed = null, PtzRamp ramp = PtzRamp.Move)
    {
        Command(now =>
        {
            var current = FramePoseLocked(now);
            var (pt, zoom) = AbsoluteTargetLocked(position);
            var (ptSpeed, zSpeed) = Speeds(speed, current);
            return PlanTo(now, current, pt is { } t ? MechanicalTarget(t.Pan, t.Tilt, current, now) : null, zoom, ptSpeed, zSpeed, ramp);
        }, position.PanTilt is not null, position.Zoom is not null);
    }

    /// <summary>RelativeMove (PTZ 5.3.2): a translation from the current position; stops on the border of the limits.</summary>
    public void RelativeMove(PtzVector translation, PtzVector? speed = null)
    {
        Command(now =>
        {
            var current = FramePoseLocked(now);
            var bounds = MechanicalBounds(current, now);
            (double, double)? pt = null;
            double? zoom = null;
            if (translation.Zoom is { } z)
            {
                var space = Require(z.Space ?? _configuration.DefaultRelativeZoomTranslationSpace, PtzSpaceGroup.RelativeZoomTranslation);
                if (!space.XRange.Contains(z.X, Tol(space.XRange)))
                    throw new PtzException(PtzError.InvalidTranslation, $"zoom translation {z.X} is outside {space.Uri}");
                zoom = Math.Clamp(_geometry.ZoomTranslationTarget(space.Uri, z.X, current), bounds.Zoom.Min, bounds.Zoom.Max);
            }
            if (translation.PanTilt is { } p)
            {
                var space = Require(p.Space ?? _configuration.DefaultRelativePanTiltTranslationSpace, PtzSpaceGroup.RelativePanTiltTranslation);
                if (!space.XRange.Contains(p.X, Tol(space.XRange)) || !space.YRange!.Value.Contains(p.Y, Tol(space.YRange.Value)))
                    throw new PtzException(PtzError.InvalidTranslation, $"pan/tilt translation ({p.X}, {p.Y}) is outside {space.Uri}");
                var (tp, tt) = _geometry.PanTiltTranslationTarget(space.Uri, p.X, p.Y, current);
                var (dpm, dtm) = MechanicalDelta(tp - current.Pan, tt - current.Tilt);
                var (pm, tm) = (_pan.At(now).Position + dpm, _tilt.At(now).Position + dtm);
                var (panBounds, tiltBounds) = (bounds.Pan, bounds.Tilt);
                if (Definition.Kind == PtzNodeKind.DigitalWindow)
                {
                    (pm, tm) = (current.Pan + dpm, current.Tilt + dtm);
                    (panBounds, tiltBounds) = DigitalBounds(zoom ?? _zoom.FinalPosition);
                }
                pt = (Math.Clamp(pm, panBounds.Min, panBounds.Max), Math.Clamp(tm, tiltBounds.Min, tiltBounds.Max));
            }
            var (ptSpeed, zSpeed) = Speeds(speed, current);
            var (pan, tilt, zoomPlan) = PlanTo(now, current, pt, zoom, ptSpeed, zSpeed, PtzRamp.Move);
            // 5.3.2: a zero translation stops that part, the same way in every space — exactly like Stop.
            var (aPT, aZ) = Accelerations(PtzRamp.Move);
            if (translation.PanTilt is { X: 0, Y: 0 })
            {
                pan = AxisProfile.Brake(now, Rebased(_pan, now, current.Pan).p, _pan.At(now).Velocity, aPT);
                tilt = AxisProfile.Brake(now, Rebased(_tilt, now, current.Tilt).p, _tilt.At(now).Velocity, aPT);
            }
            if (translation.Zoom is { X: 0 }) zoomPlan = AxisProfile.Brake(now, _zoom.At(now).Position, _zoom.At(now).Velocity, aZ);
            return (pan, tilt, zoomPlan);
        }, translation.PanTilt is not null, translation.Zoom is not null);
    }

    /// <summary>
    /// ContinuousMove (PTZ 5.3.3): signed velocities per axis until the timeout (or DefaultPTZTimeout); zero stops
    /// that axis; the motion ends on the border of the limits.
    /// </summary>
    public void ContinuousMove(PtzVector velocity, TimeSpan? timeout = null) => ContinuousMove(velocity, timeout, null);

    /// <returns>The sequence number of the accepted command; null when <paramref name="ifSequence"/> was stale (nothing changed).</returns>
    private long? ContinuousMove(PtzVector velocity, TimeSpan? timeout, long? ifSequence)
    {
        var options = Definition.Mechanics;
        if (timeout is { } tmo && (tmo < options.TimeoutMin || tmo > options.TimeoutMax))
            throw new PtzException(PtzError.TimeoutNotSupported, $"timeout {tmo} is outside [{options.TimeoutMin}, {options.TimeoutMax}]");
        return Command(now =>
        {
            var current = FramePoseLocked(now);
            DateTimeOffset? deadline = FaultedLocked<PtzFault.TimeoutIgnored>() ? null : now + (timeout ?? _configuration.DefaultTimeout);
            var scale = SpeedScaleLocked();
            var (aPT, aZ) = Accelerations(PtzRamp.Move);
            AxisProfile? pan = null, tilt = null, zoom = null;
            if (velocity.Zoom is { } z)
            {
                var space = Require(z.Space ?? _configuration.DefaultContinuousZoomVelocitySpace, PtzSpaceGroup.ContinuousZoomVelocity);
                if (!space.XRange.Contains(z.X, Tol(space.XRange)))
                    throw new PtzException(PtzError.InvalidVelocity, $"zoom velocity {z.X} is outside {space.Uri}");
                var v = scale * Math.Clamp(_geometry.ZoomVelocity(space.Uri, z.X, current), -options.ZoomMaxSpeed, options.ZoomMaxSpeed);
                zoom = Continuous(_zoom, now, v, MechanicalBounds(current, now).Zoom, aZ, deadline);
            }
            if (velocity.PanTilt is { } p)
            {
                var space = Require(p.Space ?? _configuration.DefaultContinuousPanTiltVelocitySpace, PtzSpaceGroup.ContinuousPanTiltVelocity);
                if (!space.XRange.Contains(p.X, Tol(space.XRange)) || !space.YRange!.Value.Contains(p.Y, Tol(space.YRange.Value)))
                    throw new PtzException(PtzError.InvalidVelocity, $"pan/tilt velocity ({p.X}, {p.Y}) is outside {space.Uri}");
                var (vp, vt) = _geometry.PanTiltVelocity(space.Uri, p.X, p.Y, current);
                var (mvp, mvt) = MechanicalDelta(vp, vt);
                mvp = scale * Math.Clamp(mvp, -options.PanTiltMaxSpeed, options.PanTiltMaxSpeed);
                mvt = scale * Math.Clamp(mvt, -options.PanTiltMaxSpeed, options.PanTiltMaxSpeed);
                var (panBounds, tiltBounds, _) = MechanicalBounds(current, now);
                var panNow = Rebased(_pan, now, current.Pan);
                var tiltNow = Rebased(_tilt, now, current.Tilt);
                pan = Continuous(panNow, now, mvp, panBounds, aPT, deadline);
                tilt = Continuous(tiltNow, now, mvt, tiltBounds, aPT, deadline);
            }
            return (pan, tilt, zoom);
        }, velocity.PanTilt is not null, velocity.Zoom is not null, ifSequence: ifSequence);
    }

    /// <summary>Stop (PTZ 5.3.5): brakes the selected axes with the move ramp.</summary>
    public void Stop(bool panTilt = true, bool zoom = true)
    {
        Command(now =>
        {
            var (aPT, aZ) = Accelerations(PtzRamp.Move);
            var current = FramePoseLocked(now);
            AxisProfile? Brake(AxisProfile axis, double a, double? frameValue)
            {
                var (p, v) = axis.At(now);
                if (frameValue is { } f && Definition.Kind == PtzNodeKind.DigitalWindow) p = f;
                return AxisProfile.Brake(now, p, v, a);
            }
            return (panTilt ? Brake(_pan, aPT, current.Pan) : null, panTilt ? Brake(_tilt, aPT, current.Tilt) : null, zoom ? Brake(_zoom, aZ, null) : null);
        }, panTilt, zoom);
    }

    // ---- shared machinery ---------------------------------------------------------------------------------------

    /// <summary>
    /// Runs a move command under the lock: brings state up to date, lets <paramref name="plan"/> validate everything
    /// and build new axis profiles (null = leave that axis alone) before anything changes, then applies them and
    /// emits Aborted / Left preset events as 5.11.1 requires. With <paramref name="ifSequence"/>, the command applies
    /// only if no other command was accepted since that sequence number (a tracker's pursuit never overrides a
    /// client's newer command); otherwise nothing changes and the result is null.
    /// </summary>
    private long? Command(Func<DateTimeOffset, (AxisProfile? Pan, AxisProfile? Tilt, AxisProfile? Zoom)> plan, bool touchesPanTilt, bool touchesZoom,
        PresetMotion? preset = null, long? ifSequence = null)
    {
        var notes = new List<Action>();
        long? accepted = null;
        lock (_gate)
        {
            ObserveLocked(notes);
            if (ifSequence is not { } expected || expected == _commandSequence)
            {
                var now = _time.GetUtcNow();
                CheckFaultsLocked(touchesPanTilt, touchesZoom);
                var (pan, tilt, zoom) = WithoutStalledLocked(plan(now));
                if (_presetMotion is { } running && (touchesPanTilt || touchesZoom))
                {
                    _presetMotion = null;
                    notes.Add(PresetEvent("Aborted", running, now));
                }
                if (pan is not null) _pan = pan;
                if (tilt is not null) _tilt = tilt;
                if (zoom is not null) _zoom = zoom;
                var moves = AnyMovingLocked(now);
                if (_atPreset is { } left && moves)
                {
                    _atPreset = null;
                    notes.Add(PresetEvent("Left", left, now));
                }
                if (preset is not null)
                {
                    _atPreset = null;
                    _presetMotion = preset;
                    notes.Add(PresetEvent("Invoked", preset, now));
                }
                _commandPending = true;
                _commandAt = now;
                Schedule(now);
                accepted = NextCommandLocked(notes);
            }
        }
        Dispatch(notes);
        return accepted;
    }

    private (AxisProfile? Pan, AxisProfile? Tilt, AxisProfile? Zoom) PlanTo(
        DateTimeOffset now, PtzPose current, (double Pm, double Tm)? pt, double? zoom, double ptSpeed, double zSpeed, PtzRamp ramp)
    {
        var (aPT, aZ) = Accelerations(ramp);
        AxisProfile? pan = null, tilt = null, z = null;
        if (pt is { } target)
        {
            var panNow = Rebased(_pan, now, current.Pan);
            var tiltNow = Rebased(_tilt, now, current.Tilt);
            var dp = target.Pm - panNow.p;
            var dt = target.Tm - tiltNow.p;
            var length = Math.Sqrt(dp * dp + dt * dt);
            // One scalar speed for the combined motion (5.7.4): both axes scaled to travel the straight line together.
            var fp = length > 0 ? Math.Abs(dp) / length : 1;
            var ft = length > 0 ? Math.Abs(dt) / length : 1;
            pan = dp == 0 ? AxisProfile.ToPosition(now, panNow.p, panNow.v, target.Pm, ptSpeed, aPT)
                : AxisProfile.ToPosition(now, panNow.p, panNow.v, target.Pm, ptSpeed * fp, aPT * fp);
            tilt = dt == 0 ? AxisProfile.ToPosition(now, tiltNow.p, tiltNow.v, target.Tm, ptSpeed, aPT)
                : AxisProfile.ToPosition(now, tiltNow.p, tiltNow.v, target.Tm, ptSpeed * ft, aPT * ft);
        }
        if (zoom is { } zt)
        {
            var (p, v) = _zoom.At(now);
            z = AxisProfile.ToPosition(now, p, v, zt, zSpeed, aZ);
        }
        return (pan, tilt, z);
    }

    // The digital window's centre may have been pushed by a zoom-out; a new command starts from where it shows.
    private (double p, double v) Rebased(AxisProfile axis, DateTimeOffset now, double frameValue)
    {
        var (p, v) = axis.At(now);
        return Definition.Kind == PtzNodeKind.DigitalWindow ? (frameValue, p == frameValue ? v : 0) : (p, v);
    }

    private static AxisProfile Continuous((double p, double v) start, DateTimeOffset now, double velocity, FloatRange bounds, double a, DateTimeOffset? deadline)
    {
        if (velocity == 0) return AxisProfile.Brake(now, start.p, start.v, a);
        var target = velocity > 0 ? bounds.Max : bounds.Min;
        if (velocity > 0 ? start.p >= target : start.p <= target)
            return AxisProfile.Brake(now, start.p, start.v, a);
        var motion = AxisProfile.ToPosition(now, start.p, start.v, target, Math.Abs(velocity), a);
        return deadline is { } d ? motion.Until(d, a) : motion;
    }

    private static AxisProfile Continuous(AxisProfile axis, DateTimeOffset now, double velocity, FloatRange bounds, double a, DateTimeOffset? deadline) =>
        Continuous(axis.At(now), now, velocity, bounds, a, deadline);

    private (double PanTilt, double Zoom) Accelerations(PtzRamp ramp)
    {
        var index = ramp switch
        {
            PtzRamp.Preset => _configuration.PresetRamp,
            PtzRamp.PresetTour => _configuration.PresetTourRamp,
            _ => _configuration.MoveRamp,
        };
        var m = Definition.Mechanics;
        var i = Math.Clamp(index, 1, m.RampCount) - 1;
        return (m.PanTiltAccelerations[i], m.ZoomAccelerations[i]);
    }

    /// <summary>Speeds from the request or the configuration's DefaultPTZSpeed; InvalidSpeed out of range.</summary>
    private (double PanTilt, double Zoom) Speeds(PtzVector? speed, PtzPose current)
    {
        var m = Definition.Mechanics;
        var pt = speed?.PanTilt ?? _configuration.DefaultSpeed.PanTilt ?? new PanTiltVector(1, 1, PtzSpaces.PanTiltSpeedGeneric);
        var z = speed?.Zoom ?? _configuration.DefaultSpeed.Zoom ?? new ZoomVector(1, PtzSpaces.ZoomSpeedGeneric);
        var ptSpace = Require(pt.Space ?? _configuration.DefaultSpeed.PanTilt?.Space ?? PtzSpaces.PanTiltSpeedGeneric, PtzSpaceGroup.PanTiltSpeed);
        var zSpace = Require(z.Space ?? _configuration.DefaultSpeed.Zoom?.Space ?? PtzSpaces.ZoomSpeedGeneric, PtzSpaceGroup.ZoomSpeed);
        if (!ptSpace.XRange.Contains(pt.X, Tol(ptSpace.XRange)))
            throw new PtzException(PtzError.InvalidSpeed, $"pan/tilt speed {pt.X} is outside {ptSpace.Uri} [{ptSpace.XRange.Min}, {ptSpace.XRange.Max}]");
        if (!zSpace.XRange.Contains(z.X, Tol(zSpace.XRange)))
            throw new PtzException(PtzError.InvalidSpeed, $"zoom speed {z.X} is outside {zSpace.Uri} [{zSpace.XRange.Min}, {zSpace.XRange.Max}]");
        var scale = SpeedScaleLocked();
        return (scale * Math.Min(m.PanTiltMaxSpeed, _geometry.PanTiltSpeed(ptSpace.Uri, pt.X, current)),
                scale * Math.Min(m.ZoomMaxSpeed, _geometry.ZoomSpeed(zSpace.Uri, z.X, current)));
    }

    private PtzSpaceDescription Require(string? uri, PtzSpaceGroup group)
    {
        var effective = uri ?? DefaultGeneric(group);
        return _geometry.Find(effective, group)
            ?? throw new PtzException(PtzError.SpaceNotSupported, $"space '{effective}' is not a {group} space of node {Token}");
    }

    private static string DefaultGeneric(PtzSpaceGroup group) => group switch
    {
        PtzSpaceGroup.AbsolutePanTiltPosition => PtzSpaces.PanTiltPositionGeneric,
        PtzSpaceGroup.AbsoluteZoomPosition => PtzSpaces.ZoomPositionGeneric,
        PtzSpaceGroup.RelativePanTiltTranslation => PtzSpaces.PanTiltTranslationGeneric,
        PtzSpaceGroup.RelativeZoomTranslation => PtzSpaces.ZoomTranslationGeneric,
        PtzSpaceGroup.ContinuousPanTiltVelocity => PtzSpaces.PanTiltVelocityGeneric,
        PtzSpaceGroup.ContinuousZoomVelocity => PtzSpaces.ZoomVelocityGeneric,
        PtzSpaceGroup.PanTiltSpeed => PtzSpaces.PanTiltSpeedGeneric,
        _ => PtzSpaces.ZoomSpeedGeneric,
    };
}
