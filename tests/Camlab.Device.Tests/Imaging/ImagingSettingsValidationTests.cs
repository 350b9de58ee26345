using Camlab.Device.Imaging;

namespace Camlab.Device.Tests.Imaging;

public class ImagingSettingsValidationTests
{
    /// <summary>A numeric parameter of VideoSource_1: how to set it, its range in the options, its field name.</summary>
    public sealed record Parameter(string Field, Func<ImagingOptions, FloatRange> Range, Func<ImagingSettings, float, ImagingSettings> Set)
    {
        public override string ToString() => Field;
    }

    private static readonly ImagingSettings Factory = DefaultImagingSources.CreateDome().FactorySettings!;

    public static readonly Parameter[] DomeParameters =
    [
        new("Brightness", o => o.Brightness!, (s, v) => s with { Brightness = v }),
        new("ColorSaturation", o => o.ColorSaturation!, (s, v) => s with { ColorSaturation = v }),
        new("Contrast", o => o.Contrast!, (s, v) => s with { Contrast = v }),
        new("Sharpness", o => o.Sharpness!, (s, v) => s with { Sharpness = v }),
        new("BacklightCompensation/Level", o => o.BacklightCompensation!.Level!, (s, v) => s with { BacklightCompensation = new(BacklightCompensationMode.ON, v) }),
        new("WideDynamicRange/Level", o => o.WideDynamicRange!.Level!, (s, v) => s with { WideDynamicRange = new(WideDynamicMode.ON, v) }),
        new("WhiteBalance/CrGain", o => o.WhiteBalance!.YrGain!, (s, v) => s with { WhiteBalance = new(WhiteBalanceMode.MANUAL, v, 100f) }),
        new("WhiteBalance/CbGain", o => o.WhiteBalance!.YbGain!, (s, v) => s with { WhiteBalance = new(WhiteBalanceMode.MANUAL, 100f, v) }),
        // Each limit is tested with its partner at the far end of its range so that Min <= Max holds.
        new("Exposure/MinExposureTime", o => o.Exposure!.MinExposureTime!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinExposureTime: v, MaxExposureTime: 40000f) }),
        new("Exposure/MaxExposureTime", o => o.Exposure!.MaxExposureTime!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinExposureTime: 10f, MaxExposureTime: v) }),
        new("Exposure/MinGain", o => o.Exposure!.MinGain!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinGain: v, MaxGain: 48f) }),
        new("Exposure/MaxGain", o => o.Exposure!.MaxGain!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinGain: 0f, MaxGain: v) }),
        new("Exposure/MinIris", o => o.Exposure!.MinIris!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinIris: v, MaxIris: 22f) }),
        new("Exposure/MaxIris", o => o.Exposure!.MaxIris!, (s, v) => s with { Exposure = new(ExposureMode.AUTO, MinIris: 0f, MaxIris: v) }),
        new("Exposure/ExposureTime", o => o.Exposure!.ExposureTime!, (s, v) => s with { Exposure = new(ExposureMode.MANUAL, ExposureTime: v) }),
        new("Exposure/Gain", o => o.Exposure!.Gain!, (s, v) => s with { Exposure = new(ExposureMode.MANUAL, Gain: v) }),
        new("Exposure/Iris", o => o.Exposure!.Iris!, (s, v) => s with { Exposure = new(ExposureMode.MANUAL, Iris: v) }),
        new("Focus/DefaultSpeed", o => o.Focus!.DefaultSpeed, (s, v) => s with { Focus = new(AutoFocusMode.MANUAL, DefaultSpeed: v) }),
        new("Focus/NearLimit", o => o.Focus!.NearLimit, (s, v) => s with { Focus = new(AutoFocusMode.AUTO, NearLimit: v, FarLimit: 10000f) }),
        new("Focus/FarLimit", o => o.Focus!.FarLimit, (s, v) => s with { Focus = new(AutoFocusMode.AUTO, NearLimit: 1.5f, FarLimit: v) }),
        new("ImageStabilization/Level", o => o.ImageStabilization!.Level!, (s, v) => s with { ImageStabilization = new(ImageStabilizationMode.ON, v) }),
        new("ToneCompensation/Level", _ => ImagingSettingsValidator.Normalised, (s, v) => s with { ToneCompensation = new(ToneCompensationMode.ON, v) }),
        new("Defogging/Level", _ => ImagingSettingsValidator.Normalised, (s, v) => s with { Defogging = new(DefoggingMode.ON, v) }),
        new("NoiseReduction/Level", _ => ImagingSettingsValidator.Normalised, (s, v) => s with { NoiseReduction = new(v) }),
        new("IrCutFilterAutoAdjustment/BoundaryOffset", _ => ImagingSettingsValidator.BoundaryOffsetRange,
            (s, v) => s with { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOn, v)] }),
    ];

    public static TheoryData<Parameter> Parameters() => new(DomeParameters);

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Both_ends_of_every_range_are_accepted(Parameter p)
    {
        var fixture = new ImagingFixture();
        var range = p.Range(fixture.DomeSource.Options);
        foreach (var value in new[] { range.Min, range.Max })
        {
            fixture.DomeSource.SetSettings(p.Set(new ImagingSettings(), value));
            Assert.Equal(value, Read(fixture.DomeSource.Settings, p.Field));
        }
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void The_nearest_float_outside_either_end_is_rejected_naming_the_field_and_changing_nothing(Parameter p)
    {
        var fixture = new ImagingFixture();
        var range = p.Range(fixture.DomeSource.Options);
        var before = fixture.DomeSource.Settings;
        var stored = fixture.Store.Read("imaging/VideoSource_1.json");
        foreach (var value in new[] { MathF.BitDecrement(range.Min), MathF.BitIncrement(range.Max), float.NaN })
        {
            var ex = ImagingAssert.Throws(ImagingError.SettingsInvalid, () => fixture.DomeSource.SetSettings(p.Set(new ImagingSettings(), value)));
            Assert.Equal(p.Field, ex.Field);
            Assert.True(before.SameAs(fixture.DomeSource.Settings));
            Assert.Equal(stored, fixture.Store.Read("imaging/VideoSource_1.json"));
        }
    }

    [Fact]
    public void Every_parameter_of_the_options_is_covered_by_the_boundary_tests()
    {
        // Guards the list above: a new range in the options must get its boundary test.
        var fields = DomeParameters.Select(p => p.Field).ToHashSet();
        foreach (var f in new[] { "Brightness", "ColorSaturation", "Contrast", "Sharpness", "Exposure/MinExposureTime", "Exposure/Iris", "Focus/FarLimit", "NoiseReduction/Level" })
            Assert.Contains(f, fields);
        Assert.Equal(25, fields.Count);
    }

    [Fact]
    public void Response_time_boundaries_are_inclusive_and_one_tick_outside_is_rejected()
    {
        var source = new ImagingFixture().DomeSource;
        var range = source.Options.IrCutFilterAutoAdjustment!.ResponseTimeRange!;
        foreach (var t in new[] { range.Min, range.Max })
            source.SetSettings(new ImagingSettings { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, 0f, t)] });
        foreach (var t in new[] { range.Min - TimeSpan.FromTicks(1), range.Max + TimeSpan.FromTicks(1) })
        {
            var ex = ImagingAssert.Throws(ImagingError.SettingsInvalid, () =>
                source.SetSettings(new ImagingSettings { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, 0f, t)] }));
            Assert.Equal("IrCutFilterAutoAdjustment/ResponseTime", ex.Field);
        }
    }

    [Theory]
    [InlineData("Exposure/MaxExposureTime")]
    [InlineData("Exposure/MaxGain")]
    [InlineData("Exposure/MaxIris")]
    [InlineData("Focus/FarLimit")]
    public void A_maximum_below_its_minimum_is_rejected(string field)
    {
        var source = new ImagingFixture().DomeSource;
        ImagingSettings update = field switch
        {
            "Exposure/MaxExposureTime" => new() { Exposure = new(ExposureMode.AUTO, MinExposureTime: 1000f, MaxExposureTime: 999f) },
            "Exposure/MaxGain" => new() { Exposure = new(ExposureMode.AUTO, MinGain: 10f, MaxGain: 9f) },
            "Exposure/MaxIris" => new() { Exposure = new(ExposureMode.AUTO, MinIris: 5f, MaxIris: 4f) },
            _ => new() { Focus = new(AutoFocusMode.AUTO, NearLimit: 20f, FarLimit: 19f) },
        };
        Assert.Equal(field, ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(update)).Field);
        // Equal limits are a valid (fixed) range.
        source.SetSettings(new() { Exposure = new(ExposureMode.AUTO, MinGain: 10f, MaxGain: 10f) });
    }

    [Fact]
    public void A_new_minimum_above_the_kept_maximum_is_rejected_because_the_merged_result_is_checked()
    {
        var source = new ImagingFixture().DomeSource; // MaxGain 36 dB by factory
        var ex = ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(new() { Exposure = new(ExposureMode.AUTO, MinGain: 40f) }));
        Assert.Equal("Exposure/MaxGain", ex.Field);
    }

    [Theory]
    [InlineData(0f, 0f, 1f, 1f, true)]
    [InlineData(0.25f, 0.25f, 0.75f, 0.5f, true)]
    [InlineData(-0.01f, 0f, 1f, 1f, false)]
    [InlineData(0f, 0f, 1.01f, 1f, false)]
    [InlineData(0.5f, 0f, 0.5f, 1f, false)]
    [InlineData(0f, 0.6f, 1f, 0.4f, false)]
    [InlineData(0f, 0f, 1f, 1.0001f, false)]
    public void Exposure_window_must_lie_inside_the_picture(float left, float top, float right, float bottom, bool valid)
    {
        var source = new ImagingFixture().DomeSource;
        var update = new ImagingSettings { Exposure = new(ExposureMode.AUTO, Window: new(left, top, right, bottom)) };
        if (valid) { source.SetSettings(update); Assert.Equal(new ExposureWindow(left, top, right, bottom), source.Settings.Exposure!.Window); }
        else Assert.Equal("Exposure/Window", ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(update)).Field);
    }

    public static TheoryData<string, ImagingSettings> WideUnsupported() => new()
    {
        { "Focus", new() { Focus = new(AutoFocusMode.AUTO) } },
        { "Exposure/Iris", new() { Exposure = new(ExposureMode.MANUAL, Iris: 0f) } },
        { "Exposure/MinIris", new() { Exposure = new(ExposureMode.AUTO, MinIris: 0f) } },
        { "Exposure/Priority", new() { Exposure = new(ExposureMode.AUTO, ExposurePriority.LowNoise) } },
        { "ImageStabilization", new() { ImageStabilization = new(ImageStabilizationMode.OFF) } },
        { "Defogging", new() { Defogging = new(DefoggingMode.OFF) } },
        { "ToneCompensation/Mode", new() { ToneCompensation = new(ToneCompensationMode.AUTO) } },
        { "ToneCompensation/Level", new() { ToneCompensation = new(ToneCompensationMode.ON, 0.5f) } },
        { "IrCutFilterAutoAdjustment/BoundaryType", new() { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOn)] } },
        { "IrCutFilterAutoAdjustment/BoundaryOffset", new() { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, 0f)] } },
    };

    [Theory]
    [MemberData(nameof(WideUnsupported))]
    public void A_parameter_or_mode_the_source_does_not_offer_is_rejected(string field, ImagingSettings update)
    {
        var source = new ImagingFixture().WideSource;
        var before = source.Settings;
        Assert.Equal(field, ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(update)).Field);
        Assert.True(before.SameAs(source.Settings));
    }

    [Fact]
    public void Auto_adjustment_boundaries_may_not_repeat_nor_mix_common_with_a_single_boundary()
    {
        var source = new ImagingFixture().DomeSource;
        source.SetSettings(new() { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOn, -1f), new(IrCutFilterAutoBoundaryType.ToOff, 1f)] });
        Assert.Equal(2, source.Settings.IrCutFilterAutoAdjustment!.Count);
        ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(new() { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOn), new(IrCutFilterAutoBoundaryType.ToOn)] }));
        ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(new() { IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common), new(IrCutFilterAutoBoundaryType.ToOff)] }));
    }

    private static float? Read(ImagingSettings s, string field) => field switch
    {
        "Brightness" => s.Brightness,
        "ColorSaturation" => s.ColorSaturation,
        "Contrast" => s.Contrast,
        "Sharpness" => s.Sharpness,
        "BacklightCompensation/Level" => s.BacklightCompensation!.Level,
        "WideDynamicRange/Level" => s.WideDynamicRange!.Level,
        "WhiteBalance/CrGain" => s.WhiteBalance!.CrGain,
        "WhiteBalance/CbGain" => s.WhiteBalance!.CbGain,
        "Exposure/MinExposureTime" => s.Exposure!.MinExposureTime,
        "Exposure/MaxExposureTime" => s.Exposure!.MaxExposureTime,
        "Exposure/MinGain" => s.Exposure!.MinGain,
        "Exposure/MaxGain" => s.Exposure!.MaxGain,
        "Exposure/MinIris" => s.Exposure!.MinIris,
        "Exposure/MaxIris" => s.Exposure!.MaxIris,
        "Exposure/ExposureTime" => s.Exposure!.ExposureTime,
        "Exposure/Gain" => s.Exposure!.Gain,
        "Exposure/Iris" => s.Exposure!.Iris,
        "Focus/DefaultSpeed" => s.Focus!.DefaultSpeed,
        "Focus/NearLimit" => s.Focus!.NearLimit,
        "Focus/FarLimit" => s.Focus!.FarLimit,
        "ImageStabilization/Level" => s.ImageStabilization!.Level,
        "ToneCompensation/Level" => s.ToneCompensation!.Level,
        "Defogging/Level" => s.Defogging!.Level,
        "NoiseReduction/Level" => s.NoiseReduction!.Level,
        "IrCutFilterAutoAdjustment/BoundaryOffset" => s.IrCutFilterAutoAdjustment![0].BoundaryOffset,
        _ => throw new ArgumentException(field),
    };

    [Fact]
    public void Factory_settings_are_complete_for_what_the_options_offer()
    {
        foreach (var d in DefaultImagingSources.Create())
        {
            var s = d.FactorySettings!;
            var o = d.Options!;
            Assert.Equal(o.Focus is null, s.Focus is null);
            Assert.Equal(o.ImageStabilization is null, s.ImageStabilization is null);
            Assert.Equal(o.Defogging is null, s.Defogging is null);
            Assert.Equal(o.Exposure!.Iris is null, s.Exposure!.Iris is null);
            Assert.NotNull(s.NoiseReduction);
            ImagingSettingsValidator.Validate(s, o);
        }
        _ = Factory;
    }
}
