using System.Net;
using System.Net.WebSockets;

namespace Camlab.Server.Tests.Streaming;

/// <summary>The single-use WebSocket tickets: what a browser uses instead of Digest on the upgrade.</summary>
public class StreamTicketTests
{
    private static async Task<(string Url, Guid VideoId)> CreateAsync(StreamingRig rig)
    {
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 10 });
        return (created.GetProperty("urls").GetProperty("webSocket").GetString()!, created.GetProperty("videoId").GetGuid());
    }

    /// <summary>A WebSocket client without credentials, as a browser is.</summary>
    private static async Task<ClientWebSocket> ConnectAnonymouslyAsync(string url)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        return socket;
    }

    private static async Task AssertRefusedAsync(string url)
    {
        using var socket = new ClientWebSocket();
        var e = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
        Assert.Contains("401", e.Message);
    }

    [Fact]
    public async Task A_ticket_opens_its_stream_once()
    {
        await using var rig = await StreamingRig.StartAsync();
        var (url, videoId) = await CreateAsync(rig);
        Assert.Matches(@"\?ticket=[A-Za-z0-9_-]{22}$", url);

        using (var socket = await ConnectAnonymouslyAsync(url))
            Assert.Equal(videoId, StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).VideoId);

        await AssertRefusedAsync(url); // spent
    }

    [Fact]
    public async Task A_ticket_expires_after_its_lifetime_on_the_camera_clock()
    {
        await using var rig = await StreamingRig.StartAsync();
        var (url, _) = await CreateAsync(rig);
        rig.Time.Advance(61);
        await AssertRefusedAsync(url);
    }

    [Fact]
    public async Task A_ticket_is_bound_to_its_stream_and_spent_by_a_wrong_attempt()
    {
        await using var rig = await StreamingRig.StartAsync();
        var (first, _) = await CreateAsync(rig);
        var (second, secondId) = await CreateAsync(rig);
        var firstTicket = first[first.IndexOf("?ticket=", StringComparison.Ordinal)..];
        var stolen = second[..second.IndexOf('?')] + firstTicket;
        await AssertRefusedAsync(stolen);
        await AssertRefusedAsync(first); // the wrong attempt spent it

        using var socket = await ConnectAnonymouslyAsync(second);
        Assert.Equal(secondId, StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).VideoId);
    }

    [Fact]
    public async Task Tickets_work_only_on_the_WebSocket_upgrade_and_without_one_Digest_is_required()
    {
        await using var rig = await StreamingRig.StartAsync();
        var (url, videoId) = await CreateAsync(rig);
        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        var httpPush = "/video/" + videoId + url[url.IndexOf('?')..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(httpPush, HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        await AssertRefusedAsync(url); // the HTTP attempt spent it too
        await AssertRefusedAsync(url[..url.IndexOf('?')]); // no ticket, no credentials
        await AssertRefusedAsync(url[..url.IndexOf('?')] + "?ticket=AAAAAAAAAAAAAAAAAAAAAA");
    }
}
