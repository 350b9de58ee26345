using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// OPF (Pix4D) fisheye internals (opf-math.md): r = √(xc²+yc²), θ = (2/π)·atan2(r, zc), ρ = Σ pᵢ·θⁱ,
/// (xh, yh) = ρ·(xc, yc)/r, u = c·xh + d·yh + cx, v = e·xh + f·yh + cy. θ runs from 0 on the axis to 1 at
/// 90° off-axis, so rays past 90° are imaged too. The inverse solves Σ pᵢ·θⁱ = ρ with Newton's method.
/// </summary>
public sealed record FisheyeModel(
    double Width, double Height, Vector2D PrincipalPoint, double C, double D, double E, double F,
    IReadOnlyList<double> Polynomial) : ICameraModel
{
    private const int MaxIterations = 50;

    public static FisheyeModel From(FisheyeInternals f, double width, double height)
    {
        CameraModel.Require(f.PrincipalPointPx, 2, "principal_point_px");
        CameraModel.Require(f.Affine, 4, "affine");
        return new FisheyeModel(width, height, new Vector2D(f.PrincipalPointPx[0], f.PrincipalPointPx[1]),
            f.Affine[0], f.Affine[1], f.Affine[2], f.Affine[3], f.Polynomial.ToArray());
    }

    /// <summary>The equivalent focal length F = 2c/π in pixels (the slope of ρ at the axis when p1 = 1).</summary>
    public double FocalLengthPx => 2 * C / Math.PI;

    public bool TryProject(Vector3D ray, out Vector2D pixel)
    {
        var r = Math.Sqrt(ray.X * ray.X + ray.Y * ray.Y);
        if (r == 0 && !(ray.Z > 0))
        {
            pixel = default;
            return false; // the zero ray, or straight backwards where the direction in the image is undefined
        }
        var theta = 2 / Math.PI * Math.Atan2(r, ray.Z);
        var rho = Rho(theta);
        var (xh, yh) = r == 0 ? (0.0, 0.0) : (rho * ray.X / r, rho * ray.Y / r);
        pixel = new Vector2D(C * xh + D * yh + PrincipalPoint.X, E * xh + F * yh + PrincipalPoint.Y);
        return double.IsFinite(pixel.X) && double.IsFinite(pixel.Y);
    }

    public bool TryUnproject(Vector2D pixel, out Vector3D ray)
    {
        ray = default;
        var det = C * F - D * E;
        if (det == 0) return false;
        var (du, dv) = (pixel.X - PrincipalPoint.X, pixel.Y - PrincipalPoint.Y);
        var xh = (F * du - D * dv) / det;
        var yh = (-E * du + C * dv) / det;
        var rho = Math.Sqrt(xh * xh + yh * yh);
        if (rho == 0)
        {
            if (Rho(0) != 0) return false;
            ray = new Vector3D(0, 0, 1);
            return true;
        }
        var theta = rho;
        for (var i = 0; ; i++)
        {
            var g = Rho(theta) - rho;
            if (Math.Abs(g) <= 1e-15 * (1 + rho)) break;
            if (i == MaxIterations)
            {
                // Rounding can keep the residual just above the strict tolerance; accept a near-exact root.
                if (Math.Abs(g) <= 1e-12 * (1 + rho)) break;
                return false;
            }
            var slope = Slope(theta);
            if (!(slope > 0)) return false; // past the fold of the polynomial
            theta -= g / slope;
            if (!double.IsFinite(theta)) return false;
        }
        if (theta < 0 || theta > 2) return false;
        var alpha = theta * Math.PI / 2;
        var sin = Math.Sin(alpha);
        ray = new Vector3D(sin * xh / rho, sin * yh / rho, Math.Cos(alpha));
        return true;
    }

    /// <summary>ρ(θ) = Σ pᵢ·θⁱ (Horner).</summary>
    public double Rho(double theta)
    {
        var sum = 0.0;
        for (var i = Polynomial.Count - 1; i >= 0; i--) sum = sum * theta + Polynomial[i];
        return sum;
    }

    private double Slope(double theta)
    {
        var sum = 0.0;
        for (var i = Polynomial.Count - 1; i >= 1; i--) sum = sum * theta + i * Polynomial[i];
        return sum;
    }
}
