namespace Camlab.Device.Media.Osd;

/// <summary>tt:OSDPosConfiguration/Type: a corner of the picture, or <see cref="Custom"/> at <see cref="OsdPosition.X"/>, <see cref="OsdPosition.Y"/>.</summary>
public enum OsdPositionType
{
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
    Custom,
}

/// <summary>
/// Where the OSD sits. For <see cref="OsdPositionType.Custom"/>, (<see cref="X"/>, <see cref="Y"/>) is the text box's
/// upper-left corner in ONVIF normalized coordinates (−1..1, x right, y up; tt:Vector), ignored for the corners.
/// </summary>
public sealed record OsdPosition(OsdPositionType Type, double X = 0, double Y = 0);

/// <summary>tt:OSDTextConfiguration/Type.</summary>
public enum OsdTextType
{
    Plain,
    Date,
    Time,
    DateAndTime,
}

/// <summary>
/// tt:OSDColor: a colour as tt:Color gives it (<see cref="Colorspace"/> RGB or YCbCr, components 0..255) and how
/// transparent it is (<see cref="Transparent"/> 0 = opaque .. <see cref="OsdOptions.MaxTransparent"/> = invisible).
/// </summary>
public sealed record OsdColor(double X, double Y, double Z, string Colorspace, int Transparent = 0)
{
    public const string Rgb = "http://www.onvif.org/ver10/colorspace/RGB";
    public const string YCbCr = "http://www.onvif.org/ver10/colorspace/YCbCr";

    /// <summary>The colour as 8-bit RGB (ITU-R BT.601 full range for YCbCr, as JPEG uses it).</summary>
    public (byte R, byte G, byte B) ToRgb()
    {
        if (Colorspace == YCbCr)
        {
            double y = X, cb = Y - 128, cr = Z - 128;
            return (Clamp(y + 1.402 * cr), Clamp(y - 0.344136 * cb - 0.714136 * cr), Clamp(y + 1.772 * cb));
        }
        return (Clamp(X), Clamp(Y), Clamp(Z));
    }

    /// <summary>Opacity 0..1 from <see cref="Transparent"/>.</summary>
    public double Opacity => 1 - Transparent / (double)OsdOptions.MaxTransparent;

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}

/// <summary>
/// tt:OSDTextConfiguration: plain text, or the camera's date and/or time in one of the formats of
/// <see cref="OsdOptions.DateFormats"/> / <see cref="OsdOptions.TimeFormats"/>. <see cref="FontSize"/> is the text's
/// height in pixels at the video source's full resolution (each stream scales it with its own height).
/// </summary>
public sealed record OsdText(OsdTextType Type, string? PlainText, string? DateFormat, string? TimeFormat, int FontSize,
    OsdColor? FontColor, OsdColor? BackgroundColor);

/// <summary>tt:OSDConfiguration of Type Text: a text drawn into every picture of its video source configuration.</summary>
public sealed record OsdConfiguration(string Token, string VideoSourceConfigurationToken, OsdPosition Position, OsdText Text);
