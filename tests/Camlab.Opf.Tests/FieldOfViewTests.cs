using Camlab.Opf.Geometry;
using Camlab.Opf.Model;

namespace Camlab.Opf.Tests;

public class FieldOfViewTests
{
    [Fact]
    public void The_pinhole_field_of_view_follows_the_focal_length()
    {
        var sensor = new SensorGeometry(1920, 1080, 2.0);

        var fov = sensor.FieldOfView(4.0); // 2000 px

        Assert.Equal(2000, sensor.FocalLengthPx(4.0), 1e-9);
        Assert.Equal(2 * Math.Atan(960.0 / 2000) * 180 / Math.PI, fov.HorizontalDeg, 1e-12);
        Assert.Equal(2 * Math.Atan(540.0 / 2000) * 180 / Math.PI, fov.VerticalDeg, 1e-12);
        Assert.Equal(2 * Math.Atan(Math.Sqrt(960.0 * 960 + 540 * 540) / 2000) * 180 / Math.PI, fov.DiagonalDeg, 1e-12);
        Assert.Equal(51.282, fov.HorizontalDeg, 0.001);
        Assert.True(sensor.FieldOfView(40).HorizontalDeg < fov.HorizontalDeg);
        Assert.Equal(4.0, sensor.FocalLengthForHorizontalFieldOfView(fov.HorizontalDeg), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => sensor.FieldOfView(0));
    }

    [Fact]
    public void The_field_of_view_of_distortion_free_internals_equals_the_pinhole_one()
    {
        var sensor = new Sensor
        {
            ImageSizePx = [1920, 1080], PixelSizeUm = 2.0,
            Internals = new PerspectiveInternals { FocalLengthPx = 2000, PrincipalPointPx = [960, 540] },
        };

        var fromInternals = SensorGeometry.OfInternals(sensor);
        var pinhole = SensorGeometry.FromSensor(sensor).FieldOfView(4.0);

        Assert.Equal(pinhole.HorizontalDeg, fromInternals.HorizontalDeg, 1e-9);
        Assert.Equal(pinhole.VerticalDeg, fromInternals.VerticalDeg, 1e-9);
        Assert.Equal(pinhole.DiagonalDeg, fromInternals.DiagonalDeg, 1e-9);
    }

    [Fact]
    public void The_Sequoia_sees_about_70_degrees_across()
    {
        // u = 1279.1 is 35° off-axis (opf-math.md), so the edge at u = 1280 is just past 35°.
        var fov = SensorGeometry.OfInternals(TestDocuments.ReadExample().Sensors[0]);
        Assert.InRange(fov.HorizontalDeg, 70.0, 70.3);
        Assert.True(fov.VerticalDeg < fov.HorizontalDeg && fov.DiagonalDeg > fov.HorizontalDeg);
    }

    [Fact]
    public void A_spherical_sensor_sees_everything()
    {
        var sensor = new Sensor { ImageSizePx = [2048, 1024], Internals = new SphericalInternals { PrincipalPointPx = [1024, 512] } };
        Assert.Equal(new FieldOfView(360, 180, 360), SensorGeometry.OfInternals(sensor));
    }
}
