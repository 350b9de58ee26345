using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Sampling;

/// <summary>The per-frame pixel work of the view: bilinear panorama reads through a <see cref="SampleMap"/>, then moving objects.</summary>
internal static class PanoramaSampler
{
    /// <summary>Rows per parallel work item: big enough to amortise scheduling, small enough to balance two cores.</summary>
    internal const int RowsPerBand = 16;

    /// <summary>
    /// Bilinear reads into <paramref name="destination"/>; with a <paramref name="stage"/>, each pixel goes
    /// through the sensor and tone stage as soon as it is written (one pass over the frame instead of two).
    /// </summary>
    public static unsafe void Sample(SampleMap map, RgbImage destination, ParallelOptions parallel,
        SensorToneStage? stage = null, ulong noiseSeed = 0, float[]? nearField = null)
    {
        int width = destination.Width, height = destination.Height;
        int bands = (height + RowsPerBand - 1) / RowsPerBand;
        int noiseOffset = SensorNoise.Offset(noiseSeed);
        Parallel.For(0, bands, parallel, band =>
        {
            int y0 = band * RowsPerBand, y1 = Math.Min(height, y0 + RowsPerBand);
            int stride = map.Panorama.PaddedStride;
            fixed (byte* pano = map.Panorama.Padded)
            fixed (byte* dstBase = destination.Pixels)
            fixed (int* offsets = map.Offsets)
            fixed (ushort* weights = map.Weights)
            fixed (float* near = stage is not null && stage.LampLevel > 0 ? nearField : null)
            {
                int k = y0 * width, end = y1 * width;
                // The SIMD body stores 4 bytes per pixel: the band's last pixel goes to the scalar tail so no
                // store reaches into the next band, which another thread may already have finished.
                int simdEnd = end - 1;
                if (Avx2.IsSupported)
                {
                    for (; k + 1 < simdEnd; k += 2)
                    {
                        int oa = offsets[k], ob = offsets[k + 1];
                        if ((oa | ob) >= 0)
                        {
                            BlendPairAvx2(pano + oa, pano + ob, stride, *(uint*)(weights + k), dstBase + 3 * k);
                            continue;
                        }
                        // A pixel outside the image (black) in the pair: one at a time.
                        BlendOrBlack(pano, oa, stride, weights[k], dstBase + 3 * k);
                        BlendOrBlack(pano, ob, stride, weights[k + 1], dstBase + 3 * k + 3);
                    }
                }
                if (Sse41.IsSupported)
                {
                    for (; k < simdEnd; k++) BlendOrBlack(pano, offsets[k], stride, weights[k], dstBase + 3 * k);
                }
                for (; k < end; k++)
                {
                    byte* d = dstBase + 3 * k;
                    int o = offsets[k];
                    if (o < 0) { d[0] = d[1] = d[2] = 0; continue; }
                    int w = weights[k];
                    int fx = w & 0xFF, fy = w >> 8, ifx = SampleMap.WeightOne - fx, ify = SampleMap.WeightOne - fy;
                    byte* p = pano + o;
                    byte* q = p + stride;
                    d[0] = (byte)(((p[0] * ifx + p[3] * fx) * ify + (q[0] * ifx + q[3] * fx) * fy + 8192) >> 14);
                    d[1] = (byte)(((p[1] * ifx + p[4] * fx) * ify + (q[1] * ifx + q[4] * fx) * fy + 8192) >> 14);
                    d[2] = (byte)(((p[2] * ifx + p[5] * fx) * ify + (q[2] * ifx + q[5] * fx) * fy + 8192) >> 14);
                }
                stage?.ApplyRange(dstBase, y0 * width, y1 * width, noiseOffset, near);
            }
        });
    }

    /// <summary>
    /// One bilinear pixel with SSE4.1, bit-identical to the scalar formula: the two texel rows are widened to
    /// 16-bit lanes, weighted horizontally with one multiply (lanes 0–2 by 1 − fx, 3–5 by fx) and folded by a
    /// 6-byte lane shift; the vertical blend interleaves top and bottom and uses one multiply-add to 32 bits.
    /// Reads 8 bytes per row (the panorama has slack at its end) and writes 4 (the next pixel overwrites the 4th).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void BlendSse41(byte* p, byte* q, int weight, byte* d)
    {
        short fx = (short)(weight & 0xFF), fy = (short)(weight >> 8);
        short ifx = (short)(SampleMap.WeightOne - fx), ify = (short)(SampleMap.WeightOne - fy);
        // Lanes 0–2 weigh the left texel, 3–5 the right one; lanes 6–7 only feed the discarded 4th byte.
        var horizontal = Sse41.Blend(Vector128.Create(ifx), Vector128.Create(fx), 0b0011_1000);
        var top = Sse2.MultiplyLow(Sse41.ConvertToVector128Int16(Vector128.CreateScalarUnsafe(*(ulong*)p).AsByte()), horizontal);
        var bottom = Sse2.MultiplyLow(Sse41.ConvertToVector128Int16(Vector128.CreateScalarUnsafe(*(ulong*)q).AsByte()), horizontal);
        top = Sse2.Add(top, Sse2.ShiftRightLogical128BitLane(top, 6));
        bottom = Sse2.Add(bottom, Sse2.ShiftRightLogical128BitLane(bottom, 6));
        var vertical = Vector128.Create((ushort)ify | ((int)fy << 16)).AsInt16();
        var sum = Sse2.MultiplyAddAdjacent(Sse2.UnpackLow(top, bottom), vertical);
        sum = Sse2.ShiftRightArithmetic(Sse2.Add(sum, Vector128.Create(8192)), 14);
        var words = Sse2.PackSignedSaturate(sum, sum);
        *(uint*)d = Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void BlendOrBlack(byte* pano, int offset, int stride, int weight, byte* d)
    {
        if (offset < 0) { d[0] = d[1] = d[2] = 0; return; }
        BlendSse41(pano + offset, pano + offset + stride, weight, d);
    }

    /// <summary>Selects pixel k's 16-bit weight (bytes 0–1) for the low 128-bit lane and pixel k+1's (bytes 2–3) for the high one.</summary>
    private static readonly Vector256<byte> PairWeightShuffle = Vector256.Create(
        (byte)0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3);

    /// <summary>
    /// Two neighbouring output pixels with AVX2, one per 128-bit lane, by exactly <see cref="BlendSse41"/>'s steps
    /// (every step is lane-local), so bit-identical to it. <paramref name="weightPair"/> is the two pixels' packed
    /// weights read as one 32-bit word. Writes 7 bytes: the 7th is the next pixel's first, which it overwrites.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void BlendPairAvx2(byte* pa, byte* pb, int stride, uint weightPair, byte* d)
    {
        var w = Avx2.Shuffle(Vector256.Create(weightPair).AsByte(), PairWeightShuffle).AsInt16();
        var fx = Avx2.And(w, Vector256.Create((short)0xFF));
        var fy = Avx2.ShiftRightLogical(w, 8);
        var one = Vector256.Create((short)SampleMap.WeightOne);
        var horizontal = Avx2.Blend(Avx2.Subtract(one, fx), fx, 0b0011_1000);
        var vertical = Avx2.Blend(Avx2.Subtract(one, fy), fy, 0b1010_1010);
        var top = Avx2.MultiplyLow(Avx2.ConvertToVector256Int16(Vector128.Create(*(ulong*)pa, *(ulong*)pb).AsByte()), horizontal);
        var bottom = Avx2.MultiplyLow(Avx2.ConvertToVector256Int16(Vector128.Create(*(ulong*)(pa + stride), *(ulong*)(pb + stride)).AsByte()), horizontal);
        top = Avx2.Add(top, Avx2.ShiftRightLogical128BitLane(top, 6));
        bottom = Avx2.Add(bottom, Avx2.ShiftRightLogical128BitLane(bottom, 6));
        var sum = Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(top, bottom), vertical);
        sum = Avx2.ShiftRightArithmetic(Avx2.Add(sum, Vector256.Create(8192)), 14);
        var words = Avx2.PackSignedSaturate(sum, sum);
        var bytes = Avx2.PackUnsignedSaturate(words, words).AsUInt32();
        *(uint*)d = bytes.GetLower().ToScalar();
        *(uint*)(d + 3) = bytes.GetUpper().ToScalar();
    }

    /// <summary>
    /// Paints each object as a shaded disc with a dark rim, farthest first so nearer objects hide farther
    /// ones. Only tiles whose bounding cone meets the object's cone are visited.
    /// </summary>
    /// <remarks>With a <paramref name="stage"/>, the frame has already been through it, so object pixels get it as they are painted.</remarks>
    public static unsafe void DrawObjects(SampleMap map, IEnumerable<ObjectSighting> sightings, IReadOnlyList<SceneObject> objects, RgbImage destination,
        SensorToneStage? stage = null, ulong noiseSeed = 0, float[]? nearField = null)
    {
        var tone = new ObjectTone(stage, SensorNoise.Offset(noiseSeed), nearField);
        var rays = map.Rays;
        var worldToCamera = map.CameraToWorld.Transposed;
        foreach (var s in sightings.OrderByDescending(s => s.DistanceM))
        {
            var color = objects.First(o => o.Id == s.ObjectId).Color;
            var (d, radius) = InCamera(s, worldToCamera);
            float cosOuter = MathF.Cos(radius), cosInner = MathF.Cos(radius * 0.8f);
            for (int ty = 0; ty < rays.TilesY; ty++)
                for (int tx = 0; tx < rays.TilesX; tx++)
                    if (TileMayShow(rays, ty * rays.TilesX + tx, d, radius))
                        PaintTile(rays, tx, ty, d, cosOuter, cosInner, color, destination, tone);
        }
    }

    /// <summary>True when the sighting may cover a pixel of the view (the test <see cref="DrawObjects"/> paints by, tile by tile).</summary>
    public static bool MayShow(CameraRayMap rays, Geometry.Rotation3 cameraToWorld, ObjectSighting sighting)
    {
        var (d, radius) = InCamera(sighting, cameraToWorld.Transposed);
        for (int t = 0; t < rays.TileRadiusRad.Length; t++)
            if (TileMayShow(rays, t, d, radius)) return true;
        return false;
    }

    private static (Vector3 Direction, float RadiusRad) InCamera(ObjectSighting s, Geometry.Rotation3 worldToCamera) =>
        (Vector3.Normalize(worldToCamera.Apply(s.Direction)), (float)(s.AngularRadiusDeg * Math.PI / 180));

    private static bool TileMayShow(CameraRayMap rays, int tile, Vector3 direction, float radius)
    {
        float tileRadius = rays.TileRadiusRad[tile];
        if (tileRadius < 0) return false;
        float reach = tileRadius + radius;
        return reach >= MathF.PI || Vector3.Dot(rays.TileAxis[tile], direction) >= MathF.Cos(reach);
    }

    private readonly record struct ObjectTone(SensorToneStage? Stage, int NoiseOffset, float[]? NearField);

    private static unsafe void PaintTile(CameraRayMap rays, int tx, int ty, Vector3 d, float cosOuter, float cosInner, (byte R, byte G, byte B) color,
        RgbImage destination, ObjectTone tone)
    {
        int x0 = tx * CameraRayMap.TileSize, y0 = ty * CameraRayMap.TileSize;
        int x1 = Math.Min(rays.Width, x0 + CameraRayMap.TileSize), y1 = Math.Min(rays.Height, y0 + CameraRayMap.TileSize);
        var px = destination.Pixels;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                int k = y * rays.Width + x;
                float dot = rays.X[k] * d.X + rays.Y[k] * d.Y + rays.Z[k] * d.Z;
                if (dot < cosOuter) continue;
                // A dark rim (35 %) outlines the disc against any background.
                float shade = dot < cosInner ? 0.35f : 1f;
                px[3 * k] = (byte)(color.R * shade);
                px[3 * k + 1] = (byte)(color.G * shade);
                px[3 * k + 2] = (byte)(color.B * shade);
                if (tone.Stage is { } stage)
                    fixed (byte* p = px)
                    fixed (float* near = stage.LampLevel > 0 ? tone.NearField : null)
                        stage.Apply(p + 3 * k, k, tone.NoiseOffset, SensorNoise.TablePointer, near);
            }
    }
}
