using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// A camera's internals as a mapping between viewing directions and pixels. Rays are in the computer-vision
/// frame (x right, y down, z forward; see <see cref="CameraFrames"/>) and need not be unit length; pixels
/// put (0, 0) at the top-left corner of the top-left pixel.
/// </summary>
public interface ICameraModel
{
    /// <summary>Image width in pixels.</summary>
    double Width { get; }

    /// <summary>Image height in pixels.</summary>
    double Height { get; }

    /// <summary>The pixel a ray lands on; false when the model cannot image that ray (e.g. behind a pinhole).</summary>
    bool TryProject(Vector3D ray, out Vector2D pixel);

    /// <summary>The unit ray of a pixel; false when the inverse does not converge (outside the valid field).</summary>
    bool TryUnproject(Vector2D pixel, out Vector3D ray);
}

/// <summary>Throwing forms of <see cref="ICameraModel"/> and the factory from OPF internals.</summary>
public static class CameraModel
{
    public static Vector2D Project(this ICameraModel model, Vector3D ray) =>
        model.TryProject(ray, out var pixel) ? pixel
            : throw new ArgumentOutOfRangeException(nameof(ray), ray, "the camera model cannot image this ray");

    public static Vector3D Unproject(this ICameraModel model, Vector2D pixel) =>
        model.TryUnproject(pixel, out var ray) ? ray
            : throw new ArgumentOutOfRangeException(nameof(pixel), pixel, "the pixel is outside the camera model's valid field");

    /// <summary>The model of a sensor's internals (the sensor gives the image size).</summary>
    public static ICameraModel FromSensor(Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (sensor.ImageSizePx.Length != 2) throw new ArgumentException("image_size_px must have 2 numbers", nameof(sensor));
        var (w, h) = (sensor.ImageSizePx[0], sensor.ImageSizePx[1]);
        return sensor.Internals switch
        {
            PerspectiveInternals p => PerspectiveModel.From(p, w, h),
            FisheyeInternals f => FisheyeModel.From(f, w, h),
            SphericalInternals s => SphericalModel.From(s, w, h),
            _ => throw new ArgumentException("the sensor has no internals", nameof(sensor)),
        };
    }

    internal static void Require(double[] values, int count, string name)
    {
        if (values.Length != count) throw new ArgumentException($"{name} must have {count} numbers, got {values.Length}", name);
    }
}
