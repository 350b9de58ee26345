namespace Camlab.Rendering.Transcoding;

/// <summary>
/// Bilinear resampling of a rectangle of an RGB picture to another size (pixel-centre aligned). Downscaling by more than
/// 2× averages a 2×2 neighbourhood per tap less than an area filter would, which is acceptable for preview-size playback;
/// no resampling library is among the project's dependencies (System.Drawing is Windows-only, ImageSharp is not used).
/// </summary>
public static class RgbScaler
{
    public static RgbImage Scale(RgbImage source, int left, int top, int width, int height, int destWidth, int destHeight)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > source.Width || top + height > source.Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"area {left},{top} {width}×{height} is not inside the {source.Width}×{source.Height} picture");
        var dest = new RgbImage(destWidth, destHeight);
        if (left == 0 && top == 0 && width == destWidth && height == destHeight && width == source.Width && height == source.Height)
        {
            source.Pixels.CopyTo(dest.Pixels, 0);
            return dest;
        }
        var src = source.Pixels;
        var dst = dest.Pixels;
        int stride = source.Stride;
        // Fixed point 16.16 source coordinates per destination column, computed once.
        var x0 = new int[destWidth];
        var fx = new int[destWidth];
        double sx = (double)width / destWidth, sy = (double)height / destHeight;
        for (int x = 0; x < destWidth; x++)
        {
            double u = Math.Clamp((x + 0.5) * sx - 0.5, 0, width - 1);
            int i = (int)u;
            x0[x] = left + i;
            fx[x] = (int)((u - i) * 256);
        }
        for (int y = 0; y < destHeight; y++)
        {
            double v = Math.Clamp((y + 0.5) * sy - 0.5, 0, height - 1);
            int j = (int)v, wy = (int)((v - j) * 256);
            int row0 = (top + j) * stride, row1 = (top + Math.Min(j + 1, height - 1)) * stride;
            int o = y * dest.Stride;
            for (int x = 0; x < destWidth; x++)
            {
                int a = x0[x], b = Math.Min(a + 1, left + width - 1), wx = fx[x];
                int pa = a * 3, pb = b * 3;
                for (int c = 0; c < 3; c++)
                {
                    int top0 = src[row0 + pa + c] * (256 - wx) + src[row0 + pb + c] * wx;
                    int bot0 = src[row1 + pa + c] * (256 - wx) + src[row1 + pb + c] * wx;
                    dst[o++] = (byte)((top0 * (256 - wy) + bot0 * wy + 32768) >> 16);
                }
            }
        }
        return dest;
    }
}
