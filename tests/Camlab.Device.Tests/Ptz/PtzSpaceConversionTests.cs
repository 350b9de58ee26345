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

public class PtzSpacePairTests
{
    private static IEnumerable<PtzGeometry> Geometries()
    {
        using var rig = new PtzTestRig();
        yield return rig.Dome.Geometry;
        yield return rig.Digital.Geometry;
    }

    // Every ordered pair of absolute spaces of a node: A → frame → B equals B of the same frame pose, and back.
    [Fact]
    public void Every_pair_of_absolute_spaces_converts_exactly_both_ways()
    {
        foreach (var g in Geometries())
        {
            var pt = g.Spaces.Where(s => s.Group == PtzSpaceGroup.AbsolutePanTiltPosition).ToList();
            var z = g.Spaces.Where(s => s.Group == PtzSpaceGroup.AbsoluteZoomPosition).ToList();
            var poses = new[] { 0.0, 0.25, 0.5, 0.9, 1.0 }.Select(f => new PtzPose(
                g.PanRange.Min + f * (g.PanRange.Max - g.PanRange.Min),
                g.TiltRange.Min + (1 - f) * (g.TiltRange.Max - g.TiltRange.Min),
                g.ZoomRange.Min + f * (g.ZoomRange.Max - g.ZoomRange.Min)));
            foreach (var pose in poses)
            {
                foreach (var a in pt)
                    foreach (var b in pt)
                    {
                        var (ax, ay) = g.PanTiltToSpace(a.Uri, pose.Pan, pose.Tilt);
                        var (fp, ft) = g.PanTiltFromSpace(a.Uri, ax, ay);
                        var (bx, by) = g.PanTiltToSpace(b.Uri, fp, ft);
                        var direct = g.PanTiltToSpace(b.Uri, pose.Pan, pose.Tilt);
                        Assert.Equal(direct.X, bx, 12);
                        Assert.Equal(direct.Y, by, 12);
                        var back = g.PanTiltFromSpace(b.Uri, bx, by);
                        Assert.Equal(pose.Pan, back.Pan, 9);
                        Assert.Equal(pose.Tilt, back.Tilt, 9);
                        Assert.True(a.XRange.Contains(ax, 1e-9) && a.YRange!.Value.Contains(ay, 1e-9), $"{a.Uri} ({ax}, {ay}) out of its range");
                    }
                foreach (var a in z)
                    foreach (var b in z)
                    {
                        var bx = g.ZoomToSpace(b.Uri, g.ZoomFromSpace(a.Uri, g.ZoomToSpace(a.Uri, pose.Zoom)));
                        Assert.Equal(g.ZoomToSpace(b.Uri, pose.Zoom), bx, 12);
                        Assert.Equal(pose.Zoom, g.ZoomFromSpace(b.Uri, bx), 9);
                    }
            }
        }
    }
}

public class PtzLimitSpaceTests
{
    [Fact]
    public void Zoom_limits_in_the_generic_space()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { ZoomLimits = new SpaceLimits(PtzSpaces.ZoomPositionGeneric, new FloatRange(0, 0.5)) });
        // 60 mm is generic 0.619: out, although the millimetre space allows it.
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(60, PtzSpaces.ZoomPositionMillimeter)))).Error);
        rig.Dome.ContinuousMove(new PtzVector(null, new ZoomVector(2, PtzSpaces.ZoomVelocityMillimeter)), TimeSpan.FromSeconds(60));
        rig.Clock.Advance(60);
        Assert.Equal(4.7 + 0.5 * 89.3, rig.Dome.CurrentPose.Zoom, 9);
    }

    [Fact]
    public void Digital_limits_in_the_digital_space_and_in_the_generic_space()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Digital, c => c with
        {
            PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDigital, new FloatRange(0.2, 0.8), new FloatRange(0, 1)),
            ZoomLimits = new SpaceLimits(PtzSpaces.ZoomPositionNormalizedDigital, new FloatRange(1, 4)),
        });
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            rig.Digital.AbsoluteMove(new PtzVector(null, new ZoomVector(1, PtzSpaces.ZoomPositionGeneric)))).Error); // zoom 6 > 4
        rig.Digital.AbsoluteMove(new PtzVector(null, new ZoomVector(4, PtzSpaces.ZoomPositionNormalizedDigital)));
        rig.Clock.Advance(30);
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            rig.Digital.AbsoluteMove(new PtzVector(new PanTiltVector(0.7, 0, PtzSpaces.PanTiltPositionGeneric), null))).Error); // x = 0.85
        rig.Digital.ContinuousMove(new PtzVector(new PanTiltVector(1, 0), null), TimeSpan.FromSeconds(30));
        rig.Clock.Advance(30);
        Assert.Equal(0.8, rig.Digital.CurrentPose.Pan, 9);

        rig.Configure(rig.Digital, c => c with { PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionGeneric, new FloatRange(-0.5, 0.5), new FloatRange(-0.5, 0.5)) });
        rig.Digital.RelativeMove(new PtzVector(new PanTiltVector(0.5, 0.5, PtzSpaces.PanTiltTranslationDigital), null));
        rig.Clock.Advance(30);
        Assert.Equal(new PtzPose(0.75, 0.75, 4), rig.Digital.CurrentPose);
    }

    // ONVIF PTZ test specification PTZ-7-1-3 and PTZ-7-4-3: AbsoluteMove to the min and to the max of every advertised
    // absolute pan/tilt space, at the min and at the max of the speed space, is accepted.
    [Fact]
    public void The_digital_window_accepts_every_position_it_advertises_and_stops_at_the_sensor()
    {
        using var rig = new PtzTestRig();
        var spaces = rig.Digital.Geometry.Spaces.Where(s => s.Group == PtzSpaceGroup.AbsolutePanTiltPosition).ToList();
        Assert.Equal(2, spaces.Count);
        foreach (var space in spaces)
            foreach (var (x, y, speed) in new[] { (space.XRange.Min, space.YRange!.Value.Min, 0.0), (space.XRange.Max, space.YRange.Value.Max, 1.0) })
            {
                rig.Digital.AbsoluteMove(new PtzVector(new PanTiltVector(x, y, space.Uri), null), new PtzVector(new PanTiltVector(speed, speed, PtzSpaces.PanTiltSpeedGeneric), null));
                rig.Clock.Advance(30);
                Assert.Equal(new PtzPose(0.5, 0.5, 1), rig.Digital.CurrentPose); // zoom 1: the window is the whole sensor
                Assert.Null(rig.Digital.CheckAbsolutePosition(new PtzVector(new PanTiltVector(x, y, space.Uri), null)));
            }
        Assert.False(rig.Digital.CanReach(0, 0)); // accepted, but the window cannot be centred there

        // Zoom 4: the window's centre stops half a window (1/8) from the borders, and that is the position reported.
        rig.Digital.AbsoluteMove(new PtzVector(new PanTiltVector(-1, 1, PtzSpaces.PanTiltPositionGeneric), new ZoomVector(4, PtzSpaces.ZoomPositionNormalizedDigital)));
        rig.Clock.Advance(60);
        Assert.Equal(new PtzPose(0.125, 0.875, 4), rig.Digital.CurrentPose);
        Assert.Equal(PtzError.InvalidPosition, rig.Digital.CheckAbsolutePosition(new PtzVector(new PanTiltVector(1.5, 0, PtzSpaces.PanTiltPositionGeneric), null)));
        Assert.Equal(PtzError.SpaceNotSupported, rig.Digital.CheckAbsolutePosition(new PtzVector(new PanTiltVector(0, 0, PtzSpaces.PanTiltPositionDegrees), null)));
    }
}
