using System.Diagnostics;
using System.Numerics;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.State;
using Camlab.Opf.Geometry;
using Camlab.Opf.Validation;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Optics;
using Camlab.Testing;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Tests.Optics;

/// <summary>The OPF document behind the camera's optics: default, --camera, zoom ↔ focal length, placement.</summary>
public class CameraOpticsTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "camlab-camera-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string DefaultJson() => System.Text.Encoding.UTF8.GetString(CameraOptics.DefaultDocumentBytes());

    [Fact]
    public void The_embedded_default_document_validates_and_describes_the_default_camera()
    {
        var result = OpfValidator.Validate(CameraOptics.DefaultDocumentBytes());
        Assert.Empty(result.Errors);
        var optics = CameraOptics.Default;
        Assert.Equal((1920, 1080), (optics.Dome.ImageWidth, optics.Dome.ImageHeight));
        Assert.Equal((3840, 2160), (optics.Wide.ImageWidth, optics.Wide.ImageHeight));
        Assert.IsType<PerspectiveModel>(optics.Dome.Model);
        Assert.IsType<FisheyeModel>(optics.Wide.Model);
        // Consistent with the PTZ domain's default lens: same sensor and focal range to 0.01 mm.
        Assert.Equal(ZoomLens.Default.SensorWidthMm, optics.Lens.SensorWidthMm, 2);
        Assert.Equal(ZoomLens.Default.SensorHeightMm, optics.Lens.SensorHeightMm, 2);
        Assert.Equal(ZoomLens.Default.FocalMinMm, optics.Lens.FocalMinMm, 6);
        Assert.Equal(ZoomLens.Default.FocalMaxMm, optics.Lens.FocalMaxMm, 6);
        Assert.NotNull(optics.Geolocation);
        Assert.Equal(new MountOrientation(0, 0, 0), Round(optics.Mount));
    }

    [Fact]
    public void The_PTZ_field_of_view_at_the_zoom_ends_is_the_sensor_geometry_at_the_focal_range()
    {
        var optics = CameraOptics.Default;
        using var device = PtzDevice.CreateDefault(new FakeTimeProvider(DateTimeOffset.UnixEpoch), new InMemoryStateStore(), new EventBus(), optics.Lens);
        var dome = (DomeGeometry)device.FindNode("PtzNode_1")!.Geometry;
        var geometry = SensorGeometry.FromSensor(optics.DomeSensor);
        Assert.Equal(optics.Lens.FocalMinMm, dome.ZoomRange.Min, 9);
        Assert.Equal(optics.Lens.FocalMaxMm, dome.ZoomRange.Max, 9);
        foreach (var focal in new[] { dome.ZoomRange.Min, dome.ZoomRange.Max })
        {
            var fov = geometry.FieldOfView(focal);
            Assert.Equal(fov.HorizontalDeg, dome.Lens.HorizontalFov(focal), 9);
            Assert.Equal(fov.VerticalDeg, dome.Lens.VerticalFov(focal), 9);
            // The rendered dome at that zoom has the focal length in pixels the sensor geometry gives.
            Assert.Equal(geometry.FocalLengthPx(focal), optics.DomeAtFocalLength(focal).FocalLengthPx, 6);
        }
        Assert.Equal(59.48, dome.Lens.HorizontalFov(dome.ZoomRange.Min), 2);
        Assert.Equal(3.27, dome.Lens.HorizontalFov(dome.ZoomRange.Max), 1);
    }

    [Fact]
    public void Zooming_narrows_the_measured_angle_between_the_image_edges()
    {
        var optics = CameraOptics.Default;
        static double Across(ICameraProjection p)
        {
            Assert.True(p.TryUnproject(0.5, p.ImageHeight / 2.0, out var left));
            Assert.True(p.TryUnproject(p.ImageWidth - 0.5, p.ImageHeight / 2.0, out var right));
            return Math.Acos(Vector3.Dot(left, right)) * 180 / Math.PI;
        }
        var wide = Across(optics.DomeAtFocalLength(optics.Lens.FocalMinMm));
        var tele = Across(optics.DomeAtFocalLength(optics.Lens.FocalMaxMm));
        Assert.InRange(wide, 60.0, 60.3);  // barrel distortion: a little wider than the pinhole 59.48°
        Assert.InRange(tele, 3.0, 3.4);
        Assert.Equal(optics.Dome, optics.DomeAtFocalLength(optics.Lens.FocalMinMm)); // same model, value-equal
    }

    [Fact]
    public void OPF_projections_round_trip_and_compare_by_value()
    {
        var optics = CameraOptics.Default;
        foreach (var p in new[] { optics.Dome, optics.Wide })
            foreach (var (u, v) in new[] { (0.5, 0.5), (100.25, 900.75), (p.ImageWidth / 2.0, p.ImageHeight / 2.0), (p.ImageWidth - 1.0, p.ImageHeight - 1.0) })
            {
                Assert.True(p.TryUnproject(u, v, out var ray));
                Assert.True(p.TryProject(ray, out var u2, out var v2));
                Assert.Equal(u, u2, 2);
                Assert.Equal(v, v2, 2);
            }
        var again = CameraOptics.Load(CameraOptics.DefaultDocumentBytes(), "again");
        Assert.Equal(optics.Wide, again.Wide);                   // fisheye: polynomial compared element-wise
        Assert.Equal(optics.Wide.GetHashCode(), again.Wide.GetHashCode());
        Assert.NotEqual(optics.Wide, again.Wide.WithFocalLengthPx(again.Wide.FocalLengthPx * 2));
        Assert.False(optics.Dome.TryProject(new Vector3(0, 0, -1), out _, out _));
    }

    [Fact]
    public void An_invalid_camera_document_lists_every_error_with_its_pointer()
    {
        var json = DefaultJson().Replace("\"weight\": 0.0722", "\"weight\": 0.5").Replace("\"sensor_id\": 2, \"model_source\": \"user\", \"pixel_type\": \"uint8\"", "\"sensor_id\": 2, \"model_source\": \"user\", \"pixel_type\": \"uint9\"");
        var path = Write(json);
        try
        {
            var e = Assert.Throws<CameraOpticsException>(() => CameraOptics.LoadFile(path));
            Assert.Contains(e.Errors, x => x.Pointer == "/sensors/0/bands");
            Assert.Contains(e.Errors, x => x.Pointer == "/sensors/1/bands");
            Assert.Contains(e.Errors, x => x.Pointer == "/captures/0/cameras/1/pixel_type");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_valid_document_Camlab_cannot_use_is_refused_with_pointers()
    {
        // Zoom tele end shorter than the wide end, and a dome that is not perspective.
        var json = DefaultJson().Replace("\"focal_length_max_mm\": 94", "\"focal_length_max_mm\": 2");
        var e = Assert.Throws<CameraOpticsException>(() => CameraOptics.Load(System.Text.Encoding.UTF8.GetBytes(json), "short.json"));
        Assert.Equal("/sensors/0/extensions/CAMLAB_zoom_lens/focal_length_max_mm", Assert.Single(e.Errors).Pointer);

        var swapped = DefaultJson().Replace("\"reference_camera_id\": 1", "\"reference_camera_id\": 2");
        e = Assert.Throws<CameraOpticsException>(() => CameraOptics.Load(System.Text.Encoding.UTF8.GetBytes(swapped), "swapped.json"));
        Assert.Equal("/sensors/1/internals", Assert.Single(e.Errors).Pointer);
    }

    [Fact]
    public void The_capture_orientation_is_the_mount_and_converts_back()
    {
        // A dome at pan 0 / tilt 0 looking at bearing 30°, 10° down, banked 5°.
        var mount = CameraOptics.MountFrom(Orientation.FromYawPitchRollToEnu(30, 80, 5));
        var (yaw, pitch, roll) = CameraOptics.OpfYawPitchRoll(new ViewPose(0, 0, mount));
        Assert.Equal(30, yaw, 9);
        Assert.Equal(80, pitch, 9);
        Assert.Equal(5, roll, 9);
        Assert.Equal(new MountOrientation(30, -10, 0), Round(CameraOptics.MountFrom(Orientation.FromYawPitchRollToEnu(30, 80, 0))));
        // On a level mount, pan adds to yaw and tilt to pitch (OPF pitch 90 is the horizon).
        Assert.Equal((75.0, 110.0, 0.0), RoundYpr(CameraOptics.OpfYawPitchRoll(new ViewPose(45, 20, new MountOrientation(30, 0, 0)))));
    }

    [Fact]
    public void The_configured_geolocation_wins_over_the_capture()
    {
        var optics = CameraOptics.Default;
        var fromCapture = CameraPlacement.Resolve(new CameraOptions(), optics);
        Assert.Equal(optics.Geolocation, fromCapture.Geolocation);
        Assert.NotNull(fromCapture.GeoPose);
        var configured = CameraPlacement.Resolve(new CameraOptions { Geolocation = new GeolocationOption { Latitude = 1, Longitude = 2, Altitude = 3 }, Yaw = 45 }, optics);
        Assert.Equal(new Camlab.Device.Ptz.Geo.GeoLocation(1, 2, 3), configured.Geolocation);
        Assert.Equal(45, configured.Yaw);
        Assert.Equal(45, CameraPlacement.Resolve(new CameraOptions { Yaw = 45 }, optics).Yaw);
    }

    [Fact]
    public async Task Serve_with_an_invalid_camera_file_prints_every_pointer_and_exits_2()
    {
        var path = Write(DefaultJson().Replace("\"weight\": 0.0722", "\"weight\": 0.5").Replace("\"pixel_size_um\": 1.45", "\"pixel_size_um\": -1"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "camlab.dll"), "serve", "--camera", path, "--http", "127.0.0.1:0", "--data", Path.Combine(Path.GetTempPath(), "camlab-never") })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains($"camlab serve: {path}: /sensors/0/bands: ", error);
            Assert.Contains($"camlab serve: {path}: /sensors/1/bands: ", error);
            Assert.Contains($"camlab serve: {path}: /sensors/1/pixel_size_um: ", error);
        }
        finally { File.Delete(path); }
    }

    private static MountOrientation Round(MountOrientation m) =>
        new(Math.Round(m.YawDeg, 9) + 0.0, Math.Round(m.PitchDeg, 9) + 0.0, Math.Round(m.RollDeg, 9) + 0.0);

    private static (double, double, double) RoundYpr((double Y, double P, double R) a) =>
        (Math.Round(a.Y, 9) + 0.0, Math.Round(a.P, 9) + 0.0, Math.Round(a.R, 9) + 0.0);
}

/// <summary><c>--scene FILE.jpg</c>: a user's equirectangular panorama replaces the generated scene.</summary>
public class SceneOptionTests
{
    private static string Jpeg(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (var i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (byte)(i * 7);
        using var encoder = new Camlab.Rendering.Jpeg.JpegEncoder(90);
        var path = Path.Combine(Path.GetTempPath(), $"camlab-scene-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, encoder.Encode(image));
        return path;
    }

    [RequiresVideoFact]
    public async Task A_scene_that_is_not_twice_as_wide_as_tall_exits_2_naming_its_size()
    {
        var path = Jpeg(100, 100);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "camlab.dll"), "serve", "--scene", path, "--http", "127.0.0.1:0", "--data", Path.Combine(Path.GetTempPath(), "camlab-never") })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("this image is 100×100", error);
        }
        finally { File.Delete(path); }
    }

    [RequiresVideoFact]
    public async Task A_host_started_with_a_scene_renders_from_it()
    {
        var path = Jpeg(256, 128);
        try
        {
            await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UnixEpoch), configure: o => o with { Scene = path });
            var renderer = server.Host.Cameras[0].Video!.Renderer;
            Assert.Equal(256, renderer.Scene.Panorama.Width);
        }
        finally { File.Delete(path); }
    }
}
