using System.Buffers;

namespace Camlab.Rendering;

/// <summary>
/// Applies <see cref="ImagingParameters"/> to a rendered view, in the order a camera does it:
/// optics (focus blur) → sensor (exposure, IR lamp, noise, clip) → ISP (tone curves, saturation or
/// monochrome, noise reduction, sharpening). Privacy masks come last so nothing bleeds into them.
/// </summary>
internal static class ImagingPipeline
{
    /// <summary>Distance at which the IR lamp's light starts to fall off with the square of distance.</summary>
    public const double IrLampReachM = 10;
    /// <summary>Linear level the IR lamp adds at full output inside its reach (at reference exposure).</summary>
    public const double IrLampLevel = 0.5;
    /// <summary>Noise reduction leaves differences to the local mean above 16 + 48·level (edges) untouched.</summary>
    public static int NoiseReductionEdgeThreshold(double level) => (int)Math.Round(16 + 48 * level);

    /// <summary>
    /// Defocus blur approximating a Gaussian of σ = diameter / 4 (the disc's per-axis spread): three box
    /// passes of the largest radius that fits, then light 3-tap passes for the remaining variance, so blur
    /// grows smoothly with defocus instead of jumping from one box radius to the next.
    /// </summary>
    public static void ApplyFocusBlur(RgbImage image, double blurDiameterPx)
    {
        double variance = blurDiameterPx * blurDiameterPx / 16;
        if (variance < 0.01) return;
        static double BoxVariance(int k) => ((2 * k + 1) * (2 * k + 1) - 1) / 4.0; // three passes of radius k
        int radius = 0;
        while (BoxVariance(radius + 1) <= variance) radius++;
        if (radius > 0) BoxBlur.Apply(image.Pixels, image.Pixels, image.Width, image.Height, radius, passes: 3);
        double residual = variance - BoxVariance(radius);
        if (residual < 0.01) return;
        int passes = (int)Math.Ceiling(residual / 0.5);
        BoxBlur.ApplyThreeTap(image.Pixels, image.Width, image.Height, residual / (2 * passes), passes);
    }

    /// <summary>Sensor and tone stage, one fused pass. <paramref name="nearField"/> is needed only for a lit IR lamp in night mode.</summary>
    public static unsafe void ApplySensorAndTone(RgbImage image, ImagingParameters p, ulong noiseSeed, float[]? nearField)
    {
        double sensorFactor = p.ExposureFactor;
        var lutR = ToneCurves.SensorLut(sensorFactor * p.WhiteBalanceRedGain);
        var lutG = ToneCurves.SensorLut(sensorFactor);
        var lutB = ToneCurves.SensorLut(sensorFactor * p.WhiteBalanceBlueGain);
        var output = ToneCurves.OutputLut(p);
        int sigmaQ = (int)Math.Round(SensorNoise.BaseSigmaLinear * Math.Pow(10, p.GainDb / 20) / SensorNoise.RawSigma * 256);
        int satQ = (int)Math.Round(p.Saturation * 256);
        bool night = p.NightMode;
        // The lamp is not ambient light: it scales with time, gain and iris but not with AmbientLight.
        float lamp = night && p.IrLamp > 0 && nearField is not null
            ? (float)(p.IrLamp * IrLampLevel * ToneCurves.LinearMax * (p.ExposureTimeUs / ImagingParameters.ReferenceExposureTimeUs)
                * Math.Pow(10, p.GainDb / 20) * Math.Pow(10, -p.IrisDb / 20))
            : 0f;
        int width = image.Width, height = image.Height;
        int bands = (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand;
        Parallel.For(0, bands, band =>
        {
            int k0 = band * PanoramaSampler.RowsPerBand * width, k1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand) * width;
            fixed (byte* px = image.Pixels)
            fixed (byte* outLut = output)
            fixed (int* lr = lutR, lg = lutG, lb = lutB)
            {
                for (int k = k0; k < k1; k++)
                {
                    byte* d = px + 3 * k;
                    uint sample = (uint)(3 * k);
                    if (night)
                    {
                        int y = (77 * lr[d[0]] + 150 * lg[d[1]] + 29 * lb[d[2]]) >> 8;
                        if (lamp > 0) y += (int)(lamp * nearField![k]);
                        y += SensorNoise.Raw(noiseSeed, sample) * sigmaQ / 256;
                        byte v = outLut[Math.Clamp(y, 0, ToneCurves.LinearMax)];
                        d[0] = d[1] = d[2] = v;
                        continue;
                    }
                    int r = outLut[Math.Clamp(lr[d[0]] + SensorNoise.Raw(noiseSeed, sample) * sigmaQ / 256, 0, ToneCurves.LinearMax)];
                    int g = outLut[Math.Clamp(lg[d[1]] + SensorNoise.Raw(noiseSeed, sample + 1) * sigmaQ / 256, 0, ToneCurves.LinearMax)];
                    int b = outLut[Math.Clamp(lb[d[2]] + SensorNoise.Raw(noiseSeed, sample + 2) * sigmaQ / 256, 0, ToneCurves.LinearMax)];
                    if (satQ != 256)
                    {
                        int luma = (77 * r + 150 * g + 29 * b) >> 8;
                        r = Math.Clamp(luma + (r - luma) * satQ / 256, 0, 255);
                        g = Math.Clamp(luma + (g - luma) * satQ / 256, 0, 255);
                        b = Math.Clamp(luma + (b - luma) * satQ / 256, 0, 255);
                    }
                    d[0] = (byte)r; d[1] = (byte)g; d[2] = (byte)b;
                }
            }
        });
    }

    /// <summary>Edge-preserving noise reduction: blend toward the 5×5 mean where the pixel is close to it.</summary>
    public static void ApplyNoiseReduction(RgbImage image, double level)
    {
        if (level <= 0) return;
        int levelQ = (int)Math.Round(level * 256), threshold = NoiseReductionEdgeThreshold(level);
        WithLocalMean(image, 2, (px, mean, n) =>
        {
            for (int i = 0; i < n; i++)
            {
                int diff = mean[i] - px[i];
                if (diff < threshold && diff > -threshold)
                    px[i] = (byte)(px[i] + diff * levelQ / 256);
            }
        });
    }

    /// <summary>Unsharp mask: add <paramref name="amount"/> × (pixel − 3×3 mean).</summary>
    public static void ApplySharpness(RgbImage image, double amount)
    {
        if (amount <= 0) return;
        int amountQ = (int)Math.Round(amount * 256);
        WithLocalMean(image, 1, (px, mean, n) =>
        {
            for (int i = 0; i < n; i++)
                px[i] = (byte)Math.Clamp(px[i] + (px[i] - mean[i]) * amountQ / 256, 0, 255);
        });
    }

    private delegate void Combine(byte[] pixels, byte[] mean, int length);

    private static void WithLocalMean(RgbImage image, int radius, Combine combine)
    {
        int n = image.Pixels.Length;
        byte[] mean = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            BoxBlur.Apply(image.Pixels, mean, image.Width, image.Height, radius);
            combine(image.Pixels, mean, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(mean);
        }
    }
}
