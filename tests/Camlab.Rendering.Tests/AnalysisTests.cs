using Camlab.Rendering;
using Camlab.Rendering.Analysis;

namespace Camlab.Rendering.Tests;

public class AnalysisTests
{
    private static RgbImage Filled(int w, int h, byte r, byte g, byte b)
    {
        var image = new RgbImage(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.SetPixel(x, y, r, g, b);
        return image;
    }

    [Fact]
    public void Statistics_of_a_known_picture()
    {
        var image = Filled(10, 10, 100, 100, 100);
        for (int x = 0; x < 10; x++) for (int y = 0; y < 5; y++) image.SetPixel(x, y, 200, 200, 200);
        var s = FrameStatistics.Compute(image);
        Assert.Equal(150, s.MeanLuma, 6);
        Assert.Equal(50, s.LumaStdDev, 6);
        Assert.Equal(50, s.Histogram[100]);
        Assert.Equal(50, s.Histogram[200]);
        Assert.Equal(0.5, s.FractionAtOrBelow(150));
        Assert.Equal(100, s.Percentile(0.5));
        Assert.Equal(200, s.Percentile(0.51));
        Assert.Equal(0, s.MeanChroma);
        Assert.Equal(255, FrameStatistics.Compute(Filled(4, 4, 255, 0, 0)).MeanChroma);
    }

    [Fact]
    public void Focus_measure_is_zero_for_flat_and_high_for_a_checkerboard()
    {
        Assert.Equal(0, FocusMeasure.VarianceOfLaplacian(Filled(16, 16, 90, 90, 90)), 9);
        var checker = new RgbImage(16, 16);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) { byte v = (byte)(((x + y) & 1) * 255); checker.SetPixel(x, y, v, v, v); }
        Assert.True(FocusMeasure.VarianceOfLaplacian(checker) > 100_000);
    }

    [Fact]
    public void Motion_measures_count_what_changed()
    {
        var a = Filled(100, 10, 50, 50, 50);
        var b = a.Clone();
        for (int x = 0; x < 10; x++) for (int y = 0; y < 10; y++) b.SetPixel(x, y, 250, 250, 250);
        Assert.Equal(0.1, MotionMeasure.ChangedFraction(a, b), 9);
        Assert.Equal(20, MotionMeasure.MeanAbsoluteDifference(a, b), 9);
        Assert.Equal(0, MotionMeasure.MeanAbsoluteDifference(a, a.Clone()));
        Assert.Throws<ArgumentException>(() => MotionMeasure.ChangedFraction(a, new RgbImage(10, 10)));
    }
}
