using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Tests;

public class ViewGeometryTests
{
    private static readonly PerspectiveProjection Camera = PerspectiveProjection.FromHorizontalFov(640, 360, 30);

    [Theory]
    [InlineData("N", 0)]
    [InlineData("E", 90)]
    [InlineData("S", 180)]
    [InlineData("SW", 225)]
    [InlineData("NW", -45)]
    public void A_pose_at_a_compass_bearing_shows_that_label_at_the_centre(string text, double pan)
    {
        var pose = new ViewPose(pan, CompassLabel.DefaultElevationDeg);
        var image = SceneFixture.Renderer.Render(new RenderRequest(Camera, pose, 640, 360));
        Assert.True(SceneFixture.LabelMatch(image, SceneFixture.Label(text), Camera, pose) > 0.97);
        var centroid = SceneFixture.WhiteCentroid(image, 200, 100, 240, 160);
        Assert.NotNull(centroid);
        var expected = SceneFixture.ExpectedInkCentroid(SceneFixture.Label(text), Camera, pose);
        // The label sits at the centre (its ink is off-centre by the glyph shapes only) …
        Assert.InRange(expected.X, 300, 340);
        Assert.InRange(expected.Y, 160, 200);
        // … and the rendered ink is where the camera model puts it.
        Assert.InRange(centroid.Value.X, expected.X - 3, expected.X + 3);
        Assert.InRange(centroid.Value.Y, expected.Y - 3, expected.Y + 3);
    }

    [Fact]
    public void Panning_by_90_degrees_replaces_the_label_at_the_centre()
    {
        var east = new ViewPose(90, 10);
        var south = east with { PanDeg = 180 };
        var atEast = SceneFixture.Renderer.Render(new RenderRequest(Camera, east, 640, 360));
        var atSouth = SceneFixture.Renderer.Render(new RenderRequest(Camera, south, 640, 360));
        Assert.True(SceneFixture.LabelMatch(atEast, SceneFixture.Label("E"), Camera, east) > 0.97);
        Assert.True(SceneFixture.LabelMatch(atSouth, SceneFixture.Label("S"), Camera, south) > 0.97);
        // E is no longer in the picture, so its cells cannot match.
        Assert.True(SceneFixture.LabelMatch(atSouth, SceneFixture.Label("E"), Camera, south) < 0.5);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-8)]
    public void A_small_pan_moves_the_label_by_the_distance_the_projection_predicts(double pan)
    {
        var image = SceneFixture.Renderer.Render(new RenderRequest(Camera, new ViewPose(pan, 10), 640, 360));
        var centroid = SceneFixture.WhiteCentroid(image, 0, 120, 640, 120)!.Value;
        // The label's centre at bearing 0 images at u = cx + f·tan(−pan) on the centre row.
        double expected = 320 + Camera.FocalLengthPx * Math.Tan(-pan * Math.PI / 180);
        Assert.InRange(centroid.X, expected - 4, expected + 4);
    }

    [Fact]
    public void Zoom_narrows_the_measured_field_of_view_as_the_model_predicts()
    {
        double previous = 180;
        foreach (double hfov in new[] { 70.0, 50, 30, 15 })
        {
            // Pan right by a quarter of the field of view: the (symmetric) N label moves left by f·tan(δ).
            double delta = hfov / 4;
            var camera = PerspectiveProjection.FromHorizontalFov(640, 360, hfov);
            var image = SceneFixture.Renderer.Render(new RenderRequest(camera, new ViewPose(delta, 10), 640, 360));
            int halfBand = (int)Math.Min(179, camera.FocalLengthPx * Math.Tan(5.5 * Math.PI / 180));
            var centroid = SceneFixture.WhiteCentroid(image, 0, 180 - halfBand, 320, 2 * halfBand)!.Value;
            // Exactly where the model puts the ink …
            var predicted = SceneFixture.ExpectedInkCentroid(SceneFixture.Label("N"), camera, new ViewPose(delta, 10));
            Assert.InRange(centroid.X, predicted.X - 2, predicted.X + 2);
            // … and the field of view read off the picture (pinhole, label centre at bearing 0) is the model's
            // within the perspective stretch of the label's off-axis ink.
            double measuredF = (320 - centroid.X) / Math.Tan(delta * Math.PI / 180);
            double measuredFov = 2 * Math.Atan(320 / measuredF) * 180 / Math.PI;
            Assert.InRange(measuredFov, hfov - 1, hfov + 1);
            Assert.True(measuredFov < previous);
            previous = measuredFov;
        }
    }

    [Fact]
    public void Mount_yaw_adds_to_pan()
    {
        var camera = Camera;
        var pose = new ViewPose(0, 10, new MountOrientation(90, 0, 0));
        var image = SceneFixture.Renderer.Render(new RenderRequest(camera, pose, 640, 360));
        Assert.True(SceneFixture.LabelMatch(image, SceneFixture.Label("E"), camera, pose) > 0.97);
    }

    [Fact]
    public void Mount_roll_tilts_the_horizon()
    {
        var camera = PerspectiveProjection.FromHorizontalFov(640, 360, 60);
        var level = SceneFixture.Renderer.Render(new RenderRequest(camera, new ViewPose(0, 0), 640, 360));
        var rolled = SceneFixture.Renderer.Render(new RenderRequest(camera, new ViewPose(0, 0, new MountOrientation(0, 0, 10)), 640, 360));
        // Level: the horizon is the same row across the image; rolled right-side-down, it rises on the right.
        Assert.InRange(HorizonRow(level, 100) - HorizonRow(level, 440), -2, 2);
        Assert.True(HorizonRow(rolled, 440) < HorizonRow(rolled, 100) - 20);
    }

    /// <summary>First row from the bottom that is not ground-green (sky, buildings or horizon line), in one column.</summary>
    private static int HorizonRow(RgbImage image, int x)
    {
        int y = image.Height - 1;
        while (y > 0)
        {
            var (r, g, b) = image.GetPixel(x, y);
            bool grass = g > r && g > b;
            bool gridLine = r > 190 && g > 190 && b > 180;
            if (!grass && !gridLine) break;
            y--;
        }
        return y;
    }

    [Fact]
    public void Distortion_moves_off_centre_content_but_keeps_the_centre()
    {
        var plain = PerspectiveProjection.FromHorizontalFov(640, 360, 60);
        var barrel = plain with { K1 = -0.25, K2 = 0.05 };
        var pose = new ViewPose(22.5, 10);
        var a = SceneFixture.Renderer.Render(new RenderRequest(plain, pose, 640, 360));
        var b = SceneFixture.Renderer.Render(new RenderRequest(barrel, pose, 640, 360));
        // Barrel distortion pulls off-axis points toward the centre: the labels come closer together.
        double spreadA = SceneFixture.WhiteCentroid(a, 320, 130, 320, 100)!.Value.X - SceneFixture.WhiteCentroid(a, 0, 130, 320, 100)!.Value.X;
        double spreadB = SceneFixture.WhiteCentroid(b, 320, 130, 320, 100)!.Value.X - SceneFixture.WhiteCentroid(b, 0, 130, 320, 100)!.Value.X;
        Assert.True(spreadB < spreadA - 10, $"{spreadB} vs {spreadA}");
        Assert.True(SceneFixture.LabelMatch(b, SceneFixture.Label("NE"), barrel, pose) > 0.9);
    }

    [Fact]
    public void A_digital_window_shows_the_same_content_as_the_wide_source_at_that_place()
    {
        // A wide 3840×2160 fixed camera; a window of its right half-height-quarter around the NE label.
        var wide = PerspectiveProjection.FromHorizontalFov(3840, 2160, 100);
        var pose = new ViewPose(0, 10);
        var full = SceneFixture.Renderer.Render(new RenderRequest(wide, pose, 3840, 2160));
        wide.TryProject(Rotation3.CameraToWorld(pose).Transposed.Apply(SphericalDirection.FromAngles(45, 10)), out double u, out double v);
        var window = new CropWindow(u - 320, v - 180, u + 320, v + 180);
        var cropped = SceneFixture.Renderer.Render(new RenderRequest(wide, pose, 640, 360) { Window = window });
        // Same pixels as cutting the rectangle out of the full-resolution render (bilinear sampling noise only).
        double diff = 0;
        for (int y = 0; y < 360; y++)
            for (int x = 0; x < 640; x++)
                diff += Math.Abs(cropped.Luma(x, y) - full.Luma((int)Math.Floor(u - 320) + x, (int)Math.Floor(v - 180) + y));
        Assert.True(diff / (640 * 360) < 6, $"mean luma difference {diff / (640 * 360)}");
        var c = SceneFixture.WhiteCentroid(cropped, 200, 100, 240, 160)!.Value;
        Assert.InRange(c.X, 310, 330);
    }

    [Fact]
    public void Bad_requests_are_rejected_with_the_parameter_named()
    {
        var r = SceneFixture.Renderer;
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Render(new RenderRequest(Camera, new ViewPose(0, 95), 640, 360)));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Render(new RenderRequest(Camera, new ViewPose(0, 0), 0, 360)));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Render(new RenderRequest(Camera, new ViewPose(0, 0), 64, 36) { Window = new CropWindow(0, 0, 700, 360) }));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => r.Render(new RenderRequest(Camera, new ViewPose(0, 0), 64, 36) { Imaging = new ImagingParameters { Contrast = 5 } }));
        Assert.Equal("Contrast", e.ParamName);
    }
}
