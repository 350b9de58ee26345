namespace Camlab.Rendering;

/// <summary>
/// Applies <see cref="ImagingParameters"/> to a rendered view, in the order a camera does it:
/// optics (focus blur) → sensor (exposure, IR lamp, noise, clip) → ISP (tone curves, saturation or
/// monochrome, noise reduction, sharpening). Privacy masks come last so nothing bleeds into them.
/// </summary>
internal static class ImagingPipeline
{
    /// <summary>Noise reduction leaves differences to the local mean above 16 + 48·level (edges) untouched.</summary>
    public static int NoiseReductionEdgeThreshold(double level) => (int)Math.Round(16 + 48 * level);

    /// <summary>
    /// Whether a defocus blur of this diameter changes the picture at all: below σ² = 0.01 px² (a diameter of 0.4 px)
    /// <see cref="ApplyFocusBlur"/> does nothing. Auto-focus settles within rounding of the in-focus position, so
    /// such blurs are common and the render then keeps its one-pass path.
    /// </summary>
    public static bool FocusBlurChangesPixels(double blurDiameterPx) => blurDiameterPx * blurDiameterPx / 16 >= 0.01;

    /// <summary>
    /// Defocus blur approximating a Gaussian of σ = diameter / 4 (the disc's per-axis spread): three box
    /// passes of the largest radius that fits, then light 3-tap passes for the remaining variance, so blur
    /// grows smoothly with defocus instead of jumping from one box radius to the next.
    /// </summary>
    public static void ApplyFocusBlur(RgbImage image, double blurDiameterPx, ParallelOptions parallel)
    {
        if (!FocusBlurChangesPixels(blurDiameterPx)) return;
        double variance = blurDiameterPx * blurDiameterPx / 16;
        static double BoxVariance(int k) => ((2 * k + 1) * (2 * k + 1) - 1) / 4.0; // three passes of radius k
        int radius = 0;
        while (BoxVariance(radius + 1) <= variance) radius++;
        if (radius > 0) BoxBlur.Apply(image.Pixels, image.Pixels, image.Width, image.Height, radius, parallel, passes: 3);
        double residual = variance - BoxVariance(radius);
        if (residual < 0.01) return;
        int passes = (int)Math.Ceiling(residual / 0.5);
        BoxBlur.ApplyThreeTap(image.Pixels, image.Width, image.Height, residual / (2 * passes), passes, parallel);
    }

    /// <summary>Edge-preserving noise reduction: blend toward the 5×5 mean where the pixel is close to it.</summary>
    public static void ApplyNoiseReduction(RgbImage image, double level, ParallelOptions parallel)
    {
        if (level <= 0) return;
        var combine = new LocalMeanFilter.TowardMean((int)Math.Round(level * 256), NoiseReductionEdgeThreshold(level));
        LocalMeanFilter.Apply(image, 2, combine, parallel);
    }

    /// <summary>Unsharp mask: add <paramref name="amount"/> × (pixel − 3×3 mean).</summary>
    public static void ApplySharpness(RgbImage image, double amount, ParallelOptions parallel)
    {
        if (amount <= 0) return;
        LocalMeanFilter.Apply(image, 1, new LocalMeanFilter.AwayFromMean((int)Math.Round(amount * 256)), parallel);
    }
}
