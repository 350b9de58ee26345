using System.Numerics;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Sampling;

/// <summary>
/// The unit camera-frame ray of every output pixel for one (camera model, output size, crop window): the
/// expensive part of the inverse camera model (Newton iterations for distortion), independent of where the
/// camera points, so it is computed once per zoom/size and reused for every pan/tilt.
/// Rays of pixels that no ray images (outside the model's domain) are (0, 0, 0) and listed in
/// <see cref="InvalidPixels"/>. Pixels are grouped in <see cref="TileSize"/>² tiles with a bounding cone each,
/// so a small target (a moving object) touches only the tiles its cone meets.
/// </summary>
internal sealed class CameraRayMap
{
    public const int TileSize = 16;

    private CameraRayMap(int width, int height)
    {
        Width = width;
        Height = height;
        X = new float[width * height];
        Y = new float[width * height];
        Z = new float[width * height];
        TilesX = (width + TileSize - 1) / TileSize;
        TilesY = (height + TileSize - 1) / TileSize;
        TileAxis = new Vector3[TilesX * TilesY];
        TileRadiusRad = new float[TilesX * TilesY];
    }

    public int Width { get; }
    public int Height { get; }
    public float[] X { get; }
    public float[] Y { get; }
    public float[] Z { get; }
    public int[] InvalidPixels { get; private set; } = [];
    public int TilesX { get; }
    public int TilesY { get; }
    public Vector3[] TileAxis { get; }
    /// <summary>Half-angle of each tile's bounding cone; negative for a tile with no valid pixel.</summary>
    public float[] TileRadiusRad { get; }
    /// <summary>The ray through the centre of the output (the view's optical axis for a centred window).</summary>
    public Vector3 CentreRay { get; private set; }
    /// <summary>Angle subtended by one output pixel at the centre: the effective focal length is its inverse.</summary>
    public double CentrePixelAngleRad { get; private set; }

    public static CameraRayMap Build(ICameraProjection camera, int width, int height, CropWindow window, ParallelOptions parallel)
    {
        var map = new CameraRayMap(width, height);
        double sx = window.Width / width, sy = window.Height / height;
        var invalid = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, height, parallel, j =>
        {
            double v = window.Top + (j + 0.5) * sy;
            for (int i = 0; i < width; i++)
            {
                int k = j * width + i;
                if (camera.TryUnproject(window.Left + (i + 0.5) * sx, v, out var ray) && ray.LengthSquared() > 0.5f)
                {
                    ray = Vector3.Normalize(ray);
                    map.X[k] = ray.X; map.Y[k] = ray.Y; map.Z[k] = ray.Z;
                }
                else invalid.Add(k);
            }
        });
        var invalidSorted = invalid.ToArray();
        Array.Sort(invalidSorted);
        map.InvalidPixels = invalidSorted;
        Parallel.For(0, map.TilesY, parallel, ty => { for (int tx = 0; tx < map.TilesX; tx++) map.BoundTile(tx, ty); });

        double cu = window.Left + window.Width / 2, cv = window.Top + window.Height / 2;
        if (!camera.TryUnproject(cu, cv, out var centre))
            throw new ArgumentException($"the camera model images no ray at the centre ({cu}, {cv}) of the crop window {window}");
        map.CentreRay = Vector3.Normalize(centre);
        map.CentrePixelAngleRad = camera.TryUnproject(cu + sx, cv, out var next) || camera.TryUnproject(cu - sx, cv, out next)
            ? AngleBetween(centre, next)
            : throw new ArgumentException($"the camera model images no ray one pixel beside the centre ({cu}, {cv}) of the crop window {window}");
        return map;
    }

    /// <summary>
    /// The angle between two rays, accurate for neighbouring pixels: acos of a float dot product rounds to 0
    /// below about 3·10⁻⁴ rad (a 1080p picture narrower than 37°), which made the defocus blur infinite.
    /// </summary>
    internal static double AngleBetween(Vector3 a, Vector3 b)
    {
        double ax = a.X, ay = a.Y, az = a.Z, bx = b.X, by = b.Y, bz = b.Z;
        double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
        return Math.Atan2(Math.Sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
    }

    private void BoundTile(int tx, int ty)
    {
        int x0 = tx * TileSize, y0 = ty * TileSize, x1 = Math.Min(Width, x0 + TileSize), y1 = Math.Min(Height, y0 + TileSize);
        var sum = Vector3.Zero;
        bool complete = true;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                int k = y * Width + x;
                var ray = new Vector3(X[k], Y[k], Z[k]);
                if (ray == Vector3.Zero) complete = false;
                sum += ray;
            }
        int t = ty * TilesX + tx;
        if (sum.LengthSquared() < 1e-12f) { TileRadiusRad[t] = -1; return; }
        var axis = Vector3.Normalize(sum);
        // The pixel farthest from the axis has the largest tan² = |axis × ray|² / (axis · ray)², compared without a
        // division; a cone is far below 90°. Neither acos of a float dot product (it rounds to 0 for the 10⁻⁴ rad
        // cones of a long zoom and clipped objects) nor ranking by the dot product (the stored float rays are unit
        // only to 10⁻⁷, more than 1 − cos of such cones) is accurate enough.
        double ax = axis.X, ay = axis.Y, az = axis.Z, bestCross = 0, bestDot = 1;
        int farthest = -1;
        void Consider(int k)
        {
            double bx = X[k], by = Y[k], bz = Z[k];
            if (bx == 0 && by == 0 && bz == 0) return;
            double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
            double cross = cx * cx + cy * cy + cz * cz, dot = ax * bx + ay * by + az * bz;
            bool farther = farthest < 0 || (dot > 0 && bestDot > 0
                ? cross * bestDot * bestDot > bestCross * dot * dot
                : Math.Atan2(Math.Sqrt(cross), dot) > Math.Atan2(Math.Sqrt(bestCross), bestDot)); // a cone past 90°: a folded model
            if (farther) { bestCross = cross; bestDot = dot; farthest = k; }
        }
        // The angle from a point of the sphere has no local maximum short of the antipode, so over a tile whose every
        // pixel has a ray it peaks on the tile's border — as long as the model maps the tile without folding it, which
        // a border within tan 0.5 (0.46 rad, for 16 pixels!) of the axis vouches for. Otherwise every pixel is scanned.
        if (complete)
        {
            for (int x = x0; x < x1; x++) { Consider(y0 * Width + x); Consider((y1 - 1) * Width + x); }
            for (int y = y0 + 1; y < y1 - 1; y++) { Consider(y * Width + x0); Consider(y * Width + x1 - 1); }
        }
        if (!complete || !(bestDot > 0 && bestCross < 0.25 * bestDot * bestDot)) // tan² 0.25: about 0.46 rad
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++) Consider(y * Width + x);
        TileAxis[t] = axis;
        // A little slack covers the float rounding of the stored rays themselves.
        TileRadiusRad[t] = (float)AngleBetween(axis, new Vector3(X[farthest], Y[farthest], Z[farthest])) + 1e-5f;
    }
}
