namespace Camlab.Device.Ptz;

/// <summary>The eight groups a PTZ space belongs to (PTZ 4, tt:PTZSpaces).</summary>
public enum PtzSpaceGroup
{
    AbsolutePanTiltPosition,
    AbsoluteZoomPosition,
    RelativePanTiltTranslation,
    RelativeZoomTranslation,
    ContinuousPanTiltVelocity,
    ContinuousZoomVelocity,
    PanTiltSpeed,
    ZoomSpeed,
}

/// <summary>A closed range of a space axis; ±∞ mean unbounded (tt:FloatRange).</summary>
public readonly record struct FloatRange(double Min, double Max)
{
    public bool Contains(double value, double tolerance = 0) =>
        !double.IsNaN(value) && value >= Min - tolerance && value <= Max + tolerance;
}

/// <summary>One supported space of a node with its ranges (tt:Space1DDescription / tt:Space2DDescription).</summary>
public sealed record PtzSpaceDescription(string Uri, PtzSpaceGroup Group, FloatRange XRange, FloatRange? YRange = null)
{
    public bool IsTwoDimensional => YRange is not null;
}

/// <summary>The space URIs of PTZ 5.7 (normative) and Annex A (informative), spelled as the specification does.</summary>
public static class PtzSpaces
{
    private const string PanTilt = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/";
    private const string Zoom = "http://www.onvif.org/ver10/tptz/ZoomSpaces/";

    // Absolute pan/tilt position (5.7.1.1, 5.7.1.2, A.2.1)
    public const string PanTiltPositionGeneric = PanTilt + "PositionGenericSpace";
    public const string PanTiltPositionDegrees = PanTilt + "SphericalPositionSpaceDegrees";
    public const string PanTiltPositionDigital = PanTilt + "DigitalPositionSpace";

    // Absolute zoom position (5.7.1.3, 5.7.1.4, 5.7.1.5)
    public const string ZoomPositionGeneric = Zoom + "PositionGenericSpace";
    public const string ZoomPositionMillimeter = Zoom + "PositionSpaceMillimeter";
    public const string ZoomPositionNormalizedDigital = Zoom + "NormalizedDigitalPositionSpace";

    // Relative pan/tilt translation (5.7.2.1, A.3.1, A.3.2, A.3.3)
    public const string PanTiltTranslationGeneric = PanTilt + "TranslationGenericSpace";
    public const string PanTiltTranslationDegrees = PanTilt + "SphericalTranslationSpaceDegrees";
    public const string PanTiltTranslationFov = PanTilt + "TranslationSpaceFov";
    public const string PanTiltTranslationDigital = PanTilt + "DigitalTranslationSpace";

    // Relative zoom translation (5.7.2.2, A.3.4, A.3.5)
    public const string ZoomTranslationGeneric = Zoom + "TranslationGenericSpace";
    public const string ZoomTranslationMillimeter = Zoom + "TranslationSpaceMillimeter";
    public const string ZoomTranslationNormalizedDigital = Zoom + "NormalizedDigitalTranslationSpace";

    // Continuous pan/tilt velocity (5.7.3.1, 5.7.3.2, A.4.1)
    public const string PanTiltVelocityGeneric = PanTilt + "VelocityGenericSpace";
    public const string PanTiltVelocityDegrees = PanTilt + "VelocitySpaceDegrees";
    public const string PanTiltVelocityFov = PanTilt + "VelocitySpaceFOV";

    // Continuous zoom velocity (5.7.3.3, A.4.2, A.4.3)
    public const string ZoomVelocityGeneric = Zoom + "VelocityGenericSpace";
    public const string ZoomVelocityMillimeter = Zoom + "VelocitySpaceMillimeter";
    public const string ZoomVelocityNormalizedDigital = Zoom + "NormalizedDigitalVelocitySpace";

    // Speed (5.7.4, A.5)
    public const string PanTiltSpeedGeneric = PanTilt + "GenericSpeedSpace";
    public const string PanTiltSpeedDegrees = PanTilt + "SpeedSpaceDegrees";
    public const string PanTiltSpeedFov = PanTilt + "SpeedSpaceFOV";
    public const string ZoomSpeedGeneric = Zoom + "ZoomGenericSpeedSpace";
    public const string ZoomSpeedMillimeter = Zoom + "SpeedSpaceMillimeter";
    public const string ZoomSpeedNormalizedDigital = Zoom + "NormalizedDigitalSpeedSpace";
}
