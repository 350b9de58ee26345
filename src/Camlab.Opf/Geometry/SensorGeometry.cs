using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>Horizontal, vertical and diagonal angles of view, in degrees.</summary>
public readonly record struct FieldOfView(double HorizontalDeg, double VerticalDeg, double DiagonalDeg);

/// <summary>
/// A sensor's physical size (pixels × pixel pitch), which turns a lens focal length in millimetres into a
/// focal length in pixels and an angle of view — what a zoom lens changes. Assumes a distortion-free pinhole;
/// for the angle of view of a sensor's actual internals use <see cref="OfInternals"/>.
/// </summary>
public sealed record SensorGeometry(double WidthPx, double HeightPx, double PixelSizeUm)
{
    public static SensorGeometry FromSensor(Sensor sensor)
    {
        CameraModel.Require(sensor.ImageSizePx, 2, "image_size_px");
        return new SensorGeometry(sensor.ImageSizePx[0], sensor.ImageSizePx[1], sensor.PixelSizeUm);
    }

    public double WidthMm => WidthPx * PixelSizeUm / 1000;
    public double HeightMm => HeightPx * PixelSizeUm / 1000;

    /// <summary>f [px] = f [mm] · 1000 / pixel size [µm].</summary>
    public double FocalLengthPx(double focalLengthMm) =>
        PixelSizeUm > 0 ? focalLengthMm * 1000 / PixelSizeUm
            : throw new InvalidOperationException("the sensor's pixel size is 0, so millimetres cannot be converted to pixels");

    /// <summary>f [mm] = f [px] · pixel size [µm] / 1000.</summary>
    public double FocalLengthMm(double focalLengthPx) => focalLengthPx * PixelSizeUm / 1000;

    /// <summary>The pinhole angle of view at a focal length: 2·atan(size / 2f) for each direction.</summary>
    public FieldOfView FieldOfView(double focalLengthMm)
    {
        if (!(focalLengthMm > 0)) throw new ArgumentOutOfRangeException(nameof(focalLengthMm), focalLengthMm, "the focal length must be positive");
        var f = FocalLengthPx(focalLengthMm);
        return new FieldOfView(Angle(WidthPx, f), Angle(HeightPx, f), Angle(Math.Sqrt(WidthPx * WidthPx + HeightPx * HeightPx), f));
    }

    /// <summary>The focal length (mm) at which the horizontal angle of view is <paramref name="horizontalDeg"/>.</summary>
    public double FocalLengthForHorizontalFieldOfView(double horizontalDeg)
    {
        if (!(horizontalDeg > 0 && horizontalDeg < 180)) throw new ArgumentOutOfRangeException(nameof(horizontalDeg));
        return FocalLengthMm(WidthPx / 2 / Math.Tan(Orientation.Rad(horizontalDeg) / 2));
    }

    /// <summary>
    /// The angle of view of a sensor's internals, distortion included: the angles between the rays of the
    /// middles of opposite image edges (and of opposite corners for the diagonal). Spherical internals see 360° × 180°.
    /// </summary>
    public static FieldOfView OfInternals(Sensor sensor)
    {
        var model = CameraModel.FromSensor(sensor);
        if (model is SphericalModel) return new FieldOfView(360, 180, 360);
        var (w, h) = (model.Width, model.Height);
        return new FieldOfView(
            Between(model, new(0, h / 2), new(w / 2, h / 2), new(w, h / 2)),
            Between(model, new(w / 2, 0), new(w / 2, h / 2), new(w / 2, h)),
            Between(model, new(0, 0), new(w / 2, h / 2), new(w, h)));
    }

    // Through the middle point, so a fisheye wider than 180° is measured correctly.
    private static double Between(ICameraModel model, Vector2D a, Vector2D middle, Vector2D b)
    {
        var m = model.Unproject(middle);
        return Orientation.Deg(model.Unproject(a).AngleTo(m) + m.AngleTo(model.Unproject(b)));
    }

    private static double Angle(double sizePx, double focalPx) => Orientation.Deg(2 * Math.Atan(sizePx / 2 / focalPx));
}
