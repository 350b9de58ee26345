using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering.Tests;

public class BoxBlurTests
{
    /// <summary>Straightforward clamped-edge box mean, the reference the running-sum implementation must match.</summary>
    private static byte[] Reference(byte[] src, int w, int h, int r)
    {
        var horizontal = new byte[src.Length];
        int inv = (1 << 16) / (2 * r + 1) + 1;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int t = -r; t <= r; t++) sum += src[(y * w + Math.Clamp(x + t, 0, w - 1)) * 3 + c];
                    horizontal[(y * w + x) * 3 + c] = (byte)((sum * inv) >> 16);
                }
        var result = new byte[src.Length];
        for (int y = 0; y < h; y++)
            for (int i = 0; i < w * 3; i++)
            {
                int sum = 0;
                for (int t = -r; t <= r; t++) sum += horizontal[Math.Clamp(y + t, 0, h - 1) * w * 3 + i];
                result[y * w * 3 + i] = (byte)((sum * inv) >> 16);
            }
        return result;
    }

    [Theory]
    [InlineData(37, 23, 1)]
    [InlineData(101, 70, 2)]
    [InlineData(64, 80, 5)]
    [InlineData(9, 7, 6)]
    [InlineData(200, 9, 8)]
    [InlineData(150, 5, 9)]
    [InlineData(70, 3, 3)]
    [InlineData(16, 4, 8)]
    public void Running_sums_match_the_direct_mean(int w, int h, int r)
    {
        var src = new byte[w * h * 3];
        new Random(w * 1000 + h).NextBytes(src);
        var dst = new byte[src.Length];
        BoxBlur.Apply(src, dst, w, h, r);
        Assert.Equal(Reference(src, w, h, r), dst);
    }

    /// <summary>Noise reduction and sharpening as the plain formulas over a separately computed box mean.</summary>
    [Theory]
    [InlineData(101, 37, 0.5, 0.0)]
    [InlineData(64, 20, 1.0, 0.0)]
    [InlineData(11, 13, 0.3, 0.0)]
    [InlineData(101, 37, 0.0, 1.0)]
    [InlineData(75, 21, 0.0, 4.0)]
    [InlineData(5, 9, 0.0, 0.37)]
    public void Local_mean_filters_match_their_formulas(int w, int h, double noiseReduction, double sharpness)
    {
        var src = new byte[w * h * 3];
        new Random(w * 7 + h).NextBytes(src);
        // Smooth half of the picture so noise reduction meets both flat areas (blended) and edges (kept).
        for (int i = 0; i < src.Length / 2; i++) src[i] = (byte)(100 + src[i] % 24);
        var image = new RgbImage(w, h, (byte[])src.Clone());
        byte[] expected;
        if (noiseReduction > 0)
        {
            var mean = Reference(src, w, h, 2);
            int levelQ = (int)Math.Round(noiseReduction * 256), threshold = ImagingPipeline.NoiseReductionEdgeThreshold(noiseReduction);
            expected = src.Select((p, i) => mean[i] - p is var d && d < threshold && d > -threshold ? (byte)(p + d * levelQ / 256) : p).ToArray();
            ImagingPipeline.ApplyNoiseReduction(image, noiseReduction, new ParallelOptions());
        }
        else
        {
            var mean = Reference(src, w, h, 1);
            int amountQ = (int)Math.Round(sharpness * 256);
            expected = src.Select((p, i) => (byte)Math.Clamp(p + (p - mean[i]) * amountQ / 256, 0, 255)).ToArray();
            ImagingPipeline.ApplySharpness(image, sharpness, new ParallelOptions());
        }
        Assert.Equal(expected, image.Pixels);
        Assert.NotEqual(src, image.Pixels);
    }

    [Theory]
    [InlineData(1, 3, 0.25, 1)]
    [InlineData(2, 40, 0.1, 2)]
    [InlineData(37, 23, 0.25, 3)]
    [InlineData(101, 70, 0.17, 2)]
    public void Three_tap_blur_matches_its_formula(int w, int h, double weight, int passes)
    {
        var px = new byte[w * h * 3];
        new Random(w + 31 * h).NextBytes(px);
        var expected = (byte[])px.Clone();
        int wq = (int)Math.Round(weight * 256), centre = 256 - 2 * wq, stride = w * 3;
        for (int pass = 0; pass < passes; pass++)
        {
            var temp = new byte[expected.Length];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int c = 0; c < 3; c++)
                        temp[y * stride + 3 * x + c] = (byte)((wq * (expected[y * stride + 3 * Math.Max(x - 1, 0) + c] + expected[y * stride + 3 * Math.Min(x + 1, w - 1) + c])
                            + centre * expected[y * stride + 3 * x + c] + 128) >> 8);
            for (int y = 0; y < h; y++)
                for (int i = 0; i < stride; i++)
                    expected[y * stride + i] = (byte)((wq * (temp[Math.Max(y - 1, 0) * stride + i] + temp[Math.Min(y + 1, h - 1) * stride + i])
                        + centre * temp[y * stride + i] + 128) >> 8);
        }
        BoxBlur.ApplyThreeTap(px, w, h, weight, passes);
        Assert.Equal(expected, px);
    }

    [Fact]
    public void Three_tap_blur_keeps_flat_areas_and_softens_a_step()
    {
        int w = 20, h = 4;
        var px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) for (int x = 10; x < w; x++) for (int c = 0; c < 3; c++) px[(y * w + x) * 3 + c] = 200;
        BoxBlur.ApplyThreeTap(px, w, h, 0.25, 1);
        Assert.Equal(0, px[(1 * w + 2) * 3]);
        Assert.Equal(200, px[(1 * w + 17) * 3]);
        Assert.Equal(50, px[(1 * w + 9) * 3]);
        Assert.Equal(150, px[(1 * w + 10) * 3]);
    }
}
