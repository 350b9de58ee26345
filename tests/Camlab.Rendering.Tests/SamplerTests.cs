using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Sampling;

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

    /// <summary>
    /// The vector loops (two pixels per AVX2 instruction, one per SSE4.1 instruction) give exactly the fixed-point
    /// bilinear formula of the scalar loop, for every pixel, including pairs with a pixel outside the image.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 60, 321)]
    [InlineData(-100, 60, 20, 320)]
    public void The_vector_sampler_gives_exactly_the_scalar_fixed_point_formula(double pan, double tilt, double hfov, int width)
    {
        const int height = 181;
        var camera = PerspectiveProjection.FromHorizontalFov(width, height, hfov, k1: -0.1);
        var options = new ParallelOptions();
        var rays = CameraRayMap.Build(camera, width, height, CropWindow.Full(camera), options);
        var map = SampleMap.Build(rays, Rotation3.CameraToWorld(new ViewPose(pan, tilt)), SceneFixture.Scene.Panorama, options);
        // Pixels outside the image: the first of a pair, the second of a pair, a whole pair, a band's last pixel.
        foreach (int k in new[] { 10, 21, 40, 41, PanoramaSampler.RowsPerBand * width - 1 }) map.Offsets[k] = -1;
        var image = new RgbImage(width, height);
        PanoramaSampler.Sample(map, image, options);
        byte[] pano = map.Panorama.Padded;
        int stride = map.Panorama.PaddedStride, one = SampleMap.WeightOne;
        for (int k = 0; k < width * height; k++)
        {
            int o = map.Offsets[k], w = map.Weights[k];
            int fx = w & 0xFF, fy = w >> 8, ifx = one - fx, ify = one - fy;
            for (int c = 0; c < 3; c++)
            {
                int expected = o < 0 ? 0
                    : ((pano[o + c] * ifx + pano[o + 3 + c] * fx) * ify + (pano[o + stride + c] * ifx + pano[o + stride + 3 + c] * fx) * fy + 8192) >> 14;
                Assert.True(expected == image.Pixels[3 * k + c], $"pixel {k} channel {c}: {image.Pixels[3 * k + c]}, expected {expected}");
            }
        }
    }
}
