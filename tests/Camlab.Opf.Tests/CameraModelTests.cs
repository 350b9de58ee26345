using Camlab.Opf.Geometry;
using Camlab.Opf.Model;

namespace Camlab.Opf.Tests;

public class CameraModelTests
{
    private static readonly InputCameras Example = TestDocuments.ReadExample();
    private static Sensor Sequoia => Example.Sensors[0];
    private static Sensor AnafiRgb => Example.Sensors[3];

    private static Vector3D OffAxisAlongX(double degrees) =>
        new(Math.Sin(degrees * Math.PI / 180), 0, Math.Cos(degrees * Math.PI / 180));

    [Theory]
    [InlineData(10.0, 826.0)]
    [InlineData(35.0, 1279.1)]
    [InlineData(44.4, 1439.8)]
    public void The_Sequoia_fisheye_matches_the_worked_values(double degrees, double u)
    {
        var model = CameraModel.FromSensor(Sequoia);

        var pixel = model.Project(OffAxisAlongX(degrees));

        Assert.Equal(u, pixel.X, 0.05);
        Assert.Equal(480, pixel.Y, 1e-9);
        Assert.Equal(1065.9, Assert.IsType<FisheyeModel>(model).FocalLengthPx, 0.05);
    }

    [Fact]
    public void The_fisheye_inverse_undoes_the_forward_over_the_image()
    {
        var model = CameraModel.FromSensor(Sequoia);
        for (var u = 0.0; u <= 1280; u += 40)
            for (var v = 0.0; v <= 960; v += 40)
            {
                var pixel = new Vector2D(u, v);
                var ray = model.Unproject(pixel);
                Assert.Equal(1, ray.Length, 1e-12);
                var back = model.Project(ray);
                Assert.Equal(pixel.X, back.X, 1e-9);
                Assert.Equal(pixel.Y, back.Y, 1e-9);
            }
    }

    [Fact]
    public void The_fisheye_forward_undoes_the_inverse_for_rays_up_to_100_degrees_off_axis()
    {
        // The Sequoia polynomial is monotonic up to about 132°; past 90° the rays look backwards.
        var model = CameraModel.FromSensor(Sequoia);
        for (var off = 0.0; off <= 100; off += 5)
            for (var azimuth = 0.0; azimuth < 360; azimuth += 30)
            {
                var (a, b) = (off * Math.PI / 180, azimuth * Math.PI / 180);
                var ray = new Vector3D(Math.Sin(a) * Math.Cos(b), Math.Sin(a) * Math.Sin(b), Math.Cos(a));
                var back = model.Unproject(model.Project(ray));
                Assert.True((back - ray).Length < 1e-9, $"{off}° / {azimuth}°: {back} vs {ray}");
            }
    }

    [Fact]
    public void The_fisheye_reports_pixels_past_the_fold_of_its_polynomial()
    {
        var model = CameraModel.FromSensor(Sequoia);
        // ρ(θ) peaks near θ = 1.47 at about 0.94; a radius of 1.2 / c·1674 has no ray.
        Assert.False(model.TryUnproject(new Vector2D(640 + 1.2 * 1674.33, 480), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Unproject(new Vector2D(640 + 1.2 * 1674.33, 480)));
    }

    [Fact]
    public void The_perspective_model_puts_the_axis_on_the_principal_point_and_follows_the_brown_formula()
    {
        var model = Assert.IsType<PerspectiveModel>(CameraModel.FromSensor(AnafiRgb));

        var centre = model.Project(new Vector3D(0, 0, 5));
        Assert.Equal(new Vector2D(1632, 1224), centre);

        // x = 0.5, y = -0.25: s = 0.3125, rad = 1 − 0.014393·s + 0.0125235·s² − 2.2309e-5·s³.
        const double x = 0.5, y = -0.25, s = 0.3125;
        var rad = 1 - 0.014393 * s + 0.0125235 * s * s - 2.2309e-05 * s * s * s;
        var xd = x * rad + 2 * 0.00127711 * x * y + 0.000421167 * (s + 2 * x * x);
        var yd = y * rad + 0.00127711 * (s + 2 * y * y) + 2 * 0.000421167 * x * y;
        var pixel = model.Project(new Vector3D(2 * x, 2 * y, 2));
        Assert.Equal(1643 * xd + 1632, pixel.X, 1e-9);
        Assert.Equal(1643 * yd + 1224, pixel.Y, 1e-9);
        Assert.False(model.TryProject(new Vector3D(0, 0, -1), out _));
    }

    [Theory]
    [InlineData(3)] // Parrot Anafi 3264×2448
    [InlineData(4)] // DJI 6016×4008
    public void The_perspective_inverse_undoes_the_forward_over_the_image_with_the_example_distortion(int sensor)
    {
        var model = CameraModel.FromSensor(Example.Sensors[sensor]);
        for (var i = 0; i <= 16; i++)
            for (var j = 0; j <= 16; j++)
            {
                var pixel = new Vector2D(model.Width * i / 16, model.Height * j / 16);
                var ray = model.Unproject(pixel);
                var back = model.Project(ray);
                Assert.Equal(pixel.X, back.X, 1e-9);
                Assert.Equal(pixel.Y, back.Y, 1e-9);
                var again = model.Unproject(back);
                Assert.True((again - ray).Length < 1e-9);
            }
    }

    [Fact]
    public void The_spherical_model_is_equirectangular_about_the_camera_axes()
    {
        var model = new SphericalModel(4000, 2000, new Vector2D(2000, 1000));

        Assert.Equal(new Vector2D(2000, 1000), model.Project(new Vector3D(0, 0, 1)));
        var right = model.Project(new Vector3D(1, 0, 0));
        Assert.Equal(3000, right.X, 1e-9);
        Assert.Equal(1000, right.Y, 1e-9);
        var up = model.Project(new Vector3D(0, -1, 1)); // 45° up (y is down in the vision frame)
        Assert.Equal(2000, up.X, 1e-9);
        Assert.Equal(500, up.Y, 1e-9);
        for (var u = 1.0; u < 4000; u += 111)
            for (var v = 1.0; v < 2000; v += 97)
            {
                var back = model.Project(model.Unproject(new Vector2D(u, v)));
                Assert.Equal(u, back.X, 1e-9);
                Assert.Equal(v, back.Y, 1e-9);
            }
    }

    [Fact]
    public void The_factory_builds_a_model_from_spherical_internals()
    {
        var sensor = new Sensor { ImageSizePx = [2048, 1024], Internals = new SphericalInternals { PrincipalPointPx = [1024, 512] } };
        Assert.Equal(new SphericalModel(2048, 1024, new Vector2D(1024, 512)), CameraModel.FromSensor(sensor));
    }
}
