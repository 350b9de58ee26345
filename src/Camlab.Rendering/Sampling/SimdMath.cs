using System.Numerics;

namespace Camlab.Rendering.Sampling;

/// <summary>Vectorised math the ray-map kernels need and <see cref="Vector"/> lacks.</summary>
internal static class SimdMath
{
    private static readonly Vector<float> HalfPi = new(MathF.PI / 2);
    private static readonly Vector<float> Pi = new(MathF.PI);
    private static readonly Vector<float> Tiny = new(1e-30f);

    /// <summary>
    /// atan2(y, x) in radians, |error| ≤ 1e-5 (Abramowitz &amp; Stegun 4.4.49 on [0, 1] with octant
    /// reduction): 1e-5 rad is 0.007 of a pixel of a 4096-wide panorama.
    /// </summary>
    public static Vector<float> Atan2(Vector<float> y, Vector<float> x)
    {
        var ax = Vector.Abs(x);
        var ay = Vector.Abs(y);
        var a = Vector.Min(ax, ay) / Vector.Max(Vector.Max(ax, ay), Tiny);
        var s = a * a;
        var r = ((((new Vector<float>(0.0208351f) * s - new Vector<float>(0.0851330f)) * s + new Vector<float>(0.1801410f)) * s
                  - new Vector<float>(0.3302995f)) * s + new Vector<float>(0.9998660f)) * a;
        r = Vector.ConditionalSelect(Vector.GreaterThan(ay, ax), HalfPi - r, r);
        r = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), Pi - r, r);
        return Vector.ConditionalSelect(Vector.LessThan(y, Vector<float>.Zero), -r, r);
    }

    /// <summary>Scalar twin of <see cref="Atan2(Vector{float}, Vector{float})"/> so vector bodies and tails agree exactly.</summary>
    public static float Atan2(float y, float x)
    {
        float ax = MathF.Abs(x), ay = MathF.Abs(y);
        float a = MathF.Min(ax, ay) / MathF.Max(MathF.Max(ax, ay), 1e-30f);
        float s = a * a;
        float r = ((((0.0208351f * s - 0.0851330f) * s + 0.1801410f) * s - 0.3302995f) * s + 0.9998660f) * a;
        if (ay > ax) r = MathF.PI / 2 - r;
        if (x < 0) r = MathF.PI - r;
        return y < 0 ? -r : r;
    }
}
