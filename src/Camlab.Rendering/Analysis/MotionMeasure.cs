using System.Numerics;

namespace Camlab.Rendering.Analysis;

/// <summary>Frame differencing for motion detection: how much and how many pixels changed between two frames.</summary>
public static class MotionMeasure
{
    /// <summary>Mean absolute difference over all bytes (channels) of two same-sized frames, 0..255.</summary>
    public static double MeanAbsoluteDifference(RgbImage previous, RgbImage current)
    {
        CheckSameSize(previous, current);
        ReadOnlySpan<byte> a = previous.Pixels, b = current.Pixels;
        long total = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // |a − b| as max − min on bytes, widened twice to accumulate without overflow.
            var acc = Vector<uint>.Zero;
            for (; i <= a.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                var va = new Vector<byte>(a[i..]);
                var vb = new Vector<byte>(b[i..]);
                var diff = Vector.Max(va, vb) - Vector.Min(va, vb);
                Vector.Widen(diff, out Vector<ushort> lo, out Vector<ushort> hi);
                Vector.Widen(lo + hi, out Vector<uint> l2, out Vector<uint> h2);
                acc += l2 + h2;
                if ((i & 0xFFFFF) == 0) { total += Vector.Sum(acc); acc = Vector<uint>.Zero; }
            }
            total += Vector.Sum(acc);
        }
        for (; i < a.Length; i++) total += Math.Abs(a[i] - b[i]);
        return (double)total / a.Length;
    }

    /// <summary>Fraction (0..1) of pixels whose luma changed by more than <paramref name="threshold"/>: the motion amount.</summary>
    public static double ChangedFraction(RgbImage previous, RgbImage current, int threshold = 24)
    {
        CheckSameSize(previous, current);
        var a = previous.Pixels;
        var b = current.Pixels;
        long changed = 0;
        for (int i = 0; i < a.Length; i += 3)
        {
            int la = 77 * a[i] + 150 * a[i + 1] + 29 * a[i + 2];
            int lb = 77 * b[i] + 150 * b[i + 1] + 29 * b[i + 2];
            if (Math.Abs(la - lb) > threshold * 256) changed++;
        }
        return (double)changed / (a.Length / 3);
    }

    private static void CheckSameSize(RgbImage previous, RgbImage current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Width != current.Width || previous.Height != current.Height)
            throw new ArgumentException($"frames differ in size: {previous.Width}×{previous.Height} and {current.Width}×{current.Height}");
    }
}
