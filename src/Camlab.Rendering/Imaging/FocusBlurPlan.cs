namespace Camlab.Rendering.Imaging;

/// <summary>
/// How a defocus blur of a given diameter is made from cheap passes (a Gaussian of σ = diameter / 4, the disc's
/// per-axis spread): three box passes of radius <see cref="Radius"/> (variance k(k+1)), then single box passes
/// of shrinking radii (<see cref="ExtraRadii"/>, variance j(j+1)/3 each) while what remains is at least a
/// radius-1 box's, then at most two light 3-tap passes for the rest. Variances add, so the total is the
/// Gaussian's; each step leaves about the square root of what it was given, so the number of passes stays
/// small for any diameter — the 3-tap alone would need one pass per half unit of the remainder, up to four
/// per pixel of radius.
/// </summary>
internal sealed record FocusBlurPlan(int Radius, IReadOnlyList<int> ExtraRadii, double ThreeTapWeight, int ThreeTapPasses)
{
    /// <summary>Variance (px²) a 3-tap pass adds at most per axis (weight 0.25: 2·0.25).</summary>
    public const double MaxThreeTapVariance = 0.5;

    /// <summary>Below this variance (px²) the picture is left sharp.</summary>
    public const double MinVariance = 0.01;

    public static readonly FocusBlurPlan None = new(0, [], 0, 0);

    /// <summary>
    /// A blur disc twice the picture's larger side or wider leaves nothing of the picture but its mean: larger
    /// diameters (a long zoom focused at its nearest distance) are rendered at this one, so they cost what it costs.
    /// </summary>
    public static double MaxDiameterPx(int width, int height) => 2.0 * Math.Max(width, height);

    /// <summary>Variance of three box passes of radius k: three times ((2k+1)² − 1)/12.</summary>
    public static double TripleBoxVariance(int k) => (double)k * (k + 1);

    /// <summary>Variance of one box pass of radius j.</summary>
    public static double BoxVariance(int j) => (double)j * (j + 1) / SingleBoxDivisor;

    private const double TripleBoxDivisor = 1, SingleBoxDivisor = 3;

    /// <summary>The passes for a blur of <paramref name="diameterPx"/> on a <paramref name="width"/>×<paramref name="height"/> picture.</summary>
    public static FocusBlurPlan For(double diameterPx, int width, int height)
    {
        // NaN (no defocus over an unmeasurable pixel angle) and anything below the threshold stay sharp.
        if (!(diameterPx > 0)) return None;
        double d = Math.Min(diameterPx, MaxDiameterPx(width, height));
        double variance = d * d / 16;
        if (variance < MinVariance) return None;

        int radius = LargestRadius(variance, TripleBoxDivisor);
        double residual = variance - TripleBoxVariance(radius);
        var extra = new List<int>();
        while (residual >= BoxVariance(1))
        {
            int j = LargestRadius(residual, SingleBoxDivisor);
            extra.Add(j);
            residual -= BoxVariance(j);
        }
        if (residual < MinVariance) return new FocusBlurPlan(radius, extra, 0, 0);
        int passes = (int)Math.Ceiling(residual / MaxThreeTapVariance);
        return new FocusBlurPlan(radius, extra, residual / (2 * passes), passes);
    }

    /// <summary>Total variance (px² per axis) the plan applies.</summary>
    public double Variance => TripleBoxVariance(Radius) + ExtraRadii.Sum(BoxVariance) + 2 * ThreeTapWeight * ThreeTapPasses;

    /// <summary>Whole-picture passes the plan costs.</summary>
    public int PassCount => (Radius > 0 ? 3 : 0) + ExtraRadii.Count + ThreeTapPasses;

    /// <summary>
    /// The largest radius k with k(k+1)/<paramref name="divisor"/> ≤ <paramref name="variance"/>: the closed form
    /// k ≤ (−1 + √(1 + 4·divisor·variance)) / 2, then a step either way for rounding.
    /// </summary>
    private static int LargestRadius(double variance, double divisor)
    {
        double Of(int k) => (double)k * (k + 1) / divisor;
        int k = (int)Math.Floor((-1 + Math.Sqrt(1 + 4 * divisor * variance)) / 2);
        while (k > 0 && Of(k) > variance) k--;
        while (Of(k + 1) <= variance) k++;
        return k;
    }
}
