using Camlab.Device.Ptz.Geo;

namespace Camlab.Device.Tests.Ptz.Geo;

public sealed class GeoMovePlannerTests
{
    private static readonly GeoLocation Zurich = new(47.3769, 8.5417, 480);
    private static readonly CameraGeoPose Level = new(Zurich, Yaw: 0);

    private static double Deg(double radians) => radians * 180 / Math.PI;

    [Fact]
    public void ECEF_round_trip_is_exact_to_a_tenth_of_a_millimetre()
    {
        foreach (var p in new[] { Zurich, new GeoLocation(-33.86, 151.21, 58), new GeoLocation(89.9, -45, 3000), new GeoLocation(0, 180, -20) })
        {
            var (x, y, z) = Wgs84.ToEcef(p);
            var back = Wgs84.FromEcef(x, y, z);
            Assert.Equal(p.Latitude, back.Latitude, 9);
            Assert.Equal(p.Longitude, Math.IEEERemainder(back.Longitude - p.Longitude, 360) + p.Longitude, 9);
            Assert.Equal(p.Elevation, back.Elevation, 4);
        }
        // Equator, prime meridian, sea level: on the X axis at the semi-major axis.
        Assert.Equal((6378137.0, 0.0, 0.0), Wgs84.ToEcef(new GeoLocation(0, 0, 0)));
    }

    [Fact]
    public void Target_due_north_east_gives_pan_45_and_tilt_atan_of_height_over_distance()
    {
        // 100 m away horizontally, 20 m higher, exactly north-east in the camera's ENU frame.
        var target = Wgs84.FromEnu(Zurich, 100 / Math.Sqrt(2), 100 / Math.Sqrt(2), 20);
        var s = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited);
        Assert.Equal(45, s.Pan, 6);
        Assert.Equal(Deg(Math.Atan(20.0 / 100)), s.Tilt, 6);   // 11.3099°
        Assert.Equal(100, s.HorizontalRange, 6);
        Assert.Equal(Math.Sqrt(100 * 100 + 20 * 20), s.SlantRange, 6);
        Assert.Null(s.Zoom);
    }

    [Fact]
    public void Hand_computed_offsets_in_latitude_and_longitude_agree_with_the_ENU_geometry()
    {
        // Independent of FromEnu: 70.71 m north and east through the radii of curvature at the camera's latitude.
        var lat = Zurich.Latitude * Math.PI / 180;
        var w = Math.Sqrt(1 - Wgs84.E2 * Math.Sin(lat) * Math.Sin(lat));
        var meridian = Wgs84.A * (1 - Wgs84.E2) / (w * w * w);
        var primeVertical = Wgs84.A / w;
        var d = 100 / Math.Sqrt(2);
        var target = new GeoLocation(
            Zurich.Latitude + Deg(d / (meridian + Zurich.Elevation)),
            Zurich.Longitude + Deg(d / ((primeVertical + Zurich.Elevation) * Math.Cos(lat))),
            Zurich.Elevation - 15);
        var s = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited);
        Assert.Equal(45, s.Pan, tolerance: 0.001);               // second-order terms: < 0.001°
        Assert.Equal(Deg(Math.Atan(-15.0 / 100)), s.Tilt, tolerance: 0.001);   // −8.5308°, negative below the camera
    }

    [Fact]
    public void A_far_target_at_the_same_height_sinks_below_the_horizon_by_the_earth_curvature()
    {
        // 10 km due north on the same ellipsoidal height: the chord dips by d/(2R) below the local horizontal.
        var lat = Zurich.Latitude * Math.PI / 180;
        var w = Math.Sqrt(1 - Wgs84.E2 * Math.Sin(lat) * Math.Sin(lat));
        var meridian = Wgs84.A * (1 - Wgs84.E2) / (w * w * w);
        var target = Zurich with { Latitude = Zurich.Latitude + Deg(10_000 / (meridian + Zurich.Elevation)) };
        var s = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited);
        Assert.Equal(0, s.Pan, 6);
        Assert.Equal(-Deg(10_000 / (2 * (meridian + Zurich.Elevation))), s.Tilt, 5);   // ≈ −0.0450°
        Assert.True(s.Tilt < -0.04);
        var (_, _, up) = Wgs84.ToEnu(Zurich, target);
        Assert.Equal(-7.85, up, 1);                             // d²/2R
    }

    [Fact]
    public void Across_the_globe_the_direction_is_still_exact()
    {
        // The antipode is straight down through the earth; a point 90° east on the equator is 45° below the horizon.
        var equator = new CameraGeoPose(new GeoLocation(0, 0, 0), 0);
        var s = GeoMovePlanner.Solve(equator, new GeoLocation(0, 90, 0), GeoMoveLimits.Unlimited);
        Assert.Equal(90, s.Pan, 9);
        Assert.Equal(-45, s.Tilt, 9);
        Assert.Equal(Wgs84.A * Math.Sqrt(2), s.SlantRange, 3);
    }

    [Theory]
    [InlineData(90, 0, -90)]     // pan 0 looks east: north is 90° to the left
    [InlineData(90, 45, -45)]
    [InlineData(-30, 180, -150)]
    [InlineData(200, 45, -155)]
    public void Mount_yaw_offsets_the_pan(double yaw, double bearing, double expectedPan)
    {
        var b = bearing * Math.PI / 180;
        var target = Wgs84.FromEnu(Zurich, 500 * Math.Sin(b), 500 * Math.Cos(b), 0);
        var s = GeoMovePlanner.Solve(new CameraGeoPose(Zurich, yaw), target, GeoMoveLimits.Unlimited);
        Assert.Equal(expectedPan, s.Pan, 6);
    }

    [Fact]
    public void Mount_pitch_and_roll_tilt_the_line_of_sight()
    {
        var ahead = Wgs84.FromEnu(Zurich, 0, 300, 0);
        var right = Wgs84.FromEnu(Zurich, 300, 0, 0);
        Assert.Equal(-10, GeoMovePlanner.Solve(new CameraGeoPose(Zurich, 0, Pitch: 10), ahead, GeoMoveLimits.Unlimited).Tilt, 6);
        Assert.Equal(10, GeoMovePlanner.Solve(new CameraGeoPose(Zurich, 0, Roll: 10), right, GeoMoveLimits.Unlimited).Tilt, 6);
        var s = GeoMovePlanner.Solve(new CameraGeoPose(Zurich, 0, Roll: 10), ahead, GeoMoveLimits.Unlimited);
        Assert.Equal(0, s.Tilt, 6);                             // roll does not move what is straight ahead
        Assert.Equal(0, s.Pan, 6);
    }

    [Fact]
    public void ENU_bearing_matches_the_Annex_B_UTM_method_after_grid_convergence()
    {
        var target = Wgs84.FromEnu(Zurich, 1200, 1600, 35);
        var s = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited);
        var (gridBearing, elevation) = UtmGrid.BearingAndElevation(Zurich, target);
        var convergence = UtmGrid.Convergence(Zurich, UtmGrid.ZoneOf(Zurich.Longitude));
        Assert.Equal(32, UtmGrid.ZoneOf(Zurich.Longitude));
        Assert.Equal(-0.337, convergence, 3);                  // 8.54°E is 0.46° west of zone 32's 9°E meridian: γ ≈ −0.34°
        Assert.Equal(s.Pan, gridBearing + convergence, 2);
        Assert.Equal(s.Tilt, elevation, 1);                    // UTM scale and curvature: within 0.05°
        Assert.Equal(Deg(Math.Atan2(1200, 1600)), s.Pan, 6);
    }

    [Fact]
    public void UTM_projection_of_a_known_point()
    {
        // Zone 32 central meridian 9°E at the equator: easting 500 km, northing 0.
        var u = UtmGrid.Project(new GeoLocation(0, 9, 0));
        Assert.Equal(32, u.Zone);
        Assert.Equal(500_000, u.Easting, 3);
        Assert.Equal(0, u.Northing, 3);
    }

    [Fact]
    public void No_camera_geolocation_is_GeoLocationUnknown()
    {
        var e = Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(null, Zurich, GeoMoveLimits.Unlimited));
        Assert.Equal(GeoMoveFault.GeoLocationUnknown, e.Fault);
    }

    [Fact]
    public void Targets_outside_the_limits_or_off_the_earth_are_UnreachablePosition()
    {
        var dome = new GeoMoveLimits(-170, 170, -90, 0);
        var above = Wgs84.FromEnu(Zurich, 0, 100, 50);
        var behind = Wgs84.FromEnu(Zurich, -10, -100, -5);
        Assert.Equal(GeoMoveFault.UnreachablePosition, Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(Level, above, dome)).Fault);
        Assert.Equal(GeoMoveFault.UnreachablePosition, Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(Level, behind, dome)).Fault);
        Assert.Equal(GeoMoveFault.UnreachablePosition, Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(Level, new GeoLocation(91, 0, 0), dome)).Fault);
        Assert.Equal(GeoMoveFault.UnreachablePosition, Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(Level, Zurich, dome)).Fault);
        var ok = GeoMovePlanner.Solve(Level, Wgs84.FromEnu(Zurich, -10, -100, -5), new GeoMoveLimits(0, 360, -90, 0));
        Assert.Equal(Deg(Math.Atan2(-10, -100)) + 360, ok.Pan, 6);   // −174.29° expressed in 0..360
    }

    [Fact]
    public void E_flip_reaches_a_target_behind_through_the_nadir()
    {
        var limits = new GeoMoveLimits(-90, 90, -180, 0, EFlip: true);
        var behind = Wgs84.FromEnu(Zurich, 0, -100, -100);      // due south, 45° down
        var s = GeoMovePlanner.Solve(Level, behind, limits);
        Assert.True(s.Flipped);
        Assert.Equal(0, s.Pan, 6);
        Assert.Equal(-135, s.Tilt, 6);
        Assert.Throws<GeoMoveException>(() => GeoMovePlanner.Solve(Level, behind, limits with { EFlip = false }));
    }

    [Fact]
    public void Area_chooses_the_narrowest_zoom_that_still_frames_it()
    {
        // 1×..30× over generic zoom 0..1, 60°×33.75° at the wide end.
        var model = new GeoZoomModel(0, 1, z => new FieldOfView(60 / (1 + 29 * z), 33.75 / (1 + 29 * z)));
        var target = Wgs84.FromEnu(Zurich, 0, 100, 0);
        var s = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model, areaWidth: 10);
        var need = Deg(2 * Math.Atan(5.0 / 100));               // 5.7248°
        Assert.Equal((60 / need - 1) / 29, s.Zoom!.Value, 9);

        // A tall area: the height decides.
        var tall = GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model, areaWidth: 10, areaHeight: 10);
        Assert.Equal((33.75 / need - 1) / 29, tall.Zoom!.Value, 9);
        Assert.True(tall.Zoom < s.Zoom);

        Assert.Equal(0, GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model, areaWidth: 1000).Zoom);
        Assert.Equal(1, GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model, areaHeight: 0.01).Zoom);
        Assert.Null(GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model).Zoom);
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoMovePlanner.Solve(Level, target, GeoMoveLimits.Unlimited, model, areaWidth: -1));
    }
}
