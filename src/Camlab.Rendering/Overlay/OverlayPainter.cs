namespace Camlab.Rendering.Overlay;

/// <summary>Draws <see cref="TextOverlay"/>s into a finished picture: a background box (if any), then the glyphs, alpha-blended and clipped.</summary>
public static class OverlayPainter
{
    /// <summary>Margin from the picture's edges for the corner placements, as a fraction of the output height.</summary>
    public const double CornerMargin = 0.02;

    public static void Draw(RgbImage image, IReadOnlyList<TextOverlay> overlays, OverlayFont font)
    {
        foreach (var overlay in overlays) Draw(image, overlay, font);
    }

    public static void Draw(RgbImage image, TextOverlay overlay, OverlayFont font)
    {
        if (overlay.Text.Length == 0) return;
        int lineHeight = Math.Max(1, (int)Math.Round(overlay.Height * image.Height));
        var mask = font.Rasterize(overlay.Text, lineHeight);
        int pad = Math.Max(1, lineHeight / 8);
        int boxWidth = mask.Width + 2 * pad, boxHeight = mask.Height + 2 * pad;
        var (left, top) = Origin(image, overlay, boxWidth, boxHeight);
        if (overlay.Background is { Opacity: > 0 } background) FillBox(image, left, top, boxWidth, boxHeight, background);
        if (overlay.Fill.Opacity > 0) Blend(image, left + pad, top + pad, mask, overlay.Fill);
    }

    /// <summary>The text box's upper-left pixel.</summary>
    public static (int Left, int Top) Origin(RgbImage image, TextOverlay overlay, int boxWidth, int boxHeight)
    {
        int margin = (int)Math.Round(CornerMargin * image.Height);
        return overlay.Placement switch
        {
            OverlayPlacement.UpperLeft => (margin, margin),
            OverlayPlacement.UpperRight => (image.Width - margin - boxWidth, margin),
            OverlayPlacement.LowerLeft => (margin, image.Height - margin - boxHeight),
            OverlayPlacement.LowerRight => (image.Width - margin - boxWidth, image.Height - margin - boxHeight),
            _ => ((int)Math.Round(overlay.X * image.Width), (int)Math.Round(overlay.Y * image.Height)),
        };
    }

    private static void FillBox(RgbImage image, int left, int top, int width, int height, OverlayColor color)
    {
        int x0 = Math.Max(0, left), x1 = Math.Min(image.Width, left + width);
        int y0 = Math.Max(0, top), y1 = Math.Min(image.Height, top + height);
        int a = (int)Math.Round(color.Opacity * 256);
        for (int y = y0; y < y1; y++)
        {
            var row = image.Row(y);
            for (int x = x0; x < x1; x++)
            {
                int i = 3 * x;
                row[i] = Mix(row[i], color.R, a);
                row[i + 1] = Mix(row[i + 1], color.G, a);
                row[i + 2] = Mix(row[i + 2], color.B, a);
            }
        }
    }

    private static void Blend(RgbImage image, int left, int top, TextMask mask, OverlayColor color)
    {
        int opacity = (int)Math.Round(color.Opacity * 256);
        int mx0 = Math.Max(0, -left), mx1 = Math.Min(mask.Width, image.Width - left);
        int my0 = Math.Max(0, -top), my1 = Math.Min(mask.Height, image.Height - top);
        for (int my = my0; my < my1; my++)
        {
            var row = image.Row(top + my);
            var coverage = mask.Coverage.AsSpan(my * mask.Width, mask.Width);
            for (int mx = mx0; mx < mx1; mx++)
            {
                int c = coverage[mx];
                if (c == 0) continue;
                int a = (c * opacity + 128) >> 8;
                int i = 3 * (left + mx);
                row[i] = Mix(row[i], color.R, a);
                row[i + 1] = Mix(row[i + 1], color.G, a);
                row[i + 2] = Mix(row[i + 2], color.B, a);
            }
        }
    }

    // a in 0..256: 0 keeps the pixel, 256 takes the colour.
    private static byte Mix(byte under, byte over, int a) => (byte)((under * (256 - a) + over * a + 128) >> 8);
}
