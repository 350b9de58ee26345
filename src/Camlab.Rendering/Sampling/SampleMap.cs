using System.Numerics;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Sampling;

/// <summary>
/// Where every output pixel of one pose reads the panorama: the offset of the top-left texel of its 2×2
/// bilinear neighbourhood in <see cref="Panorama.Padded"/> (−1 for a pixel with no ray) and the 7-bit
/// fractional weights packed in 16 bits (fx | fy &lt;&lt; 8, 0..127 of 128): 6 bytes per pixel. Built from a <see cref="CameraRayMap"/> by rotating
/// each ray into the world and converting it to bearing/elevation, eight or sixteen pixels at a time.
/// </summary>
internal sealed class SampleMap
{
    /// <summary>Bilinear weights are 7-bit fixed point (0..127 of 128): products stay in signed 16 bits for SIMD.</summary>
    public const int WeightOne = 128;

    private readonly SampleMapBuffers? _buffers;
    private float[]? _nearField;
    private readonly object _gate = new();

    private SampleMap(CameraRayMap rays, Rotation3 cameraToWorld, Panorama panorama, SampleMapBuffers? buffers)
    {
        Rays = rays;
        CameraToWorld = cameraToWorld;
        Panorama = panorama;
        int n = rays.Width * rays.Height;
        // Recycled buffers hold an old pose's values: the build writes every element.
        Offsets = buffers?.RentInts(n) ?? new int[n];
        Weights = buffers?.RentUShorts(n) ?? new ushort[n];
        _buffers = buffers;
    }

    public CameraRayMap Rays { get; }
    public Rotation3 CameraToWorld { get; }
    public Panorama Panorama { get; }
    public int[] Offsets { get; }
    public ushort[] Weights { get; }

    /// <param name="buffers">Where to take the map's arrays from (and give them back to, <see cref="ReturnBuffers"/>); null: new arrays.</param>
    public static SampleMap Build(CameraRayMap rays, Rotation3 cameraToWorld, Panorama panorama, ParallelOptions parallel, SampleMapBuffers? buffers = null)
    {
        var map = new SampleMap(rays, cameraToWorld, panorama, buffers);
        int n = rays.Width * rays.Height;
        int chunk = Math.Max(4096, n / (Environment.ProcessorCount * 4)) / Vector<float>.Count * Vector<float>.Count;
        Parallel.For(0, (n + chunk - 1) / chunk, parallel, c => map.BuildRange(c * chunk, Math.Min(n, (c + 1) * chunk)));
        foreach (int k in rays.InvalidPixels) map.Offsets[k] = -1;
        return map;
    }

    private void BuildRange(int start, int end)
    {
        var r = CameraToWorld;
        float w = Panorama.Width, h = Panorama.Height;
        int paddedWidth = Panorama.Width + 1;
        float xScale = w / (2 * MathF.PI), xBias = w / 2 - 0.5f, yScale = h / MathF.PI, yBias = h / 2 - 0.5f;
        int width = Panorama.Width;
        int i = start;
        int lanes = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var kernel = new VectorKernel(r, w, h, width, paddedWidth, xScale, xBias, yScale, yBias);
            // Two vectors per step: their 32-bit weights narrow into one vector of 16-bit weights.
            for (; i <= end - 2 * lanes; i += 2 * lanes)
            {
                var w0 = kernel.Compute(Rays, i, Offsets);
                var w1 = kernel.Compute(Rays, i + lanes, Offsets);
                Vector.Narrow(w0, w1).CopyTo(Weights, i);
            }
        }
        for (; i < end; i++)
        {
            float x = Rays.X[i], y = Rays.Y[i], z = Rays.Z[i];
            float east = (float)r.M00 * x + (float)r.M01 * y + (float)r.M02 * z;
            float north = (float)r.M10 * x + (float)r.M11 * y + (float)r.M12 * z;
            float up = (float)r.M20 * x + (float)r.M21 * y + (float)r.M22 * z;
            float horizontal = MathF.Sqrt(east * east + north * north);
            float px = SimdMath.Atan2(east, north) * xScale + xBias;
            if (px < 0) px += w;
            if (px >= w) px -= w;
            float py = Math.Clamp(yBias - SimdMath.Atan2(up, horizontal) * yScale, 0, h - 1);
            float fx0 = MathF.Floor(px), fy0 = MathF.Floor(py);
            int x0 = Math.Min((int)fx0, width - 1), y0 = (int)fy0;
            int wx = Math.Min((int)((px - fx0) * WeightOne), WeightOne - 1), wy = Math.Min((int)((py - fy0) * WeightOne), WeightOne - 1);
            Offsets[i] = (y0 * paddedWidth + x0) * 3;
            Weights[i] = (ushort)(wx | (wy << 8));
        }
    }

    /// <summary>The vector body of <see cref="BuildRange"/>; the scalar tail is its exact twin.</summary>
    private readonly struct VectorKernel
    {
        private readonly Vector<float> _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;
        private readonly Vector<float> _w, _hMax, _xScale, _xBias, _yScale, _yBias;
        private readonly Vector<int> _wMaxInt, _paddedWidth;

        public VectorKernel(Rotation3 r, float w, float h, int width, int paddedWidth, float xScale, float xBias, float yScale, float yBias)
        {
            _m00 = new((float)r.M00); _m01 = new((float)r.M01); _m02 = new((float)r.M02);
            _m10 = new((float)r.M10); _m11 = new((float)r.M11); _m12 = new((float)r.M12);
            _m20 = new((float)r.M20); _m21 = new((float)r.M21); _m22 = new((float)r.M22);
            _w = new(w);
            _hMax = new(h - 1);
            _xScale = new(xScale); _xBias = new(xBias); _yScale = new(yScale); _yBias = new(yBias);
            _wMaxInt = new(width - 1);
            _paddedWidth = new(paddedWidth);
        }

        /// <summary>Writes the texel offsets of pixels [i, i + lanes) and returns their weights (fx | fy &lt;&lt; 8).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public Vector<uint> Compute(CameraRayMap rays, int i, int[] offsets)
        {
            var x = new Vector<float>(rays.X, i);
            var y = new Vector<float>(rays.Y, i);
            var z = new Vector<float>(rays.Z, i);
            var east = _m00 * x + _m01 * y + _m02 * z;
            var north = _m10 * x + _m11 * y + _m12 * z;
            var up = _m20 * x + _m21 * y + _m22 * z;
            var horizontal = Vector.SquareRoot(east * east + north * north);
            var px = SimdMath.Atan2(east, north) * _xScale + _xBias;
            px = Vector.ConditionalSelect(Vector.LessThan(px, Vector<float>.Zero), px + _w, px);
            px = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(px, _w), px - _w, px);
            var py = _yBias - SimdMath.Atan2(up, horizontal) * _yScale;
            py = Vector.Min(Vector.Max(py, Vector<float>.Zero), _hMax);
            var fx0 = Vector.Floor(px);
            var fy0 = Vector.Floor(py);
            var x0 = Vector.Min(Vector.ConvertToInt32(fx0), _wMaxInt);
            var y0 = Vector.ConvertToInt32(fy0);
            var maxWeight = new Vector<int>(WeightOne - 1);
            var wx = Vector.Min(Vector.ConvertToInt32((px - fx0) * new Vector<float>(WeightOne)), maxWeight);
            var wy = Vector.Min(Vector.ConvertToInt32((py - fy0) * new Vector<float>(WeightOne)), maxWeight);
            ((y0 * _paddedWidth + x0) * new Vector<int>(3)).CopyTo(offsets, i);
            return Vector.AsVectorUInt32(wx | Vector.ShiftLeft(wy, 8));
        }
    }

    /// <summary>
    /// How strongly a lamp on the camera lights each pixel's ground point: min(1, (reach / range)²) with the
    /// range along the ray, 0 at and above the horizon (inverse-square fall-off; <paramref name="reachM"/> is
    /// where it starts to fade).
    /// </summary>
    public float[] NearField(double cameraHeightM, double reachM)
    {
        lock (_gate)
        {
            if (_nearField is { } cached) return cached;
            var r = CameraToWorld;
            int n = Rays.Width * Rays.Height;
            var field = _buffers?.RentFloats(n) ?? new float[n];
            float k = (float)(reachM / cameraHeightM);
            for (int i = 0; i < n; i++)
            {
                float x = Rays.X[i], y = Rays.Y[i], z = Rays.Z[i];
                float up = (float)r.M20 * x + (float)r.M21 * y + (float)r.M22 * z;
                if (up >= 0 || (x == 0 && y == 0 && z == 0)) { field[i] = 0; continue; }
                // For a unit ray, range = height/(−up), so reach/range = k·(−up).
                float ratio = k * -up;
                field[i] = MathF.Min(1, ratio * ratio);
            }
            return _nearField = field;
        }
    }

    /// <summary>
    /// Gives the arrays to <paramref name="buffers"/> for the next map. Only the cache calls this, once the map has
    /// left it and the last render reading it has finished; the map must not be used afterwards.
    /// </summary>
    public void ReturnBuffers(SampleMapBuffers buffers)
    {
        buffers.Return(Offsets);
        buffers.Return(Weights);
        lock (_gate)
        {
            if (_nearField is { } field) buffers.Return(field);
            _nearField = null;
        }
    }
}
