namespace Camlab.Device.Imaging;

// The modes of tt:ImagingSettings20 (Imaging 5.1.1). Member names are the schema's lexical values so that the
// SOAP adapter and the JSON state document spell them exactly as ONVIF does.
public enum BacklightCompensationMode { OFF, ON }
public enum ExposureMode { AUTO, MANUAL }
public enum ExposurePriority { LowNoise, FrameRate }
public enum AutoFocusMode { AUTO, MANUAL }
public enum IrCutFilterMode { ON, OFF, AUTO }
public enum WideDynamicMode { OFF, ON }
public enum WhiteBalanceMode { AUTO, MANUAL }
public enum ImageStabilizationMode { OFF, ON, AUTO }
public enum ToneCompensationMode { OFF, ON, AUTO }
public enum DefoggingMode { OFF, ON, AUTO }
public enum IrCutFilterAutoBoundaryType { Common, ToOn, ToOff }

/// <summary>
/// tt:Rectangle as the exposure window: a fraction of the picture, 0..1 from the left and from the top
/// (what clients display as "exposure area"); the schema leaves the coordinate system open.
/// </summary>
public sealed record ExposureWindow(float Left, float Top, float Right, float Bottom);

public sealed record BacklightCompensation(BacklightCompensationMode Mode, float? Level = null);

/// <summary>tt:Exposure20. Times in µs, gains and iris attenuation in dB (0 dB = iris fully open).</summary>
public sealed record Exposure(
    ExposureMode Mode,
    ExposurePriority? Priority = null,
    ExposureWindow? Window = null,
    float? MinExposureTime = null,
    float? MaxExposureTime = null,
    float? MinGain = null,
    float? MaxGain = null,
    float? MinIris = null,
    float? MaxIris = null,
    float? ExposureTime = null,
    float? Gain = null,
    float? Iris = null);

/// <summary>
/// tt:FocusConfiguration20. Near/FarLimit in metres bound the auto-focus search; DefaultSpeed is the speed of a
/// Move without Speed. <see cref="OnceAfterMove"/> is the AFMode attribute (tt:AFModes has only that value):
/// auto-focus adjusts once after a pan, tilt or zoom stops instead of continuously.
/// </summary>
public sealed record FocusConfiguration(
    AutoFocusMode AutoFocusMode,
    float? DefaultSpeed = null,
    float? NearLimit = null,
    float? FarLimit = null,
    bool? OnceAfterMove = null);

public sealed record WideDynamicRange(WideDynamicMode Mode, float? Level = null);

/// <summary>tt:WhiteBalance20: Cr/Cb gains apply in MANUAL mode (the options call their ranges YrGain/YbGain).</summary>
public sealed record WhiteBalance(WhiteBalanceMode Mode, float? CrGain = null, float? CbGain = null);

public sealed record ImageStabilization(ImageStabilizationMode Mode, float? Level = null);

/// <summary>tt:IrCutFilterAutoAdjustment: BoundaryOffset is -1..+1 (0 default, -1 darkest), ResponseTime a delay.</summary>
public sealed record IrCutFilterAutoAdjustment(
    IrCutFilterAutoBoundaryType BoundaryType,
    float? BoundaryOffset = null,
    TimeSpan? ResponseTime = null);

/// <summary>tt:ToneCompensation; Level is normalised 0..1.</summary>
public sealed record ToneCompensation(ToneCompensationMode Mode, float? Level = null);

/// <summary>tt:Defogging; Level is normalised 0..1.</summary>
public sealed record Defogging(DefoggingMode Mode, float? Level = null);

/// <summary>tt:NoiseReduction; Level 0..1, 0 = none or minimal.</summary>
public sealed record NoiseReduction(float Level);

/// <summary>
/// tt:ImagingSettings20 with its extensions (image stabilization, IR cut filter auto adjustment, tone
/// compensation, defogging, noise reduction). A null member is a parameter the request did not carry (in an
/// update) or the source does not support (in a source's current settings). The current settings of a source
/// always carry every parameter its <see cref="ImagingOptions"/> offers.
/// </summary>
public sealed record ImagingSettings
{
    public BacklightCompensation? BacklightCompensation { get; init; }
    public float? Brightness { get; init; }
    public float? ColorSaturation { get; init; }
    public float? Contrast { get; init; }
    public Exposure? Exposure { get; init; }
    public FocusConfiguration? Focus { get; init; }
    public IrCutFilterMode? IrCutFilter { get; init; }
    public float? Sharpness { get; init; }
    public WideDynamicRange? WideDynamicRange { get; init; }
    public WhiteBalance? WhiteBalance { get; init; }
    public ImageStabilization? ImageStabilization { get; init; }
    public IReadOnlyList<IrCutFilterAutoAdjustment>? IrCutFilterAutoAdjustment { get; init; }
    public ToneCompensation? ToneCompensation { get; init; }
    public Defogging? Defogging { get; init; }
    public NoiseReduction? NoiseReduction { get; init; }

    /// <summary>
    /// The settings after a SetImagingSettings carrying <paramref name="update"/>: parameters the request omits
    /// keep their value, at every level (an Exposure with only Mode keeps the current limits), because
    /// ImagingSettings20 makes every parameter optional and clients send only what they change.
    /// </summary>
    public ImagingSettings With(ImagingSettings update) => new()
    {
        BacklightCompensation = update.BacklightCompensation is { } b
            ? new BacklightCompensation(b.Mode, b.Level ?? BacklightCompensation?.Level)
            : BacklightCompensation,
        Brightness = update.Brightness ?? Brightness,
        ColorSaturation = update.ColorSaturation ?? ColorSaturation,
        Contrast = update.Contrast ?? Contrast,
        Exposure = update.Exposure is { } e ? MergeExposure(Exposure, e) : Exposure,
        Focus = update.Focus is { } f
            ? new FocusConfiguration(
                f.AutoFocusMode,
                f.DefaultSpeed ?? Focus?.DefaultSpeed,
                f.NearLimit ?? Focus?.NearLimit,
                f.FarLimit ?? Focus?.FarLimit,
                f.OnceAfterMove ?? Focus?.OnceAfterMove)
            : Focus,
        IrCutFilter = update.IrCutFilter ?? IrCutFilter,
        Sharpness = update.Sharpness ?? Sharpness,
        WideDynamicRange = update.WideDynamicRange is { } w
            ? new WideDynamicRange(w.Mode, w.Level ?? WideDynamicRange?.Level)
            : WideDynamicRange,
        WhiteBalance = update.WhiteBalance is { } wb
            ? new WhiteBalance(wb.Mode, wb.CrGain ?? WhiteBalance?.CrGain, wb.CbGain ?? WhiteBalance?.CbGain)
            : WhiteBalance,
        ImageStabilization = update.ImageStabilization is { } s
            ? new ImageStabilization(s.Mode, s.Level ?? ImageStabilization?.Level)
            : ImageStabilization,
        // A list replaces the list: the request names every boundary it wants adjusted.
        IrCutFilterAutoAdjustment = update.IrCutFilterAutoAdjustment ?? IrCutFilterAutoAdjustment,
        ToneCompensation = update.ToneCompensation is { } t
            ? new ToneCompensation(t.Mode, t.Level ?? ToneCompensation?.Level)
            : ToneCompensation,
        Defogging = update.Defogging is { } d ? new Defogging(d.Mode, d.Level ?? Defogging?.Level) : Defogging,
        NoiseReduction = update.NoiseReduction ?? NoiseReduction,
    };

    private static Exposure MergeExposure(Exposure? current, Exposure u) => new(
        u.Mode,
        u.Priority ?? current?.Priority,
        u.Window ?? current?.Window,
        u.MinExposureTime ?? current?.MinExposureTime,
        u.MaxExposureTime ?? current?.MaxExposureTime,
        u.MinGain ?? current?.MinGain,
        u.MaxGain ?? current?.MaxGain,
        u.MinIris ?? current?.MinIris,
        u.MaxIris ?? current?.MaxIris,
        u.ExposureTime ?? current?.ExposureTime,
        u.Gain ?? current?.Gain,
        u.Iris ?? current?.Iris);

    /// <summary>Value equality including the auto-adjustment list (records compare lists by reference).</summary>
    public bool SameAs(ImagingSettings other) =>
        this with { IrCutFilterAutoAdjustment = null } == other with { IrCutFilterAutoAdjustment = null }
        && (IrCutFilterAutoAdjustment ?? []).SequenceEqual(other.IrCutFilterAutoAdjustment ?? []);
}
