namespace Camlab.Device.Imaging;

/// <summary>tt:FloatRange. Both ends are inclusive; Min = Max marks a read-only parameter (Imaging 5.1.4).</summary>
public sealed record FloatRange(float Min, float Max)
{
    public bool Contains(float value) => value >= Min && value <= Max;

    public override string ToString() => FormattableString.Invariant($"[{Min}, {Max}]");
}

/// <summary>tt:DurationRange, inclusive.</summary>
public sealed record DurationRange(TimeSpan Min, TimeSpan Max)
{
    public bool Contains(TimeSpan value) => value >= Min && value <= Max;
}

public sealed record BacklightCompensationOptions(IReadOnlyList<BacklightCompensationMode> Modes, FloatRange? Level);

public sealed record ExposureOptions(
    IReadOnlyList<ExposureMode> Modes,
    IReadOnlyList<ExposurePriority> Priorities,
    FloatRange? MinExposureTime,
    FloatRange? MaxExposureTime,
    FloatRange? MinGain,
    FloatRange? MaxGain,
    FloatRange? MinIris,
    FloatRange? MaxIris,
    FloatRange? ExposureTime,
    FloatRange? Gain,
    FloatRange? Iris);

/// <summary>tt:FocusOptions20 with its AFModes extension (<see cref="OnceAfterMove"/>).</summary>
public sealed record FocusOptions(
    IReadOnlyList<AutoFocusMode> AutoFocusModes,
    FloatRange DefaultSpeed,
    FloatRange NearLimit,
    FloatRange FarLimit,
    bool OnceAfterMove);

public sealed record WideDynamicRangeOptions(IReadOnlyList<WideDynamicMode> Modes, FloatRange? Level);

/// <summary>tt:WhiteBalanceOptions20; YrGain/YbGain are the ranges of the settings' CrGain/CbGain.</summary>
public sealed record WhiteBalanceOptions(IReadOnlyList<WhiteBalanceMode> Modes, FloatRange? YrGain, FloatRange? YbGain);

public sealed record ImageStabilizationOptions(IReadOnlyList<ImageStabilizationMode> Modes, FloatRange? Level);

/// <summary>tt:IrCutFilterAutoAdjustmentOptions: BoundaryOffset says whether an offset (-1..+1) may be set.</summary>
public sealed record IrCutFilterAutoAdjustmentOptions(
    IReadOnlyList<IrCutFilterAutoBoundaryType> BoundaryTypes,
    bool BoundaryOffset,
    DurationRange? ResponseTimeRange);

/// <summary>tt:ToneCompensationOptions: Level says whether a level (0..1, Imaging 5.1.1) may be set.</summary>
public sealed record ToneCompensationOptions(IReadOnlyList<ToneCompensationMode> Modes, bool Level);

public sealed record DefoggingOptions(IReadOnlyList<DefoggingMode> Modes, bool Level);

public sealed record NoiseReductionOptions(bool Level);

/// <summary>
/// tt:ImagingOptions20 of one video source: every parameter the source supports with its valid values. A null
/// member is a parameter the source does not have; SetImagingSettings carrying it fails with SettingsInvalid.
/// </summary>
public sealed record ImagingOptions
{
    public BacklightCompensationOptions? BacklightCompensation { get; init; }
    public FloatRange? Brightness { get; init; }
    public FloatRange? ColorSaturation { get; init; }
    public FloatRange? Contrast { get; init; }
    public ExposureOptions? Exposure { get; init; }
    public FocusOptions? Focus { get; init; }
    public IReadOnlyList<IrCutFilterMode>? IrCutFilterModes { get; init; }
    public FloatRange? Sharpness { get; init; }
    public WideDynamicRangeOptions? WideDynamicRange { get; init; }
    public WhiteBalanceOptions? WhiteBalance { get; init; }
    public ImageStabilizationOptions? ImageStabilization { get; init; }
    public IrCutFilterAutoAdjustmentOptions? IrCutFilterAutoAdjustment { get; init; }
    public ToneCompensationOptions? ToneCompensation { get; init; }
    public DefoggingOptions? Defogging { get; init; }
    public NoiseReductionOptions? NoiseReduction { get; init; }
}

/// <summary>
/// tt:MoveOptions20 of a focus lens. Positions are unitless 0..1 (0 = the lens's minimum focus distance,
/// 1 = infinity); speeds are position units per second.
/// </summary>
public sealed record FocusMoveOptions(
    FloatRange AbsolutePosition,
    FloatRange AbsoluteSpeed,
    FloatRange RelativeDistance,
    FloatRange RelativeSpeed,
    FloatRange ContinuousSpeed);
