namespace Camlab.Device.Ptz;

// The node's one rule for an absolute position (PTZ 5.3.1, limits 5.2.1, the digital window A.2.2), used by
// AbsoluteMove, CanReach and the preset tours' spot checks.
public sealed partial class PtzNode
{
    /// <summary>
    /// An absolute tt:PTZVector in the node's native frame. Its spaces must be the node's (SpaceNotSupported); its
    /// values inside the space's range and the configured limits (InvalidPosition). The digital window accepts every
    /// position of the spaces it advertises: its centre stops half a window from the sensor's borders at the target
    /// zoom, so the window goes as far as the sensor allows and GetStatus reports where it went.
    /// </summary>
    private ((double Pan, double Tilt)? PanTilt, double? Zoom) AbsoluteTargetLocked(PtzVector position)
    {
        double? zoom = null;
        if (position.Zoom is { } z)
        {
            var space = Require(z.Space ?? _configuration.DefaultAbsoluteZoomPositionSpace, PtzSpaceGroup.AbsoluteZoomPosition);
            if (!space.XRange.Contains(z.X, Tol(space.XRange)))
                throw new PtzException(PtzError.InvalidPosition, $"zoom {z.X} is outside {space.Uri} [{space.XRange.Min}, {space.XRange.Max}]");
            zoom = Math.Clamp(_geometry.ZoomFromSpace(space.Uri, z.X), _geometry.ZoomRange.Min, _geometry.ZoomRange.Max);
            CheckZoomLimits(zoom.Value, PtzError.InvalidPosition);
        }
        if (position.PanTilt is not { } p) return (null, zoom);
        var ptSpace = Require(p.Space ?? _configuration.DefaultAbsolutePanTiltPositionSpace, PtzSpaceGroup.AbsolutePanTiltPosition);
        if (!ptSpace.XRange.Contains(p.X, Tol(ptSpace.XRange)) || !ptSpace.YRange!.Value.Contains(p.Y, Tol(ptSpace.YRange.Value)))
            throw new PtzException(PtzError.InvalidPosition, $"pan/tilt ({p.X}, {p.Y}) is outside {ptSpace.Uri}");
        var (pan, tilt) = _geometry.PanTiltFromSpace(ptSpace.Uri, p.X, p.Y);
        return (PanTiltTargetLocked(pan, tilt, zoom ?? _zoom.FinalPosition), zoom);
    }

    /// <summary>
    /// Where a target (<paramref name="pan"/>, <paramref name="tilt"/>) in the native frame lands: inside the node's
    /// range (within the xs:float rounding a request arrives with), refused outside the limits, and for the digital
    /// window with its centre where a window of <paramref name="zoom"/> stays on the sensor (A.2.2).
    /// </summary>
    private (double Pan, double Tilt) PanTiltTargetLocked(double pan, double tilt, double zoom)
    {
        pan = Math.Clamp(pan, _geometry.PanRange.Min, _geometry.PanRange.Max);
        tilt = Math.Clamp(tilt, _geometry.TiltRange.Min, _geometry.TiltRange.Max);
        CheckPanTiltLimits(pan, tilt);
        if (Definition.Kind != PtzNodeKind.DigitalWindow) return (pan, tilt);
        var centre = DigitalWindowGeometry.CentreRange(zoom);
        return (Math.Clamp(pan, centre.Min, centre.Max), Math.Clamp(tilt, centre.Min, centre.Max));
    }

    /// <summary>
    /// The refusal an AbsoluteMove to <paramref name="position"/> would meet now (SpaceNotSupported, InvalidPosition),
    /// or null when it would be accepted; nothing moves. Preset tours check their spots with it.
    /// </summary>
    public PtzError? CheckAbsolutePosition(PtzVector position)
    {
        lock (_gate)
        {
            try { AbsoluteTargetLocked(position); }
            catch (PtzException e) { return e.Error; }
            return null;
        }
    }

    /// <summary>
    /// True when an AbsoluteMove to (<paramref name="pan"/>, <paramref name="tilt"/>) in the node's native frame
    /// (<see cref="PtzPose"/>: degrees on the dome, window centre on the digital window) would be accepted and end
    /// exactly there: inside the node's range (which follows e-flip and reverse) and the configured limits (PTZ 5.2.1),
    /// and for the digital window a centre the current zoom allows (A.2.2). Not-a-number is never reachable.
    /// </summary>
    public bool CanReach(double pan, double tilt)
    {
        if (!double.IsFinite(pan) || !double.IsFinite(tilt)) return false;
        lock (_gate)
        {
            (double Pan, double Tilt) reached;
            try { reached = PanTiltTargetLocked(pan, tilt, _zoom.FinalPosition); }
            catch (PtzException) { return false; }
            var (panRange, tiltRange) = (_geometry.PanRange, _geometry.TiltRange);
            return Math.Abs(reached.Pan - pan) <= Tol(panRange) && Math.Abs(reached.Tilt - tilt) <= Tol(tiltRange);
        }
    }
}
