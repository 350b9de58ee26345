using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// OPF spherical internals, which give only a principal point. Camlab treats them as equirectangular about the
/// camera axes (opf-math.md; Pix4D's text does not confirm this): longitude = 2π·(u − cx)/W, positive to the
/// right of the optical axis, and latitude = π·(cy − v)/H, positive upwards. Every direction has a pixel.
/// </summary>
public sealed record SphericalModel(double Width, double Height, Vector2D PrincipalPoint) : ICameraModel
{
    public static SphericalModel From(SphericalInternals s, double width, double height)
    {
        CameraModel.Require(s.PrincipalPointPx, 2, "principal_point_px");
        return new SphericalModel(width, height, new Vector2D(s.PrincipalPointPx[0], s.PrincipalPointPx[1]));
    }

    public bool TryProject(Vector3D ray, out Vector2D pixel)
    {
        var length = ray.Length;
        if (!(length > 0) || !double.IsFinite(length))
        {
            pixel = default;
            return false;
        }
        var longitude = Math.Atan2(ray.X, ray.Z);
        var latitude = Math.Asin(Math.Clamp(-ray.Y / length, -1, 1));
        pixel = new Vector2D(PrincipalPoint.X + longitude * Width / (2 * Math.PI), PrincipalPoint.Y - latitude * Height / Math.PI);
        return true;
    }

    public bool TryUnproject(Vector2D pixel, out Vector3D ray)
    {
        var longitude = 2 * Math.PI * (pixel.X - PrincipalPoint.X) / Width;
        var latitude = Math.PI * (PrincipalPoint.Y - pixel.Y) / Height;
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude) || Math.Abs(latitude) > Math.PI / 2)
        {
            ray = default;
            return false;
        }
        var (sinLat, cosLat) = Math.SinCos(latitude);
        var (sinLon, cosLon) = Math.SinCos(longitude);
        ray = new Vector3D(cosLat * sinLon, -sinLat, cosLat * cosLon);
        return true;
    }
}
