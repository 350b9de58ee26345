using System.Numerics;

namespace Camlab.Rendering;

/// <summary>The per-frame pixel work of the view: bilinear panorama reads through a <see cref="SampleMap"/>, then moving objects.</summary>
internal static class PanoramaSampler
{
    /// <summary>Rows per parallel work item: big enough to amortise scheduling, small enough to balance two cores.</summary>
    internal const int RowsPerBand = 16;

    public static unsafe void Sample(SampleMap map, RgbImage destination)
    {
        int width = destination.Width, height = destination.Height;
        int bands = (height + RowsPerBand - 1) / RowsPerBand;
        Parallel.For(0, bands, band =>
        {
            int y0 = band * RowsPerBand, y1 = Math.Min(height, y0 + RowsPerBand);
            int stride = map.Panorama.PaddedStride;
            fixed (byte* pano = map.Panorama.Padded)
            fixed (byte* dstBase = destination.Pixels)
            fixed (int* offsets = map.Offsets)
            fixed (int* weights = map.Weights)
            {
                for (int k = y0 * width, end = y1 * width; k < end; k++)
                {
                    byte* d = dstBase + 3 * k;
                    int o = offsets[k];
                    if (o < 0) { d[0] = d[1] = d[2] = 0; continue; }
                    int w = weights[k];
                    int fx = w & 0xFFFF, fy = w >> 16, ifx = 256 - fx, ify = 256 - fy;
                    byte* p = pano + o;
                    byte* q = p + stride;
                    d[0] = (byte)(((p[0] * ifx + p[3] * fx) * ify + (q[0] * ifx + q[3] * fx) * fy + 32768) >> 16);
                    d[1] = (byte)(((p[1] * ifx + p[4] * fx) * ify + (q[1] * ifx + q[4] * fx) * fy + 32768) >> 16);
                    d[2] = (byte)(((p[2] * ifx + p[5] * fx) * ify + (q[2] * ifx + q[5] * fx) * fy + 32768) >> 16);
                }
            }
        });
    }

    /// <summary>
    /// Paints each object as a shaded disc with a dark rim, farthest first so nearer objects hide farther
    /// ones. Only tiles whose bounding cone meets the object's cone are visited.
    /// </summary>
    public static void DrawObjects(SampleMap map, IEnumerable<ObjectSighting> sightings, IReadOnlyList<SceneObject> objects, RgbImage destination)
    {
        var rays = map.Rays;
        var worldToCamera = map.CameraToWorld.Transposed;
        foreach (var s in sightings.OrderByDescending(s => s.DistanceM))
        {
            var color = objects.First(o => o.Id == s.ObjectId).Color;
            var d = Vector3.Normalize(worldToCamera.Apply(s.Direction));
            float radius = (float)(s.AngularRadiusDeg * Math.PI / 180);
            float cosOuter = MathF.Cos(radius), cosInner = MathF.Cos(radius * 0.8f);
            for (int ty = 0; ty < rays.TilesY; ty++)
                for (int tx = 0; tx < rays.TilesX; tx++)
                {
                    int t = ty * rays.TilesX + tx;
                    float tileRadius = rays.TileRadiusRad[t];
                    if (tileRadius < 0) continue;
                    float reach = tileRadius + radius;
                    if (reach < MathF.PI && Vector3.Dot(rays.TileAxis[t], d) < MathF.Cos(reach)) continue;
                    PaintTile(rays, tx, ty, d, cosOuter, cosInner, color, destination);
                }
        }
    }

    private static void PaintTile(CameraRayMap rays, int tx, int ty, Vector3 d, float cosOuter, float cosInner, (byte R, byte G, byte B) color, RgbImage destination)
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
            }
    }
}
