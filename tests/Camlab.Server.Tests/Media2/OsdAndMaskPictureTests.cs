using System.Globalization;
using System.Text.Json;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Tests.Imaging;
using Camlab.Server.Tests.Streaming;

namespace Camlab.Server.Tests.Media2;

/// <summary>
/// Through the real host on the fake clock with the camera's own view state: an OSD created over Media2 is drawn into
/// the picture at its position and nowhere else; a mask created over Media2 is the mask the HTTP API lists and the
/// picture blacks out, and a mask set over the HTTP API is the mask Media2 lists (one model, two APIs).
/// </summary>
public class OsdAndMaskPictureTests
{
    private const string Tr2 = "http://www.onvif.org/ver20/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private const string MasksApi = "/api/v1/cameras/1/privacy-masks/VideoSource_1";

    private static async Task<RgbImage> Snapshot(StreamingRig rig, string profile = "Profile_2")
    {
        var jpeg = await rig.Pump(rig.Client.GetByteArrayAsync($"/snapshot/{profile}.jpg"));
        using var decoder = new JpegDecoder();
        return decoder.Decode(jpeg);
    }

    private static (double Mean, double Difference, double Changed, double Black, int Count) Measure(RgbImage image, RgbImage other, Func<double, double, bool> select) =>
        Privacy.PrivacyMaskPictureTests.Measure(image, other, select);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [RequiresVideoFact]
    public async Task An_OSD_created_over_Media2_is_drawn_at_its_position_and_nowhere_else()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var media2 = rig.Server.Service(rig.Server.Host.Cameras[0], "media2_service");
        var before = await Snapshot(rig);

        // Upper-left corner at the picture's (0.25, 0.25): normalized (-0.5, 0.5); 108 px of the 1080-row source is a
        // tenth of the picture's height; white on an opaque black box.
        var created = await media2.OkAsync($"<CreateOSD xmlns=\"{Tr2}\"><OSD><VideoSourceConfigurationToken xmlns=\"{Tt}\">VideoSourceConfig_1</VideoSourceConfigurationToken>" +
            $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>Custom</Type><Pos x=\"-0.5\" y=\"0.5\"/></Position>" +
            $"<TextString xmlns=\"{Tt}\"><Type>Plain</Type><FontSize>108</FontSize>" +
            "<FontColor Transparent=\"0\"><Color X=\"255\" Y=\"255\" Z=\"255\" Colorspace=\"http://www.onvif.org/ver10/colorspace/RGB\"/></FontColor>" +
            "<BackgroundColor Transparent=\"0\"><Color X=\"0\" Y=\"0\" Z=\"0\" Colorspace=\"http://www.onvif.org/ver10/colorspace/RGB\"/></BackgroundColor>" +
            "<PlainText>CAMLAB 1234</PlainText></TextString></OSD></CreateOSD>");
        Assert.Equal("OSD_1", created.Body.Elements().Single().Value);
        var after = await Snapshot(rig);

        var source = rig.Server.Host.Cameras[0].Media.VideoSources[0];
        double height = 108.0 / source.Height;
        // The box: from (0.25, 0.25), a line and its padding high; the text is 11 monospaced glyphs about 0.6 line high wide.
        double boxRight = 0.25 + 11 * 0.62 * height * after.Height / after.Width;
        bool InBox(double u, double v) => u > 0.26 && u < boxRight - 0.01 && v > 0.26 && v < 0.25 + height;
        bool FarAway(double u, double v) => v > 0.25 + 2.5 * height || u > boxRight + 0.05 || v < 0.2 || u < 0.2;
        var box = Measure(after, before, InBox);
        var rest = Measure(after, before, FarAway);
        Assert.True(box.Difference > 40, $"the OSD changed its box (mean difference {box.Difference:F1} over {box.Count} pixels)");
        int white = 0, black = 0;
        for (int y = 0; y < after.Height; y++)
        for (int x = 0; x < after.Width; x++)
        {
            if (!InBox((x + 0.5) / after.Width, (y + 0.5) / after.Height)) continue;
            var (r, g, b) = after.GetPixel(x, y);
            if (r > 200 && g > 200 && b > 200) white++;
            if (r < 30 && g < 30 && b < 30) black++;
        }
        Assert.True(white > 0.08 * box.Count && black > 0.3 * box.Count, $"white glyphs on a black box ({white} white, {black} black of {box.Count})");
        Assert.True(rest.Changed < Privacy.PrivacyMaskPictureTests.SceneMotion, $"the rest of the picture is unchanged ({rest.Changed:P1} of it changed; {rest.Difference:F1} on average)");

        // Deleted, the picture is the scene again.
        await media2.OkAsync($"<DeleteOSD xmlns=\"{Tr2}\"><OSDToken>OSD_1</OSDToken></DeleteOSD>");
        var cleared = await Snapshot(rig);
        Assert.True(Measure(cleared, before, InBox).Black < Privacy.PrivacyMaskPictureTests.SceneBlack, "without the OSD its box shows the scene");
    }

    [RequiresVideoFact]
    public async Task A_date_and_time_OSD_shows_the_camera_clock()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var camera = rig.Server.Host.Cameras[0];
        var media2 = rig.Server.Service(camera, "media2_service");
        await media2.OkAsync($"<CreateOSD xmlns=\"{Tr2}\"><OSD><VideoSourceConfigurationToken xmlns=\"{Tt}\">VideoSourceConfig_1</VideoSourceConfigurationToken>" +
            $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>LowerRight</Type></Position>" +
            $"<TextString xmlns=\"{Tt}\"><Type>DateAndTime</Type><DateFormat>yyyy-MM-dd</DateFormat><TimeFormat>HH:mm:ss</TimeFormat><FontSize>64</FontSize></TextString></OSD></CreateOSD>");
        var state = camera.Video!.Hub.State;
        var cameraNow = camera.Clock.GetUtcNow();
        var overlay = Assert.Single(state.Overlays("VideoSource_1", cameraNow));
        Assert.Equal(cameraNow.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), overlay.Text);
        Assert.Equal(Rendering.Overlay.OverlayPlacement.LowerRight, overlay.Placement);
        Assert.Empty(state.Overlays("VideoSource_2", cameraNow)); // another source, no OSD

        // The picture's lower right corner changes with the second shown there.
        var first = await Snapshot(rig);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Snapshot(rig);
        var corner = Measure(second, first, (u, v) => u > 0.6 && v > 0.85);
        var elsewhere = Measure(second, first, (u, v) => u < 0.5 && v < 0.7);
        Assert.True(corner.Difference > 2 * elsewhere.Difference + 1, $"the clock's corner changed ({corner.Difference:F1}) more than the rest ({elsewhere.Difference:F1})");
    }

    private static string Polygon(params (double X, double Y)[] points) =>
        $"<Polygon xmlns=\"{Tr2}\">" + string.Concat(points.Select(p => $"<Point xmlns=\"{Tt}\" x=\"{F(p.X)}\" y=\"{F(p.Y)}\"/>")) + "</Polygon>";

    private static string Mask(string polygon, string configuration = "VideoSourceConfig_1", string type = "Color", bool enabled = true, string token = "", string color = "") =>
        $"<Mask xmlns=\"{Tr2}\"{(token.Length > 0 ? $" token=\"{token}\"" : "")}><ConfigurationToken>{configuration}</ConfigurationToken>{polygon}<Type>{type}</Type>{color}<Enabled>{(enabled ? "true" : "false")}</Enabled></Mask>";

    // The middle of the picture: fractions 0.4..0.6 × 0.35..0.65, in normalized coordinates (y up).
    private static readonly string Middle = Polygon((-0.2, 0.3), (0.2, 0.3), (0.2, -0.3), (-0.2, -0.3));

    private static async Task<JsonElement> MasksFromApi(StreamingRig rig)
    {
        using var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword);
        return JsonDocument.Parse(await admin.GetStringAsync(MasksApi)).RootElement;
    }

    [RequiresVideoFact]
    public async Task A_mask_created_over_Media2_is_the_HTTP_APIs_mask_and_black_in_the_picture()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var media2 = rig.Server.Service(rig.Server.Host.Cameras[0], "media2_service");
        var before = await Snapshot(rig);
        var created = await media2.OkAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle)}</CreateMask>");
        Assert.Equal("Mask_1", created.Body.Elements().Single().Value);

        var api = await MasksFromApi(rig);
        Assert.Equal("api", api.GetProperty("origin").GetString());
        var listed = Assert.Single(api.GetProperty("masks").EnumerateArray());
        Assert.Equal("Mask_1", listed.GetProperty("name").GetString());
        Assert.Equal(4, listed.GetProperty("points").GetArrayLength());
        Assert.Equal("VideoSourceConfig_1", listed.GetProperty("drawn").GetProperty("configuration").GetString());

        var after = await Snapshot(rig);
        const double m = 0.02;
        var inside = Measure(after, before, (u, v) => u > 0.4 + m && u < 0.6 - m && v > 0.35 + 2 * m && v < 0.65 - 2 * m);
        var outside = Measure(after, before, (u, v) => u < 0.4 - m || u > 0.6 + m || v < 0.35 - 2 * m || v > 0.65 + 2 * m);
        Assert.True(inside.Mean < 3, $"masked pixels are black (mean {inside.Mean:F1})");
        Assert.True(outside.Changed < Privacy.PrivacyMaskPictureTests.SceneMotion, $"the rest of the picture is unchanged ({outside.Changed:P1} of it changed; {outside.Difference:F1} on average)");

        // GetMasks returns it as it was set.
        var masks = await media2.OkAsync($"<GetMasks xmlns=\"{Tr2}\"/>");
        var points = masks.Body.Descendants().Where(e => e.Name.LocalName == "Point").Select(p => (p.Attribute("x")!.Value, p.Attribute("y")!.Value)).ToArray();
        Assert.Equal([("-0.2", "0.3"), ("0.2", "0.3"), ("0.2", "-0.3"), ("-0.2", "-0.3")], points);

        // Disabled, it stays listed and the picture is the scene again; deleted, the HTTP API has no mask left.
        await media2.OkAsync($"<SetMask xmlns=\"{Tr2}\">{Mask(Middle, token: "Mask_1", enabled: false)}</SetMask>");
        Assert.False(Assert.Single((await MasksFromApi(rig)).GetProperty("masks").EnumerateArray()).GetProperty("enabled").GetBoolean());
        var disabled = await Snapshot(rig);
        Assert.True(Measure(disabled, before, (u, v) => u > 0.45 && u < 0.55 && v > 0.45 && v < 0.55).Black < Privacy.PrivacyMaskPictureTests.SceneBlack, "a disabled mask hides nothing");
        await media2.OkAsync($"<DeleteMask xmlns=\"{Tr2}\"><Token>Mask_1</Token></DeleteMask>");
        Assert.Empty((await MasksFromApi(rig)).GetProperty("masks").EnumerateArray());
    }

    [RequiresVideoFact]
    public async Task A_mask_set_over_the_HTTP_API_is_listed_by_Media2_where_it_is_on_the_picture()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var media2 = rig.Server.Service(rig.Server.Host.Cameras[0], "media2_service");
        using (var admin = FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword))
        {
            var response = await admin.PutAsync(MasksApi, FaultApiTests.Json(
                "{ \"masks\": [{ \"name\": \"Door\", \"imagePoints\": [[0.4, 0.35], [0.6, 0.35], [0.6, 0.65], [0.4, 0.65]] }] }"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        var masks = await media2.OkAsync($"<GetMasks xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetMasks>");
        var mask = Assert.Single(masks.Body.Elements());
        Assert.Equal("Door", mask.Attribute("token")!.Value);
        Assert.Equal("VideoSourceConfig_1", mask.Elements().First().Value);
        var points = mask.Descendants().Where(e => e.Name.LocalName == "Point")
            .Select(p => (X: double.Parse(p.Attribute("x")!.Value, CultureInfo.InvariantCulture), Y: double.Parse(p.Attribute("y")!.Value, CultureInfo.InvariantCulture))).ToArray();
        (double X, double Y)[] expected = [(-0.2, 0.3), (0.2, 0.3), (0.2, -0.3), (-0.2, -0.3)];
        Assert.Equal(4, points.Length);
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(points[i].X - expected[i].X) < 0.01 && Math.Abs(points[i].Y - expected[i].Y) < 0.01, $"vertex {i} at {points[i]}, drawn at {expected[i]}");
        Assert.Equal("true", mask.Elements().Last().Value);
        // The other source's configuration has none; Media2 deletes the API's mask.
        Assert.Empty((await media2.OkAsync($"<GetMasks xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></GetMasks>")).Body.Elements());
        await media2.OkAsync($"<DeleteMask xmlns=\"{Tr2}\"><Token>Door</Token></DeleteMask>");
        Assert.Empty((await MasksFromApi(rig)).GetProperty("masks").EnumerateArray());
    }

    [RequiresVideoFact]
    public async Task Mask_requests_the_camera_cannot_honour_are_the_specs_faults_and_change_nothing()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var media2 = rig.Server.Service(rig.Server.Host.Cameras[0], "media2_service");
        await media2.OkAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle)}</CreateMask>");
        var before = (await MasksFromApi(rig)).GetRawText();

        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoConfig", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle, configuration: "VideoSourceConfig_9")}</CreateMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:InvalidPolygon", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Polygon((0, 0), (1.5, 0), (0, 1)))}</CreateMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:InvalidPolygon", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Polygon((0, 0), (0.5, 0), (0.25, 0)))}</CreateMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:ConfigModify", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle, type: "Blurred")}</CreateMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:ConfigModify", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle, color: $"<Color xmlns=\"{Tr2}\" X=\"255\" Y=\"0\" Z=\"0\"/>")}</CreateMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoConfig", await media2.FaultAsync($"<SetMask xmlns=\"{Tr2}\">{Mask(Middle, token: "Mask_9")}</SetMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:ConfigModify", await media2.FaultAsync($"<SetMask xmlns=\"{Tr2}\">{Mask(Middle, token: "Mask_1", configuration: "VideoSourceConfig_2")}</SetMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoConfig", await media2.FaultAsync($"<DeleteMask xmlns=\"{Tr2}\"><Token>Mask_9</Token></DeleteMask>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoConfig", await media2.FaultAsync($"<GetMasks xmlns=\"{Tr2}\"><Token>Mask_9</Token></GetMasks>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoConfig", await media2.FaultAsync($"<GetMaskOptions xmlns=\"{Tr2}\"><ConfigurationToken>Nope</ConfigurationToken></GetMaskOptions>"));
        Assert.Equal("env:Sender ter:NotAuthorized", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle)}</CreateMask>", "viewer", ServerHarness.ViewerPassword));
        Assert.Equal(before, (await MasksFromApi(rig)).GetRawText());

        var options = await media2.OkAsync($"<GetMaskOptions xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetMaskOptions>");
        int max = int.Parse(options.Body.Descendants().First(e => e.Name.LocalName == "MaxMasks").Value, CultureInfo.InvariantCulture);
        for (int i = 1; i < max; i++) await media2.OkAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle)}</CreateMask>");
        Assert.Equal("env:Receiver ter:Action ter:MaxMasks", await media2.FaultAsync($"<CreateMask xmlns=\"{Tr2}\">{Mask(Middle)}</CreateMask>"));
        Assert.Equal(max, (await MasksFromApi(rig)).GetProperty("masks").GetArrayLength());
    }
}
