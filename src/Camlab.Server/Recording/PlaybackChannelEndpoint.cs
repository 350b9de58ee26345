using System.Buffers;
using System.Net.WebSockets;
using Camlab.Server.Streaming;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Recording;

/// <summary>
/// The video channel of a playback stream at <c>/video/{videoId}</c>, with the live endpoint's transports:
/// WebSocket push (one binary message per frame), HTTP push (GET, frames back to back) — both paced by each frame's
/// due time on the camera clock — and pull (POST: the next frame at once, the client paces; 204 when there is
/// none: paused after the current frame was sent, or at the database edge). One push connection at a time.
/// </summary>
internal sealed class PlaybackChannelEndpoint(CameraRecordings recordings)
{
    public async Task HandleAsync(HttpContext context, PlaybackStream stream)
    {
        bool pull = HttpMethods.IsPost(context.Request.Method);
        if (!pull && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, POST";
            return;
        }
        recordings.Touch(stream);
        if (pull)
        {
            if (stream.IsConnected)
            {
                await Conflict(context, stream).ConfigureAwait(false);
                return;
            }
            await PullAsync(context, stream).ConfigureAwait(false);
            return;
        }
        if (!stream.TryConnect())
        {
            await Conflict(context, stream).ConfigureAwait(false);
            return;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stream.Closed);
        try
        {
            if (context.WebSockets.IsWebSocketRequest) await WebSocketAsync(context, stream, linked).ConfigureAwait(false);
            else await HttpPushAsync(context, stream, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested) { }
        finally
        {
            stream.Disconnect();
            recordings.Touch(stream);
        }
    }

    private static Task Conflict(HttpContext context, PlaybackStream stream) =>
        CameraVideo.Problem(context, StatusCodes.Status409Conflict, "videoId", $"stream {stream.Id} is already being pushed to another connection");

    private static async Task PullAsync(HttpContext context, PlaybackStream stream)
    {
        if (stream.Engine.Next() is not { } frame)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        var bytes = frame.ToArray();
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task HttpPushAsync(HttpContext context, PlaybackStream stream, CancellationToken cancel)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(cancel).ConfigureAwait(false);
        var writer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var frame = await stream.NextDueAsync(cancel).ConfigureAwait(false);
            writer.ResetWrittenCount();
            frame.WriteTo(writer);
            await context.Response.Body.WriteAsync(writer.WrittenMemory, cancel).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
        }
    }

    private static async Task WebSocketAsync(HttpContext context, PlaybackStream stream, CancellationTokenSource linked)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var reader = WebSocketKeepAlive.ReadUntilClosed(socket, linked);
        var writer = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await stream.NextDueAsync(linked.Token).ConfigureAwait(false);
                writer.ResetWrittenCount();
                frame.WriteTo(writer);
                await socket.SendAsync(writer.WrittenMemory, WebSocketMessageType.Binary, endOfMessage: true, linked.Token).ConfigureAwait(false);
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
        if (await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) != reader) socket.Abort();
        await reader.ConfigureAwait(false);
    }
}
