namespace Camlab.Device.Imaging;

/// <summary>The faults the Imaging service names; the SOAP adapter maps each to its env:Code / ter: subcodes.</summary>
public enum ImagingError
{
    /// <summary>The video source token names no video source of the camera (ter:NoSource).</summary>
    NoSource,

    /// <summary>The video source exists but has no imaging settings (ter:NoImagingForSource).</summary>
    NoImagingForSource,

    /// <summary>A request that the source's options do not allow (ter:SettingsInvalid).</summary>
    SettingsInvalid,

    /// <summary>A focus operation on a source whose lens has no focus motor (GetMoveOptions is empty).</summary>
    FocusNotSupported,

    /// <summary>The focus motor reports a fault (status UNKNOWN); it accepts no move until the fault is cleared.</summary>
    FocusMotorFault,
}

/// <summary>A request the imaging domain refuses; nothing has changed when it is thrown.</summary>
public sealed class ImagingException(ImagingError error, string message, string? field = null) : Exception(message)
{
    public ImagingError Error { get; } = error;

    /// <summary>
    /// For <see cref="ImagingError.SettingsInvalid"/>: the path of the offending parameter in tt:ImagingSettings20
    /// (extension wrappers left out), e.g. <c>Exposure/MinGain</c>.
    /// </summary>
    public string? Field { get; } = field;

    public static ImagingException NoSource(string token) => new(ImagingError.NoSource, $"VideoSource '{token}' does not exist");

    public static ImagingException NoImagingForSource(string token) =>
        new(ImagingError.NoImagingForSource, $"VideoSource '{token}' does not support imaging settings");

    public static ImagingException SettingsInvalid(string field, string reason) => new(ImagingError.SettingsInvalid, $"{field}: {reason}", field);

    public static ImagingException FocusNotSupported(string token) =>
        new(ImagingError.FocusNotSupported, $"VideoSource '{token}' has a fixed-focus lens: focus moves are not supported");

    public static ImagingException FocusMotorFault(string token, string error) =>
        new(ImagingError.FocusMotorFault, $"The focus motor of VideoSource '{token}' is in fault: {error}");
}
