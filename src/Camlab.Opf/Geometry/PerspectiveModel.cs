using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// OPF perspective internals: a pinhole with Brown distortion, which is OpenCV's model with
/// (k1, k2, p1, p2, k3) = (R1, R2, T1, T2, R3) but with pixel centres at +0.5 (opf-math.md):
/// x = xc/zc, y = yc/zc, s = x²+y², rad = 1 + R1·s + R2·s² + R3·s³,
/// xd = x·rad + 2·T1·x·y + T2·(s + 2x²), yd = y·rad + T1·(s + 2y²) + 2·T2·x·y, u = f·xd + cx, v = f·yd + cy.
/// The inverse solves for (x, y) with Newton's method.
/// </summary>
public sealed record PerspectiveModel(
    double Width, double Height, double FocalLengthPx, Vector2D PrincipalPoint,
    double R1 = 0, double R2 = 0, double R3 = 0, double T1 = 0, double T2 = 0) : ICameraModel
{
    private const int MaxIterations = 50;

    public static PerspectiveModel From(PerspectiveInternals p, double width, double height)
    {
        CameraModel.Require(p.PrincipalPointPx, 2, "principal_point_px");
        CameraModel.Require(p.RadialDistortion, 3, "radial_distortion");
        CameraModel.Require(p.TangentialDistortion, 2, "tangential_distortion");
        return new PerspectiveModel(width, height, p.FocalLengthPx, new Vector2D(p.PrincipalPointPx[0], p.PrincipalPointPx[1]),
            p.RadialDistortion[0], p.RadialDistortion[1], p.RadialDistortion[2], p.TangentialDistortion[0], p.TangentialDistortion[1]);
    }

    public bool TryProject(Vector3D ray, out Vector2D pixel)
    {
        if (!(ray.Z > 0))
        {
            pixel = default;
            return false;
        }
        var (xd, yd) = Distort(ray.X / ray.Z, ray.Y / ray.Z);
        pixel = new Vector2D(FocalLengthPx * xd + PrincipalPoint.X, FocalLengthPx * yd + PrincipalPoint.Y);
        return double.IsFinite(pixel.X) && double.IsFinite(pixel.Y);
    }

    public bool TryUnproject(Vector2D pixel, out Vector3D ray)
    {
        ray = default;
        if (FocalLengthPx == 0) return false;
        var xd = (pixel.X - PrincipalPoint.X) / FocalLengthPx;
        var yd = (pixel.Y - PrincipalPoint.Y) / FocalLengthPx;
        double x = xd, y = yd;
        for (var i = 0; i < MaxIterations; i++)
        {
            var (fx, fy) = Distort(x, y);
            var (ex, ey) = (fx - xd, fy - yd);
            if (Math.Abs(ex) + Math.Abs(ey) <= 1e-15 * (1 + Math.Abs(xd) + Math.Abs(yd)))
            {
                ray = new Vector3D(x, y, 1).Normalized();
                return true;
            }
            // Jacobian of the distortion (opf-math.md, "Perspective internals").
            var s = x * x + y * y;
            var rad = 1 + s * (R1 + s * (R2 + s * R3));
            var q = R1 + 2 * R2 * s + 3 * R3 * s * s;
            var a = rad + 2 * x * x * q + 2 * T1 * y + 6 * T2 * x;
            var b = 2 * x * y * q + 2 * T1 * x + 2 * T2 * y;
            var d = rad + 2 * y * y * q + 6 * T1 * y + 2 * T2 * x;
            var det = a * d - b * b;
            if (!(Math.Abs(det) > 1e-300)) return false;
            x -= (d * ex - b * ey) / det;
            y -= (a * ey - b * ex) / det;
            if (!double.IsFinite(x) || !double.IsFinite(y)) return false;
        }
        // No convergence: the pixel lies beyond the fold of the distortion polynomial.
        var (cx, cy) = Distort(x, y);
        if (Math.Abs(cx - xd) + Math.Abs(cy - yd) > 1e-12) return false;
        ray = new Vector3D(x, y, 1).Normalized();
        return true;
    }

    /// <summary>The distorted normalised coordinates of the undistorted (x, y).</summary>
    public (double Xd, double Yd) Distort(double x, double y)
    {
        var s = x * x + y * y;
        var rad = 1 + s * (R1 + s * (R2 + s * R3));
        return (x * rad + 2 * T1 * x * y + T2 * (s + 2 * x * x),
                y * rad + T1 * (s + 2 * y * y) + 2 * T2 * x * y);
    }
}
