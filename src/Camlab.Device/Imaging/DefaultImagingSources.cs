namespace Camlab.Device.Imaging;

/// <summary>
/// The image processors of a camera's video sources (docs/imaging.md lists every range and default), by the
/// source's <see cref="VideoSourceKind"/>: a dome source has a motorised focus, P-iris and stabiliser; a wide
/// source a fixed-focus, fixed-iris lens (no focus, no iris, no stabiliser, no defogging; tone compensation
/// without level; one IR cut boundary without offset). A source defined without imaging has none.
/// </summary>
public static class DefaultImagingSources
{
    /// <summary>The first dome source of the default camera.</summary>
    public static string Dome => CameraDefinition.Default.VideoSources.First(s => s.Kind == VideoSourceKind.Dome).Token;

    /// <summary>The first wide source of the default camera.</summary>
    public static string Wide => CameraDefinition.Default.VideoSources.First(s => s.Kind == VideoSourceKind.Wide).Token;

    public static IReadOnlyList<VideoSourceImagingDefinition> Create() => Create(CameraDefinition.Default);

    public static IReadOnlyList<VideoSourceImagingDefinition> Create(CameraDefinition definition) =>
        definition.VideoSources.Select(s => !s.Imaging ? VideoSourceImagingDefinition.WithoutImaging(s.Token)
            : s.Kind == VideoSourceKind.Dome ? CreateDome(s.Token) : CreateWide(s.Token)).ToArray();

    private static readonly FloatRange Percent = new(0f, 100f);

    public static VideoSourceImagingDefinition CreateDome() => CreateDome(Dome);

    public static VideoSourceImagingDefinition CreateDome(string token)
    {
        var lens = new FocusLens(MinimumFocusDistance: 1.5, MaxSpeed: 1.0, Acceleration: 4.0, SceneDistance: 30.0, InitialPosition: 0.95);
        var options = new ImagingOptions
        {
            BacklightCompensation = new([BacklightCompensationMode.OFF, BacklightCompensationMode.ON], Percent),
            Brightness = Percent,
            ColorSaturation = Percent,
            Contrast = Percent,
            Exposure = new ExposureOptions(
                Modes: [ExposureMode.AUTO, ExposureMode.MANUAL],
                Priorities: [ExposurePriority.LowNoise, ExposurePriority.FrameRate],
                MinExposureTime: new(10f, 40000f), MaxExposureTime: new(10f, 40000f),
                MinGain: new(0f, 48f), MaxGain: new(0f, 48f),
                MinIris: new(0f, 22f), MaxIris: new(0f, 22f),
                ExposureTime: new(10f, 40000f), Gain: new(0f, 48f), Iris: new(0f, 22f)),
            Focus = new FocusOptions(
                AutoFocusModes: [AutoFocusMode.AUTO, AutoFocusMode.MANUAL],
                DefaultSpeed: lens.MoveOptions.AbsoluteSpeed,
                NearLimit: new(1.5f, 100f),
                FarLimit: new(1.5f, 10000f),
                OnceAfterMove: true),
            IrCutFilterModes = [IrCutFilterMode.ON, IrCutFilterMode.OFF, IrCutFilterMode.AUTO],
            Sharpness = Percent,
            WideDynamicRange = new([WideDynamicMode.OFF, WideDynamicMode.ON], Percent),
            WhiteBalance = new([WhiteBalanceMode.AUTO, WhiteBalanceMode.MANUAL], new(0f, 255f), new(0f, 255f)),
            ImageStabilization = new([ImageStabilizationMode.OFF, ImageStabilizationMode.ON, ImageStabilizationMode.AUTO], Percent),
            IrCutFilterAutoAdjustment = new(
                [IrCutFilterAutoBoundaryType.Common, IrCutFilterAutoBoundaryType.ToOn, IrCutFilterAutoBoundaryType.ToOff],
                BoundaryOffset: true,
                ResponseTimeRange: new(TimeSpan.Zero, TimeSpan.FromSeconds(30))),
            ToneCompensation = new([ToneCompensationMode.OFF, ToneCompensationMode.ON, ToneCompensationMode.AUTO], Level: true),
            Defogging = new([DefoggingMode.OFF, DefoggingMode.ON, DefoggingMode.AUTO], Level: true),
            NoiseReduction = new(Level: true),
        };
        var factory = new ImagingSettings
        {
            BacklightCompensation = new(BacklightCompensationMode.OFF, 50f),
            Brightness = 50f,
            ColorSaturation = 50f,
            Contrast = 50f,
            Exposure = new Exposure(ExposureMode.AUTO, ExposurePriority.FrameRate, new ExposureWindow(0f, 0f, 1f, 1f),
                MinExposureTime: 10f, MaxExposureTime: 33333f, MinGain: 0f, MaxGain: 36f, MinIris: 0f, MaxIris: 22f,
                ExposureTime: 10000f, Gain: 0f, Iris: 0f),
            Focus = new FocusConfiguration(AutoFocusMode.AUTO, DefaultSpeed: 0.5f, NearLimit: 1.5f, FarLimit: 10000f, OnceAfterMove: false),
            IrCutFilter = IrCutFilterMode.AUTO,
            Sharpness = 50f,
            WideDynamicRange = new(WideDynamicMode.OFF, 50f),
            WhiteBalance = new(WhiteBalanceMode.AUTO, 128f, 128f),
            ImageStabilization = new(ImageStabilizationMode.OFF, 50f),
            IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, 0f, TimeSpan.FromSeconds(5))],
            ToneCompensation = new(ToneCompensationMode.OFF, 0.5f),
            Defogging = new(DefoggingMode.OFF, 0.5f),
            NoiseReduction = new(0.5f),
        };
        var presets = new List<ImagingPreset>
        {
            new("Preset_Default", "Default", ImagingPresetTypes.Custom, factory),
            new("Preset_Indoor", "Indoor", ImagingPresetTypes.Indoor, factory with
            {
                Brightness = 55f,
                Exposure = factory.Exposure! with { Priority = ExposurePriority.LowNoise, MaxExposureTime = 40000f },
                IrCutFilter = IrCutFilterMode.ON,
                NoiseReduction = new(0.6f),
            }),
            new("Preset_Outdoor", "Outdoor", ImagingPresetTypes.ClearWeather, factory with
            {
                ColorSaturation = 55f,
                Sharpness = 60f,
                Exposure = factory.Exposure! with { MaxExposureTime = 10000f, MaxGain = 24f },
                ImageStabilization = new(ImageStabilizationMode.AUTO, 50f),
            }),
            new("Preset_Night", "Night", ImagingPresetTypes.Night, factory with
            {
                ColorSaturation = 0f,
                Exposure = factory.Exposure! with { Priority = ExposurePriority.LowNoise, MaxExposureTime = 40000f, MaxGain = 48f },
                IrCutFilter = IrCutFilterMode.OFF,
                NoiseReduction = new(0.8f),
            }),
            new("Preset_Backlight", "Backlight", ImagingPresetTypes.WDR, factory with
            {
                BacklightCompensation = new(BacklightCompensationMode.ON, 60f),
                WideDynamicRange = new(WideDynamicMode.ON, 70f),
                ToneCompensation = new(ToneCompensationMode.AUTO, 0.5f),
            }),
            new("Preset_Fog", "Fog", ImagingPresetTypes.Fog, factory with
            {
                Contrast = 60f,
                Defogging = new(DefoggingMode.ON, 0.8f),
                IrCutFilter = IrCutFilterMode.ON,
            }),
            new("Preset_FlickerFree50", "Flicker-free 50 Hz", ImagingPresetTypes.FlickerFree50, factory with
            {
                // Multiples of 10 ms integrate whole periods of 100 Hz light flicker.
                Exposure = factory.Exposure! with { MinExposureTime = 10000f, MaxExposureTime = 10000f, ExposureTime = 10000f },
            }),
        };
        return new VideoSourceImagingDefinition(token, options, factory, presets, lens);
    }

    public static VideoSourceImagingDefinition CreateWide() => CreateWide(Wide);

    public static VideoSourceImagingDefinition CreateWide(string token)
    {
        var options = new ImagingOptions
        {
            BacklightCompensation = new([BacklightCompensationMode.OFF, BacklightCompensationMode.ON], Percent),
            Brightness = Percent,
            ColorSaturation = Percent,
            Contrast = Percent,
            // Fixed iris, and the encoder of this sensor runs at a fixed frame rate: a single priority (read-only).
            Exposure = new ExposureOptions(
                Modes: [ExposureMode.AUTO, ExposureMode.MANUAL],
                Priorities: [ExposurePriority.FrameRate],
                MinExposureTime: new(30f, 33333f), MaxExposureTime: new(30f, 33333f),
                MinGain: new(0f, 36f), MaxGain: new(0f, 36f),
                MinIris: null, MaxIris: null,
                ExposureTime: new(30f, 33333f), Gain: new(0f, 36f), Iris: null),
            Focus = null,
            IrCutFilterModes = [IrCutFilterMode.ON, IrCutFilterMode.OFF, IrCutFilterMode.AUTO],
            Sharpness = Percent,
            WideDynamicRange = new([WideDynamicMode.OFF, WideDynamicMode.ON], Percent),
            WhiteBalance = new([WhiteBalanceMode.AUTO, WhiteBalanceMode.MANUAL], new(0f, 255f), new(0f, 255f)),
            ImageStabilization = null,
            IrCutFilterAutoAdjustment = new([IrCutFilterAutoBoundaryType.Common], BoundaryOffset: false,
                ResponseTimeRange: new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60))),
            ToneCompensation = new([ToneCompensationMode.OFF, ToneCompensationMode.ON], Level: false),
            Defogging = null,
            NoiseReduction = new(Level: true),
        };
        var factory = new ImagingSettings
        {
            BacklightCompensation = new(BacklightCompensationMode.OFF, 50f),
            Brightness = 50f,
            ColorSaturation = 50f,
            Contrast = 50f,
            Exposure = new Exposure(ExposureMode.AUTO, ExposurePriority.FrameRate, new ExposureWindow(0f, 0f, 1f, 1f),
                MinExposureTime: 30f, MaxExposureTime: 33333f, MinGain: 0f, MaxGain: 30f,
                ExposureTime: 10000f, Gain: 0f),
            IrCutFilter = IrCutFilterMode.AUTO,
            Sharpness = 50f,
            WideDynamicRange = new(WideDynamicMode.ON, 40f),
            WhiteBalance = new(WhiteBalanceMode.AUTO, 128f, 128f),
            IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.Common, null, TimeSpan.FromSeconds(10))],
            ToneCompensation = new(ToneCompensationMode.OFF),
            NoiseReduction = new(0.4f),
        };
        var presets = new List<ImagingPreset>
        {
            new("Preset_Default", "Default", ImagingPresetTypes.Custom, factory),
            new("Preset_Indoor", "Indoor", ImagingPresetTypes.Indoor, factory with
            {
                Brightness = 55f, IrCutFilter = IrCutFilterMode.ON, WideDynamicRange = new(WideDynamicMode.OFF, 40f),
            }),
            new("Preset_Outdoor", "Outdoor", ImagingPresetTypes.ClearWeather, factory with
            {
                ColorSaturation = 55f, Sharpness = 60f, Exposure = factory.Exposure! with { MaxExposureTime = 10000f },
            }),
            new("Preset_Night", "Night", ImagingPresetTypes.Night, factory with
            {
                ColorSaturation = 0f, IrCutFilter = IrCutFilterMode.OFF, Exposure = factory.Exposure! with { MaxGain = 36f },
                NoiseReduction = new(0.8f),
            }),
            new("Preset_Backlight", "Backlight", ImagingPresetTypes.WDR, factory with
            {
                BacklightCompensation = new(BacklightCompensationMode.ON, 60f), WideDynamicRange = new(WideDynamicMode.ON, 80f),
            }),
            // No defogger on this processor: fog is fought with contrast and tone compensation.
            new("Preset_Fog", "Fog", ImagingPresetTypes.Fog, factory with
            {
                Contrast = 65f, ToneCompensation = new(ToneCompensationMode.ON), IrCutFilter = IrCutFilterMode.ON,
            }),
        };
        return new VideoSourceImagingDefinition(token, options, factory, presets, Lens: null);
    }
}
