using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// Every video channel connection ends cleanly, whoever ends it: the client (its close is answered, even with a
/// frame being sent at that moment), the stream's DELETE (1000 "stream deleted", the HTTP push response ends with its
/// last chunk, a waiting pull answers 404) and the server stopping (1001, the push response ends). A reset anywhere
/// here is a server that cancelled a send in flight or dropped the connection without the handshake.
/// </summary>
public sealed class VideoChannelCloseTests
{
    private static string Url(JsonElement created, string transport) => created.GetProperty("urls").GetProperty(transport).GetString()!;

    [Fact]
    public async Task A_client_closing_while_frames_flow_gets_the_close_handshake_every_time()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        for (int round = 0; round < 15; round++)
        {
            // The ticket in the URL is spent by the first connection; the others use Digest.
            using var socket = await rig.ConnectAsync(round == 0 ? Url(created, "webSocket") : Url(created, "webSocket").Split('?')[0]);
            await rig.ReceiveFrameAsync(socket);
            // Frames keep coming while the close is on its way: the server may be sending one when it arrives.
            await rig.Pump(socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None), step: 0.01);
            Assert.Equal(WebSocketState.Closed, socket.State);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
            await WaitUntilReleased(rig, created);
        }
    }

    [Fact]
    public async Task Deleting_the_stream_closes_its_websocket_with_a_handshake()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(Url(created, "webSocket"));
        await rig.ReceiveFrameAsync(socket);
        using (var deleted = await rig.Client.DeleteAsync($"/api/v1/streams/{created.GetProperty("videoId").GetGuid()}"))
            Assert.True(deleted.IsSuccessStatusCode);
        var status = await ReceiveUntilClose(rig, socket);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("stream deleted", socket.CloseStatusDescription);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task A_stopping_server_closes_websockets_with_going_away()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(Url(created, "webSocket"));
        await rig.ReceiveFrameAsync(socket);
        var stopping = rig.Server.Host.StopAsync();
        var status = await ReceiveUntilClose(rig, socket);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
        await rig.Pump(stopping);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deleting_the_stream_or_stopping_the_server_ends_an_http_push_response_after_whole_frames(bool serverStops)
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var response = await rig.Pump(rig.Client.GetAsync(Url(created, "httpPush"), HttpCompletionOption.ResponseHeadersRead));
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var reader = new FrameStreamReader(body);
        Assert.True(await rig.Pump(reader.ReadNextAsync().AsTask()));
        var stopping = Task.CompletedTask;
        if (serverStops) stopping = rig.Server.Host.StopAsync();
        else
            using (var deleted = await rig.Client.DeleteAsync($"/api/v1/streams/{created.GetProperty("videoId").GetGuid()}"))
                Assert.True(deleted.IsSuccessStatusCode);
        // The response ends (a read returns no more frames) instead of failing with a reset.
        while (await rig.Pump(reader.ReadNextAsync().AsTask())) { }
        Assert.Equal(0, reader.TotalSkippedBytes);
        await rig.Pump(stopping);
    }

    [Fact]
    public async Task A_client_leaving_an_http_push_releases_the_stream()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using (var response = await rig.Pump(rig.Client.GetAsync(Url(created, "httpPush"), HttpCompletionOption.ResponseHeadersRead)))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var reader = new FrameStreamReader(body);
            Assert.True(await rig.Pump(reader.ReadNextAsync().AsTask()));
        }
        await WaitUntilReleased(rig, created);
    }

    [Fact]
    public async Task A_pull_waiting_for_a_frame_of_a_deleted_stream_answers_404()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_3", width = 480, height = 270, fps = 5 });
        // The clock stands still: the first pull gets the frame rendered when the stream was created, and the next
        // frame is never due, so the second pull waits until the stream goes.
        using (var first = await rig.Client.PostAsync(Url(created, "pull"), null))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var waiting = rig.Client.PostAsync(Url(created, "pull"), null);
        // The DELETE must find the pull waiting, not arrive before it (a pull after the DELETE is "no stream").
        var sink = rig.Server.Host.Cameras[0].Video!.Streams.Find(created.GetProperty("videoId").GetGuid())!.Sink;
        for (var attempt = 0; !sink.ReaderWaiting; attempt++)
        {
            Assert.True(attempt < 1000, "the second pull never reached the server");
            await Task.Delay(10);
        }
        using (var deleted = await rig.Client.DeleteAsync($"/api/v1/streams/{created.GetProperty("videoId").GetGuid()}"))
            Assert.True(deleted.IsSuccessStatusCode);
        using var answer = await waiting;
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("deleted", await answer.Content.ReadAsStringAsync());
    }

    private static async Task<WebSocketCloseStatus?> ReceiveUntilClose(StreamingRig rig, ClientWebSocket socket)
    {
        var buffer = new byte[8 * 1024 * 1024];
        while (true)
        {
            var received = await rig.Pump(socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask());
            if (received.MessageType == WebSocketMessageType.Close) return socket.CloseStatus;
        }
    }

    /// <summary>The server lets go of the stream once it has completed the close: a new push connection is then accepted.</summary>
    private static async Task WaitUntilReleased(StreamingRig rig, JsonElement created)
    {
        var stream = rig.Server.Host.Cameras[0].Video!.Streams.Find(created.GetProperty("videoId").GetGuid())!;
        for (int attempt = 0; stream.IsConnected; attempt++)
        {
            Assert.True(attempt < 200, "the server kept the stream claimed after the connection ended");
            await Task.Delay(10);
        }
    }
}
