using System.Numerics;

namespace Camlab.Rendering.Geometry;

/// <summary>
/// A camera's internal model: pixel ↔ unit ray in the computer-vision camera frame (x right, y down,
/// z forward; OPF's convention). Pixel coordinates put the centre of the top-left pixel at (0.5, 0.5).
/// The renderer caches ray maps per projection, so implementations must have value equality
/// (a <c>record</c>): two projections that map pixels identically must compare equal.
/// </summary>
public interface ICameraProjection
{
    int ImageWidth { get; }
    int ImageHeight { get; }

    /// <summary>The unit ray that images at pixel (u, v); false when no ray images there (e.g. outside a fisheye circle).</summary>
    bool TryUnproject(double u, double v, out Vector3 ray);

    /// <summary>The pixel at which a camera-frame direction images; false when it does not reach the sensor model (behind the camera).</summary>
    bool TryProject(Vector3 ray, out double u, out double v);
}
