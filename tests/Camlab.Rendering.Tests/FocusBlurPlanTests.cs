using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering.Tests;

/// <summary>
/// The defocus blur is made of a bounded number of passes whatever the diameter, and adds the Gaussian's variance.
/// (A blur built from 3-tap passes for the remainder needed up to four passes per pixel of radius; an infinite
/// diameter looped forever and stalled every stream of a zoomed-in, defocused camera.)
/// </summary>
public class FocusBlurPlanTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(25)]
    [InlineData(120)]
    [InlineData(999)]
    [InlineData(3000)]
    public void The_plan_adds_the_variance_of_a_Gaussian_of_a_quarter_diameter_in_few_passes(double diameter)
    {
        var plan = FocusBlurPlan.For(diameter, 1920, 1080);
        Assert.Equal(diameter * diameter / 16, plan.Variance, 6);
        Assert.InRange(plan.ThreeTapWeight, 0, 0.25);
        Assert.InRange(plan.ThreeTapPasses, 0, 2);
        Assert.True(plan.PassCount <= 12, $"{plan.PassCount} passes for a {diameter} px blur: {plan}");
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e12)]
    [InlineData(1e6)]
    public void A_blur_wider_than_twice_the_picture_is_rendered_at_that_width(double diameter)
    {
        var plan = FocusBlurPlan.For(diameter, 1920, 1080);
        var capped = FocusBlurPlan.MaxDiameterPx(1920, 1080);
        Assert.Equal(capped * capped / 16, plan.Variance, 6);
        Assert.True(plan.PassCount <= 12, plan.ToString());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(0.3)]
    public void No_or_a_negligible_defocus_leaves_the_picture_sharp(double diameter)
    {
        var plan = FocusBlurPlan.For(diameter, 1920, 1080);
        Assert.Equal(0, plan.PassCount);
    }

    [Fact]
    public void Variance_grows_with_the_diameter_without_jumps()
    {
        double previous = 0;
        for (double d = 0.5; d < 200; d += 0.25)
        {
            double v = FocusBlurPlan.For(d, 640, 360).Variance;
            Assert.True(v >= previous, $"variance fell at {d} px");
            previous = v;
        }
    }
}
