using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Tests;

/// <summary>One generated default scene for the whole test run (generating it takes a fraction of a second).</summary>
internal static class SceneFixture
{
    public const int PanoramaWidth = 4096;
    private static readonly Lazy<Scene> LazyScene = new(() => DefaultScene.Create(PanoramaWidth));
    private static readonly Lazy<ViewRenderer> LazyRenderer = new(() => new ViewRenderer(LazyScene.Value));

    public static Scene Scene => LazyScene.Value;
    public static ViewRenderer Renderer => LazyRenderer.Value;

    public static CompassLabel Label(string text) => CompassLabel.DefaultLayout(PanoramaWidth).Single(l => l.Text == text);

    /// <summary>
    /// Fraction of the label's font cells that look right in the image: ink cells bright, background cells
    /// dark, each sampled where the camera model says the cell's centre direction images.
    /// </summary>
    public static double LabelMatch(RgbImage image, CompassLabel label, ICameraProjection camera, ViewPose pose)
    {
        var worldToCamera = Rotation3.CameraToWorld(pose).Transposed;
        double sx = (double)image.Width / camera.ImageWidth, sy = (double)image.Height / camera.ImageHeight;
        int good = 0, total = 0;
        foreach (var (bearing, elevation, ink) in label.Cells())
        {
            total++;
            var ray = worldToCamera.Apply(SphericalDirection.FromAngles(bearing, elevation));
            if (!camera.TryProject(ray, out double u, out double v)) continue;
            int x = (int)Math.Floor(u * sx), y = (int)Math.Floor(v * sy);
            if (x < 0 || y < 0 || x >= image.Width || y >= image.Height) continue;
            double luma = image.Luma(x, y);
            if (ink ? luma > 200 : luma < 60) good++;
        }
        return (double)good / total;
    }

    /// <summary>Where the label's ink pixels should average out: the mean of its ink cells' projected centres.</summary>
    public static (double X, double Y) ExpectedInkCentroid(CompassLabel label, ICameraProjection camera, ViewPose pose)
    {
        var worldToCamera = Rotation3.CameraToWorld(pose).Transposed;
        double su = 0, sv = 0;
        int n = 0;
        foreach (var (bearing, elevation, ink) in label.Cells())
        {
            if (!ink || !camera.TryProject(worldToCamera.Apply(SphericalDirection.FromAngles(bearing, elevation)), out double u, out double v)) continue;
            su += u; sv += v; n++;
        }
        return (su / n, sv / n);
    }

    /// <summary>Centroid (x, y) of the label-white pixels (all channels ≥ 225) in a band of rows; null if none.</summary>
    public static (double X, double Y, int Count)? WhiteCentroid(RgbImage image, int left, int top, int width, int height)
    {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = top; y < top + height; y++)
            for (int x = left; x < left + width; x++)
            {
                var (r, g, b) = image.GetPixel(x, y);
                if (r >= 225 && g >= 225 && b >= 225) { sx += x + 0.5; sy += y + 0.5; n++; }
            }
        return n == 0 ? null : (sx / n, sy / n, n);
    }
}
