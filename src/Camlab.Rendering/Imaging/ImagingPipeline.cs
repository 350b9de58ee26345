using System.Buffers;

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
        int levelQ = (int)Math.Round(level * 256), threshold = NoiseReductionEdgeThreshold(level);
        WithLocalMean(image, 2, parallel, (px, mean, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                int diff = mean[i] - px[i];
                if (diff < threshold && diff > -threshold)
                    px[i] = (byte)(px[i] + diff * levelQ / 256);
            }
        });
    }

    /// <summary>Unsharp mask: add <paramref name="amount"/> × (pixel − 3×3 mean).</summary>
    public static void ApplySharpness(RgbImage image, double amount, ParallelOptions parallel)
    {
        if (amount <= 0) return;
        int amountQ = (int)Math.Round(amount * 256);
        WithLocalMean(image, 1, parallel, (px, mean, start, end) =>
        {
            for (int i = start; i < end; i++)
                px[i] = (byte)Math.Clamp(px[i] + (px[i] - mean[i]) * amountQ / 256, 0, 255);
        });
    }

    private delegate void Combine(byte[] pixels, byte[] mean, int start, int end);

    private static void WithLocalMean(RgbImage image, int radius, ParallelOptions parallel, Combine combine)
    {
        int n = image.Pixels.Length;
        byte[] mean = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            BoxBlur.Apply(image.Pixels, mean, image.Width, image.Height, radius, parallel);
            const int chunk = 1 << 16;
            Parallel.For(0, (n + chunk - 1) / chunk, parallel, c => combine(image.Pixels, mean, c * chunk, Math.Min(n, (c + 1) * chunk)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(mean);
        }
    }
}
