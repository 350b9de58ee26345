using Camlab.Rendering;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Tests;

public class MovingObjectTests
{
    private static readonly PerspectiveProjection Camera = PerspectiveProjection.FromHorizontalFov(640, 360, 60);

    /// <summary>Centroid of pixels of the object's own colour (the rim is darker and not counted).</summary>
    private static (double X, double Y, int Count) ColourCentroid(RgbImage image, (byte R, byte G, byte B) colour)
    {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image.GetPixel(x, y);
                if (Math.Abs(r - colour.R) <= 6 && Math.Abs(g - colour.G) <= 6 && Math.Abs(b - colour.B) <= 6) { sx += x + 0.5; sy += y + 0.5; n++; }
            }
        return n == 0 ? (double.NaN, double.NaN, 0) : (sx / n, sy / n, n);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(5.0)]
    public void The_car_is_where_its_path_says_at_each_time(double seconds)
    {
        var car = SceneFixture.Scene.Objects.Single(o => o.Name == "car");
        var t = TimeSpan.FromSeconds(seconds);
        var sighting = car.SightingAt(t, SceneFixture.Scene.CameraHeightM);
        Assert.Equal(6 * seconds, sighting.BearingDeg, 6);
        // Point the camera 5° to the left of the car so that its position in the picture matters.
        var pose = new ViewPose(sighting.BearingDeg - 5, sighting.ElevationDeg);
        var image = SceneFixture.Renderer.Render(new RenderRequest(Camera, pose, 640, 360) { SceneTime = t });
        var (x, y, n) = ColourCentroid(image, car.Color);
        Assert.True(n > 200, $"only {n} car pixels");
        Camera.TryProject(Rotation3.CameraToWorld(pose).Transposed.Apply(sighting.Direction), out double u, out double v);
        Assert.InRange(x, u - 2, u + 2);
        Assert.InRange(y, v - 2, v + 2);
    }

    [Fact]
    public void A_fixed_camera_sees_motion_only_when_scene_time_advances()
    {
        var request = new RenderRequest(Camera, new ViewPose(15, -20), 640, 360) { NoiseSeed = 9 };
        var first = SceneFixture.Renderer.Render(request);
        var same = SceneFixture.Renderer.Render(request);
        var later = SceneFixture.Renderer.Render(request with { SceneTime = TimeSpan.FromSeconds(3) });
        Assert.Equal(0, MotionMeasure.ChangedFraction(first, same));
        Assert.True(MotionMeasure.ChangedFraction(first, later) > 0.002);
        Assert.True(MotionMeasure.MeanAbsoluteDifference(first, later) > MotionMeasure.MeanAbsoluteDifference(first, same));
    }

    [Fact]
    public void The_walker_swings_back_and_forth_with_a_20_second_period()
    {
        var walker = SceneFixture.Scene.Objects.Single(o => o.Name == "walker");
        double At(double s) => walker.SightingAt(TimeSpan.FromSeconds(s), 8).BearingDeg;
        Assert.Equal(20, At(0), 6);
        Assert.Equal(35, At(5), 6);
        Assert.Equal(5, At(15), 6);
        Assert.Equal(At(3), At(23), 6);
    }

    [Fact]
    public void Nearer_objects_look_bigger()
    {
        var ball = SceneFixture.Scene.Objects.Single(o => o.Name == "ball");
        var far = ball.SightingAt(TimeSpan.FromSeconds(4), 8);   // 18 m
        var near = ball.SightingAt(TimeSpan.FromSeconds(12), 8); // 6 m
        Assert.Equal(18, far.DistanceM, 6);
        Assert.Equal(6, near.DistanceM, 6);
        Assert.True(near.AngularRadiusDeg > 2 * far.AngularRadiusDeg);
    }
}
