using System.Globalization;
using System.Net;
using System.Text.Json;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tracking;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Tests.Imaging;
using Camlab.Testing;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;
using static Camlab.Server.Tests.HostSoap;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Tests.Ptz;

/// <summary>
/// MoveAndStartTracking ObjectID through <c>camlab serve</c>'s host on the fake clock: the dome follows a scene
/// object drawn by the renderer (same clock, same mount), the picture shows it in the centre, a client move takes the
/// control back, and <c>GET /api/v1/cameras/{n}/objects</c> lists what can be tracked.
/// </summary>
public class ObjectTrackingThroughHostTests
{
    private const string Ptz = "/onvif/ptz_service";
    private const string Objects = "/api/v1/cameras/1/objects";
    private const double Yaw = 30;
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // A level mount whose pan-zero looks 30° east of north: an object at bearing B is at pan B − 30°.
    private static Task<ServerHarness> StartAsync(FakeTimeProvider clock) => ServerHarness.StartAsync(time: clock, configure: o => o with
    {
        Camera = new CameraOptions { Geolocation = new GeolocationOption { Latitude = 47.3769, Longitude = 8.5417, Altitude = 500 }, Yaw = Yaw },
    });

    private static string Id(int id) => $"<tptz:ObjectID>{id}</tptz:ObjectID>";

    /// <summary>GetStatus's position (generic space) in degrees.</summary>
    private static async Task<(double Pan, double Tilt, string Moving)> Status(ServerHarness server)
    {
        var status = await server.Ok(Ptz, Op("tptz:GetStatus", P1));
        var pt = status.Find("Position").Element(Tt + "PanTilt")!;
        var dome = server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!;
        var (pan, tilt) = dome.Geometry.PanTiltFromSpace(pt.Attribute("space")!.Value, pt.F("x"), pt.F("y"));
        return (pan, tilt, status.Find("MoveStatus").Element(Tt + "PanTilt")!.Value);
    }

    /// <summary>The object's sighting now, from the scene alone (bearing, elevation in the world).</summary>
    private static ObjectSighting Sighting(ServerHarness server, int id)
    {
        var camera = server.Host.Cameras[0];
        var sceneTime = server.Time.GetUtcNow() - camera.Video!.Hub.SceneEpoch;
        var scene = camera.Video.Renderer.Scene;
        return scene.Objects.Single(o => o.Id == id).SightingAt(sceneTime, scene.CameraHeightM);
    }

    private static double Wrap(double degrees) => degrees - 360 * Math.Floor((degrees + 180) / 360);

    [RequiresSharedFact]
    public async Task The_dome_follows_the_car_and_the_picture_shows_it_in_the_centre()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        Assert.Equal("PresetToken GeoLocation PTZVector ObjectID",
            (await server.Ok(Ptz, Op("tptz:GetServiceCapabilities"))).Find("Capabilities").Attribute("MoveAndTrack")?.Value);
        var car = server.Host.Cameras[0].Video!.Renderer.Scene.Objects.Single(o => o.Name == "car");

        await server.Ok(Ptz, Op("tptz:MoveAndStartTracking", P1 + Id(car.Id)));
        clock.Advance(6);
        // The car circles at 6°/s; the pursuit stays within a quarter of what it covers in one cadence (0.3°).
        var bound = 6 * ObjectTracker.Cadence.TotalSeconds / 4;
        for (var i = 0; i < 8; i++)
        {
            clock.Advance(1.3);
            var (pan, tilt, moving) = await Status(server);
            var sighting = Sighting(server, car.Id);
            Assert.Equal("MOVING", moving);
            Assert.True(Math.Abs(Wrap(pan - (sighting.BearingDeg - Yaw))) < bound, $"pan {pan}°, car at bearing {sighting.BearingDeg}° (pan {Wrap(sighting.BearingDeg - Yaw)}°)");
            Assert.True(Math.Abs(tilt - sighting.ElevationDeg) < bound, $"tilt {tilt}°, car at elevation {sighting.ElevationDeg}°");
        }

        // The picture the camera streams now (its optics and pose, the scene at the hub's scene time) has the car in
        // the middle: the centre pixel is the car's colour and its pixels are centred.
        var camera = server.Host.Cameras[0];
        var state = camera.Video!.Hub.State;
        var image = camera.Video.Renderer.Render(new RenderRequest(state.CurrentOptics("VideoSource_1"), state.CurrentPose("VideoSource_1"), 640, 360)
        {
            SceneTime = clock.GetUtcNow() - camera.Video.Hub.SceneEpoch,
        });
        static bool IsCar((byte R, byte G, byte B) p, (byte R, byte G, byte B) c) => Math.Abs(p.R - c.R) <= 6 && Math.Abs(p.G - c.G) <= 6 && Math.Abs(p.B - c.B) <= 6;
        Assert.True(IsCar(image.GetPixel(320, 180), car.Color), $"centre pixel {image.GetPixel(320, 180)}, car {car.Color}");
        double sx = 0, sy = 0;
        var n = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (IsCar(image.GetPixel(x, y), car.Color)) { sx += x + 0.5; sy += y + 0.5; n++; }
        Assert.True(n > 200, $"{n} car pixels");
        // 0.3° at ~10.8 px/° (640 px over the widest 59.5°) is 3.2 px.
        Assert.InRange(sx / n, 320 - 4, 320 + 4);
        Assert.InRange(sy / n, 180 - 4, 180 + 4);

        // A client's ContinuousMove takes the control back.
        await server.Ok(Ptz, Op("tptz:ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"0\" y=\"0.3\"/></tptz:Velocity><tptz:Timeout>PT1S</tptz:Timeout>"));
        var tracker = camera.Ptz!.Tracker("PtzNode_1")!;
        Assert.Null(tracker.TrackedObjectId);
        Assert.Equal(TrackingEnd.Commanded, tracker.LastEnd);
        clock.Advance(10);
        Assert.Equal("IDLE", (await Status(server)).Moving);
    }

    [RequiresSharedFact]
    public async Task Objects_endpoint_lists_ids_directions_aim_view_and_tracking()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        var anonymous = await server.Client.GetAsync(Objects);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Digest");
        using (var viewer = FaultApiTests.Client(server, "viewer", ServerHarness.ViewerPassword))
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(Objects)).StatusCode);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.DeleteAsync(Objects)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/cameras/2/objects")).StatusCode);

        async Task<JsonElement> Get()
        {
            var response = await admin.GetAsync(Objects);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            return JsonDocument.Parse(text).RootElement;
        }

        var walker = server.Host.Cameras[0].Video!.Renderer.Scene.Objects.Single(o => o.Name == "walker");
        var list = await Get();
        var objects = list.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(["car", "walker", "ball"], objects.Select(o => o.GetProperty("name").GetString()));
        var entry = objects.Single(o => o.GetProperty("id").GetInt32() == walker.Id);
        var sighting = Sighting(server, walker.Id);
        Assert.Equal(sighting.BearingDeg, entry.GetProperty("bearingDeg").GetDouble(), 3);
        Assert.Equal(sighting.ElevationDeg, entry.GetProperty("elevationDeg").GetDouble(), 3);
        var aims = entry.GetProperty("aim").EnumerateArray().ToList();
        Assert.Equal(["PtzNode_1", "PtzNode_2"], aims.Select(a => a.GetProperty("node").GetString()));
        Assert.Equal(Device.Ptz.PtzSpaces.PanTiltPositionDegrees, aims[0].GetProperty("space").GetString());
        Assert.Equal(Wrap(sighting.BearingDeg - Yaw), aims[0].GetProperty("pan").GetDouble(), 3);
        Assert.Equal(sighting.ElevationDeg, aims[0].GetProperty("tilt").GetDouble(), 3);
        Assert.True(aims[0].GetProperty("reachable").GetBoolean());
        // The digital window at zoom 1 is the whole sensor: it shows the walker but cannot move towards it.
        Assert.InRange(aims[1].GetProperty("pan").GetDouble(), 0, 1);
        Assert.False(aims[1].GetProperty("reachable").GetBoolean());
        Assert.True(aims[1].GetProperty("inView").GetBoolean());
        Assert.Equal(["idle", "idle"], list.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("state").GetString()));

        await server.Ok(Ptz, Op("tptz:MoveAndStartTracking", P1 + Id(walker.Id)));
        clock.Advance(8);
        list = await Get();
        entry = list.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == walker.Id);
        Assert.True(entry.GetProperty("inView").GetBoolean());
        // The sensor of VideoSource_1 is 1920×1080: the tracked walker images near its centre.
        Assert.InRange(entry.GetProperty("imageX").GetDouble(), 960 - 15, 960 + 15);
        Assert.InRange(entry.GetProperty("imageY").GetDouble(), 540 - 15, 540 + 15);
        var dome = list.GetProperty("nodes").EnumerateArray().First();
        Assert.Equal("PtzNode_1", dome.GetProperty("node").GetString());
        Assert.Equal("tracking", dome.GetProperty("state").GetString());
        Assert.Equal(walker.Id, dome.GetProperty("objectId").GetInt32());
        // Behind the camera (the ball is at bearing 300°, the walker around 5°–35°): not in view.
        Assert.False(list.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "ball").GetProperty("inView").GetBoolean());

        await server.Ok(Ptz, Op("tptz:Stop", P1));
        list = await Get();
        dome = list.GetProperty("nodes").EnumerateArray().First();
        Assert.Equal("idle", dome.GetProperty("state").GetString());
        Assert.Equal("commanded", dome.GetProperty("lastEnd").GetString());
        Assert.Equal(JsonValueKind.Null, dome.GetProperty("objectId").ValueKind);
    }

    [RequiresSharedFact]
    public async Task SystemReboot_ends_tracking()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        await server.Ok(Ptz, Op("tptz:MoveAndStartTracking", P1 + Id(1)));
        clock.Advance(2);
        var camera = server.Host.Cameras[0];
        camera.Reboot();
        Assert.Null(camera.Ptz!.Tracker("PtzNode_1")!.TrackedObjectId);
        clock.Advance(3);
        Assert.Equal("IDLE", (await Status(server)).Moving);
    }

    [RequiresSharedFact]
    public async Task The_digital_window_follows_the_walker_across_the_wide_picture()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        var camera = server.Host.Cameras[0];
        var walker = camera.Video!.Renderer.Scene.Objects.Single(o => o.Name == "walker");
        const string P3 = "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>";
        // Zoom the window in first (at zoom 1 it is the whole sensor and cannot move), then follow.
        await server.Ok(Ptz, Op("tptz:MoveAndStartTracking", P3 + "<tptz:TargetPosition><tt:Zoom x=\"3\" space=\"" +
            Device.Ptz.PtzSpaces.ZoomPositionNormalizedDigital + "\"/></tptz:TargetPosition>" + Id(walker.Id)));
        clock.Advance(10);
        var tracker = camera.Ptz!.Tracker("PtzNode_2")!;
        Assert.Equal(walker.Id, tracker.TrackedObjectId);
        Assert.False(tracker.IsMovingFirst);

        // The window of VideoSource_2 as the renderer crops it has the walker in its middle.
        var state = camera.Video.Hub.State;
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(2.1);
            var image = camera.Video.Renderer.Render(new RenderRequest(state.CurrentOptics("VideoSource_2"), state.CurrentPose("VideoSource_2"), 640, 360)
            {
                Window = state.CurrentWindow("VideoSource_2"),
                SceneTime = clock.GetUtcNow() - camera.Video.Hub.SceneEpoch,
            });
            var (x, y, n) = Centroid(image, walker.Color);
            Assert.True(n > 50, $"{n} walker pixels in the window");
            // The window centre moves at most 0.5 %/s of the sensor behind the walker: a few output pixels.
            Assert.InRange(x, 320 - 6, 320 + 6);
            Assert.InRange(y, 180 - 6, 180 + 6);
        }
        Assert.Equal(walker.Id, tracker.TrackedObjectId);
        await server.Ok(Ptz, Op("tptz:Stop", P3));
        Assert.Null(tracker.TrackedObjectId);
    }

    private static (double X, double Y, int Count) Centroid(RgbImage image, (byte R, byte G, byte B) colour)
    {
        double sx = 0, sy = 0;
        var n = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image.GetPixel(x, y);
                if (Math.Abs(r - colour.R) <= 6 && Math.Abs(g - colour.G) <= 6 && Math.Abs(b - colour.B) <= 6) { sx += x + 0.5; sy += y + 0.5; n++; }
            }
        return n == 0 ? (double.NaN, double.NaN, 0) : (sx / n, sy / n, n);
    }
}
