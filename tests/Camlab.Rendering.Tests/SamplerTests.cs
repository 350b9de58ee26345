using Camlab.Rendering;

namespace Camlab.Rendering.Tests;

public class SamplerTests
{
    [Theory]
    [InlineData(0, 0, 60)]
    [InlineData(179, -30, 90)]
    [InlineData(-100, 60, 20)]
    public void The_fixed_point_simd_sampler_matches_exact_bilinear_sampling(double pan, double tilt, double hfov)
    {
        var camera = PerspectiveProjection.FromHorizontalFov(321, 181, hfov, k1: -0.1);
        var pose = new ViewPose(pan, tilt, new MountOrientation(10, 3, -2));
        var options = new ParallelOptions();
        var rays = CameraRayMap.Build(camera, 321, 181, CropWindow.Full(camera), options);
        var rotation = Rotation3.CameraToWorld(pose);
        var map = SampleMap.Build(rays, rotation, SceneFixture.Scene.Panorama, options);
        var image = new RgbImage(321, 181);
        PanoramaSampler.Sample(map, image, options);
        double total = 0;
        int worst = 0;
        for (int k = 0; k < 321 * 181; k++)
        {
            var world = rotation.Apply(new System.Numerics.Vector3(rays.X[k], rays.Y[k], rays.Z[k]));
            var (r, g, b) = SceneFixture.Scene.Panorama.Sample(world);
            int d = Math.Max(Math.Abs(r - image.Pixels[3 * k]), Math.Max(Math.Abs(g - image.Pixels[3 * k + 1]), Math.Abs(b - image.Pixels[3 * k + 2])));
            worst = Math.Max(worst, d);
            total += d;
        }
        Assert.True(total / (321 * 181) < 1, $"mean difference {total / (321 * 181)}");
        Assert.True(worst <= 8, $"worst difference {worst}");
    }
}
