namespace Camlab.Rendering.Scenes;

/// <summary>
/// A compass label painted into the default panorama: <see cref="Text"/> centred at (bearing, elevation),
/// drawn with <see cref="BitmapFont"/> cells of <see cref="CellPixels"/> panorama pixels, white ink on a dark
/// plaque. Tests use <see cref="Cells"/> to know which directions must look like ink.
/// </summary>
public sealed record CompassLabel(string Text, double BearingDeg, double ElevationDeg, int CellPixels, int PanoramaWidth)
{
    public const double DefaultElevationDeg = 10;
    public static readonly string[] Names = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

    public static IReadOnlyList<CompassLabel> DefaultLayout(int panoramaWidth)
    {
        int cell = Math.Max(2, (int)Math.Round(12.0 * panoramaWidth / 4096));
        return Names.Select((n, k) => new CompassLabel(n, 45.0 * k, DefaultElevationDeg, cell, panoramaWidth)).ToArray();
    }

    /// <summary>Top-left corner of the text (not the plaque) in continuous panorama pixel coordinates.</summary>
    public (double X, double Y) TextOrigin
    {
        get
        {
            int h = PanoramaWidth / 2;
            double xc = (BearingDeg + 180) / 360 * PanoramaWidth, yc = (90 - ElevationDeg) / 180 * h;
            return (xc - BitmapFont.TextWidthCells(Text) * CellPixels / 2.0, yc - BitmapFont.GlyphHeight * CellPixels / 2.0);
        }
    }

    /// <summary>Every font cell of the text: its centre direction and whether it is ink.</summary>
    public IEnumerable<(double BearingDeg, double ElevationDeg, bool Ink)> Cells()
    {
        var (x0, y0) = TextOrigin;
        int h = PanoramaWidth / 2;
        for (int r = 0; r < BitmapFont.GlyphHeight; r++)
            for (int c = 0; c < BitmapFont.TextWidthCells(Text); c++)
            {
                double x = x0 + (c + 0.5) * CellPixels, y = y0 + (r + 0.5) * CellPixels;
                yield return (x / PanoramaWidth * 360 - 180, 90 - y / h * 180, BitmapFont.IsInk(Text, c, r));
            }
    }
}
