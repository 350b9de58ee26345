using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>
/// The video channel at <c>/video/{videoId}</c> (video channel notes, "Transport"): WebSocket push (one binary
/// message per frame; empty client messages are keep-alive), HTTP push (GET: one response, frames back to back)
/// and pull (POST: one frame per request). One push connection per stream at a time (409 otherwise); DELETE of
/// the stream ends it.
/// </summary>
internal sealed class VideoChannelEndpoint(CameraVideo video)
{
    public async Task HandleAsync(HttpContext context, string id)
    {
        if (Guid.TryParse(id, out var playbackId) && video.PlaybackChannel is { } channel && video.Recordings?.FindPlayback(playbackId) is { } played)
        {
            await channel.HandleAsync(context, played).ConfigureAwait(false);
            return;
        }
        if (!Guid.TryParse(id, out var videoId) || video.Streams.Find(videoId) is not { } stream)
            throw new StreamRequestException("videoId", $"no stream '{id}'", notFound: true);
        bool pull = HttpMethods.IsPost(context.Request.Method);
        if (!pull && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, POST";
            return;
        }
        if (!stream.TryConnect(pull))
        {
            await CameraVideo.Problem(context, StatusCodes.Status409Conflict, "videoId", $"stream {videoId} is already being pushed to another connection").ConfigureAwait(false);
            return;
        }
        video.Streams.Touch(stream);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stream.Closed);
        try
        {
            if (pull) await PullAsync(context, stream, linked.Token).ConfigureAwait(false);
            else if (context.WebSockets.IsWebSocketRequest) await WebSocketAsync(context, stream, linked).ConfigureAwait(false);
            else await HttpPushAsync(context, stream, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested) { }
        finally
        {
            if (!pull) stream.Disconnect();
            video.Streams.Touch(stream);
        }
    }

    private static async Task PullAsync(HttpContext context, VideoStream stream, CancellationToken cancel)
    {
        var frame = stream.Compose(await stream.Sink.ReadAsync(cancel).ConfigureAwait(false));
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = frame.Length;
        await context.Response.Body.WriteAsync(frame, cancel).ConfigureAwait(false);
    }

    private static async Task HttpPushAsync(HttpContext context, VideoStream stream, CancellationToken cancel)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(cancel).ConfigureAwait(false);
        while (true)
        {
            using var frame = stream.ComposePooled(await stream.Sink.ReadAsync(cancel).ConfigureAwait(false));
            await context.Response.Body.WriteAsync(frame.Memory, cancel).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
        }
    }

    private static async Task WebSocketAsync(HttpContext context, VideoStream stream, CancellationTokenSource linked)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var reader = WebSocketKeepAlive.ReadUntilClosed(socket, linked);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var frame = stream.ComposePooled(await stream.Sink.ReadAsync(linked.Token).ConfigureAwait(false));
                await socket.SendAsync(frame.Memory, WebSocketMessageType.Binary, endOfMessage: true, linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var reason = stream.Closed.IsCancellationRequested ? "stream deleted" : "closing";
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        // Give the client a moment to answer the close; a client that does not is cut off.
        if (await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) != reader) socket.Abort();
        await reader.ConfigureAwait(false);
    }
}
