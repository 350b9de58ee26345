using System.Runtime.CompilerServices;

namespace Camlab.Rendering;

/// <summary>
/// The sensor and tone part of the imaging chain for one <see cref="ImagingParameters"/>, prepared once and
/// applied per pixel: sensor tables (exposure × white balance, scene byte → 12-bit linear), IR lamp, seeded
/// noise, the 4096-entry tone table (WDR, BLC, gamma, tone compensation, defog, contrast, brightness), then
/// saturation or night-mode monochrome. Tables live in pinned arrays so the per-pixel code uses raw
/// pointers; the sampler calls <see cref="Apply"/> right after it writes a pixel, so a frame makes one pass.
/// </summary>
internal sealed unsafe class SensorToneStage
{
    /// <summary>Distance at which the IR lamp's light starts to fall off with the square of distance.</summary>
    public const double IrLampReachM = 10;
    /// <summary>Linear level the IR lamp adds at full output inside its reach (at reference exposure).</summary>
    public const double IrLampLevel = 0.5;

    private readonly int[] _tables;
    private readonly byte[] _output;
    private readonly int* _r, _g, _b;
    private readonly byte* _out;
    private readonly int _sigmaQ, _satQ;
    /// <summary>noise·σ/256 and d·saturation/256 (C# division, toward zero) as tables, centred so they index by the signed value.</summary>
    private readonly int[] _products;
    private readonly int* _noiseProduct, _chromaProduct;
    private readonly bool _night;

    public SensorToneStage(ImagingParameters p)
    {
        Parameters = p;
        double k = p.ExposureFactor;
        _tables = GC.AllocateUninitializedArray<int>(3 * 256, pinned: true);
        ToneCurves.SensorLut(k * p.WhiteBalanceRedGain).CopyTo(_tables, 0);
        ToneCurves.SensorLut(k).CopyTo(_tables, 256);
        ToneCurves.SensorLut(k * p.WhiteBalanceBlueGain).CopyTo(_tables, 512);
        _output = GC.AllocateUninitializedArray<byte>(ToneCurves.LinearMax + 1, pinned: true);
        ToneCurves.OutputLut(p).CopyTo(_output, 0);
        fixed (int* t = _tables) { _r = t; _g = t + 256; _b = t + 512; }
        fixed (byte* o = _output) _out = o;
        _sigmaQ = (int)Math.Round(SensorNoise.BaseSigmaLinear * Math.Pow(10, p.GainDb / 20) / SensorNoise.TableSigma * 256);
        _satQ = (int)Math.Round(p.Saturation * 256);
        _night = p.NightMode;
        _products = GC.AllocateUninitializedArray<int>(256 + 511, pinned: true);
        for (int v = -128; v < 128; v++) _products[v + 128] = v * _sigmaQ / 256;
        for (int d = -255; d <= 255; d++) _products[256 + d + 255] = d * _satQ / 256;
        fixed (int* products = _products) { _noiseProduct = products + 128; _chromaProduct = products + 256 + 255; }
        // The lamp is not ambient light: it scales with time, gain and iris but not with AmbientLight.
        LampLevel = _night && p.IrLamp > 0
            ? (float)(p.IrLamp * IrLampLevel * ToneCurves.LinearMax * (p.ExposureTimeUs / ImagingParameters.ReferenceExposureTimeUs)
                * Math.Pow(10, p.GainDb / 20) * Math.Pow(10, -p.IrisDb / 20))
            : 0f;
    }

    public ImagingParameters Parameters { get; }

    /// <summary>Linear level the lamp adds at full near-field strength; 0 when the lamp is off or unseen (day mode).</summary>
    public float LampLevel { get; }

    /// <summary>
    /// Applies the stage to the pixel at <paramref name="d"/> (index <paramref name="k"/>). <paramref name="noise"/>
    /// is the frame's noise table base; <paramref name="nearField"/> may be null when <see cref="LampLevel"/> is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(byte* d, int k, int noiseOffset, sbyte* noise, float* nearField)
    {
        int sample = noiseOffset + 3 * k;
        if (_night)
        {
            int y = (77 * _r[d[0]] + 150 * _g[d[1]] + 29 * _b[d[2]]) >> 8;
            if (nearField != null) y += (int)(LampLevel * nearField[k]);
            y += noise[sample & SensorNoise.TableMask] * _sigmaQ / 256;
            d[0] = d[1] = d[2] = _out[Math.Clamp(y, 0, ToneCurves.LinearMax)];
            return;
        }
        int r = _out[Math.Clamp(_r[d[0]] + noise[sample & SensorNoise.TableMask] * _sigmaQ / 256, 0, ToneCurves.LinearMax)];
        int g = _out[Math.Clamp(_g[d[1]] + noise[(sample + 1) & SensorNoise.TableMask] * _sigmaQ / 256, 0, ToneCurves.LinearMax)];
        int b = _out[Math.Clamp(_b[d[2]] + noise[(sample + 2) & SensorNoise.TableMask] * _sigmaQ / 256, 0, ToneCurves.LinearMax)];
        if (_satQ != 256)
        {
            int luma = (77 * r + 150 * g + 29 * b) >> 8;
            r = Math.Clamp(luma + (r - luma) * _satQ / 256, 0, 255);
            g = Math.Clamp(luma + (g - luma) * _satQ / 256, 0, 255);
            b = Math.Clamp(luma + (b - luma) * _satQ / 256, 0, 255);
        }
        d[0] = (byte)r; d[1] = (byte)g; d[2] = (byte)b;
    }

    /// <summary>
    /// Applies the stage to pixels [<paramref name="k0"/>, <paramref name="k1"/>) of <paramref name="pixels"/>:
    /// the sampler calls it per band right after sampling the band, while the band is still in cache.
    /// Tables and settings are hoisted into locals so the loop runs from registers.
    /// </summary>
    public void ApplyRange(byte* pixels, int k0, int k1, int noiseOffset, float* nearField)
    {
        int* lr = _r, lg = _g, lb = _b;
        byte* lut = _out;
        int sigmaQ = _sigmaQ, satQ = _satQ;
        sbyte* noise = SensorNoise.TablePointer;
        const int mask = SensorNoise.TableMask, max = ToneCurves.LinearMax;
        if (_night || nearField != null)
        {
            for (int k = k0; k < k1; k++) Apply(pixels + 3 * k, k, noiseOffset, noise, nearField);
            return;
        }
        byte* d = pixels + 3 * k0;
        int n = noiseOffset + 3 * k0;
        if (satQ != 256)
        {
            // Apply's formulas (noise scaled with / 256, not >> 8) so a pixel is the same whichever loop renders it.
            int* noiseProduct = _noiseProduct, chromaProduct = _chromaProduct;
            for (int k = k0; k < k1; k++, d += 3, n += 3)
            {
                int r = lut[ClampLinear(lr[d[0]] + noiseProduct[noise[n & mask]])];
                int g = lut[ClampLinear(lg[d[1]] + noiseProduct[noise[(n + 1) & mask]])];
                int b = lut[ClampLinear(lb[d[2]] + noiseProduct[noise[(n + 2) & mask]])];
                int luma = (77 * r + 150 * g + 29 * b) >> 8;
                d[0] = ClampByte(luma + chromaProduct[r - luma]);
                d[1] = ClampByte(luma + chromaProduct[g - luma]);
                d[2] = ClampByte(luma + chromaProduct[b - luma]);
            }
            return;
        }
        for (int k = k0; k < k1; k++, d += 3, n += 3)
        {
            int r = lr[d[0]] + ((noise[n & mask] * sigmaQ) >> 8);
            int g = lg[d[1]] + ((noise[(n + 1) & mask] * sigmaQ) >> 8);
            int b = lb[d[2]] + ((noise[(n + 2) & mask] * sigmaQ) >> 8);
            d[0] = lut[(uint)r > max ? (r < 0 ? 0 : max) : r];
            d[1] = lut[(uint)g > max ? (g < 0 ? 0 : max) : g];
            d[2] = lut[(uint)b > max ? (b < 0 ? 0 : max) : b];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ClampLinear(int x) => (uint)x > ToneCurves.LinearMax ? (x < 0 ? 0 : ToneCurves.LinearMax) : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ClampByte(int x) => (uint)x > 255 ? (byte)(~x >> 31) : (byte)x;

    /// <summary>The stage as its own pass (used when optics, i.e. focus blur, must come between sampling and the sensor).</summary>
    public void ApplyAll(RgbImage image, ulong noiseSeed, float[]? nearField, ParallelOptions parallel)
    {
        int width = image.Width, height = image.Height, offset = SensorNoise.Offset(noiseSeed);
        int bands = (height + PanoramaSampler.RowsPerBand - 1) / PanoramaSampler.RowsPerBand;
        Parallel.For(0, bands, parallel, band =>
        {
            int k0 = band * PanoramaSampler.RowsPerBand * width, k1 = Math.Min(height, (band + 1) * PanoramaSampler.RowsPerBand) * width;
            fixed (byte* px = image.Pixels)
            fixed (float* near = LampLevel > 0 ? nearField : null)
                ApplyRange(px, k0, k1, offset, near);
        });
    }
}
