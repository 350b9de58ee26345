using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Camlab.Rendering.Imaging;

/// <summary>
/// Filters that compare each byte with the box mean around it (noise reduction, unsharp mask) in two passes
/// instead of three: the horizontal box pass into a pooled buffer, then the vertical running sums, whose mean row
/// is combined with the picture's row in place while both are in registers — the mean picture is never stored.
/// The combine is a struct type argument, so the JIT specialises the loop for each filter (no delegate per byte).
/// </summary>
internal static class LocalMeanFilter
{
    /// <summary>New value of a byte from its value and its local mean, in scalar and 32-bit-lane form (the same results).</summary>
    public interface ICombine
    {
        int Combine(int pixel, int mean);
        Vector<int> Combine(Vector<int> pixel, Vector<int> mean);
    }

    /// <summary>Noise reduction: move toward the mean by <c>levelQ</c>/256 where the difference is below the edge threshold.</summary>
    public readonly struct TowardMean(int levelQ, int threshold) : ICombine
    {
        private readonly Vector<int> _level = new(levelQ), _threshold = new(threshold);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Combine(int pixel, int mean)
        {
            int diff = mean - pixel;
            return diff < threshold && diff > -threshold ? pixel + diff * levelQ / 256 : pixel;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<int> Combine(Vector<int> pixel, Vector<int> mean)
        {
            var diff = mean - pixel;
            return Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(diff), _threshold), pixel + DivideBy256(diff * _level), pixel);
        }
    }

    /// <summary>Unsharp mask: add <c>amountQ</c>/256 of the difference to the mean, clamped to a byte.</summary>
    public readonly struct AwayFromMean(int amountQ) : ICombine
    {
        private readonly Vector<int> _amount = new(amountQ);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Combine(int pixel, int mean) => Math.Clamp(pixel + (pixel - mean) * amountQ / 256, 0, 255);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<int> Combine(Vector<int> pixel, Vector<int> mean) =>
            Vector.Min(Vector.Max(pixel + DivideBy256((pixel - mean) * _amount), Vector<int>.Zero), new Vector<int>(255));
    }

    /// <summary>C#'s <c>x / 256</c> (truncating toward zero) with shifts: negative values are biased by 255 first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> DivideBy256(Vector<int> x) =>
        Vector.ShiftRightArithmetic(x + (Vector.ShiftRightArithmetic(x, 31) & new Vector<int>(255)), 8);

    /// <summary>Replaces every byte of <paramref name="image"/> by <c>combine(byte, mean of its (2r+1)² box)</c>, edges clamped.</summary>
    public static unsafe void Apply<TCombine>(RgbImage image, int radius, TCombine combine, ParallelOptions parallel) where TCombine : struct, ICombine
    {
        int width = image.Width, height = image.Height, stride = width * 3;
        byte[] horizontal = ArrayPool<byte>.Shared.Rent(stride * height);
        try
        {
            BoxBlur.Horizontal(image.Pixels, horizontal, width, height, radius, parallel);
            uint inv = (uint)((1 << 16) / (2 * radius + 1) + 1);
            const int rowsPerBand = 64;
            Parallel.For(0, (height + rowsPerBand - 1) / rowsPerBand, parallel, band =>
            {
                int y0 = band * rowsPerBand, y1 = Math.Min(height, y0 + rowsPerBand);
                uint[] sumsArray = ArrayPool<uint>.Shared.Rent(stride);
                try
                {
                    fixed (uint* sums = sumsArray)
                    fixed (byte* h0 = horizontal, p0 = image.Pixels)
                        CombineBand(h0, p0, sums, stride, height, radius, inv, y0, y1, combine);
                }
                finally
                {
                    ArrayPool<uint>.Shared.Return(sumsArray);
                }
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(horizontal);
        }
    }

    /// <summary>
    /// Rows [y0, y1): vertical running sums of the horizontal means (32 bytes at a time, widened to 32-bit lanes),
    /// each row's mean combined with the picture's row and written over it. The picture's rows are read only here,
    /// one at a time, so writing them in place is safe; the sums read only the horizontal buffer.
    /// </summary>
    private static unsafe void CombineBand<TCombine>(byte* h0, byte* p0, uint* sums, int stride, int height, int r, uint inv, int y0, int y1,
        TCombine combine) where TCombine : struct, ICombine
    {
        BoxBlur.PrimeColumnSums(sums, h0, stride, height, y0, r);
        var vInv = new Vector<uint>(inv);
        int lanes = Vector<byte>.Count, u = Vector<uint>.Count;
        for (int y = y0; y < y1; y++)
        {
            byte* px = p0 + y * stride;
            byte* add = h0 + Math.Min(y + r + 1, height - 1) * stride, sub = h0 + Math.Max(y - r, 0) * stride;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= stride - lanes; i += lanes)
                {
                    var sum0 = Unsafe.Read<Vector<uint>>(sums + i);
                    var sum1 = Unsafe.Read<Vector<uint>>(sums + i + u);
                    var sum2 = Unsafe.Read<Vector<uint>>(sums + i + 2 * u);
                    var sum3 = Unsafe.Read<Vector<uint>>(sums + i + 3 * u);
                    Vector.Widen(Unsafe.Read<Vector<byte>>(px + i), out Vector<ushort> pLo, out Vector<ushort> pHi);
                    Vector.Widen(pLo, out Vector<uint> p0v, out Vector<uint> p1v);
                    Vector.Widen(pHi, out Vector<uint> p2v, out Vector<uint> p3v);
                    var c0 = combine.Combine(Vector.AsVectorInt32(p0v), Vector.AsVectorInt32(Vector.ShiftRightLogical(sum0 * vInv, 16)));
                    var c1 = combine.Combine(Vector.AsVectorInt32(p1v), Vector.AsVectorInt32(Vector.ShiftRightLogical(sum1 * vInv, 16)));
                    var c2 = combine.Combine(Vector.AsVectorInt32(p2v), Vector.AsVectorInt32(Vector.ShiftRightLogical(sum2 * vInv, 16)));
                    var c3 = combine.Combine(Vector.AsVectorInt32(p3v), Vector.AsVectorInt32(Vector.ShiftRightLogical(sum3 * vInv, 16)));
                    // Combined values are bytes (the filters clamp or stay between pixel and mean): narrowing truncates nothing.
                    var lo = Vector.Narrow(Vector.AsVectorUInt32(c0), Vector.AsVectorUInt32(c1));
                    var hi = Vector.Narrow(Vector.AsVectorUInt32(c2), Vector.AsVectorUInt32(c3));
                    Unsafe.Write(px + i, Vector.Narrow(lo, hi));
                    BoxBlur.SlideColumnSums(sums + i, u, add + i, sub + i, sum0, sum1, sum2, sum3);
                }
            }
            for (; i < stride; i++)
            {
                px[i] = (byte)combine.Combine(px[i], (int)((sums[i] * inv) >> 16));
                sums[i] += (uint)(add[i] - sub[i]);
            }
        }
    }
}
