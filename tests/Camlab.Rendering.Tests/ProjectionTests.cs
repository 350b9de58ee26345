using System.Numerics;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Tests;

public class ProjectionTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(-0.3, 0.1, 0, 0, 0)]
    [InlineData(0.12, -0.05, 0.01, 0.001, -0.002)]
    public void Unproject_then_project_returns_the_pixel(double k1, double k2, double k3, double p1, double p2)
    {
        var camera = PerspectiveProjection.FromHorizontalFov(1920, 1080, 70, k1, k2, k3, p1, p2);
        foreach (var (u, v) in new[] { (960.0, 540.0), (10.5, 20.5), (1900.0, 1070.0), (300.0, 900.0) })
        {
            Assert.True(camera.TryUnproject(u, v, out var ray));
            Assert.Equal(1, ray.Length(), 5);
            Assert.True(camera.TryProject(ray, out double pu, out double pv));
            Assert.Equal(u, pu, 2);
            Assert.Equal(v, pv, 2);
        }
    }

    [Fact]
    public void The_principal_point_images_the_optical_axis_and_the_edge_is_half_the_field_of_view_away()
    {
        var camera = PerspectiveProjection.FromHorizontalFov(1920, 1080, 60);
        Assert.True(camera.TryUnproject(960, 540, out var axis));
        Assert.Equal(Vector3.UnitZ, axis);
        camera.TryUnproject(1920, 540, out var edge);
        Assert.Equal(30, Math.Atan2(edge.X, edge.Z) * 180 / Math.PI, 4);
        Assert.Equal(60, camera.HorizontalFovDeg, 9);
        Assert.False(camera.TryProject(-Vector3.UnitZ, out _, out _));
    }

    [Fact]
    public void Pan_and_tilt_rotate_the_optical_axis_to_that_bearing_and_elevation()
    {
        var pose = new ViewPose(30, 20, new MountOrientation(100, 0, 0));
        var axis = Rotation3.CameraToWorld(pose).Apply(Vector3.UnitZ);
        var (bearing, elevation) = SphericalDirection.ToAngles(axis);
        Assert.Equal(130, bearing, 4);
        Assert.Equal(20, elevation, 4);
        // Camera "down" (+y) points below the horizon when level.
        var down = Rotation3.CameraToWorld(new ViewPose(0, 0)).Apply(Vector3.UnitY);
        Assert.Equal(-1, down.Z, 6);
    }

    [Fact]
    public void Mount_pitch_raises_the_pan_zero_direction()
    {
        var axis = Rotation3.CameraToWorld(new ViewPose(0, 0, new MountOrientation(0, 10, 0))).Apply(Vector3.UnitZ);
        Assert.Equal(10, SphericalDirection.ToAngles(axis).ElevationDeg, 4);
        // Panning 90° on a mount pitched up 10° about its east axis stays on the horizon.
        var side = Rotation3.CameraToWorld(new ViewPose(90, 0, new MountOrientation(0, 10, 0))).Apply(Vector3.UnitZ);
        Assert.Equal(0, SphericalDirection.ToAngles(side).ElevationDeg, 4);
    }

    [Fact]
    public void Invalid_internals_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PerspectiveProjection.FromHorizontalFov(640, 360, 180));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerspectiveProjection(640, 360, -5, 320, 180).Validated());
        Assert.Throws<ArgumentException>(() => new PerspectiveProjection(640, 360, 500, double.NaN, 180).Validated());
    }
}
