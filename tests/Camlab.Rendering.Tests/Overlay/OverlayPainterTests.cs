using Camlab.Rendering.Overlay;

namespace Camlab.Rendering.Tests.Overlay;

/// <summary>OSD text drawn by Skia from DejaVu Sans Mono: where it lands, its colours, and that it changes nothing else.</summary>
public class OverlayPainterTests
{
    private static RgbImage Grey(int width = 320, int height = 180)
    {
        var image = new RgbImage(width, height);
        Array.Fill(image.Pixels, (byte)100);
        return image;
    }

    private static (int Left, int Top, int Right, int Bottom)? Changed(RgbImage image)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            if (image.GetPixel(x, y) == (100, 100, 100)) continue;
            left = Math.Min(left, x); right = Math.Max(right, x);
            top = Math.Min(top, y); bottom = Math.Max(bottom, y);
        }
        return right < 0 ? null : (left, top, right, bottom);
    }

    [Fact]
    public void Text_at_a_point_is_drawn_from_there_in_its_colour_and_nothing_else_changes()
    {
        var image = Grey();
        var overlay = new TextOverlay("12:34:56", OverlayPlacement.At, 0.5, 0.5, 0.1, new OverlayColor(255, 255, 0), null);
        OverlayPainter.Draw(image, overlay, OverlayFont.Default);
        var (left, top, right, bottom) = Assert.NotNull(Changed(image));
        Assert.InRange(left, 160, 168);
        Assert.InRange(top, 90, 98);
        Assert.InRange(bottom, 98, 112); // a line of 18 px with its padding
        Assert.InRange(right - left, 50, 110); // 8 monospaced glyphs of about 11 px
        int yellow = 0;
        for (int y = top; y <= bottom; y++)
        for (int x = left; x <= right; x++)
            if (image.GetPixel(x, y) is (> 240, > 240, < 20)) yellow++;
        Assert.True(yellow > 30, $"fully covered glyph pixels take the font colour ({yellow})");
    }

    [Theory]
    [InlineData(OverlayPlacement.UpperLeft, true, true)]
    [InlineData(OverlayPlacement.UpperRight, false, true)]
    [InlineData(OverlayPlacement.LowerLeft, true, false)]
    [InlineData(OverlayPlacement.LowerRight, false, false)]
    public void Corner_placements_keep_a_margin_from_their_corner(OverlayPlacement placement, bool left, bool top)
    {
        var image = Grey();
        OverlayPainter.Draw(image, new TextOverlay("CAM", placement, 0, 0, 0.1, new OverlayColor(255, 255, 255), new OverlayColor(0, 0, 0)), OverlayFont.Default);
        var box = Assert.NotNull(Changed(image));
        int margin = (int)Math.Round(OverlayPainter.CornerMargin * image.Height);
        Assert.Equal(margin, left ? box.Left : image.Width - 1 - box.Right);
        Assert.Equal(margin, top ? box.Top : image.Height - 1 - box.Bottom);
        Assert.Equal((0, 0, 0), image.GetPixel(box.Left, box.Top)); // the opaque background box
    }

    [Fact]
    public void Text_running_off_the_picture_is_clipped_and_a_transparent_background_blends()
    {
        var image = Grey();
        OverlayPainter.Draw(image, new TextOverlay("A long line that does not fit", OverlayPlacement.At, 0.9, 0.95, 0.2, new OverlayColor(255, 255, 255),
            new OverlayColor(0, 0, 0, 0.5)), OverlayFont.Default);
        var box = Assert.NotNull(Changed(image));
        Assert.Equal((image.Width - 1, image.Height - 1), (box.Right, box.Bottom));
        Assert.Equal((50, 50, 50), image.GetPixel(box.Left, box.Top)); // half of the grey under half-transparent black
    }

    [Fact]
    public void An_overlay_off_the_picture_without_height_or_too_long_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextOverlay("x", OverlayPlacement.At, 1.5, 0, 0.1, new OverlayColor(0, 0, 0), null).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextOverlay("x", OverlayPlacement.At, 0, 0, 0, new OverlayColor(0, 0, 0), null).Validate());
        Assert.Throws<ArgumentException>(() => new TextOverlay(new string('x', TextOverlay.MaxTextLength + 1), OverlayPlacement.At, 0, 0, 0.1, new OverlayColor(0, 0, 0), null).Validate());
    }
}
