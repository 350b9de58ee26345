using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Camlab.Server.Tests.Streaming;

/// <summary>POST/PATCH/DELETE /api/v1/streams: validation, all-or-nothing changes, closing, and authentication.</summary>
public sealed class StreamApiTests
{
    [Fact]
    public async Task Every_video_path_requires_digest_authentication()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        var paths = new (HttpMethod, string)[]
        {
            (HttpMethod.Post, "/api/v1/streams"), (HttpMethod.Patch, "/api/v1/streams/" + created.GetProperty("videoId")),
            (HttpMethod.Delete, "/api/v1/streams/" + created.GetProperty("videoId")), (HttpMethod.Get, "/video/" + created.GetProperty("videoId")),
            (HttpMethod.Post, "/video/" + created.GetProperty("videoId")), (HttpMethod.Get, "/mjpeg/Profile_1"), (HttpMethod.Get, "/snapshot/Profile_1.jpg"),
        };
        foreach (var (method, path) in paths)
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Digest");
        }
        using var wrong = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential("admin", "nope") }) { BaseAddress = rig.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/snapshot/Profile_1.jpg")).StatusCode);
        var socket = new ClientWebSocket();
        // Without its ticket (StreamTicketTests) the WebSocket URL needs Digest too.
        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(created.GetProperty("urls").GetProperty("webSocket").GetString()!.Split('?')[0]), CancellationToken.None));
        // The stream still exists: nothing above changed it.
        Assert.Equal(HttpStatusCode.OK, (await rig.Client.GetAsync("/api/v1/streams/" + created.GetProperty("videoId"))).StatusCode);
    }

    [Fact]
    public async Task A_user_level_account_may_view()
    {
        await using var rig = await StreamingRig.StartAsync();
        using var viewer = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential("viewer", ServerHarness.ViewerPassword) }) { BaseAddress = rig.BaseUri };
        using var response = await viewer.PostAsJsonAsync("/api/v1/streams", new { profile = "Profile_2" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_answers_the_video_id_and_urls_with_the_profile_defaults()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        var id = created.GetProperty("videoId").GetGuid();
        Assert.Equal(640, created.GetProperty("width").GetInt32());
        Assert.Equal(360, created.GetProperty("height").GetInt32());
        Assert.Equal(15, created.GetProperty("fps").GetDouble());
        Assert.Equal(70, created.GetProperty("quality").GetInt32());
        var urls = created.GetProperty("urls");
        var authority = rig.BaseUri.GetLeftPart(UriPartial.Authority);
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(authority.Replace("http", "ws") + "/video/" + id) + @"\?ticket=[A-Za-z0-9_-]{22}$", urls.GetProperty("webSocket").GetString());
        Assert.Equal(authority + "/video/" + id, urls.GetProperty("httpPush").GetString());
        Assert.Equal(authority + "/mjpeg/Profile_2", urls.GetProperty("mjpeg").GetString());
        Assert.Equal(authority + "/snapshot/Profile_2.jpg", urls.GetProperty("snapshot").GetString());
    }

    [Theory]
    [InlineData("{\"profile\":\"Profile_9\"}", 404, "profile")]
    [InlineData("{\"width\":640}", 400, "profile")]
    [InlineData("{\"profile\":\"Profile_1\",\"width\":8}", 400, "width")]
    [InlineData("{\"profile\":\"Profile_1\",\"fps\":0}", 400, "fps")]
    [InlineData("{\"profile\":\"Profile_1\",\"fps\":\"fast\"}", 400, "fps")]
    [InlineData("{\"profile\":\"Profile_1\",\"quality\":101}", 400, "quality")]
    [InlineData("{\"profile\":\"Profile_1\",\"colour\":true}", 400, "colour")]
    [InlineData("{\"profile\":\"Profile_1\",\"crop\":{\"SrcLeft\":0,\"SrcTop\":0,\"SrcRight\":2000,\"SrcBottom\":1080}}", 400, "crop")]
    [InlineData("{\"profile\":\"Profile_1\",\"crop\":{\"SrcLeft\":0,\"SrcTop\":0,\"SrcRight\":100}}", 400, "crop.SrcBottom")]
    [InlineData("[1,2]", 400, "")]
    [InlineData("{nope", 400, "")]
    public async Task Bad_requests_name_the_field_and_create_nothing(string body, int status, string field)
    {
        await using var rig = await StreamingRig.StartAsync();
        using var response = await rig.Client.PostAsync("/api/v1/streams", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
    }

    [Fact]
    public async Task Patch_changes_size_crop_and_fps_of_the_frames_sent()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", width = 320, height = 180, fps = 25 });
        var id = created.GetProperty("videoId").GetString();
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.Equal(320, StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).SizeInfo!.Value.DestStrideX);

        using var patched = await rig.Client.PatchAsJsonAsync("/api/v1/streams/" + id,
            new { width = 400, height = 300, fps = 5, crop = new { SrcLeft = 100, SrcTop = 50, SrcRight = 900, SrcBottom = 650 } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Camlab.VideoChannel.FrameHeader h;
        do h = StreamingRig.Header(await rig.ReceiveFrameAsync(socket)); while (h.SizeInfo!.Value.DestStrideX != 400);
        Assert.Equal(new Camlab.VideoChannel.SizeInfo(1920, 1080, 100, 50, 900, 650, 400, 300, 2_000_000), h.SizeInfo);
        Assert.Equal(200u, h.StreamInfo!.Value.TimeBetweenFrames);
        var frame = Camlab.VideoChannel.FrameReader.ReadFrame(await rig.ReceiveFrameAsync(socket));
        using var decoder = new Camlab.Rendering.Jpeg.JpegDecoder();
        var picture = decoder.Decode(frame.Payload);
        Assert.Equal((400, 300), (picture.Width, picture.Height));

        // A bad PATCH changes nothing, not even its valid members.
        using var bad = await rig.Client.PatchAsJsonAsync("/api/v1/streams/" + id, new { width = 640, height = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var now = JsonDocument.Parse(await rig.Client.GetStringAsync("/api/v1/streams/" + id)).RootElement;
        Assert.Equal(400, now.GetProperty("width").GetInt32());
        Assert.Equal(300, now.GetProperty("height").GetInt32());
        Assert.Equal(100, now.GetProperty("crop").GetProperty("SrcLeft").GetInt32());

        // crop: null goes back to the whole source.
        using var uncrop = await rig.Client.PatchAsJsonAsync("/api/v1/streams/" + id, JsonDocument.Parse("{\"crop\":null}").RootElement);
        Assert.Equal(HttpStatusCode.OK, uncrop.StatusCode);
        do h = StreamingRig.Header(await rig.ReceiveFrameAsync(socket)); while (h.SizeInfo!.Value.SrcLeft != 0);
        Assert.Equal((0, 0, 1920, 1080), (h.SizeInfo!.Value.SrcLeft, h.SizeInfo.Value.SrcTop, h.SizeInfo.Value.SrcRight, h.SizeInfo.Value.SrcBottom));
    }

    [Fact]
    public async Task Delete_closes_the_open_connection_and_forgets_the_stream()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        var id = created.GetProperty("videoId").GetString();
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        await rig.ReceiveFrameAsync(socket);

        Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync("/api/v1/streams/" + id)).StatusCode);
        var ex = await Assert.ThrowsAsync<WebSocketException>(async () => { while (true) await rig.ReceiveFrameAsync(socket); });
        Assert.Contains("stream deleted", ex.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/api/v1/streams/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.DeleteAsync("/api/v1/streams/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.PostAsync("/video/" + id, null)).StatusCode);
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Hub.LoopCount);
    }

    [Fact]
    public async Task A_second_push_connection_to_the_same_stream_is_refused()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        var url = created.GetProperty("urls").GetProperty("httpPush").GetString()!;
        using var first = await rig.Pump(rig.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead));
        using var second = await rig.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }
}

/// <summary>Without authentication everyone may view; a reboot drops the camera's streams.</summary>
public sealed class StreamLifecycleTests
{
    [Fact]
    public async Task No_auth_opens_the_video_paths()
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with { Auth = new Hosting.AuthOptions { Enabled = false } });
        using var response = await server.Client.PostAsJsonAsync("/api/v1/streams", new { profile = "Profile_2" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_reboot_drops_every_stream()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        rig.Server.Host.Cameras[0].Reboot();
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Hub.LoopCount);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/api/v1/streams/" + created.GetProperty("videoId"))).StatusCode);
    }
}

/// <summary>A stream nobody connects to or pulls from is closed after the idle timeout; a connected one is not.</summary>
public sealed class StreamIdleTests
{
    [Fact]
    public async Task Abandoned_streams_close_and_watched_ones_stay()
    {
        await using var rig = await StreamingRig.StartAsync();
        var abandoned = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 1 });
        var watched = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 1 });
        using var socket = await rig.ConnectAsync(watched.GetProperty("urls").GetProperty("webSocket").GetString()!);
        await rig.ReceiveFrameAsync(socket);

        rig.Time.Advance(Camlab.Server.Streaming.StreamRegistry.IdleTimeout.TotalSeconds + 15);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/api/v1/streams/" + abandoned.GetProperty("videoId"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.Client.GetAsync("/api/v1/streams/" + watched.GetProperty("videoId"))).StatusCode);
    }
}
