namespace Camlab.Device.Imaging;

/// <summary>The video source token names no video source of the camera (ter:NoSource).</summary>
public sealed class UnknownVideoSourceException(string token)
    : Exception($"VideoSource '{token}' does not exist")
{
    public string Token { get; } = token;
}

/// <summary>The video source exists but has no imaging settings (ter:NoImagingForSource).</summary>
public sealed class NoImagingForSourceException(string token)
    : Exception($"VideoSource '{token}' does not support imaging settings")
{
    public string Token { get; } = token;
}

/// <summary>
/// A request that the source's options do not allow (ter:SettingsInvalid). <see cref="Field"/> is the path of
/// the offending parameter in tt:ImagingSettings20 (extension wrappers left out), e.g. <c>Exposure/MinGain</c>.
/// </summary>
public sealed class ImagingSettingsInvalidException(string field, string reason)
    : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

/// <summary>A focus operation on a source whose lens has no focus motor (GetMoveOptions is empty).</summary>
public sealed class FocusNotSupportedException(string token)
    : Exception($"VideoSource '{token}' has a fixed-focus lens: focus moves are not supported")
{
    public string Token { get; } = token;
}

/// <summary>The focus motor reports a fault (status UNKNOWN); it accepts no move until the fault is cleared.</summary>
public sealed class FocusMotorFaultException(string token, string error)
    : Exception($"The focus motor of VideoSource '{token}' is in fault: {error}")
{
    public string Token { get; } = token;

    public string Error { get; } = error;
}
