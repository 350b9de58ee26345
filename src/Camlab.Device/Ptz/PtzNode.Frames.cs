namespace Camlab.Device.Ptz;

// Between the frame clients see and the mechanical axes: e-flip and reverse (PTZ 5.7.1.2, 5.9), pan wrap,
// limits converted to axis bounds (5.2.1), the digital window's reachable centres (A.2.2).
public sealed partial class PtzNode
{
    /// <summary>A frame translation (or velocity) expressed on the mechanical axes.</summary>
    private (double Pan, double Tilt) MechanicalDelta(double pan, double tilt)
    {
        if (Definition.Kind == PtzNodeKind.DigitalWindow) return (pan, tilt);
        // Frame pan = rev·(Pm [+180]); frame tilt = rev·Tm, or rev·(−180 − Tm) once flipped.
        return (Reverse * pan, Reverse * (_flipped ? -1 : 1) * tilt);
    }

    /// <summary>Which picture orientation a mechanical tilt is shown with when nothing else decides (presets).</summary>
    private bool MechanicalFlip(double mechanicalTilt) =>
        Definition.Kind == PtzNodeKind.MechanicalDome && _configuration.EFlip == EFlipMode.On && mechanicalTilt < -90;

    /// <summary>
    /// The mechanical (pan, tilt) for an absolute frame target. Endless pan takes the shortest way round (5.7.1);
    /// with pan limits the way stays inside them. With e-flip, a target inside the hysteresis band keeps the current
    /// picture orientation, so no flip happens on arrival.
    /// </summary>
    private (double Pm, double Tm) MechanicalTarget(double pan, double tilt, PtzPose current, DateTimeOffset now)
    {
        if (Definition.Kind == PtzNodeKind.DigitalWindow) return (pan, tilt);
        var pmNow = _pan.At(now).Position;
        var pe = Reverse * pan;
        var te = Reverse * tilt;
        var alpha = Definition.FlipHysteresis;
        var staysFlipped = _configuration.EFlip == EFlipMode.On && _flipped && te >= -90 - alpha && te <= -90 + alpha;
        var tm = staysFlipped ? -180 - te : te;
        var angle = staysFlipped ? pe - 180 : pe;
        var limits = FrameLimitBox();
        var panBounded = !_geometry.PanIsEndless || !double.IsInfinity(limits.Pan.Min) || !double.IsInfinity(limits.Pan.Max);
        var pm = panBounded && staysFlipped == _flipped
            ? pmNow + Reverse * (pan - current.Pan)
            : pmNow + DomeGeometry.Wrap180(angle - pmNow);
        return (pm, tm);
    }

    /// <summary>The configured limits as a box in the frame (each side ±∞ when disabled).</summary>
    private (FloatRange Pan, FloatRange Tilt, FloatRange Zoom) FrameLimitBox()
    {
        var inf = new FloatRange(double.NegativeInfinity, double.PositiveInfinity);
        var (pan, tilt, zoom) = (inf, inf, inf);
        if (_configuration.PanTiltLimits is { Y: { } y } pt && _geometry.Find(pt.Space, PtzSpaceGroup.AbsolutePanTiltPosition) is not null)
        {
            // Every absolute pan/tilt space here is an increasing affine map of the frame, so corners map to corners.
            var lo = _geometry.PanTiltFromSpace(pt.Space, pt.X.Min, y.Min);
            var hi = _geometry.PanTiltFromSpace(pt.Space, pt.X.Max, y.Max);
            pan = new FloatRange(Safe(lo.Pan, double.NegativeInfinity), Safe(hi.Pan, double.PositiveInfinity));
            tilt = new FloatRange(Safe(lo.Tilt, double.NegativeInfinity), Safe(hi.Tilt, double.PositiveInfinity));
        }
        if (_configuration.ZoomLimits is { } zl && _geometry.Find(zl.Space, PtzSpaceGroup.AbsoluteZoomPosition) is not null)
            zoom = new FloatRange(Safe(_geometry.ZoomFromSpace(zl.Space, zl.X.Min), double.NegativeInfinity),
                                  Safe(_geometry.ZoomFromSpace(zl.Space, zl.X.Max), double.PositiveInfinity));
        return (pan, tilt, zoom);
    }

    private static double Safe(double value, double whenNaN) => double.IsNaN(value) ? whenNaN : value;

    /// <summary>5.2.1: limits are checked in the space they were given in.</summary>
    private void CheckPanTiltLimits(double pan, double tilt)
    {
        if (_configuration.PanTiltLimits is not { Y: { } y } limits) return;
        if (_geometry.Find(limits.Space, PtzSpaceGroup.AbsolutePanTiltPosition) is null) return;
        var (x, yy) = _geometry.PanTiltToSpace(limits.Space, pan, tilt);
        if (!limits.X.Contains(x, Tol(limits.X)) || !y.Contains(yy, Tol(y)))
            throw new PtzException(PtzError.InvalidPosition, $"position is outside the pan/tilt limits in {limits.Space}: ({x}, {yy})");
    }

    private void CheckZoomLimits(double zoom, PtzError error)
    {
        if (_configuration.ZoomLimits is not { } limits) return;
        if (_geometry.Find(limits.Space, PtzSpaceGroup.AbsoluteZoomPosition) is null) return;
        var x = _geometry.ZoomToSpace(limits.Space, zoom);
        if (!limits.X.Contains(x, Tol(limits.X)))
            throw new PtzException(error, $"zoom is outside the zoom limits in {limits.Space}: {x}");
    }

    /// <summary>
    /// Where each mechanical axis may go from here: the node's travel intersected with the limits. With e-flip the
    /// tilt may continue through the nadir, where the frame turns round (5.7.3: "move along the limits").
    /// </summary>
    private (FloatRange Pan, FloatRange Tilt, FloatRange Zoom) MechanicalBounds(PtzPose current, DateTimeOffset now)
    {
        var limits = FrameLimitBox();
        var zoom = Intersect(limits.Zoom, _geometry.ZoomRange);
        if (Definition.Kind == PtzNodeKind.DigitalWindow)
        {
            var d = DigitalBounds(_zoom.FinalPosition);
            return (d.Pan, d.Tilt, zoom);
        }
        var panFrame = _geometry.PanIsEndless && double.IsInfinity(limits.Pan.Min) && double.IsInfinity(limits.Pan.Max)
            ? limits.Pan
            : Intersect(limits.Pan, _geometry.PanRange);
        var pmNow = _pan.At(now).Position;
        var pan = double.IsInfinity(panFrame.Min) && double.IsInfinity(panFrame.Max)
            ? panFrame
            : Sorted(pmNow + Reverse * (panFrame.Min - current.Pan), pmNow + Reverse * (panFrame.Max - current.Pan));

        var tiltFrame = Intersect(limits.Tilt, _geometry.TiltRange);
        var (eLo, eHi) = Reverse > 0 ? (tiltFrame.Min, tiltFrame.Max) : (-tiltFrame.Max, -tiltFrame.Min);
        var mech = Definition.MechanicalTilt ?? new FloatRange(-90, 0);
        FloatRange tilt;
        if (_configuration.EFlip == EFlipMode.On && eLo <= -90 - Definition.FlipHysteresis + 1e-9)
            tilt = new FloatRange(Math.Max(mech.Min, -180 - eHi), Math.Min(mech.Max, eHi));
        else if (_configuration.EFlip == EFlipMode.On && _flipped)
            tilt = new FloatRange(Math.Max(mech.Min, -180 - eHi), Math.Min(mech.Max, -180 - eLo));
        else
            tilt = new FloatRange(Math.Max(mech.Min, eLo), Math.Min(mech.Max, eHi));
        return (pan, tilt, zoom);
    }

    private (FloatRange Pan, FloatRange Tilt) DigitalBounds(double zoom)
    {
        var limits = FrameLimitBox();
        var centre = DigitalWindowGeometry.CentreRange(zoom);
        return (Intersect(limits.Pan, centre), Intersect(limits.Tilt, centre));
    }

    private static FloatRange Intersect(FloatRange a, FloatRange b)
    {
        var min = Math.Max(a.Min, b.Min);
        var max = Math.Min(a.Max, b.Max);
        return min <= max ? new FloatRange(min, max) : new FloatRange(min, min);
    }

    private static FloatRange Sorted(double a, double b) => a <= b ? new FloatRange(a, b) : new FloatRange(b, a);
}
