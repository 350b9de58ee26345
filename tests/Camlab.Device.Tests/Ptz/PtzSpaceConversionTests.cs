using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

/// <summary>Every pair of spaces of each node, through the native frame, against hand-computed values.</summary>
public class PtzSpaceConversionTests
{
    private static readonly ZoomLens Lens = ZoomLens.Default; // 5.37 × 3.02 mm, 4.7–94 mm
    private static readonly PtzMechanics DomeMechanics = new(120, 22.325, [60, 120, 240], [10, 20, 40], TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    private static readonly DomeGeometry Dome = new(Lens, DomeMechanics, new FloatRange(-180, 20));
    private static readonly DigitalWindowGeometry Digital = new(new DigitalSensor(3840, 2160, 640), new PtzMechanics(0.5, 2.5, [1], [1], TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));

    private static (double, double) Convert(PtzGeometry g, string from, string to, double x, double y)
    {
        var (p, t) = g.PanTiltFromSpace(from, x, y);
        return g.PanTiltToSpace(to, p, t);
    }

    [Theory]
    // generic ↔ degrees: pan −1..1 ↔ −180..180, tilt −1..1 ↔ the frame tilt range −180..20
    [InlineData(PtzSpaces.PanTiltPositionGeneric, PtzSpaces.PanTiltPositionDegrees, 0.5, 1, 90, 20)]
    [InlineData(PtzSpaces.PanTiltPositionGeneric, PtzSpaces.PanTiltPositionDegrees, -1, -1, -180, -180)]
    [InlineData(PtzSpaces.PanTiltPositionGeneric, PtzSpaces.PanTiltPositionDegrees, 0, 0, 0, -80)]
    [InlineData(PtzSpaces.PanTiltPositionDegrees, PtzSpaces.PanTiltPositionGeneric, -45, -30, -0.25, 0.5)]
    [InlineData(PtzSpaces.PanTiltPositionDegrees, PtzSpaces.PanTiltPositionDegrees, 12.5, -7, 12.5, -7)]
    public void Dome_absolute_pan_tilt(string from, string to, double x, double y, double ex, double ey)
    {
        var (ax, ay) = Convert(Dome, from, to, x, y);
        Assert.Equal(ex, ax, 12);
        Assert.Equal(ey, ay, 12);
    }

    [Theory]
    [InlineData(PtzSpaces.ZoomPositionGeneric, PtzSpaces.ZoomPositionMillimeter, 0, 4.7)]
    [InlineData(PtzSpaces.ZoomPositionGeneric, PtzSpaces.ZoomPositionMillimeter, 0.5, 49.35)]
    [InlineData(PtzSpaces.ZoomPositionGeneric, PtzSpaces.ZoomPositionMillimeter, 1, 94)]
    [InlineData(PtzSpaces.ZoomPositionMillimeter, PtzSpaces.ZoomPositionGeneric, 22.56, 0.2)]
    public void Dome_absolute_zoom(string from, string to, double x, double expected) =>
        Assert.Equal(expected, Dome.ZoomToSpace(to, Dome.ZoomFromSpace(from, x)), 12);

    [Fact]
    public void Dome_field_of_view_follows_sensor_and_focal_length()
    {
        // 5.7.1.4: angle of view = 2·atan(d / 2f).
        Assert.Equal(2 * Math.Atan(5.37 / 9.4) * 180 / Math.PI, Lens.HorizontalFov(4.7), 12);
        Assert.Equal(2 * Math.Atan(3.02 / 188.0) * 180 / Math.PI, Lens.VerticalFov(94), 12);
        Assert.Equal(20, Lens.Magnification(94), 12);
    }

    [Fact]
    public void Dome_translations_in_every_space()
    {
        var at = new PtzPose(10, -20, 4.7);
        Assert.Equal((100.0, -120.0), Dome.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationGeneric, 0.5, -1, at)); // half span 180°, 100°
        Assert.Equal((15.0, -25.0), Dome.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationDegrees, 5, -5, at));
        Assert.Equal(4.7 + 8.93, Dome.ZoomTranslationTarget(PtzSpaces.ZoomTranslationGeneric, 0.1, at), 12);
        Assert.Equal(7.7, Dome.ZoomTranslationTarget(PtzSpaces.ZoomTranslationMillimeter, 3, at), 12);

        // A.3.2 at the horizon: the right border (x = 1) lies half a horizontal FOV to the right, the top border half a vertical FOV up.
        var level = new PtzPose(0, 0, 4.7);
        var (p, t) = Dome.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationFov, 1, 0, level);
        Assert.Equal(Lens.HorizontalFov(4.7) / 2, p, 12);
        Assert.Equal(0, t, 12);
        (p, t) = Dome.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationFov, 0, 1, level);
        Assert.Equal(0, p, 12);
        Assert.Equal(Lens.VerticalFov(4.7) / 2, t, 12);
        // Looking down, an image-right point needs more pan than half the FOV; going there and back is exact.
        var down = new PtzPose(30, -60, 12);
        (p, t) = Dome.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationFov, 0.6, -0.4, down);
        Assert.True(p - 30 > 0.6 * Lens.HorizontalFov(12) / 2);
        var (x, y) = Dome.FovCoordinates(p, t, down);
        Assert.Equal(0.6, x, 9);
        Assert.Equal(-0.4, y, 9);
    }

    [Fact]
    public void Dome_velocities_and_speeds_in_every_space()
    {
        var at = new PtzPose(0, 0, 9.4);
        Assert.Equal((60.0, -120.0), Dome.PanTiltVelocity(PtzSpaces.PanTiltVelocityGeneric, 0.5, -1, at));
        Assert.Equal((7.0, 8.0), Dome.PanTiltVelocity(PtzSpaces.PanTiltVelocityDegrees, 7, 8, at));
        var (vp, vt) = Dome.PanTiltVelocity(PtzSpaces.PanTiltVelocityFov, 1, 1, at);
        Assert.Equal(Lens.HorizontalFov(9.4) / 2, vp, 12);
        Assert.Equal(Lens.VerticalFov(9.4) / 2, vt, 12);
        Assert.Equal(-22.325 / 2, Dome.ZoomVelocity(PtzSpaces.ZoomVelocityGeneric, -0.5, at), 12);
        Assert.Equal(3, Dome.ZoomVelocity(PtzSpaces.ZoomVelocityMillimeter, 3, at), 12);
        Assert.Equal(30, Dome.PanTiltSpeed(PtzSpaces.PanTiltSpeedGeneric, 0.25, at), 12);
        Assert.Equal(45, Dome.PanTiltSpeed(PtzSpaces.PanTiltSpeedDegrees, 45, at), 12);
        Assert.Equal(Lens.HorizontalFov(9.4) / 4, Dome.PanTiltSpeed(PtzSpaces.PanTiltSpeedFov, 0.5, at), 12);
        Assert.Equal(22.325, Dome.ZoomSpeed(PtzSpaces.ZoomSpeedGeneric, 1, at), 12);
        Assert.Equal(5, Dome.ZoomSpeed(PtzSpaces.ZoomSpeedMillimeter, 5, at), 12);
    }

    [Theory]
    [InlineData(PtzSpaces.PanTiltPositionGeneric, PtzSpaces.PanTiltPositionDigital, 0, 0, 0.5, 0.5)]
    [InlineData(PtzSpaces.PanTiltPositionGeneric, PtzSpaces.PanTiltPositionDigital, -1, 1, 0, 1)]
    [InlineData(PtzSpaces.PanTiltPositionDigital, PtzSpaces.PanTiltPositionGeneric, 0.25, 0.75, -0.5, 0.5)]
    public void Digital_absolute_pan_tilt(string from, string to, double x, double y, double ex, double ey)
    {
        var (ax, ay) = Convert(Digital, from, to, x, y);
        Assert.Equal(ex, ax, 12);
        Assert.Equal(ey, ay, 12);
    }

    [Fact]
    public void Digital_zoom_translation_velocity_and_speed()
    {
        // 5.7.1.5: Sw / Ww; 3840 / 640 = 6 at the smallest window.
        Assert.Equal(6, Digital.Sensor.MaximumZoom);
        Assert.Equal(3.5, Digital.ZoomFromSpace(PtzSpaces.ZoomPositionGeneric, 0.5), 12);
        Assert.Equal(1, Digital.ZoomToSpace(PtzSpaces.ZoomPositionGeneric, Digital.ZoomFromSpace(PtzSpaces.ZoomPositionNormalizedDigital, 6)), 12);
        // A.2.2: the VGA window of the example on a 2048-wide sensor has zoom 3.2 and centres within [0.15625, 0.84375].
        Assert.Equal(new FloatRange(0.15625, 0.84375), DigitalWindowGeometry.CentreRange(2048.0 / 640));
        var at = new PtzPose(0.5, 0.5, 2);
        Assert.Equal((0.75, 0.25), Digital.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationGeneric, 0.5, -0.5, at));
        Assert.Equal((0.6, 0.3), Digital.PanTiltTranslationTarget(PtzSpaces.PanTiltTranslationDigital, 0.1, -0.2, at));
        Assert.Equal(3, Digital.ZoomTranslationTarget(PtzSpaces.ZoomTranslationGeneric, 0.2, at), 12);
        Assert.Equal(2.5, Digital.ZoomTranslationTarget(PtzSpaces.ZoomTranslationNormalizedDigital, 0.5, at), 12);
        Assert.Equal((0.25, -0.5), Digital.PanTiltVelocity(PtzSpaces.PanTiltVelocityGeneric, 0.5, -1, at));
        Assert.Equal(1.25, Digital.ZoomVelocity(PtzSpaces.ZoomVelocityGeneric, 0.5, at), 12);
        Assert.Equal(-0.7, Digital.ZoomVelocity(PtzSpaces.ZoomVelocityNormalizedDigital, -0.7, at), 12);
        Assert.Equal(0.25, Digital.PanTiltSpeed(PtzSpaces.PanTiltSpeedGeneric, 0.5, at), 12);
        Assert.Equal(2.5, Digital.ZoomSpeed(PtzSpaces.ZoomSpeedGeneric, 1, at), 12);
        Assert.Equal(0.3, Digital.ZoomSpeed(PtzSpaces.ZoomSpeedNormalizedDigital, 0.3, at), 12);
    }

    [Fact]
    public void Spaces_of_the_wrong_node_are_not_supported()
    {
        Assert.Equal(PtzError.SpaceNotSupported, Assert.Throws<PtzException>(() => Dome.PanTiltFromSpace(PtzSpaces.PanTiltPositionDigital, 0, 0)).Error);
        Assert.Equal(PtzError.SpaceNotSupported, Assert.Throws<PtzException>(() => Digital.ZoomFromSpace(PtzSpaces.ZoomPositionMillimeter, 5)).Error);
    }
}
