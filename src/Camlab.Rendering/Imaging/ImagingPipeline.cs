namespace Camlab.Rendering.Imaging;

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
    /// Whether a defocus blur of this diameter changes the picture at all: below σ² = <see cref="FocusBlurPlan.MinVariance"/>
    /// (a diameter of 0.4 px), or NaN, <see cref="ApplyFocusBlur"/> does nothing. Auto-focus settles within rounding of
    /// the in-focus position, so such blurs are common and the render then keeps its one-pass path.
    /// </summary>
    public static bool FocusBlurChangesPixels(double blurDiameterPx) =>
        blurDiameterPx > 0 && blurDiameterPx * blurDiameterPx / 16 >= FocusBlurPlan.MinVariance;

    /// <summary>
    /// Defocus blur approximating a Gaussian of σ = diameter / 4 (the disc's per-axis spread), in a bounded number
    /// of passes whatever the diameter (<see cref="FocusBlurPlan"/>), so blur grows smoothly with defocus instead of
    /// jumping from one box radius to the next and a far-out-of-focus long zoom still renders at frame rate.
    /// </summary>
    public static void ApplyFocusBlur(RgbImage image, double blurDiameterPx, ParallelOptions parallel)
    {
        var plan = FocusBlurPlan.For(blurDiameterPx, image.Width, image.Height);
        if (plan.Radius > 0) BoxBlur.Apply(image.Pixels, image.Pixels, image.Width, image.Height, plan.Radius, parallel, passes: 3);
        foreach (var radius in plan.ExtraRadii) BoxBlur.Apply(image.Pixels, image.Pixels, image.Width, image.Height, radius, parallel);
        if (plan.ThreeTapPasses > 0) BoxBlur.ApplyThreeTap(image.Pixels, image.Width, image.Height, plan.ThreeTapWeight, plan.ThreeTapPasses, parallel);
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
