using System.Numerics;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Scenes;

/// <summary>
/// An equirectangular 360°×180° RGB panorama: column x covers bearing (x + 0.5)/W·360° − 180° (north at the
/// centre column, as ffmpeg's v360 and most 360° cameras), row y covers elevation 90° − (y + 0.5)/H·180°.
/// Stored with one extra column (a copy of column 0) and one extra row (a copy of the last row) so bilinear
/// sampling reads its 2×2 neighbourhood without wrap or clamp branches (plus 8 bytes of slack for SIMD reads).
/// </summary>
public sealed class Panorama
{
    private Panorama(int width, int height, byte[] padded)
    {
        Width = width;
        Height = height;
        Padded = padded;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>(Width + 1) × (Height + 1) RGB, see the type's remarks.</summary>
    internal byte[] Padded { get; }

    internal int PaddedStride => (Width + 1) * 3;

    public static Panorama FromImage(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != 2 * image.Height)
            throw new ArgumentException($"an equirectangular panorama is twice as wide as it is tall; this image is {image.Width}×{image.Height}", nameof(image));
        int w = image.Width, h = image.Height, ps = (w + 1) * 3;
        // 8 bytes of slack: SIMD sampling reads 8 bytes at the last texel.
        var padded = new byte[ps * (h + 1) + 8];
        for (int y = 0; y <= h; y++)
        {
            var src = image.Row(Math.Min(y, h - 1));
            var dst = padded.AsSpan(y * ps, ps);
            src.CopyTo(dst);
            src[..3].CopyTo(dst[(w * 3)..]);
        }
        return new Panorama(w, h, padded);
    }

    public RgbImage ToImage()
    {
        var image = new RgbImage(Width, Height);
        for (int y = 0; y < Height; y++) Padded.AsSpan(y * PaddedStride, Width * 3).CopyTo(image.Row(y));
        return image;
    }

    /// <summary>Continuous pixel coordinates (pixel centres at +0.5) of a bearing/elevation.</summary>
    public (double X, double Y) ToPixel(double bearingDeg, double elevationDeg)
    {
        double b = bearingDeg - 360 * Math.Floor((bearingDeg + 180) / 360);
        return ((b + 180) / 360 * Width, (90 - elevationDeg) / 180 * Height);
    }

    public (double BearingDeg, double ElevationDeg) ToAngles(double x, double y) => (x / Width * 360 - 180, 90 - y / Height * 180);

    /// <summary>Bilinear sample in the direction <paramref name="worldDirection"/> (East, North, Up).</summary>
    public (byte R, byte G, byte B) Sample(Vector3 worldDirection)
    {
        var (b, e) = SphericalDirection.ToAngles(worldDirection);
        var (x, y) = ToPixel(b, e);
        return SampleAt(x - 0.5, y - 0.5);
    }

    internal (byte R, byte G, byte B) SampleAt(double x, double y)
    {
        x -= Width * Math.Floor(x / Width);
        y = Math.Clamp(y, 0, Height - 1);
        int x0 = Math.Min((int)x, Width - 1), y0 = Math.Min((int)y, Height - 1);
        double fx = x - x0, fy = y - y0;
        int i = y0 * PaddedStride + x0 * 3;
        Span<byte> rgb = stackalloc byte[3];
        for (int c = 0; c < 3; c++)
        {
            double top = Padded[i + c] * (1 - fx) + Padded[i + 3 + c] * fx;
            double bottom = Padded[i + PaddedStride + c] * (1 - fx) + Padded[i + PaddedStride + 3 + c] * fx;
            rgb[c] = (byte)Math.Round(top * (1 - fy) + bottom * fy);
        }
        return (rgb[0], rgb[1], rgb[2]);
    }
}
