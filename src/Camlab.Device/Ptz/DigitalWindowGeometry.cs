namespace Camlab.Device.Ptz;

/// <summary>
/// Spaces of the digital PTZ window (Annex A.2.1, A.3.3, 5.7.1.5, A.3.5, A.4.3, A.5.2) besides the generic ones.
/// Native frame: window centre on the sensor, 0..1 from the lower left (A.2.1), and the normalized digital zoom
/// Sw / Ww (5.7.1.5), from 1 (whole sensor) to the smallest window the sensor allows.
/// </summary>
public sealed class DigitalWindowGeometry : PtzGeometry
{
    private readonly PtzMechanics _mechanics;
    private readonly FloatRange _zoom;
    private readonly IReadOnlyList<PtzSpaceDescription> _spaces;

    public DigitalWindowGeometry(DigitalSensor sensor, PtzMechanics mechanics)
    {
        Sensor = sensor;
        _mechanics = mechanics;
        _zoom = R(1, sensor.MaximumZoom);
        var zspan = _zoom.Max - _zoom.Min;
        var zmax = mechanics.ZoomMaxSpeed;
        _spaces =
        [
            new(PtzSpaces.PanTiltPositionGeneric, PtzSpaceGroup.AbsolutePanTiltPosition, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.PanTiltPositionDigital, PtzSpaceGroup.AbsolutePanTiltPosition, R(0, 1), R(0, 1)),
            new(PtzSpaces.ZoomPositionGeneric, PtzSpaceGroup.AbsoluteZoomPosition, R(0, 1)),
            new(PtzSpaces.ZoomPositionNormalizedDigital, PtzSpaceGroup.AbsoluteZoomPosition, _zoom),
            new(PtzSpaces.PanTiltTranslationGeneric, PtzSpaceGroup.RelativePanTiltTranslation, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.PanTiltTranslationDigital, PtzSpaceGroup.RelativePanTiltTranslation, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.ZoomTranslationGeneric, PtzSpaceGroup.RelativeZoomTranslation, R(-1, 1)),
            new(PtzSpaces.ZoomTranslationNormalizedDigital, PtzSpaceGroup.RelativeZoomTranslation, R(-zspan, zspan)),
            new(PtzSpaces.PanTiltVelocityGeneric, PtzSpaceGroup.ContinuousPanTiltVelocity, R(-1, 1), R(-1, 1)),
            new(PtzSpaces.ZoomVelocityGeneric, PtzSpaceGroup.ContinuousZoomVelocity, R(-1, 1)),
            new(PtzSpaces.ZoomVelocityNormalizedDigital, PtzSpaceGroup.ContinuousZoomVelocity, R(-zmax, zmax)),
            new(PtzSpaces.PanTiltSpeedGeneric, PtzSpaceGroup.PanTiltSpeed, R(0, 1)),
            new(PtzSpaces.ZoomSpeedGeneric, PtzSpaceGroup.ZoomSpeed, R(0, 1)),
            new(PtzSpaces.ZoomSpeedNormalizedDigital, PtzSpaceGroup.ZoomSpeed, R(0, zmax)),
        ];
    }

    public DigitalSensor Sensor { get; }

    public override IReadOnlyList<PtzSpaceDescription> Spaces => _spaces;

    public override FloatRange PanRange => R(0, 1);

    public override FloatRange TiltRange => R(0, 1);

    public override FloatRange ZoomRange => _zoom;

    public override bool PanIsEndless => false;

    /// <summary>A.2.2: the centre of a window of zoom <paramref name="zoom"/> stays half a window from the borders.</summary>
    public static FloatRange CentreRange(double zoom) => R(0.5 / zoom, 1 - 0.5 / zoom);

    /// <summary>The window in sensor pixels (left, top, width, height) for the renderer and the video source.</summary>
    public (int Left, int Top, int Width, int Height) WindowPixels(PtzPose pose)
    {
        var w = Sensor.Width / pose.Zoom;
        var h = Sensor.Height / pose.Zoom;
        var left = pose.Pan * Sensor.Width - w / 2;
        var top = (1 - pose.Tilt) * Sensor.Height - h / 2; // A.2.1 counts from the lower left; pixels from the top.
        return ((int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(w), (int)Math.Round(h));
    }

    public override (double Pan, double Tilt) PanTiltFromSpace(string uri, double x, double y) => uri switch
    {
        PtzSpaces.PanTiltPositionGeneric => (FromGeneric(x, PanRange), FromGeneric(y, TiltRange)),
        PtzSpaces.PanTiltPositionDigital => (x, y),
        _ => throw Unsupported(uri),
    };

    public override (double X, double Y) PanTiltToSpace(string uri, double pan, double tilt) => uri switch
    {
        PtzSpaces.PanTiltPositionGeneric => (ToGeneric(pan, PanRange), ToGeneric(tilt, TiltRange)),
        PtzSpaces.PanTiltPositionDigital => (pan, tilt),
        _ => throw Unsupported(uri),
    };

    public override double ZoomFromSpace(string uri, double x) => uri switch
    {
        PtzSpaces.ZoomPositionGeneric => _zoom.Min + x * (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomPositionNormalizedDigital => x,
        _ => throw Unsupported(uri),
    };

    public override double ZoomToSpace(string uri, double zoom) => uri switch
    {
        PtzSpaces.ZoomPositionGeneric => (zoom - _zoom.Min) / (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomPositionNormalizedDigital => zoom,
        _ => throw Unsupported(uri),
    };

    public override (double Pan, double Tilt) PanTiltTranslationTarget(string uri, double x, double y, PtzPose current) => uri switch
    {
        PtzSpaces.PanTiltTranslationGeneric => (current.Pan + x / 2, current.Tilt + y / 2),
        PtzSpaces.PanTiltTranslationDigital => (current.Pan + x, current.Tilt + y),
        _ => throw Unsupported(uri),
    };

    public override double ZoomTranslationTarget(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomTranslationGeneric => current.Zoom + x * (_zoom.Max - _zoom.Min),
        PtzSpaces.ZoomTranslationNormalizedDigital => current.Zoom + x,
        _ => throw Unsupported(uri),
    };

    public override (double Pan, double Tilt) PanTiltVelocity(string uri, double x, double y, PtzPose current) => uri switch
    {
        PtzSpaces.PanTiltVelocityGeneric => (x * _mechanics.PanTiltMaxSpeed, y * _mechanics.PanTiltMaxSpeed),
        _ => throw Unsupported(uri),
    };

    public override double ZoomVelocity(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomVelocityGeneric => x * _mechanics.ZoomMaxSpeed,
        PtzSpaces.ZoomVelocityNormalizedDigital => x,
        _ => throw Unsupported(uri),
    };

    public override double PanTiltSpeed(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.PanTiltSpeedGeneric => x * _mechanics.PanTiltMaxSpeed,
        _ => throw Unsupported(uri),
    };

    public override double ZoomSpeed(string uri, double x, PtzPose current) => uri switch
    {
        PtzSpaces.ZoomSpeedGeneric => x * _mechanics.ZoomMaxSpeed,
        PtzSpaces.ZoomSpeedNormalizedDigital => x,
        _ => throw Unsupported(uri),
    };
}
