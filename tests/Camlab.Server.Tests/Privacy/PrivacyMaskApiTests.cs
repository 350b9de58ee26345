using System.Net;
using System.Text;
using System.Text.Json;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Privacy;
using Camlab.Server.Tests.Imaging;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Privacy;

/// <summary>
/// <c>/api/v1/cameras/{n}/privacy-masks</c>: Digest with the camera's users (read: any user, change: Administrator),
/// all-or-nothing replacement, persistence in the camera's state store across restarts, configuration as the seed.
/// </summary>
public class PrivacyMaskApiTests
{
    private const string Masks = "/api/v1/cameras/1/privacy-masks";
    private const string Source1 = Masks + "/VideoSource_1";
    private const string Window = "{ \"name\": \"Window\", \"points\": [[-5, -10], [5, -10], [5, 0], [-5, 0]] }";
    private const string Door = "{ \"name\": \"Door\", \"points\": [[20, -10], [30, -10], [25, 5]] }";

    private static StringContent Body(params string[] masks) => FaultApiTests.Json("{ \"masks\": [" + string.Join(", ", masks) + "] }");

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Refused(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement SourceIn(JsonElement all, string token) =>
        all.GetProperty("videoSources").EnumerateArray().Single(s => s.GetProperty("token").GetString() == token);

    private static string[] Names(JsonElement source) => source.GetProperty("masks").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();

    /// <summary>What the renderer is given for a source: the camera's view state.</summary>
    private static IReadOnlyList<PrivacyMask> Rendered(ServerHarness server, string token) => server.Host.Cameras[0].Video!.Hub.State.PrivacyMasks(token);

    private static string Document(ServerHarness server, string token) =>
        Path.Combine(server.Data, "camera-1", CameraPrivacyMasks.DocumentName(token));

    [Fact]
    public async Task Reading_needs_a_camera_user_and_changing_needs_an_administrator()
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with { Users = [.. o.Users, new() { Name = "op", Password = "op-pw", Level = "Operator" }] });
        var anonymous = await server.Client.GetAsync(Masks);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Digest");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PutAsync(Source1, Body(Window))).StatusCode);
        using (var wrong = FaultApiTests.Client(server, "admin", "not-the-password"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(Masks)).StatusCode);

        using (var viewer = FaultApiTests.Client(server, "viewer", ServerHarness.ViewerPassword))
        {
            Assert.Equal("none", SourceIn(await Ok(await viewer.GetAsync(Masks)), "VideoSource_1").GetProperty("origin").GetString());
            var refused = await Refused(await viewer.PutAsync(Source1, Body(Window)), HttpStatusCode.Forbidden);
            Assert.Equal("user 'viewer' is a User; changing privacy masks needs Administrator", refused.GetProperty("error").GetString());
            await Refused(await viewer.DeleteAsync(Source1), HttpStatusCode.Forbidden);
        }
        using (var op = FaultApiTests.Client(server, "op", "op-pw"))
        {
            await Ok(await op.GetAsync(Source1));
            await Refused(await op.PutAsync(Source1, Body(Window)), HttpStatusCode.Forbidden);
            await Refused(await op.DeleteAsync(Source1), HttpStatusCode.Forbidden);
        }
        Assert.Empty(Rendered(server, "VideoSource_1"));
        Assert.False(File.Exists(Document(server, "VideoSource_1")));

        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        await Ok(await admin.PutAsync(Source1, Body(Window)));
        Assert.Single(Rendered(server, "VideoSource_1"));
    }

    [Fact]
    public async Task Unknown_cameras_sources_and_methods_are_refused()
    {
        await using var server = await ServerHarness.StartAsync();
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        await Refused(await admin.GetAsync("/api/v1/cameras/2/privacy-masks"), HttpStatusCode.NotFound);
        await Refused(await admin.GetAsync("/api/v1/cameras/0/privacy-masks"), HttpStatusCode.NotFound);
        await Refused(await admin.GetAsync(Masks + "/VideoSource_1/extra"), HttpStatusCode.NotFound);
        var unknown = await Refused(await admin.PutAsync(Masks + "/VideoSource_9", Body(Window)), HttpStatusCode.NotFound);
        Assert.Equal("camera 1 has no video source 'VideoSource_9' (it has VideoSource_1, VideoSource_2)", unknown.GetProperty("error").GetString());

        var put = await admin.PutAsync(Masks, Body(Window));
        await Refused(put, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET"], put.Content.Headers.Allow);
        var post = await admin.PostAsync(Source1, Body(Window));
        await Refused(post, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "PUT", "DELETE"], post.Content.Headers.Allow);
        Assert.Empty(Rendered(server, "VideoSource_1"));
        // The faults API beside it still answers.
        await Ok(await admin.GetAsync("/api/v1/cameras/1/faults"));
    }

    [Fact]
    public async Task Put_replaces_a_sources_list_get_reports_it_and_delete_removes_it()
    {
        await using var server = await ServerHarness.StartAsync();
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);

        var put = await Ok(await admin.PutAsync(Source1, Body(Window, Door)));
        Assert.Equal("VideoSource_1", put.GetProperty("token").GetString());
        Assert.Equal("api", put.GetProperty("origin").GetString());
        Assert.Equal(["Window", "Door"], Names(put));
        Assert.Equal("[[20,-10],[30,-10],[25,5]]", put.GetProperty("masks")[1].GetProperty("points").GetRawText().Replace(" ", "").Replace("\n", ""));

        Assert.Equal([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(5, 0), new PanTilt(-5, 0)], Rendered(server, "VideoSource_1")[0].Vertices);
        Assert.Equal([new PanTilt(20, -10), new PanTilt(30, -10), new PanTilt(25, 5)], Rendered(server, "VideoSource_1")[1].Vertices);
        Assert.Empty(Rendered(server, "VideoSource_2"));

        var all = await Ok(await admin.GetAsync(Masks));
        Assert.Equal(["VideoSource_1", "VideoSource_2"], all.GetProperty("videoSources").EnumerateArray().Select(s => s.GetProperty("token").GetString()));
        Assert.Equal(["Window", "Door"], Names(SourceIn(all, "VideoSource_1")));
        Assert.Equal("none", SourceIn(all, "VideoSource_2").GetProperty("origin").GetString());
        Assert.Equal(put.GetRawText(), (await Ok(await admin.GetAsync(Source1))).GetRawText());
        Assert.Contains("\"Door\"", File.ReadAllText(Document(server, "VideoSource_1")));

        // Replacing is replacing: the list sent is the list kept.
        Assert.Equal(["Door"], Names(await Ok(await admin.PutAsync(Source1, Body(Door)))));
        Assert.Equal([new PanTilt(20, -10), new PanTilt(30, -10), new PanTilt(25, 5)], Assert.Single(Rendered(server, "VideoSource_1")).Vertices);

        var deleted = await Ok(await admin.DeleteAsync(Source1));
        Assert.Empty(Names(deleted));
        Assert.Equal("api", deleted.GetProperty("origin").GetString());
        Assert.Empty(Rendered(server, "VideoSource_1"));
        Assert.Empty(Names(await Ok(await admin.GetAsync(Source1))));
    }

    [Fact]
    public async Task Each_camera_has_its_own_masks_seeded_by_the_same_configuration()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2, configure: o => o with
        {
            PrivacyMasks = new() { ["VideoSource_2"] = [new PrivacyMaskOption { Name = "Street", Points = [[10, -30], [20, -30], [15, -20]] }] },
        });
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        await Ok(await admin.PutAsync("/api/v1/cameras/2/privacy-masks/VideoSource_1", Body(Door)));

        var second = await Ok(await admin.GetAsync("/api/v1/cameras/2/privacy-masks"));
        Assert.Equal(["Door"], Names(SourceIn(second, "VideoSource_1")));
        Assert.Equal(["Street"], Names(SourceIn(second, "VideoSource_2")));
        var first = await Ok(await admin.GetAsync(Masks));
        Assert.Empty(Names(SourceIn(first, "VideoSource_1")));
        Assert.Equal(["Street"], Names(SourceIn(first, "VideoSource_2")));
        Assert.Single(server.Host.Cameras[1].Video!.Hub.State.PrivacyMasks("VideoSource_1"));
        Assert.Empty(Rendered(server, "VideoSource_1"));
        Assert.True(File.Exists(Path.Combine(server.Data, "camera-2", CameraPrivacyMasks.DocumentName("VideoSource_1"))));
        Assert.False(File.Exists(Document(server, "VideoSource_1")));
    }

    [Fact]
    public async Task A_bad_put_lists_every_error_and_changes_nothing()
    {
        await using var server = await ServerHarness.StartAsync();
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        await Ok(await admin.PutAsync(Source1, Body(Window)));
        var stored = File.ReadAllText(Document(server, "VideoSource_1"));
        var rendered = Rendered(server, "VideoSource_1");

        // One valid mask and four problems in two others: all four reported, none applied.
        var refused = await Refused(await admin.PutAsync(Source1, Body(Door,
            "{ \"name\": \"Door\", \"points\": [[0, 0], [1, 91], [0, 1]] }",
            "{ \"name\": \"\", \"points\": [[0, 0], [1, 1]] }")), HttpStatusCode.BadRequest);
        Assert.Equal("4 problems (nothing was changed)", refused.GetProperty("error").GetString());
        Assert.Equal(
            [
                "$.masks[1].name: 'Door' is already the name of $.masks[0] (names are unique per video source)",
                "$.masks[1].points[1][1]: tilt 91 is outside -90..90 degrees",
                "$.masks[2].name: a name is required (1 to 64 characters)",
                "$.masks[2].points: a polygon needs 3 to 32 vertices [pan, tilt], got 2",
            ],
            refused.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!));

        var drawn = await Refused(await admin.PutAsync(Source1, Body(
            "{ \"name\": \"a\", \"imagePoints\": [[0, 0], [1.5, 0], [0.5, -0.1]] }",
            "{ \"name\": \"b\", \"imagePoints\": [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]] }",
            "{ \"name\": \"c\", \"imagePoints\": [[0, 0], [1, 0]] }")), HttpStatusCode.BadRequest);
        Assert.Equal(
            [
                "$.masks[0].imagePoints[1][0]: x 1.5 is outside the picture (0..1)",
                "$.masks[0].imagePoints[2][1]: y -0.1 is outside the picture (0..1)",
                "$.masks[1].imagePoints: the polygon has no area (its vertices lie on one line), it would hide nothing",
                "$.masks[2].imagePoints: a polygon needs 3 to 32 vertices [x, y], got 2",
            ],
            drawn.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!));

        foreach (var body in new[]
                 {
                     "not json", "", "null", "{}", "{ \"masks\": null }", "{ \"masks\": [" + Window + "], \"extra\": 1 }",
                     "{ \"masks\": [{ \"name\": \"a\", \"points\": [[0, 0], [1, 0], [0, 1]], \"colour\": \"red\" }] }",
                     "{ \"masks\": [{ \"name\": \"a\", \"points\": [[0, 0], [1, 0], [0, \"1\"]] }] }",
                 })
        {
            var bad = await Refused(await admin.PutAsync(Source1, FaultApiTests.Json(body)), HttpStatusCode.BadRequest);
            Assert.NotEmpty(bad.GetProperty("errors").EnumerateArray());
            Assert.EndsWith("(nothing was changed)", bad.GetProperty("error").GetString());
        }
        var huge = await admin.PutAsync(Source1, FaultApiTests.Json("{ \"masks\": [" + Window + "], \"pad\": \"" + new string(' ', 70_000) + "\" }"));
        await Refused(huge, HttpStatusCode.RequestEntityTooLarge);

        Assert.Same(rendered, Rendered(server, "VideoSource_1"));
        Assert.Equal(stored, File.ReadAllText(Document(server, "VideoSource_1")));
        Assert.Equal(["Window"], Names(await Ok(await admin.GetAsync(Source1))));
    }

    [Fact]
    public async Task Configuration_seeds_the_masks_and_what_the_api_sets_survives_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        ServerOptions Configure(ServerOptions o) => o with
        {
            PrivacyMasks = new()
            {
                ["VideoSource_1"] = [new PrivacyMaskOption { Name = "Configured", Points = [[-40, -20], [-30, -20], [-35, -10]] }],
                ["VideoSource_2"] = [new PrivacyMaskOption { Name = "Street", Points = [[10, -30], [20, -30], [15, -20]] }],
            },
        };

        var first = await ServerHarness.StartAsync(data: data, configure: Configure);
        using (var admin = FaultApiTests.Client(first, "admin", ServerHarness.AdminPassword))
        {
            var seeded = await Ok(await admin.GetAsync(Masks));
            Assert.Equal("configuration", SourceIn(seeded, "VideoSource_1").GetProperty("origin").GetString());
            Assert.Equal(["Configured"], Names(SourceIn(seeded, "VideoSource_1")));
            Assert.Equal(["Street"], Names(SourceIn(seeded, "VideoSource_2")));
            Assert.Equal(new PanTilt(-40, -20), Rendered(first, "VideoSource_1")[0].Vertices[0]);
            Assert.False(File.Exists(Document(first, "VideoSource_1"))); // configuration is not state

            await Ok(await admin.PutAsync(Source1, Body(Window, Door)));
            await Ok(await admin.DeleteAsync(Masks + "/VideoSource_2"));
        }
        await first.Host.DisposeAsync();
        first.Client.Dispose();

        // Same data directory, same configuration: the API's lists win, for both sources.
        await using var second = await ServerHarness.StartAsync(data: data, configure: Configure);
        using var again = FaultApiTests.Client(second, "admin", ServerHarness.AdminPassword);
        var restarted = await Ok(await again.GetAsync(Masks));
        Assert.Equal("api", SourceIn(restarted, "VideoSource_1").GetProperty("origin").GetString());
        Assert.Equal(["Window", "Door"], Names(SourceIn(restarted, "VideoSource_1")));
        Assert.Equal("api", SourceIn(restarted, "VideoSource_2").GetProperty("origin").GetString());
        Assert.Empty(Names(SourceIn(restarted, "VideoSource_2")));
        Assert.Equal([new PanTilt(20, -10), new PanTilt(30, -10), new PanTilt(25, 5)], Rendered(second, "VideoSource_1")[1].Vertices);
        Assert.Empty(Rendered(second, "VideoSource_2"));
    }

    [Fact]
    public async Task A_damaged_state_document_stops_the_start_rather_than_showing_what_it_hid()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(data, "camera-1", CameraPrivacyMasks.DocumentFolder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "VideoSource_1.json"), "{ \"masks\": [{ \"name\": \"a\", \"points\": [[0, 0], [1, 0]] }] }");
        try
        {
            var error = await Assert.ThrowsAsync<ConfigurationException>(() => ServerHarness.StartAsync(data: data));
            Assert.Equal("state document privacy-masks/VideoSource_1.json is invalid ($.masks[0].points: a polygon needs 3 to 32 vertices [pan, tilt], got 2): " +
                         "fix or delete it; the camera does not start without its privacy masks", error.Message);
            File.WriteAllText(Path.Combine(folder, "VideoSource_1.json"), "{ \"masks\": [");
            Assert.Contains("privacy-masks/VideoSource_1.json is invalid", (await Assert.ThrowsAsync<ConfigurationException>(() => ServerHarness.StartAsync(data: data))).Message);
        }
        finally { Directory.Delete(data, recursive: true); }
    }
}
