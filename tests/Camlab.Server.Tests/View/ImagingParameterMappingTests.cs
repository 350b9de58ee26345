using Camlab.Device.Imaging;
using Camlab.Server.View;

namespace Camlab.Server.Tests.View;

/// <summary>The ONVIF settings → renderer parameters mapping (docs/rendering.md, "How each setting reaches the picture").</summary>
public class ImagingParameterMappingTests
{
    private static readonly VideoSourceImagingDefinition Dome = DefaultImagingSources.CreateDome();
    private static readonly ImagingSettings Factory = Dome.FactorySettings!;

    [Fact]
    public void The_factory_settings_by_day_are_the_neutral_picture_with_noise_reduction()
    {
        var p = ImagingParameterMapping.Map(Factory, Dome.Options!, 1, null, null);
        Assert.Equal(10_000, p.ExposureTimeUs, 6);
        Assert.Equal(0, p.GainDb, 6);
        Assert.Equal(0, p.IrisDb, 6);
        Assert.Equal(0, p.Brightness, 6);
        Assert.Equal(1, p.Contrast, 6);
        Assert.Equal(1, p.Saturation, 6);
        Assert.Equal(0, p.Sharpness, 6);
        Assert.False(p.NightMode);
        Assert.Equal(0.5, p.NoiseReduction, 6);
    }

    [Fact]
    public void Ranges_map_piecewise_onto_the_renderer_ranges()
    {
        var p = ImagingParameterMapping.Map(Factory with { Brightness = 100, Contrast = 0, ColorSaturation = 75, Sharpness = 100 }, Dome.Options!, 1, null, null);
        Assert.Equal(1, p.Brightness, 6);
        Assert.Equal(0, p.Contrast, 6);
        Assert.Equal(2, p.Saturation, 6);
        Assert.Equal(4, p.Sharpness, 6);
        var wb = ImagingParameterMapping.Map(Factory with { WhiteBalance = new(WhiteBalanceMode.MANUAL, 255, 0) }, Dome.Options!, 1, null, null);
        Assert.Equal(4, wb.WhiteBalanceRedGain, 6);
        Assert.Equal(0.25, wb.WhiteBalanceBlueGain, 6);
    }

    [Fact]
    public void Auto_exposure_spends_time_then_gain_in_the_dark_and_iris_in_bright_light()
    {
        var dark = ImagingParameterMapping.Map(Factory, Dome.Options!, 0.1, null, null);
        Assert.Equal(33_333, dark.ExposureTimeUs, 0);
        Assert.Equal(20 * Math.Log10(100_000 / 33_333.0), dark.GainDb, 3);
        var bright = ImagingParameterMapping.Map(Factory, Dome.Options!, 10, null, null);
        Assert.Equal(1000, bright.ExposureTimeUs, 6);
        // With the time held at 1 ms or longer, bright sun (×100) closes the iris by the remaining 20 dB.
        var sun = ImagingParameterMapping.Map(Factory with { Exposure = Factory.Exposure! with { MinExposureTime = 1000 } }, Dome.Options!, 100, null, null);
        Assert.Equal(1000, sun.ExposureTimeUs, 6);
        Assert.Equal(20, sun.IrisDb, 6);
        Assert.Equal(1, sun.ExposureFactor, 6);
        Assert.Equal(1, dark.ExposureFactor, 3);
    }

    [Fact]
    public void IR_cut_AUTO_follows_the_light_and_the_lamp_only_lights_a_night_picture()
    {
        Assert.False(ImagingParameterMapping.Map(Factory, Dome.Options!, 0.2, "On", null).NightMode);
        var night = ImagingParameterMapping.Map(Factory, Dome.Options!, 0.05, "Auto", null);
        Assert.True(night.NightMode);
        Assert.Equal(1, night.IrLamp);
        Assert.Equal(0, ImagingParameterMapping.Map(Factory, Dome.Options!, 1, "Auto", null).IrLamp);
        Assert.True(ImagingParameterMapping.Map(Factory with { IrCutFilter = IrCutFilterMode.OFF }, Dome.Options!, 1, null, null).NightMode);
        // A boundary offset of −1 moves the switch to ten times darker.
        var later = Factory with { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, -1f, TimeSpan.Zero)] };
        Assert.False(ImagingParameterMapping.Map(later, Dome.Options!, 0.05, null, null).NightMode);
    }
}
