namespace Camlab.Device.Ptz;

/// <summary>
/// Spaces of the mechanical dome: generic, spherical degrees (5.7.1.2, A.3.1), FOV (A.3.2, A.4.1, A.5.1) and
/// millimetre (5.7.1.4, A.3.4, A.4.2, 5.7.4.4) spaces. The native frame is the one clients see: pan in
/// [−180, 180), tilt in degrees after e-flip and reverse, zoom as focal length in millimetres.
/// </summary>
public sealed class DomeGeometry : PtzGeometry
{
    private readonly ZoomLens _lens;
    private readonly PtzMechanics _mechanics;
    private readonly FloatRange _tilt;
    private readonly FloatRange? _pan;
    private readonly FloatRange _zoom;
    private readonly IReadOnlyList<PtzSpaceDescription> _spaces;

    /// <param name="tiltRange">Tilt range of the frame clients see (depends on e-flip and reverse).</param>
    /// <param name="panRange">Pan range of the frame for a head that does not turn all the way round; null: endless.</param>
    public DomeGeometry(ZoomLens lens, PtzMechanics mechanics, FloatRange tiltRange, FloatRange? panRange = null)
    {
        lens.Validate();
        _lens = lens;
        _mechanics = mechanics;
        _tilt = tiltRange;
        _pan = panRange;
        _zoom = R(lens.FocalMinMm, lens.FocalMaxMm);
        var span = _zoom.Max - _zoom.Min;
        var vmax = mechanics.PanTiltMaxSpeed;
        var zmax = mechanics.ZoomMaxSpeed;
        // A FOV unit is half the field of view (A.3.2: the image border is at ±1); velocities and speeds use the
        // same unit per second so that R = V·T and S = |V| (5.7.4). The widest FOV bounds what is always reachable.
        var fovMax = vmax / (lens.HorizontalFov(lens.FocalMinMm) / 2);
        _spaces =
        [
            new(PtzSpaces.PanTiltPositionGeneric, PtzSpaceGroup.AbsolutePanTiltPosition, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition, panRange ?? R(-180, 180), tiltRange),
            new(PtzSpaces.ZoomPositionGeneric, PtzSpaceGroup.AbsoluteZoomPosition, R(0, 1)),
            new(PtzSpaces.ZoomPositionMillimeter, PtzSpaceGroup.AbsoluteZoomPosition, _zoom),
            new(PtzSpaces.PanTiltTranslationGeneric, PtzSpaceGroup.RelativePanTiltTranslation, R(-1, 1), R(-1, 1)),
            // A.3.1's ranges: a tilt translation may pass the nadir (e-flip), the move stops on the border anyway.
            new(PtzSpaces.PanTiltTranslationDegrees, PtzSpaceGroup.RelativePanTiltTranslation, R(-360, 360),
                R(double.NegativeInfinity, double.PositiveInfinity)),
            new(PtzSpaces.PanTiltTranslationFov, PtzSpaceGroup.RelativePanTiltTranslation,
                R(double.NegativeInfinity, double.PositiveInfinity), R(double.NegativeInfinity, double.PositiveInfinity)),
            new(PtzSpaces.ZoomTranslationGeneric, PtzSpaceGroup.RelativeZoomTranslation, R(-1, 1)),
            new(PtzSpaces.ZoomTranslationMillimeter, PtzSpaceGroup.RelativeZoomTranslation, R(-span, span)),
            new(PtzSpaces.PanTiltVelocityGeneric, PtzSpaceGroup.ContinuousPanTiltVelocity, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.PanTiltVelocityDegrees, PtzSpaceGroup.ContinuousPanTiltVelocity, R(-vmax, vmax), R(-vmax, vmax)),
            new(PtzSpaces.PanTiltVelocityFov, PtzSpaceGroup.ContinuousPanTiltVelocity, R(-fovMax, fovMax), R(-fovMax, fovMax)),
            new(PtzSpaces.ZoomVelocityGeneric, PtzSpaceGroup.ContinuousZoomVelocity, R(-1, 1)),
            new(PtzSpaces.ZoomVelocityMillimeter, PtzSpaceGroup.ContinuousZoomVelocity, R(-zmax, zmax)),
            new(PtzSpaces.PanTiltSpeedGeneric, PtzSpaceGroup.PanTiltSpeed, R(0, 1)),
            new(PtzSpaces.PanTiltSpeedDegrees, PtzSpaceGroup.PanTiltSpeed, R(0, vmax)),
            new(PtzSpaces.PanTiltSpeedFov, PtzSpaceGroup.PanTiltSpeed, R(0, fovMax)),
            new(PtzSpaces.ZoomSpeedGeneric, PtzSpaceGroup.ZoomSpeed, R(0, 1)),
            new(PtzSpaces.ZoomSpeedMillimeter, PtzSpaceGroup.ZoomSpeed, R(0, zmax)),
        ];
    }

    public ZoomLens Lens => _lens;

    public override IReadOnlyList<PtzSpaceDescription> Spaces => _spaces;

    public override FloatRange PanRange => _pan ?? R(-180, 180);

    public override FloatRange TiltRange => _tilt;

    public override FloatRange ZoomRange => _zoom;

    public override bool PanIsEndless => _pan is null;

    public override (double Pan, double Tilt) PanTiltFromSpace(string uri, double x, double y) => uri switch
    {
        PtzSpaces.PanTiltPositionGeneric => (FromGeneric(x, PanRange), FromGeneric(y, _tilt)),
        PtzSpaces.PanTiltPositionDegrees => (x, y),
        _ => throw Unsupported(uri),
    };

    public override (double X, double Y) PanTiltToSpace(string uri, double pan, double tilt) => uri switch
    {
        PtzSpaces.PanTiltPositionGeneric => (ToGeneric(pan, PanRange), ToGeneric(tilt, _tilt)),
        PtzSpaces.PanTiltPositionDegrees => (pan, tilt),
        _ => throw Unsupported(uri),
    };

    public override double ZoomFromSpace(string uri, double x) => uri switch
    {
        PtzSpaces.ZoomPositionGeneric => _zoom.Min + x * (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomPositionMillimeter => x,
        _ => throw Unsupported(uri),
    };

    public override double ZoomToSpace(string uri, double zoom) => uri switch
    {
        PtzSpaces.ZoomPositionGeneric => (zoom - _zoom.Min) / (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomPositionMillimeter => zoom,
        _ => throw Unsupported(uri),
    };

    public override (double Pan, double Tilt) PanTiltTranslationTarget(string uri, double x, double y, PtzPose current) => uri switch
    {
        // 5.7.2: a generic translation is a difference of two generic positions.
        PtzSpaces.PanTiltTranslationGeneric => (current.Pan + x * (PanRange.Max - PanRange.Min) / 2, current.Tilt + y * (_tilt.Max - _tilt.Min) / 2),
        PtzSpaces.PanTiltTranslationDegrees => (current.Pan + x, current.Tilt + y),
        PtzSpaces.PanTiltTranslationFov => FovTarget(x, y, current),
        _ => throw Unsupported(uri),
    };

    public override double ZoomTranslationTarget(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomTranslationGeneric => current.Zoom + x * (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomTranslationMillimeter => current.Zoom + x,
        _ => throw Unsupported(uri),
    };

    public override (double Pan, double Tilt) PanTiltVelocity(string uri, double x, double y, PtzPose current) => uri switch
    {
        PtzSpaces.PanTiltVelocityGeneric => (x * _mechanics.PanTiltMaxSpeed, y * _mechanics.PanTiltMaxSpeed),
        PtzSpaces.PanTiltVelocityDegrees => (x, y),
        PtzSpaces.PanTiltVelocityFov => (x * _lens.HorizontalFov(current.Zoom) / 2, y * _lens.VerticalFov(current.Zoom) / 2),
        _ => throw Unsupported(uri),
    };

    public override double ZoomVelocity(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomVelocityGeneric => x * _mechanics.ZoomMaxSpeed,
        PtzSpaces.ZoomVelocityMillimeter => x,
        _ => throw Unsupported(uri),
    };

    public override double PanTiltSpeed(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.PanTiltSpeedGeneric => x * _mechanics.PanTiltMaxSpeed,
        PtzSpaces.PanTiltSpeedDegrees => x,
        PtzSpaces.PanTiltSpeedFov => x * _lens.HorizontalFov(current.Zoom) / 2,
        _ => throw Unsupported(uri),
    };

    public override double ZoomSpeed(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomSpeedGeneric => x * _mechanics.ZoomMaxSpeed,
        PtzSpaces.ZoomSpeedMillimeter => x,
        _ => throw Unsupported(uri),
    };

    /// <summary>
    /// A.3.2: the point at (x, y) of the current image (border at ±1, pinhole lens) becomes the new centre. The
    /// ray through that point is rotated by the current pan and tilt; its pan and tilt are the target, exactly.
    /// </summary>
    public (double Pan, double Tilt) FovTarget(double x, double y, PtzPose current)
    {
        var (f, r, u) = Basis(current.Pan, current.Tilt);
        var tx = x * _lens.SensorWidthMm / (2 * current.Zoom);
        var ty = y * _lens.SensorHeightMm / (2 * current.Zoom);
        var ray = (X: f.X + tx * r.X + ty * u.X, Y: f.Y + tx * r.Y + ty * u.Y, Z: f.Z + tx * r.Z + ty * u.Z);
        var pan = Math.Atan2(ray.X, ray.Z) * Deg;
        var tilt = Math.Atan2(ray.Y, Math.Sqrt(ray.X * ray.X + ray.Z * ray.Z)) * Deg;
        // Beyond the nadir (no e-flip) the same direction is written (P+180, −180−T); keep the current side.
        if (Math.Abs(current.Tilt) > 90) { pan += 180; tilt = Math.Sign(current.Tilt) * 180 - tilt; }
        return (current.Pan + Wrap180(pan - current.Pan), tilt);
    }

    /// <summary>The inverse of <see cref="FovTarget"/>: where the direction (pan, tilt) appears in the current image.</summary>
    public (double X, double Y) FovCoordinates(double pan, double tilt, PtzPose current)
    {
        var (f, r, u) = Basis(current.Pan, current.Tilt);
        var (d, _, _) = Basis(pan, tilt);
        var depth = d.X * f.X + d.Y * f.Y + d.Z * f.Z;
        var x = (d.X * r.X + d.Y * r.Y + d.Z * r.Z) / depth;
        var y = (d.X * u.X + d.Y * u.Y + d.Z * u.Z) / depth;
        return (x / (_lens.SensorWidthMm / (2 * current.Zoom)), y / (_lens.SensorHeightMm / (2 * current.Zoom)));
    }

    public static double Wrap180(double degrees)
    {
        var w = (degrees + 180) % 360;
        if (w < 0) w += 360;
        return w - 180;
    }

    private const double Deg = 180 / Math.PI;

    // Forward, right and up unit vectors of a camera at (pan, tilt); x right, y up, z ahead at pan 0.
    private static ((double X, double Y, double Z) F, (double X, double Y, double Z) R, (double X, double Y, double Z) U) Basis(double pan, double tilt)
    {
        var p = pan / Deg;
        var t = tilt / Deg;
        var f = (Math.Cos(t) * Math.Sin(p), Math.Sin(t), Math.Cos(t) * Math.Cos(p));
        var r = (Math.Cos(p), 0.0, -Math.Sin(p));
        var u = (-Math.Sin(t) * Math.Sin(p), Math.Cos(t), -Math.Sin(t) * Math.Cos(p));
        return (f, r, u);
    }
}
