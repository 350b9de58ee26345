namespace Camlab.Device.Ptz;

/// <summary>tt:EFlipMode as far as Camlab supports it (PTZ 5.9).</summary>
public enum EFlipMode { Off, On }

/// <summary>tt:ReverseMode as far as Camlab supports it (PTZ 5.9).</summary>
public enum ReverseMode { Off, On }

/// <summary>
/// Pan/tilt or zoom limits (tt:PanTiltLimits / tt:ZoomLimits): a range in one absolute position space of the node.
/// ±∞ disable a side (PTZ 5.2.1). <see cref="Y"/> is null for zoom limits.
/// </summary>
public sealed record SpaceLimits(string Space, FloatRange X, FloatRange? Y = null);

/// <summary>
/// A PTZ configuration (tt:PTZConfiguration, PTZ 5.2.1). Default spaces, default speed (a speed vector whose
/// spaces name the default speed spaces), default continuous-move timeout, limits, ramps (indexes into
/// <see cref="PtzConfigurationOptions.Ramps"/>) and the pan/tilt control direction.
/// </summary>
public sealed record PtzConfiguration(
    string Token,
    string Name,
    string NodeToken,
    string? DefaultAbsolutePanTiltPositionSpace,
    string? DefaultAbsoluteZoomPositionSpace,
    string? DefaultRelativePanTiltTranslationSpace,
    string? DefaultRelativeZoomTranslationSpace,
    string? DefaultContinuousPanTiltVelocitySpace,
    string? DefaultContinuousZoomVelocitySpace,
    PtzVector DefaultSpeed,
    TimeSpan DefaultTimeout,
    SpaceLimits? PanTiltLimits,
    SpaceLimits? ZoomLimits,
    int MoveRamp,
    int PresetRamp,
    int PresetTourRamp,
    EFlipMode EFlip,
    ReverseMode Reverse);

/// <summary>tt:PTZConfigurationOptions: the node's spaces, the accepted timeout range, ramps and direction options.</summary>
public sealed record PtzConfigurationOptions(
    IReadOnlyList<PtzSpaceDescription> Spaces,
    TimeSpan TimeoutMin,
    TimeSpan TimeoutMax,
    IReadOnlyList<int> Ramps,
    IReadOnlyList<EFlipMode> EFlipModes,
    IReadOnlyList<ReverseMode> ReverseModes);
