using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Camlab.Rendering.Sampling;

namespace Camlab.Rendering.Imaging;

/// <summary>
/// Separable box blur of packed RGB with clamped edges, O(1) per pixel whatever the radius (running sums).
/// Three passes approximate a Gaussian (focus blur); one pass is the local mean that sharpening and noise
/// reduction compare against.
/// </summary>
internal static class BoxBlur
{
    public static void Apply(byte[] source, byte[] destination, int width, int height, int radius, ParallelOptions? parallel = null, int passes = 1)
    {
        if (radius < 1 || passes < 1)
        {
            if (!ReferenceEquals(source, destination)) source.AsSpan(0, width * height * 3).CopyTo(destination);
            return;
        }
        parallel ??= new ParallelOptions();
        int n = width * height * 3;
        byte[] temp = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var from = source;
            for (int pass = 0; pass < passes; pass++)
            {
                Horizontal(from, temp, width, height, radius, parallel);
                Vertical(temp, destination, width, height, radius, parallel);
                from = destination;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    /// <summary>Radii up to this are summed directly, 32 bytes at a time; larger ones use per-channel running sums.</summary>
    private const int MaxDirectRadius = 8;

    /// <summary>The horizontal box mean of every row (clamped edges), <paramref name="src"/> → <paramref name="dst"/>.</summary>
    internal static unsafe void Horizontal(byte[] src, byte[] dst, int width, int height, int r, ParallelOptions parallel)
    {
        int window = 2 * r + 1;
        int inv = (1 << 16) / window + 1;
        bool direct = r <= MaxDirectRadius && Vector.IsHardwareAccelerated;
        Parallel.For(0, (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand, parallel, band =>
        {
            int y1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand);
            fixed (byte* s0 = src, d0 = dst)
            {
                for (int y = band * PanoramaSampler.RowsPerBand; y < y1; y++)
                {
                    byte* s = s0 + y * width * 3, d = d0 + y * width * 3;
                    if (direct) HorizontalRowDirect(s, d, width, r, inv);
                    else HorizontalRowRunning(s, d, width, r, inv);
                }
            }
        });
    }

    /// <summary>
    /// One row by summing the 2r + 1 neighbours of each byte directly (same sums as the running version, so the
    /// same bytes): interleaved RGB makes a neighbour 3 bytes away, so the interior is 2r + 1 shifted vector loads
    /// widened to 16 bits (at most 17 × 255 per lane) and added; only the r pixels at each end clamp.
    /// </summary>
    private static unsafe void HorizontalRowDirect(byte* s, byte* d, int width, int r, int inv)
    {
        int stride = 3 * width, edge = 3 * r;
        for (int x = 0; x < width; x++)
        {
            if (x == r && width - r > r) x = width - r; // the interior is done below
            for (int c = 0; c < 3; c++)
            {
                int sum = 0;
                for (int t = -r; t <= r; t++) sum += s[3 * Math.Clamp(x + t, 0, width - 1) + c];
                d[3 * x + c] = (byte)((sum * inv) >> 16);
            }
        }
        int i = edge, interiorEnd = stride - edge;
        int lanes = Vector<byte>.Count;
        var vInv = new Vector<uint>((uint)inv);
        for (; i + lanes <= interiorEnd; i += lanes)
        {
            Vector<ushort> lo = Vector<ushort>.Zero, hi = Vector<ushort>.Zero;
            for (int t = -edge; t <= edge; t += 3)
            {
                Vector.Widen(Unsafe.Read<Vector<byte>>(s + i + t), out Vector<ushort> l, out Vector<ushort> h);
                lo += l;
                hi += h;
            }
            Vector.Widen(lo, out Vector<uint> u0, out Vector<uint> u1);
            Vector.Widen(hi, out Vector<uint> u2, out Vector<uint> u3);
            var narrowLo = Vector.Narrow(Vector.ShiftRightLogical(u0 * vInv, 16), Vector.ShiftRightLogical(u1 * vInv, 16));
            var narrowHi = Vector.Narrow(Vector.ShiftRightLogical(u2 * vInv, 16), Vector.ShiftRightLogical(u3 * vInv, 16));
            Unsafe.Write(d + i, Vector.Narrow(narrowLo, narrowHi));
        }
        for (; i < interiorEnd; i++)
        {
            int sum = 0;
            for (int t = -edge; t <= edge; t += 3) sum += s[i + t];
            d[i] = (byte)((sum * inv) >> 16);
        }
    }

    private static unsafe void HorizontalRowRunning(byte* s, byte* d, int width, int r, int inv)
    {
        for (int c = 0; c < 3; c++)
        {
            int sum = 0;
            for (int t = -r; t <= r; t++) sum += s[3 * Math.Clamp(t, 0, width - 1) + c];
            int x = 0;
            // Edges clamp; the interior (x − r ≥ 0 and x + r + 1 < width) needs no index checks.
            int interiorEnd = width - r - 1;
            for (; x < Math.Min(r, width); x++)
            {
                d[3 * x + c] = (byte)((sum * inv) >> 16);
                sum += s[3 * Math.Min(x + r + 1, width - 1) + c] - s[3 * Math.Max(x - r, 0) + c];
            }
            byte* add = s + 3 * (x + r + 1) + c, sub = s + 3 * (x - r) + c, o = d + 3 * x + c;
            for (; x < interiorEnd; x++, add += 3, sub += 3, o += 3)
            {
                *o = (byte)((sum * inv) >> 16);
                sum += *add - *sub;
            }
            for (; x < width; x++)
            {
                d[3 * x + c] = (byte)((sum * inv) >> 16);
                sum += s[3 * Math.Min(x + r + 1, width - 1) + c] - s[3 * Math.Max(x - r, 0) + c];
            }
        }
    }

    /// <summary>
    /// Vertical running sums over whole rows: 32 bytes at a time widened to 32-bit lanes
    /// (<see cref="Vector{T}"/>), so one row update is a handful of vector adds.
    /// </summary>
    private static unsafe void Vertical(byte[] src, byte[] dst, int width, int height, int r, ParallelOptions parallel)
    {
        int stride = width * 3, window = 2 * r + 1;
        uint inv = (uint)((1 << 16) / window + 1);
        const int rowsPerBand = 64;
        Parallel.For(0, (height + rowsPerBand - 1) / rowsPerBand, parallel, band =>
        {
            int y0 = band * rowsPerBand, y1 = Math.Min(height, y0 + rowsPerBand);
            uint[] sumsArray = ArrayPool<uint>.Shared.Rent(stride);
            try
            {
                fixed (uint* sums = sumsArray)
                fixed (byte* s0 = src, d0 = dst)
                {
                    PrimeColumnSums(sums, s0, stride, height, y0, r);
                    var vInv = new Vector<uint>(inv);
                    int lanes = Vector<byte>.Count;
                    int u = Vector<uint>.Count;
                    for (int y = y0; y < y1; y++)
                    {
                        byte* o = d0 + y * stride;
                        byte* add = s0 + Math.Min(y + r + 1, height - 1) * stride, sub = s0 + Math.Max(y - r, 0) * stride;
                        int i = 0;
                        if (Vector.IsHardwareAccelerated)
                        {
                            for (; i <= stride - lanes; i += lanes)
                            {
                                var sum0 = Unsafe.Read<Vector<uint>>(sums + i);
                                var sum1 = Unsafe.Read<Vector<uint>>(sums + i + u);
                                var sum2 = Unsafe.Read<Vector<uint>>(sums + i + 2 * u);
                                var sum3 = Unsafe.Read<Vector<uint>>(sums + i + 3 * u);
                                var lo = Vector.Narrow(Vector.ShiftRightLogical(sum0 * vInv, 16), Vector.ShiftRightLogical(sum1 * vInv, 16));
                                var hi = Vector.Narrow(Vector.ShiftRightLogical(sum2 * vInv, 16), Vector.ShiftRightLogical(sum3 * vInv, 16));
                                Unsafe.Write(o + i, Vector.Narrow(lo, hi));
                                SlideColumnSums(sums + i, u, add + i, sub + i, sum0, sum1, sum2, sum3);
                            }
                        }
                        for (; i < stride; i++)
                        {
                            o[i] = (byte)((sums[i] * inv) >> 16);
                            sums[i] += (uint)(add[i] - sub[i]);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<uint>.Shared.Return(sumsArray);
            }
        });
    }

    /// <summary>
    /// In-place separable [w, 1 − 2w, w] blur, <paramref name="passes"/> times: variance 2w per pass and axis
    /// (w ≤ 0.25 keeps the kernel positive), for blur finer than a box can give.
    /// </summary>
    public static unsafe void ApplyThreeTap(byte[] pixels, int width, int height, double weight, int passes, ParallelOptions? parallel = null)
    {
        parallel ??= new ParallelOptions();
        int wq = (int)Math.Round(Math.Clamp(weight, 0, 0.25) * 256), centre = 256 - 2 * wq;
        if (wq == 0) return;
        int stride = width * 3, n = stride * height;
        byte[] temp = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            for (int pass = 0; pass < passes; pass++)
            {
                ForBands(height, parallel, pixels, temp, (src, dst, y) => ThreeTapRow(src + y * stride, dst + y * stride, width, wq, centre));
                ForBands(height, parallel, temp, pixels, (src, dst, y) =>
                    ThreeTapColumn(src + Math.Max(y - 1, 0) * stride, src + y * stride, src + Math.Min(y + 1, height - 1) * stride, dst + y * stride, stride, wq, centre));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private unsafe delegate void RowAction(byte* source, byte* destination, int y);

    private static unsafe void ForBands(int height, ParallelOptions parallel, byte[] source, byte[] destination, RowAction row)
    {
        Parallel.For(0, (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand, parallel, band =>
        {
            int y1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand);
            fixed (byte* s = source, d = destination)
                for (int y = band * PanoramaSampler.RowsPerBand; y < y1; y++) row(s, d, y);
        });
    }

    /// <summary>
    /// One row of the horizontal [w, 1 − 2w, w] pass. The weights sum to 256, so w·(a + b) + c·m + 128 ≤ 65,408 fits
    /// 16-bit lanes exactly: 32 bytes per step, with the neighbours one pixel (3 bytes) to each side.
    /// </summary>
    private static unsafe void ThreeTapRow(byte* s, byte* d, int width, int wq, int centre)
    {
        int stride = 3 * width;
        for (int x = 0; x < width; x = x == 0 && width > 1 ? width - 1 : width)
        {
            int l = 3 * Math.Max(x - 1, 0), m = 3 * x, r = 3 * Math.Min(x + 1, width - 1);
            for (int c = 0; c < 3; c++) d[m + c] = (byte)((wq * (s[l + c] + s[r + c]) + centre * s[m + c] + 128) >> 8);
        }
        int i = 3, end = stride - 3;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<byte>.Count <= end; i += Vector<byte>.Count)
                Unsafe.Write(d + i, ThreeTap(Unsafe.Read<Vector<byte>>(s + i - 3), Unsafe.Read<Vector<byte>>(s + i), Unsafe.Read<Vector<byte>>(s + i + 3), wq, centre));
        for (; i < end; i++) d[i] = (byte)((wq * (s[i - 3] + s[i + 3]) + centre * s[i] + 128) >> 8);
    }

    /// <summary>One row of the vertical pass from the rows above and below (clamped at the picture's edges).</summary>
    private static unsafe void ThreeTapColumn(byte* up, byte* row, byte* down, byte* d, int stride, int wq, int centre)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<byte>.Count <= stride; i += Vector<byte>.Count)
                Unsafe.Write(d + i, ThreeTap(Unsafe.Read<Vector<byte>>(up + i), Unsafe.Read<Vector<byte>>(row + i), Unsafe.Read<Vector<byte>>(down + i), wq, centre));
        for (; i < stride; i++) d[i] = (byte)((wq * (up[i] + down[i]) + centre * row[i] + 128) >> 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<byte> ThreeTap(Vector<byte> a, Vector<byte> m, Vector<byte> b, int wq, int centre)
    {
        Vector.Widen(a, out Vector<ushort> aLo, out Vector<ushort> aHi);
        Vector.Widen(m, out Vector<ushort> mLo, out Vector<ushort> mHi);
        Vector.Widen(b, out Vector<ushort> bLo, out Vector<ushort> bHi);
        var w = new Vector<ushort>((ushort)wq);
        var c = new Vector<ushort>((ushort)centre);
        var half = new Vector<ushort>(128);
        var lo = Vector.ShiftRightLogical((aLo + bLo) * w + mLo * c + half, 8);
        var hi = Vector.ShiftRightLogical((aHi + bHi) * w + mHi * c + half, 8);
        return Vector.Narrow(lo, hi);
    }

    /// <summary>The vertical running sums of the rows <paramref name="y0"/> ± <paramref name="r"/> (edge rows repeated), before the first output row.</summary>
    internal static unsafe void PrimeColumnSums(uint* sums, byte* source, int stride, int height, int y0, int r)
    {
        new Span<uint>(sums, stride).Clear();
        for (int t = y0 - r; t <= y0 + r; t++)
        {
            byte* row = source + Math.Clamp(t, 0, height - 1) * stride;
            for (int i = 0; i < stride; i++) sums[i] += row[i];
        }
    }

    /// <summary>
    /// One vector block of a vertical running sum moves down a row: the four <see cref="Vector{T}"/> of column sums
    /// starting at <paramref name="sums"/> (already read as <paramref name="sum0"/>..<paramref name="sum3"/>) gain the
    /// entering row's bytes and lose the leaving row's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void SlideColumnSums(uint* sums, int u, byte* add, byte* sub,
        Vector<uint> sum0, Vector<uint> sum1, Vector<uint> sum2, Vector<uint> sum3)
    {
        Vector.Widen(Unsafe.Read<Vector<byte>>(add), out Vector<ushort> aLo, out Vector<ushort> aHi);
        Vector.Widen(Unsafe.Read<Vector<byte>>(sub), out Vector<ushort> sLo, out Vector<ushort> sHi);
        Vector.Widen(aLo, out Vector<uint> a0, out Vector<uint> a1);
        Vector.Widen(aHi, out Vector<uint> a2, out Vector<uint> a3);
        Vector.Widen(sLo, out Vector<uint> b0, out Vector<uint> b1);
        Vector.Widen(sHi, out Vector<uint> b2, out Vector<uint> b3);
        Unsafe.Write(sums, sum0 + a0 - b0);
        Unsafe.Write(sums + u, sum1 + a1 - b1);
        Unsafe.Write(sums + 2 * u, sum2 + a2 - b2);
        Unsafe.Write(sums + 3 * u, sum3 + a3 - b3);
    }
}
