namespace Camlab.Rendering;

/// <summary>
/// A packed 8-bit RGB picture (3 bytes per pixel, rows without padding): the layout TurboJPEG's
/// <c>TJPF_RGB</c> reads and writes, so a rendered frame goes to the encoder without a copy.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height * 3 > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} RGB does not fit in one buffer");
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
    }

    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 3)
            throw new ArgumentException($"a {width}×{height} RGB image needs {(long)width * height * 3} bytes, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Stride => Width * 3;
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    public (byte R, byte G, byte B) GetPixel(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    public void SetPixel(int x, int y, byte r, byte g, byte b)
    {
        int i = (y * Width + x) * 3;
        Pixels[i] = r;
        Pixels[i + 1] = g;
        Pixels[i + 2] = b;
    }

    /// <summary>Rec. 601 luma, the weighting JPEG's YCbCr uses.</summary>
    public double Luma(int x, int y)
    {
        var (r, g, b) = GetPixel(x, y);
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    public RgbImage Clone() => new(Width, Height, (byte[])Pixels.Clone());
}
