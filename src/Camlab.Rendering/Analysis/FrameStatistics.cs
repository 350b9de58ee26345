namespace Camlab.Rendering.Analysis;

/// <summary>
/// Luma (Rec. 601) histogram and moments of a frame or of a rectangle of it, plus mean chroma: what
/// exposure, contrast and saturation checks (and the ImageTooDark/ImageTooBright events) measure.
/// </summary>
public sealed class FrameStatistics
{
    private FrameStatistics(long[] histogram, long count, double mean, double variance, double meanChroma, double meanR, double meanG, double meanB)
    {
        Histogram = histogram;
        PixelCount = count;
        MeanLuma = mean;
        LumaVariance = variance;
        MeanChroma = meanChroma;
        MeanRed = meanR; MeanGreen = meanG; MeanBlue = meanB;
    }

    public IReadOnlyList<long> Histogram { get; }
    public long PixelCount { get; }
    public double MeanLuma { get; }
    public double LumaVariance { get; }
    public double LumaStdDev => Math.Sqrt(LumaVariance);
    /// <summary>Mean of max(R,G,B) − min(R,G,B): 0 for a grey picture.</summary>
    public double MeanChroma { get; }
    public double MeanRed { get; }
    public double MeanGreen { get; }
    public double MeanBlue { get; }

    /// <summary>Fraction of pixels with luma ≤ <paramref name="level"/>.</summary>
    public double FractionAtOrBelow(int level)
    {
        long n = 0;
        for (int i = 0; i <= Math.Clamp(level, -1, 255); i++) n += Histogram[i];
        return (double)n / PixelCount;
    }

    /// <summary>The luma below which <paramref name="fraction"/> of the pixels lie.</summary>
    public int Percentile(double fraction)
    {
        long target = (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * PixelCount), n = 0;
        for (int i = 0; i < 256; i++)
            if ((n += Histogram[i]) >= target && n > 0) return i;
        return 255;
    }

    public static FrameStatistics Compute(RgbImage image) => Compute(image, 0, 0, image.Width, image.Height);

    public static FrameStatistics Compute(RgbImage image, int left, int top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > image.Width || top + height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"rectangle ({left}, {top}, {width}×{height}) is not inside the {image.Width}×{image.Height} image");
        var histogram = new long[256];
        double sum = 0, sumSq = 0, chroma = 0, r = 0, g = 0, b = 0;
        var px = image.Pixels;
        for (int y = top; y < top + height; y++)
        {
            int i = (y * image.Width + left) * 3;
            for (int x = 0; x < width; x++, i += 3)
            {
                int cr = px[i], cg = px[i + 1], cb = px[i + 2];
                int luma = (77 * cr + 150 * cg + 29 * cb + 128) >> 8;
                histogram[luma]++;
                sum += luma;
                sumSq += luma * luma;
                chroma += Math.Max(cr, Math.Max(cg, cb)) - Math.Min(cr, Math.Min(cg, cb));
                r += cr; g += cg; b += cb;
            }
        }
        long n = (long)width * height;
        double mean = sum / n;
        return new FrameStatistics(histogram, n, mean, Math.Max(0, sumSq / n - mean * mean), chroma / n, r / n, g / n, b / n);
    }
}
