using Camlab.Rendering;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering.Tests;

/// <summary>Each imaging setting moves the measured statistics of the picture the way the setting means.</summary>
public class ImagingTests
{
    private static readonly PerspectiveProjection Camera = PerspectiveProjection.FromHorizontalFov(320, 180, 60);
    private static readonly ViewPose Pose = new(10, -3);

    private static RgbImage Render(ImagingParameters p, ulong seed = 1, ViewPose? pose = null) =>
        SceneFixture.Renderer.Render(new RenderRequest(Camera, pose ?? Pose, 320, 180) { Imaging = p, NoiseSeed = seed });

    private static FrameStatistics Stats(ImagingParameters p) => FrameStatistics.Compute(Render(p));

    /// <summary>Temporal noise: mean absolute difference of two frames that differ only by their noise seed.</summary>
    private static double Noise(ImagingParameters p) => MotionMeasure.MeanAbsoluteDifference(Render(p, 1), Render(p, 2));

    private static readonly ImagingParameters Neutral = ImagingParameters.Neutral;

    [Fact]
    public void Same_settings_and_seed_render_the_same_pixels()
    {
        Assert.Equal(Render(Neutral, 7).Pixels, Render(Neutral, 7).Pixels);
        Assert.NotEqual(Render(Neutral, 7).Pixels, Render(Neutral, 8).Pixels);
    }

    [Fact]
    public void Longer_exposure_brightens_without_adding_noise_and_shorter_darkens()
    {
        double baseline = Stats(Neutral).MeanLuma;
        Assert.True(Stats(Neutral with { ExposureTimeUs = 20_000 }).MeanLuma > baseline + 10);
        Assert.True(Stats(Neutral with { ExposureTimeUs = 5_000 }).MeanLuma < baseline - 10);
    }

    [Fact]
    public void Gain_brightens_like_exposure_but_with_more_noise()
    {
        // +12 dB ≈ ×4 signal; the same brightness from a 4× longer exposure stays clean.
        var byGain = Neutral with { GainDb = 12, ExposureTimeUs = 2_500 };
        var byTime = Neutral with { ExposureTimeUs = 10_000 };
        Assert.InRange(Stats(byGain).MeanLuma - Stats(byTime).MeanLuma, -2, 2);
        Assert.True(Noise(byGain) > 2 * Noise(byTime), $"{Noise(byGain)} vs {Noise(byTime)}");
        Assert.True(Stats(Neutral with { GainDb = 6 }).MeanLuma > Stats(Neutral).MeanLuma + 10);
    }

    [Fact]
    public void Closing_the_iris_darkens()
    {
        Assert.True(Stats(Neutral with { IrisDb = 6 }).MeanLuma < Stats(Neutral).MeanLuma - 10);
    }

    [Fact]
    public void Brightness_shifts_the_mean_level()
    {
        double baseline = Stats(Neutral).MeanLuma;
        Assert.True(Stats(Neutral with { Brightness = 0.3 }).MeanLuma > baseline + 20);
        Assert.True(Stats(Neutral with { Brightness = -0.3 }).MeanLuma < baseline - 20);
    }

    [Fact]
    public void Contrast_scales_the_spread_of_levels()
    {
        double baseline = Stats(Neutral).LumaStdDev;
        Assert.True(Stats(Neutral with { Contrast = 1.5 }).LumaStdDev > baseline * 1.2);
        Assert.True(Stats(Neutral with { Contrast = 0.5 }).LumaStdDev < baseline * 0.7);
    }

    [Fact]
    public void Saturation_scales_colourfulness()
    {
        double baseline = Stats(Neutral).MeanChroma;
        Assert.True(Stats(Neutral with { Saturation = 2 }).MeanChroma > baseline * 1.5);
        Assert.True(Stats(Neutral with { Saturation = 0 }).MeanChroma < 1.5);
    }

    [Fact]
    public void Sharpness_raises_the_focus_measure()
    {
        double baseline = FocusMeasure.VarianceOfLaplacian(Render(Neutral));
        Assert.True(FocusMeasure.VarianceOfLaplacian(Render(Neutral with { Sharpness = 2 })) > baseline * 2);
    }

    [Fact]
    public void White_balance_gains_tint_red_and_blue()
    {
        var baseline = Stats(Neutral);
        var red = Stats(Neutral with { WhiteBalanceRedGain = 1.5 });
        var blue = Stats(Neutral with { WhiteBalanceBlueGain = 1.5 });
        Assert.True(red.MeanRed / red.MeanGreen > baseline.MeanRed / baseline.MeanGreen * 1.1);
        Assert.True(blue.MeanBlue / blue.MeanGreen > baseline.MeanBlue / baseline.MeanGreen * 1.1);
        Assert.InRange(red.MeanGreen - baseline.MeanGreen, -1, 1);
    }

    [Fact]
    public void Backlight_compensation_lifts_the_shadows_and_keeps_white()
    {
        var baseline = Stats(Neutral);
        var blc = Stats(Neutral with { BacklightCompensation = 1 });
        Assert.True(blc.Percentile(0.1) > baseline.Percentile(0.1) + 15);
        Assert.True(blc.Percentile(0.999) >= baseline.Percentile(0.999) - 1);
    }

    [Fact]
    public void Wide_dynamic_range_compresses_the_range_between_shadows_and_highlights()
    {
        var baseline = Stats(Neutral);
        var wdr = Stats(Neutral with { WideDynamicRange = 1 });
        Assert.True(wdr.Percentile(0.05) > baseline.Percentile(0.05) + 15);
        Assert.True(wdr.Percentile(0.95) - wdr.Percentile(0.05) < baseline.Percentile(0.95) - baseline.Percentile(0.05) - 10);
    }

    [Fact]
    public void Tone_compensation_adds_mid_tone_contrast()
    {
        Assert.True(Stats(Neutral with { ToneCompensation = 1 }).LumaStdDev > Stats(Neutral).LumaStdDev * 1.1);
    }

    [Fact]
    public void Defog_removes_the_veil_darker_and_more_contrasted()
    {
        var baseline = Stats(Neutral);
        var defog = Stats(Neutral with { Defog = 1 });
        Assert.True(defog.MeanLuma < baseline.MeanLuma - 10);
        Assert.True(defog.LumaStdDev > baseline.LumaStdDev * 1.15);
    }

    [Fact]
    public void Noise_reduction_lowers_the_noise_of_a_high_gain_picture()
    {
        var noisy = Neutral with { GainDb = 24, ExposureTimeUs = 700 };
        double before = Noise(noisy), after = Noise(noisy with { NoiseReduction = 1 });
        Assert.True(after < before * 0.6, $"{after} vs {before}");
    }

    [Fact]
    public void Night_mode_is_monochrome()
    {
        var night = Render(Neutral with { NightMode = true });
        for (int i = 0; i < night.Pixels.Length; i += 3)
        {
            Assert.Equal(night.Pixels[i], night.Pixels[i + 1]);
            Assert.Equal(night.Pixels[i], night.Pixels[i + 2]);
        }
    }

    [Fact]
    public void The_ir_lamp_lights_the_near_ground_in_night_mode_only()
    {
        var dark = Neutral with { NightMode = true, AmbientLight = 0.03 };
        var down = new ViewPose(0, -35);
        var off = FrameStatistics.Compute(Render(dark, pose: down));
        var on = FrameStatistics.Compute(Render(dark with { IrLamp = 1 }, pose: down));
        Assert.True(on.MeanLuma > off.MeanLuma + 40, $"{on.MeanLuma} vs {off.MeanLuma}");
        // With the IR cut filter in (day mode) the sensor does not see the lamp.
        var dayDark = Neutral with { AmbientLight = 0.03 };
        Assert.InRange(FrameStatistics.Compute(Render(dayDark with { IrLamp = 1 }, pose: down)).MeanLuma - FrameStatistics.Compute(Render(dayDark, pose: down)).MeanLuma, -0.5, 0.5);
        // The sky (infinitely far) is not lit: looking up, the lamp changes nothing.
        var up = new ViewPose(0, 45);
        Assert.InRange(FrameStatistics.Compute(Render(dark with { IrLamp = 1 }, pose: up)).MeanLuma - FrameStatistics.Compute(Render(dark, pose: up)).MeanLuma, -0.5, 0.5);
    }

    [Fact]
    public void Defocus_lowers_the_focus_measure_and_focusing_at_the_view_restores_it()
    {
        var pose = new ViewPose(0, -20);
        double inFocus = SceneFixture.Renderer.InFocusDioptres(Camera, pose);
        // Looking 20° down from 8 m: the ground 8/sin 20° = 23.4 m away along the optical axis.
        Assert.InRange(1 / inFocus, 23.3, 23.5);
        double sharp = FocusMeasure.VarianceOfLaplacian(Render(Neutral, pose: pose));
        double slightly = FocusMeasure.VarianceOfLaplacian(Render(Neutral with { FocusDioptres = inFocus + 1 }, pose: pose));
        double badly = FocusMeasure.VarianceOfLaplacian(Render(Neutral with { FocusDioptres = inFocus + 4 }, pose: pose));
        double refocused = FocusMeasure.VarianceOfLaplacian(Render(Neutral with { FocusDioptres = inFocus }, pose: pose));
        Assert.True(slightly < sharp * 0.8, $"{slightly} vs {sharp}");
        Assert.True(badly < slightly * 0.5, $"{badly} vs {slightly}");
        Assert.Equal(sharp, refocused, 6);
    }

    [Theory]
    [InlineData(1920, 1080, 60)]
    [InlineData(1920, 1080, 20)]
    [InlineData(1920, 1080, 2.5)]
    [InlineData(3840, 2160, 10)]
    public void Blur_diameter_follows_the_thin_lens_at_any_pixel_size(int width, int height, double hfovDeg)
    {
        // Neighbouring rays of a narrow 1080p view are closer than a float dot product resolves: the pixel angle
        // once came out 0 and the blur infinite (the render never ended).
        var camera = PerspectiveProjection.FromHorizontalFov(width, height, hfovDeg);
        var pose = new ViewPose(0, -20);
        double inFocus = SceneFixture.Renderer.InFocusDioptres(camera, pose);
        var imaging = Neutral with { FocusDioptres = inFocus + 0.5 };
        double blur = SceneFixture.Renderer.FocusBlurDiameterPx(new RenderRequest(camera, pose, width, height) { Imaging = imaging });
        double focalPx = width / 2.0 / Math.Tan(hfovDeg / 2 * Math.PI / 180);
        double expected = imaging.EffectiveApertureM * 0.5 * focalPx;
        Assert.Equal(expected, blur, expected * 1e-3);
    }

    [Fact]
    public void A_lens_within_rounding_of_the_in_focus_position_renders_the_in_focus_picture()
    {
        // Auto-focus settles within rounding of the in-focus position: a blur of a millionth of a pixel must not
        // change a pixel (the moving car is in this view, painted after the sensor stage either way).
        var pose = new ViewPose(0, -20);
        double inFocus = SceneFixture.Renderer.InFocusDioptres(Camera, pose);
        var almost = Neutral with { FocusDioptres = inFocus + 1e-6 };
        Assert.InRange(SceneFixture.Renderer.FocusBlurDiameterPx(new RenderRequest(Camera, pose, 320, 180) { Imaging = almost }), 1e-9, 1e-3);
        Assert.Equal(Render(Neutral, pose: pose).Pixels, Render(almost, pose: pose).Pixels);
    }

    [Fact]
    public void Blur_grows_with_defocus_aperture_and_zoom()
    {
        var pose = new ViewPose(0, -20);
        double inFocus = SceneFixture.Renderer.InFocusDioptres(Camera, pose);
        double Blur(ICameraProjection cam, ImagingParameters p) =>
            SceneFixture.Renderer.FocusBlurDiameterPx(new RenderRequest(cam, pose, 320, 180) { Imaging = p });
        var defocused = Neutral with { FocusDioptres = inFocus + 1 };
        Assert.Equal(0, Blur(Camera, Neutral));
        Assert.True(Blur(Camera, defocused with { FocusDioptres = inFocus + 2 }) > 1.9 * Blur(Camera, defocused));
        Assert.True(Blur(Camera, defocused with { IrisDb = 12 }) < Blur(Camera, defocused));
        Assert.True(Blur(PerspectiveProjection.FromHorizontalFov(320, 180, 20), defocused) > 3 * Blur(Camera, defocused));
    }
}
