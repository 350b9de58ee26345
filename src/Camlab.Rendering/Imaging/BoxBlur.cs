using System.Buffers;

namespace Camlab.Rendering;

/// <summary>
/// Separable box blur of packed RGB with clamped edges, O(1) per pixel whatever the radius (running sums).
/// Three passes approximate a Gaussian (focus blur); one pass is the local mean that sharpening and noise
/// reduction compare against.
/// </summary>
internal static class BoxBlur
{
    public static void Apply(byte[] source, byte[] destination, int width, int height, int radius, int passes = 1)
    {
        if (radius < 1 || passes < 1)
        {
            if (!ReferenceEquals(source, destination)) source.AsSpan(0, width * height * 3).CopyTo(destination);
            return;
        }
        int n = width * height * 3;
        byte[] temp = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var from = source;
            for (int pass = 0; pass < passes; pass++)
            {
                Horizontal(from, temp, width, height, radius);
                Vertical(temp, destination, width, height, radius);
                from = destination;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static void Horizontal(byte[] src, byte[] dst, int width, int height, int r)
    {
        int window = 2 * r + 1;
        int inv = (1 << 16) / window + 1;
        Parallel.For(0, (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand, band =>
        {
            int y1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand);
            for (int y = band * PanoramaSampler.RowsPerBand; y < y1; y++)
            {
                int row = y * width * 3;
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int t = -r; t <= r; t++) sum += src[row + 3 * Math.Clamp(t, 0, width - 1) + c];
                    for (int x = 0; x < width; x++)
                    {
                        dst[row + 3 * x + c] = (byte)((sum * inv) >> 16);
                        int add = Math.Min(x + r + 1, width - 1), sub = Math.Max(x - r, 0);
                        sum += src[row + 3 * add + c] - src[row + 3 * sub + c];
                    }
                }
            }
        });
    }

    private static void Vertical(byte[] src, byte[] dst, int width, int height, int r)
    {
        int stride = width * 3, window = 2 * r + 1;
        int inv = (1 << 16) / window + 1;
        const int rowsPerBand = 64;
        Parallel.For(0, (height + rowsPerBand - 1) / rowsPerBand, band =>
        {
            int y0 = band * rowsPerBand, y1 = Math.Min(height, y0 + rowsPerBand);
            int[] sums = ArrayPool<int>.Shared.Rent(stride);
            try
            {
                Array.Clear(sums, 0, stride);
                for (int t = y0 - r; t <= y0 + r; t++)
                {
                    int row = Math.Clamp(t, 0, height - 1) * stride;
                    for (int i = 0; i < stride; i++) sums[i] += src[row + i];
                }
                for (int y = y0; y < y1; y++)
                {
                    int outRow = y * stride;
                    int add = Math.Min(y + r + 1, height - 1) * stride, sub = Math.Max(y - r, 0) * stride;
                    for (int i = 0; i < stride; i++)
                    {
                        dst[outRow + i] = (byte)((sums[i] * inv) >> 16);
                        sums[i] += src[add + i] - src[sub + i];
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(sums);
            }
        });
    }

    /// <summary>
    /// In-place separable [w, 1 − 2w, w] blur, <paramref name="passes"/> times: variance 2w per pass and axis
    /// (w ≤ 0.25 keeps the kernel positive), for blur finer than a box can give.
    /// </summary>
    public static void ApplyThreeTap(byte[] pixels, int width, int height, double weight, int passes)
    {
        int wq = (int)Math.Round(Math.Clamp(weight, 0, 0.25) * 256), centre = 256 - 2 * wq;
        if (wq == 0) return;
        int stride = width * 3, n = stride * height;
        byte[] temp = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            for (int pass = 0; pass < passes; pass++)
            {
                ForBands(height, y =>
                {
                    int row = y * stride;
                    for (int x = 0; x < width; x++)
                    {
                        int l = row + 3 * Math.Max(x - 1, 0), m = row + 3 * x, r = row + 3 * Math.Min(x + 1, width - 1);
                        for (int c = 0; c < 3; c++)
                            temp[m + c] = (byte)((wq * (pixels[l + c] + pixels[r + c]) + centre * pixels[m + c] + 128) >> 8);
                    }
                });
                ForBands(height, y =>
                {
                    int up = Math.Max(y - 1, 0) * stride, row = y * stride, down = Math.Min(y + 1, height - 1) * stride;
                    for (int i = 0; i < stride; i++)
                        pixels[row + i] = (byte)((wq * (temp[up + i] + temp[down + i]) + centre * temp[row + i] + 128) >> 8);
                });
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static void ForBands(int height, Action<int> row)
    {
        Parallel.For(0, (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand, band =>
        {
            int y1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand);
            for (int y = band * PanoramaSampler.RowsPerBand; y < y1; y++) row(y);
        });
    }
}
