using Camlab.Rendering.Encoding;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Optics;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using static Camlab.Server.Tests.HostSoap;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Tests.Optics;

/// <summary>The photogrammetry export: /snapshot/{profile}.opf.json, the frame it keeps, and camlab snapshot --opf.</summary>
public class SnapshotExportTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>What the view branch's domain view state does, reduced to the dome: the picture follows the PTZ node.</summary>
    private sealed class DomeFollowingViewState(SimulatedCamera camera) : ICameraViewState
    {
        private Camlab.Device.Ptz.PtzPose Pose => camera.Ptz!.Device.FindNode("PtzNode_1")!.CurrentPose;
        public ICameraProjection CurrentOptics(string sourceToken) =>
            sourceToken == "VideoSource_2" ? camera.Optics.Wide : camera.Optics.DomeAtFocalLength(Pose.Zoom);
        public ViewPose CurrentPose(string sourceToken) => new(Pose.Pan, Pose.Tilt, new MountOrientation(30, 0, 0));
        public CropWindow? CurrentWindow(string sourceToken) => null;
        public ImagingParameters CurrentImaging(string sourceToken) => ImagingParameters.Neutral;
        public IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken) => [];
        public GeoLocation? Location(string sourceToken) => new(46.5191, 6.5668, 420);
        public bool ConnectionLost(string sourceToken) => false;
    }

    private static async Task<T> Pump<T>(FakeTimeProvider clock, Task<T> task)
    {
        for (var i = 0; !task.IsCompleted; i++)
        {
            if (i > 1500) throw new TimeoutException("nothing in 60 simulated seconds");
            clock.Advance(0.04);
            await Task.WhenAny(task, Task.Delay(15));
        }
        return await task;
    }

    private static HttpClient Client(ServerHarness server) =>
        new(new HttpClientHandler { Credentials = new NetworkCredential("admin", ServerHarness.AdminPassword) }) { BaseAddress = server.Host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<(InputCameras Doc, JsonElement Snapshot)> Describe(ServerHarness server, HttpClient client, FakeTimeProvider clock)
    {
        using var response = await Pump(clock, client.GetAsync("/snapshot/Profile_1.opf.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/opf-input-cameras+json", response.Content.Headers.ContentType!.MediaType);
        var result = OpfValidator.Validate(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(result.Errors);
        return (result.Document, result.Document.Captures[0].Cameras[0].Extensions![SnapshotDocument.Extension]!.Value);
    }

    [RequiresVideoFact]
    public async Task The_exported_document_validates_and_follows_pan_and_zoom_after_an_AbsoluteMove()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock, viewState: c => new DomeFollowingViewState(c));
        using var client = Client(server);
        using (var anonymous = new HttpClient { BaseAddress = server.Host.BaseUri })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/snapshot/Profile_1.opf.json")).StatusCode);

        var optics = server.Host.Cameras[0].Optics;
        var (before, snapshot) = await Describe(server, client, clock);
        var capture = before.Captures.Single();
        var ypr = capture.Orientation!.AnglesDeg;
        Assert.Equal(30, ypr[0], 6);     // mount yaw 30, pan 0
        Assert.Equal(90, ypr[1], 6);     // tilt 0: the horizon
        var sensor = before.Sensors.Single();
        Assert.Equal([1920, 1080], sensor.ImageSizePx);
        Assert.Equal(optics.Dome.FocalLengthPx, ((PerspectiveInternals)sensor.Internals!).FocalLengthPx, 6);
        Assert.Equal(new[] { 46.5191, 6.5668, 420 }, capture.Geolocation!.Coordinates);

        // The kept frame is the one described; any other frame number is gone.
        var frame = snapshot.GetProperty("frame").GetInt64();
        Assert.Equal($"Profile_1.jpg?frame={frame}", snapshot.GetProperty("image").GetString());
        var jpeg = await client.GetByteArrayAsync("/snapshot/" + snapshot.GetProperty("image").GetString());
        Assert.Equal((0xFF, 0xD8), (jpeg[0], jpeg[1]));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/snapshot/Profile_1.jpg?frame={frame + 1000}")).StatusCode);

        var move = Op("tptz:AbsoluteMove", P1 + "<tptz:Position><tt:PanTilt x=\"0.25\" y=\"0\"/><tt:Zoom x=\"0.5\"/></tptz:Position>");
        (await server.CallAsync(move, "/onvif/ptz_service")).AssertOk();
        clock.Advance(30);
        var pose = server.Host.Cameras[0].Ptz!.Device.FindNode("PtzNode_1")!.CurrentPose;
        Assert.Equal(45, pose.Pan, 6);
        var (after, _) = await Describe(server, client, clock);
        var angles = after.Captures[0].Orientation!.AnglesDeg;
        Assert.Equal(75, angles[0], 6);                     // yaw = mount 30 + pan 45
        Assert.Equal(90 + pose.Tilt, angles[1], 6);
        Assert.Equal(0, angles[2], 6);
        var focalMm = (optics.Lens.FocalMinMm + optics.Lens.FocalMaxMm) / 2; // generic zoom 0.5 is linear in focal length
        Assert.Equal(focalMm, pose.Zoom, 6);
        Assert.Equal(optics.DomeGeometry.FocalLengthPx(focalMm), ((PerspectiveInternals)after.Sensors[0].Internals!).FocalLengthPx, 6);
        var time = DateTimeOffset.Parse(after.Captures[0].Time.Text, CultureInfo.InvariantCulture);
        Assert.InRange(time, Start.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public void The_capture_time_is_the_frame_time_and_a_crop_rescales_the_internals()
    {
        var optics = CameraOptics.Default;
        var time = new DateTimeOffset(2026, 7, 4, 10, 11, 12, 345, TimeSpan.Zero);
        // A 960×540 output of the sensor window (480, 270)–(1440, 810): the same pixel scale, centre moved.
        var frame = new EncodedFrame([0xFF, 0xD8], VideoCodec.Jpeg, true, time, 7, new SizeInfo(1920, 1080, 480, 270, 1440, 810, 960, 540, 1_000_000),
            LiveFlags.LiveFeed, 0, "", null, default)
        { View = new FrameView("VideoSource_1", optics.Dome, new ViewPose(10, -20), new CropWindow(480, 270, 1440, 810)) };
        var document = SnapshotDocument.Describe(frame, optics, "Profile_1", "x.jpg");
        Assert.Empty(OpfValidator.Validate(document));
        Assert.Equal("2026-07-04T10:11:12.345Z", document.Captures[0].Time.Text);
        Assert.Null(document.Captures[0].Geolocation);
        var p = (PerspectiveInternals)document.Sensors[0].Internals!;
        Assert.Equal(optics.Dome.FocalLengthPx, p.FocalLengthPx, 9);
        Assert.Equal(961.4 - 480, p.PrincipalPointPx[0], 9);
        Assert.Equal(538.7 - 270, p.PrincipalPointPx[1], 9);
        Assert.Equal(new double[] { 10, 70, 0 }, document.Captures[0].Orientation!.AnglesDeg.Select(a => Math.Round(a, 9) + 0.0));

        // Halving the output of the whole wide fisheye halves its affine and the principal point, doubles the pixel pitch.
        var wide = frame with { Size = new SizeInfo(3840, 2160, 0, 0, 3840, 2160, 1920, 1080, 2_000_000), View = new FrameView("VideoSource_2", optics.Wide, new ViewPose(0, 0), new CropWindow(0, 0, 3840, 2160)) };
        var fisheye = SnapshotDocument.Describe(wide, optics, "Profile_3", "y.jpg");
        Assert.Empty(OpfValidator.Validate(fisheye));
        Assert.Equal(new double[] { 1440, 0, 0, 1440 }, ((FisheyeInternals)fisheye.Sensors[0].Internals!).Affine);
        Assert.Equal(2.9, fisheye.Sensors[0].PixelSizeUm, 9);
    }

    [RequiresVideoFact]
    public async Task Camlab_snapshot_writes_the_jpeg_and_a_document_that_names_it()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await ServerHarness.StartAsync(time: clock);
        var dir = Path.Combine(Path.GetTempPath(), "camlab-snapshot-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var error = new StringWriter();
        var run = Camlab.Cli.Program.BuildRoot()
            .Parse(["snapshot", "--opf", dir, "--url", server.Host.BaseUri.ToString(), "--user", "admin:" + ServerHarness.AdminPassword])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        Assert.True(0 == await Pump(clock, run), error.ToString());
        try
        {
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(2, files.Length);
            var stem = files[0]![..^4];
            Assert.Equal([stem + ".jpg", stem + ".opf.json"], files);
            var result = OpfValidator.ValidateFile(Path.Combine(dir, stem + ".opf.json"));
            Assert.Empty(result.Errors);
            Assert.Equal(stem + ".jpg", result.Document.Captures[0].Cameras[0].Extensions![SnapshotDocument.Extension]!.Value.GetProperty("image").GetString());
            var time = DateTimeOffset.Parse(result.Document.Captures[0].Time.Text, CultureInfo.InvariantCulture).UtcDateTime;
            Assert.Equal(time.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture), stem);
            var jpeg = File.ReadAllBytes(Path.Combine(dir, stem + ".jpg"));
            Assert.Equal((0xFF, 0xD8), (jpeg[0], jpeg[1]));
            Assert.NotNull(result.Document.Captures[0].Geolocation); // the default document places the camera
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
