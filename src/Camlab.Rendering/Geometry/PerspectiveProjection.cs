using System.Numerics;

namespace Camlab.Rendering.Geometry;

/// <summary>
/// Pinhole camera with Brown–Conrady distortion, OPF's perspective internals (opf-math.md):
/// x = X/Z, y = Y/Z, s = x² + y², rad = 1 + K1·s + K2·s² + K3·s³,
/// xd = x·rad + 2·P1·x·y + P2·(s + 2x²), yd = y·rad + P1·(s + 2y²) + 2·P2·x·y, u = f·xd + cx, v = f·yd + cy.
/// (OpenCV's (k1, k2, p1, p2, k3).) The inverse solves for (x, y) by Newton's method.
/// </summary>
public sealed record PerspectiveProjection(
    int ImageWidth, int ImageHeight, double FocalLengthPx, double PrincipalX, double PrincipalY,
    double K1 = 0, double K2 = 0, double K3 = 0, double P1 = 0, double P2 = 0) : ICameraProjection
{
    private const int NewtonIterations = 20;

    /// <summary>A centred, distortion-free camera whose horizontal field of view is <paramref name="horizontalFovDeg"/>.</summary>
    public static PerspectiveProjection FromHorizontalFov(int width, int height, double horizontalFovDeg,
        double k1 = 0, double k2 = 0, double k3 = 0, double p1 = 0, double p2 = 0)
    {
        if (!(horizontalFovDeg > 0 && horizontalFovDeg < 180))
            throw new ArgumentOutOfRangeException(nameof(horizontalFovDeg), horizontalFovDeg, "a perspective camera's horizontal field of view must be in (0, 180) degrees");
        double f = width / 2.0 / Math.Tan(horizontalFovDeg * Math.PI / 360);
        return new PerspectiveProjection(width, height, f, width / 2.0, height / 2.0, k1, k2, k3, p1, p2).Validated();
    }

    /// <summary>Field of view across the image width of the distortion-free part of the model.</summary>
    public double HorizontalFovDeg => 2 * Math.Atan(ImageWidth / 2.0 / FocalLengthPx) * 180 / Math.PI;

    public double VerticalFovDeg => 2 * Math.Atan(ImageHeight / 2.0 / FocalLengthPx) * 180 / Math.PI;

    public PerspectiveProjection Validated()
    {
        if (ImageWidth < 1 || ImageHeight < 1)
            throw new ArgumentOutOfRangeException(nameof(ImageWidth), $"image size must be positive, got {ImageWidth}×{ImageHeight}");
        if (!(FocalLengthPx > 0) || !double.IsFinite(FocalLengthPx))
            throw new ArgumentOutOfRangeException(nameof(FocalLengthPx), FocalLengthPx, "focal length must be a positive number of pixels");
        foreach (var c in new[] { PrincipalX, PrincipalY, K1, K2, K3, P1, P2 })
            if (!double.IsFinite(c)) throw new ArgumentException($"perspective internals must be finite numbers: {this}");
        return this;
    }

    public bool TryProject(Vector3 ray, out double u, out double v)
    {
        u = v = double.NaN;
        if (!(ray.Z > 1e-9f)) return false;
        double x = ray.X / (double)ray.Z, y = ray.Y / (double)ray.Z;
        var (xd, yd) = Distort(x, y);
        u = FocalLengthPx * xd + PrincipalX;
        v = FocalLengthPx * yd + PrincipalY;
        return true;
    }

    public bool TryUnproject(double u, double v, out Vector3 ray)
    {
        double xd = (u - PrincipalX) / FocalLengthPx, yd = (v - PrincipalY) / FocalLengthPx;
        double x = xd, y = yd;
        if (K1 != 0 || K2 != 0 || K3 != 0 || P1 != 0 || P2 != 0)
        {
            bool converged = false;
            for (int i = 0; i < NewtonIterations; i++)
            {
                var (fx, fy) = Distort(x, y);
                double ex = fx - xd, ey = fy - yd;
                if (ex * ex + ey * ey < 1e-24) { converged = true; break; }
                // Jacobian from opf-math.md with q = dRad/ds.
                double s = x * x + y * y;
                double rad = 1 + K1 * s + K2 * s * s + K3 * s * s * s;
                double q = K1 + 2 * K2 * s + 3 * K3 * s * s;
                double a = rad + 2 * x * x * q + 2 * P1 * y + 6 * P2 * x;
                double b = 2 * x * y * q + 2 * P1 * x + 2 * P2 * y;
                double d = rad + 2 * y * y * q + 6 * P1 * y + 2 * P2 * x;
                double det = a * d - b * b;
                if (Math.Abs(det) < 1e-15) break;
                x -= (d * ex - b * ey) / det;
                y -= (a * ey - b * ex) / det;
            }
            if (!converged)
            {
                var (fx, fy) = Distort(x, y);
                if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(fx - xd) + Math.Abs(fy - yd) > 1e-6)
                {
                    ray = default;
                    return false;
                }
            }
        }
        double n = Math.Sqrt(x * x + y * y + 1);
        ray = new Vector3((float)(x / n), (float)(y / n), (float)(1 / n));
        return true;
    }

    private (double Xd, double Yd) Distort(double x, double y)
    {
        double s = x * x + y * y;
        double rad = 1 + K1 * s + K2 * s * s + K3 * s * s * s;
        return (x * rad + 2 * P1 * x * y + P2 * (s + 2 * x * x),
                y * rad + P1 * (s + 2 * y * y) + 2 * P2 * x * y);
    }
}
