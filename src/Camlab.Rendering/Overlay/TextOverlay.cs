namespace Camlab.Rendering.Overlay;

/// <summary>Where a <see cref="TextOverlay"/> sits: a corner of the picture (with a small margin), or its upper-left corner at a point.</summary>
public enum OverlayPlacement
{
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
    /// <summary>The text box's upper-left corner at (<see cref="TextOverlay.X"/>, <see cref="TextOverlay.Y"/>).</summary>
    At,
}

/// <summary>An 8-bit RGB colour with an opacity (0 invisible .. 1 opaque).</summary>
public readonly record struct OverlayColor(byte R, byte G, byte B, double Opacity = 1);

/// <summary>
/// One line of text drawn over the finished picture (after imaging and privacy masks, before encoding): an OSD.
/// Sizes are fractions of the output so every stream of a source shows the same layout: <see cref="Height"/> is
/// the line height as a fraction of the output height, <see cref="X"/>/<see cref="Y"/> fractions of the output's
/// width and height from its upper-left corner (used with <see cref="OverlayPlacement.At"/>).
/// </summary>
public sealed record TextOverlay(string Text, OverlayPlacement Placement, double X, double Y, double Height, OverlayColor Fill, OverlayColor? Background)
{
    public const int MaxTextLength = 256;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Text);
        if (Text.Length > MaxTextLength) throw new ArgumentException($"overlay text has {Text.Length} characters, at most {MaxTextLength}", nameof(Text));
        if (!(Height > 0 && Height <= 1)) throw new ArgumentOutOfRangeException(nameof(Height), Height, "overlay line height is a fraction of the picture (0..1]");
        if (!(X >= 0 && X <= 1 && Y >= 0 && Y <= 1)) throw new ArgumentOutOfRangeException(nameof(X), (X, Y), "overlay position is a fraction of the picture (0..1)");
        if (!(Fill.Opacity >= 0 && Fill.Opacity <= 1) || Background is { } b && !(b.Opacity >= 0 && b.Opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(Fill), "overlay opacity is 0..1");
    }
}
