using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Scenes;

/// <summary>
/// The scene Camlab shows when no <c>--scene</c> file is given, generated deterministically (same pixels on
/// every machine and run): sky with a sun and soft clouds, a skyline of lit-window buildings on the horizon,
/// compass labels every 45° at 10° elevation, grass with per-pixel grain (the detail focus and sharpness act
/// on) and a 2 m checker, distance rings and 15° radial lines on the ground, and three objects moving on
/// known paths.
/// </summary>
public static class DefaultScene
{
    public const double CameraHeightM = 8;
    public const double SunBearingDeg = 200, SunElevationDeg = 35, SunRadiusDeg = 2.5;
    public static readonly double[] RingDistancesM = [5, 10, 15, 20, 30, 40, 50, 75, 100];
    public const double RadialSpacingDeg = 15;
    private static readonly double[] RingElevationsDeg = RingDistancesM.Select(d => -Math.Atan(CameraHeightM / d) * 180 / Math.PI).ToArray();

    public static Scene Create(int panoramaWidth = 4096)
    {
        if (panoramaWidth < 512 || panoramaWidth % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(panoramaWidth), panoramaWidth, "the generated panorama needs an even width of at least 512 pixels");
        var image = new RgbImage(panoramaWidth, panoramaWidth / 2);
        Parallel.For(0, image.Height, y => PaintRow(image, y));
        foreach (var label in CompassLabel.DefaultLayout(panoramaWidth)) PaintLabel(image, label, plaque: true);
        PaintDistanceNumbers(image);
        return new Scene(Panorama.FromImage(image), MovingObjects(), CameraHeightM);
    }

    /// <summary>The three movers; paths in scene seconds (t), bearings in degrees, distances in metres.</summary>
    public static IReadOnlyList<SceneObject> MovingObjects() =>
    [
        // Circles the camera once a minute.
        new SceneObject(1, "car", 3.0, (220, 40, 30), t => (6.0 * t, 30)),
        // Walks back and forth across the north-east, period 20 s.
        new SceneObject(2, "walker", 1.8, (240, 200, 40), t => (20 + 15 * Math.Sin(2 * Math.PI * t / 20), 15)),
        // Rolls toward and away from the camera in the north-west, period 16 s.
        new SceneObject(3, "ball", 1.0, (40, 90, 230), t => (-60, 12 + 6 * Math.Sin(2 * Math.PI * t / 16))),
    ];

    private static void PaintRow(RgbImage image, int y)
    {
        int w = image.Width, h = image.Height;
        double degPerPx = 360.0 / w;
        double elevation = 90 - (y + 0.5) / h * 180;
        var row = image.Row(y);
        for (int x = 0; x < w; x++)
        {
            double bearing = (x + 0.5) / w * 360 - 180;
            var (r, g, b) = elevation >= 0 ? Sky(x, y, bearing, elevation, degPerPx) : Ground(x, y, bearing, elevation, degPerPx);
            if (Math.Abs(elevation) < degPerPx * 0.75) (r, g, b) = (60, 60, 60);
            row[3 * x] = Clamp(r);
            row[3 * x + 1] = Clamp(g);
            row[3 * x + 2] = Clamp(b);
        }
    }

    private static (double, double, double) Sky(int x, int y, double bearing, double elevation, double degPerPx)
    {
        // Skyline: 3° lots, some empty, buildings 0.8°–4.5° tall (below the labels at 6°–14°).
        int lot = (int)Math.Floor((bearing + 180) / 3);
        uint lotHash = Hash((uint)lot, 17);
        double top = (lotHash & 3) == 0 ? 0 : 0.8 + (lotHash >> 8) % 1000 / 1000.0 * 3.7;
        if (elevation < top)
        {
            double grey = 70 + (lotHash >> 20) % 50;
            // Windows: 3×4 px every 6×8 px, lit or dark per window.
            int wx = x % 6, wy = y % 8;
            if (wx >= 2 && wx < 5 && wy >= 2 && wy < 6)
            {
                bool lit = (Hash((uint)(x / 6), (uint)(y / 8)) & 1) == 0;
                return lit ? (185, 170, 110) : (35, 40, 50);
            }
            return (grey, grey, grey + 6);
        }
        double t = Math.Min(1, elevation / 60);
        double r = 175 + (50 - 175) * t, g = 205 + (100 - 205) * t, b = 235 + (190 - 235) * t;
        double cloud = Math.Max(0, ValueNoise(bearing / 12, elevation / 5, 99) - 0.55) / 0.45;
        r += (190 - r) * cloud * 0.8; g += (192 - g) * cloud * 0.8; b += (198 - b) * cloud * 0.8;
        // Only near the sun is the (costly) angular distance worth computing.
        if (Math.Abs(elevation - SunElevationDeg) > 3 * SunRadiusDeg) return (r, g, b);
        double sun = AngularDistance(bearing, elevation, SunBearingDeg, SunElevationDeg);
        if (sun < SunRadiusDeg) return (255, 250, 230);
        if (sun < 3 * SunRadiusDeg)
        {
            double glow = 1 - (sun - SunRadiusDeg) / (2 * SunRadiusDeg);
            glow *= glow;
            r += (255 - r) * glow; g += (245 - g) * glow; b += (220 - b) * glow;
        }
        return (r, g, b);
    }

    private static (double, double, double) Ground(int x, int y, double bearing, double elevation, double degPerPx)
    {
        double distance = CameraHeightM / Math.Tan(-elevation * Math.PI / 180);
        double east = distance * Math.Sin(bearing * Math.PI / 180), north = distance * Math.Cos(bearing * Math.PI / 180);
        foreach (double ringElevation in RingElevationsDeg)
            if (Math.Abs(elevation - ringElevation) < degPerPx) return (230, 230, 220);
        if (distance < 100)
        {
            double off = bearing - RadialSpacingDeg * Math.Round(bearing / RadialSpacingDeg);
            if (Math.Abs(off) < degPerPx * 0.9) return (215, 215, 205);
        }
        bool checker = (((int)Math.Floor(east / 2) + (int)Math.Floor(north / 2)) & 1) == 0;
        // Distance haze: far ground fades toward a pale grey-green.
        double haze = Math.Min(1, distance / 400);
        double grain = ((int)(Hash((uint)x, (uint)y) & 63) - 31.5) * 0.7 * (1 - haze);
        double r = 72 + (checker ? 10 : -10) + grain, g = 112 + (checker ? 12 : -12) + grain, b = 50 + grain * 0.6;
        return (r + (150 - r) * haze, g + (165 - g) * haze, b + (140 - b) * haze);
    }

    private static void PaintDistanceNumbers(RgbImage image)
    {
        int cell = Math.Max(2, (int)Math.Round(5.0 * image.Width / 4096));
        foreach (double ring in new double[] { 10, 20, 50 })
            for (int k = 0; k < 4; k++)
            {
                // Just beyond the ring (above it in the image), between the compass directions.
                double elevation = -Math.Atan(CameraHeightM / ring) * 180 / Math.PI + 5.5 * cell * 180.0 / image.Height;
                PaintLabel(image, new CompassLabel($"{ring:0}M", 22.5 + 90 * k, elevation, cell, image.Width), plaque: false);
            }
    }

    private static void PaintLabel(RgbImage image, CompassLabel label, bool plaque)
    {
        var (x0, y0) = label.TextOrigin;
        int s = label.CellPixels, wCells = BitmapFont.TextWidthCells(label.Text);
        int margin = plaque ? s : 0;
        int left = (int)Math.Round(x0) - margin, top = (int)Math.Round(y0) - margin;
        for (int py = 0; py < BitmapFont.GlyphHeight * s + 2 * margin; py++)
        {
            int y = top + py;
            if (y < 0 || y >= image.Height) continue;
            for (int px = 0; px < wCells * s + 2 * margin; px++)
            {
                int x = ((left + px) % image.Width + image.Width) % image.Width;
                int c = (px - margin) / s, r = (py - margin) / s;
                bool ink = px >= margin && py >= margin && BitmapFont.IsInk(label.Text, c, r);
                if (ink) image.SetPixel(x, y, 245, 245, 245);
                else if (plaque) image.SetPixel(x, y, 25, 25, 35);
            }
        }
    }

    private static double AngularDistance(double b1, double e1, double b2, double e2)
    {
        var d1 = SphericalDirection.FromAngles(b1, e1);
        var d2 = SphericalDirection.FromAngles(b2, e2);
        return Math.Acos(Math.Clamp(System.Numerics.Vector3.Dot(d1, d2), -1, 1)) * 180 / Math.PI;
    }

    /// <summary>Smooth lattice noise in [0, 1]; bearing-periodic because the lattice hash wraps at 30 cells.</summary>
    private static double ValueNoise(double u, double v, uint seed)
    {
        int iu = (int)Math.Floor(u), iv = (int)Math.Floor(v);
        double fu = u - iu, fv = v - iv;
        fu = fu * fu * (3 - 2 * fu);
        fv = fv * fv * (3 - 2 * fv);
        double Corner(int a, int b) => (Hash((uint)(((a % 30) + 30) % 30), (uint)b + seed) & 0xFFFF) / 65535.0;
        double top = Corner(iu, iv) * (1 - fu) + Corner(iu + 1, iv) * fu;
        double bottom = Corner(iu, iv + 1) * (1 - fu) + Corner(iu + 1, iv + 1) * fu;
        return top * (1 - fv) + bottom * fv;
    }

    internal static uint Hash(uint a, uint b)
    {
        uint h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u) * 0x85EBCA77u;
        h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12; h *= 0x297A2D39u; h ^= h >> 15;
        return h;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
