using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Camlab.Rendering.Sampling;

namespace Camlab.Rendering.Imaging;

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
    /// <summary>
    /// Day, saturation 1: the whole per-channel chain, output[clamp(sensor[c][v] + noise·σ >> 8)], for every channel c,
    /// scene byte v and noise table value z, as one byte table [c][v][z + 128] (3 × 64 KB + 3 bytes of slack for the
    /// AVX2 gather), so a channel costs one load instead of two loads, a multiply and a clamp. Null otherwise.
    /// </summary>
    private readonly byte[]? _noisyTone;
    private readonly byte* _noisyToneCentre;

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
        if (!_night && _satQ == 256)
        {
            _noisyTone = GC.AllocateArray<byte>(3 * 65536 + 3, pinned: true);
            for (int c = 0; c < 3; c++)
                for (int v = 0; v < 256; v++)
                    for (int z = -128; z < 128; z++)
                        _noisyTone[(c << 16) | (v << 8) | (z + 128)] = _output[ClampLinear(_tables[(c << 8) | v] + ((z * _sigmaQ) >> 8))];
            fixed (byte* t = _noisyTone) _noisyToneCentre = t + 128;
        }
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
    /// <param name="vectorise">False computes the day, saturation-1 chain from its formula instead of its table (tests compare the two).</param>
    public void ApplyRange(byte* pixels, int k0, int k1, int noiseOffset, float* nearField, bool vectorise = true)
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
        if (vectorise && _noisyToneCentre != null)
        {
            if (Avx2.IsSupported)
            {
                int done = ApplyNoisyToneAvx2(d, k1 - k0, n, noise);
                k0 += done; d += 3 * done; n += 3 * done;
            }
            byte* rt = _noisyToneCentre, gt = rt + 65536, bt = rt + 131072;
            for (; k0 < k1; k0++, d += 3, n += 3)
            {
                d[0] = rt[(d[0] << 8) + noise[n & mask]];
                d[1] = gt[(d[1] << 8) + noise[(n + 1) & mask]];
                d[2] = bt[(d[2] << 8) + noise[(n + 2) & mask]];
            }
            return;
        }
        // The formula the table holds (tests compare the two).
        for (int i = k0; i < k1; i++, d += 3, n += 3)
        {
            int r = lr[d[0]] + ((noise[n & mask] * sigmaQ) >> 8);
            int g = lg[d[1]] + ((noise[(n + 1) & mask] * sigmaQ) >> 8);
            int b = lb[d[2]] + ((noise[(n + 2) & mask] * sigmaQ) >> 8);
            d[0] = lut[(uint)r > max ? (r < 0 ? 0 : max) : r];
            d[1] = lut[(uint)g > max ? (g < 0 ? 0 : max) : g];
            d[2] = lut[(uint)b > max ? (b < 0 ? 0 : max) : b];
        }
    }

    /// <summary>
    /// The <see cref="_noisyTone"/> loop 8 pixels (24 channel values) at a time: index (c·256 + v)·256 + z per lane,
    /// one AVX2 gather of the table's bytes per 8 lanes; the noise is read as 24 consecutive table bytes (a run that
    /// would wrap the table's end is left to the scalar loop). Returns how many pixels it did.
    /// </summary>
    private int ApplyNoisyToneAvx2(byte* d, int pixels, int n, sbyte* noise)
    {
        int* table = (int*)_noisyToneCentre;
        var channel0 = Vector256.Create(0, 65536, 131072, 0, 65536, 131072, 0, 65536);
        var channel1 = Vector256.Create(131072, 0, 65536, 131072, 0, 65536, 131072, 0);
        var channel2 = Vector256.Create(65536, 131072, 0, 65536, 131072, 0, 65536, 131072);
        var byteMask = Vector256.Create(0xFF);
        int done = 0;
        for (; done + 8 <= pixels; done += 8, d += 24, n += 24)
        {
            int start = n & SensorNoise.TableMask;
            if (start + 24 > SensorNoise.TableMask + 1) break;
            sbyte* z = noise + start;
            var c0 = NoisyTone(d, z, channel0, table, byteMask);
            var c1 = NoisyTone(d + 8, z + 8, channel1, table, byteMask);
            var c2 = NoisyTone(d + 16, z + 16, channel2, table, byteMask);
            var bytes = Vector256.Narrow(Vector256.Narrow(c0, c1), Vector256.Narrow(c2, c2)).AsByte();
            bytes.GetLower().Store(d);
            *(ulong*)(d + 16) = bytes.GetUpper().AsUInt64().ToScalar();
        }
        return done;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> NoisyTone(byte* d, sbyte* z, Vector256<int> channel, int* table, Vector256<int> byteMask)
    {
        var index = Avx2.Add(Avx2.Add(Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(d), 8), Avx2.ConvertToVector256Int32(z)), channel);
        return Avx2.And(Avx2.GatherVector256(table, index, 1), byteMask);
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
