namespace Camlab.Device.Ptz;

/// <summary>
/// The optics behind a mechanical node's FOV and millimetre spaces: sensor size and focal range. The integrator
/// feeds it from the camera's OPF description; a pinhole model is exact enough for the spaces of PTZ 5.7.1.4.
/// </summary>
public sealed record ZoomLens(double SensorWidthMm, double SensorHeightMm, double FocalMinMm, double FocalMaxMm)
{
    /// <summary>A 1/2.8" sensor behind a 4.7–94 mm (20×) zoom, a common dome module.</summary>
    public static ZoomLens Default { get; } = new(5.37, 3.02, 4.7, 94.0);

    public void Validate()
    {
        if (!(SensorWidthMm > 0) || !(SensorHeightMm > 0)) throw new ArgumentException("sensor size must be positive");
        if (!(FocalMinMm > 0) || !(FocalMaxMm > FocalMinMm)) throw new ArgumentException("focal range must be positive and increasing");
    }

    /// <summary>Horizontal angle of view in degrees at focal length <paramref name="focalMm"/> (5.7.1.4: 2·atan(d/2f)).</summary>
    public double HorizontalFov(double focalMm) => 2 * Math.Atan(SensorWidthMm / (2 * focalMm)) * 180 / Math.PI;

    public double VerticalFov(double focalMm) => 2 * Math.Atan(SensorHeightMm / (2 * focalMm)) * 180 / Math.PI;

    /// <summary>Magnification relative to the wide end (5.7.1.4: M = f / f_min).</summary>
    public double Magnification(double focalMm) => focalMm / FocalMinMm;
}
