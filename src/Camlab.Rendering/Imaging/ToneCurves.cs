namespace Camlab.Rendering.Imaging;

/// <summary>
/// The global, per-channel parts of the imaging chain folded into lookup tables, so a frame pays one table
/// read per channel for all of them. The sensor works on a 12-bit linear signal (0..4095 = black..clip).
/// </summary>
internal static class ToneCurves
{
    public const int LinearMax = 4095;
    public const double Gamma = 2.2;
    /// <summary>Entries saturate far above the clip level so huge exposure factors cannot overflow.</summary>
    private const int LinearCeiling = 1 << 20;

    /// <summary>Scene byte (gamma-encoded) → linear sensor signal × <paramref name="factor"/>, not yet clipped.</summary>
    public static int[] SensorLut(double factor)
    {
        var lut = new int[256];
        for (int s = 0; s < 256; s++)
            lut[s] = (int)Math.Min(LinearCeiling, Math.Round(LinearMax * Math.Pow(s / 255.0, Gamma) * factor));
        return lut;
    }

    /// <summary>Clipped linear sensor signal (0..4095) → output byte through every tone setting.</summary>
    public static byte[] OutputLut(ImagingParameters p)
    {
        var lut = new byte[LinearMax + 1];
        for (int i = 0; i <= LinearMax; i++)
            lut[i] = (byte)Math.Clamp((int)Math.Round(255 * Output((double)i / LinearMax, p)), 0, 255);
        return lut;
    }

    /// <summary>The tone chain for a linear level x in [0, 1]; returns the display level in [0, 1] (unclamped).</summary>
    public static double Output(double x, ImagingParameters p)
    {
        // WDR: logarithmic compression, a = 64^level − 1 (identity at 0).
        double a = Math.Pow(64, p.WideDynamicRange) - 1;
        if (a > 1e-9) x = Math.Log(1 + a * x) / Math.Log(1 + a);
        // Backlight compensation: up to 4× gain in the shadows, rolling off so white stays white.
        double g = 1 + 3 * p.BacklightCompensation;
        x = g * x / (1 + (g - 1) * x);
        double y = Math.Pow(Math.Max(0, x), 1 / Gamma);
        // Tone compensation: blend toward the smoothstep S-curve.
        y += p.ToneCompensation * (y * y * (3 - 2 * y) - y);
        // Defog: remove a veil of up to 30 % and stretch the rest back to full range.
        double veil = 0.3 * p.Defog;
        y = Math.Max(0, (y - veil) / (1 - veil));
        y = 0.5 + p.Contrast * (y - 0.5);
        return y + 0.5 * p.Brightness;
    }
}
