using Camlab.Rendering.Geometry;
using Camlab.Rendering.Sampling;

namespace Camlab.Rendering.Imaging;

/// <summary>
/// The output pixels one set of privacy masks covers for one (ray map, pan, tilt), as sorted runs
/// (start index, length), computed once per pose and mask set: each pixel's ray is turned into the mount
/// frame and tested against the polygons in pan/tilt.
/// </summary>
internal sealed class PrivacyMaskRaster
{
    private PrivacyMaskRaster(int[] runs) => Runs = runs;

    /// <summary>Pairs (first pixel, count).</summary>
    public int[] Runs { get; }

    public int MaskedPixelCount
    {
        get { int n = 0; for (int i = 1; i < Runs.Length; i += 2) n += Runs[i]; return n; }
    }

    public static PrivacyMaskRaster Build(CameraRayMap rays, double panDeg, double tiltDeg, IReadOnlyList<PrivacyMask> masks, ParallelOptions parallel)
    {
        var r = Rotation3.CameraToMount(panDeg, tiltDeg);
        float m00 = (float)r.M00, m01 = (float)r.M01, m02 = (float)r.M02, m10 = (float)r.M10, m11 = (float)r.M11,
              m12 = (float)r.M12, m20 = (float)r.M20, m21 = (float)r.M21, m22 = (float)r.M22;
        const float toDeg = 180 / MathF.PI;
        var rowRuns = new List<int>[rays.Height];
        Parallel.For(0, rays.Height, parallel, y =>
        {
            var runs = new List<int>();
            int runStart = -1;
            for (int x = 0; x <= rays.Width; x++)
            {
                bool masked = false;
                if (x < rays.Width)
                {
                    int k = y * rays.Width + x;
                    float cx = rays.X[k], cy = rays.Y[k], cz = rays.Z[k];
                    if (cx != 0 || cy != 0 || cz != 0)
                    {
                        float e = m00 * cx + m01 * cy + m02 * cz, n = m10 * cx + m11 * cy + m12 * cz, u = m20 * cx + m21 * cy + m22 * cz;
                        double pan = SimdMath.Atan2(e, n) * toDeg, tilt = SimdMath.Atan2(u, MathF.Sqrt(e * e + n * n)) * toDeg;
                        foreach (var mask in masks)
                            if (mask.Contains(pan, tilt)) { masked = true; break; }
                    }
                }
                int index = y * rays.Width + x;
                if (masked && runStart < 0) runStart = index;
                else if (!masked && runStart >= 0) { runs.Add(runStart); runs.Add(index - runStart); runStart = -1; }
            }
            rowRuns[y] = runs;
        });
        return new PrivacyMaskRaster(rowRuns.SelectMany(r => r).ToArray());
    }

    public void Apply(RgbImage image)
    {
        for (int i = 0; i < Runs.Length; i += 2) image.Pixels.AsSpan(3 * Runs[i], 3 * Runs[i + 1]).Clear();
    }
}
