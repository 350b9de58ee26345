namespace Camlab.Device.Media.Osd;

/// <summary>
/// What the camera offers for OSDs (tt:OSDConfigurationOptions), the same for every video source configuration:
/// text OSDs only (no images), every position, the date and time formats tt:OSDTextConfiguration defines, any RGB
/// or YCbCr colour with a transparency in percent.
/// </summary>
public static class OsdOptions
{
    /// <summary>OSDs per video source configuration (MaximumNumberOfOSDs/@Total).</summary>
    public const int MaxOsdsPerConfiguration = 8;

    public const int MinFontSize = 8;
    public const int MaxFontSize = 128;

    /// <summary>The font size of a text OSD that names none.</summary>
    public const int DefaultFontSize = 32;

    /// <summary>tt:OSDColor/@Transparent: 0 opaque .. this fully transparent.</summary>
    public const int MaxTransparent = 100;

    public const int MaxPlainTextLength = 128;

    /// <summary>tt:OSDTextConfiguration DateFormat values (onvif.xsd); each is also a .NET custom format of the same meaning.</summary>
    public static IReadOnlyList<string> DateFormats { get; } =
        ["M/d/yyyy", "MM/dd/yyyy", "dd/MM/yyyy", "yyyy/MM/dd", "yyyy-MM-dd", "dddd, MMMM dd, yyyy", "MMMM dd, yyyy", "dd MMMM, yyyy"];

    /// <summary>tt:OSDTextConfiguration TimeFormat values (onvif.xsd), likewise .NET custom formats.</summary>
    public static IReadOnlyList<string> TimeFormats { get; } = ["h:mm:ss tt", "hh:mm:ss tt", "H:mm:ss", "HH:mm:ss"];

    public static IReadOnlyList<OsdTextType> TextTypes { get; } = Enum.GetValues<OsdTextType>();

    public static IReadOnlyList<OsdPositionType> PositionTypes { get; } = Enum.GetValues<OsdPositionType>();
}
