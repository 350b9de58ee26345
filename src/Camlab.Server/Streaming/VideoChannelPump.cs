using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Camlab.Server.Streaming;

/// <summary>
/// Sends one video channel connection's frames (video channel notes, "Transport"), live or playback alike:
/// WebSocket push (one binary message per frame; empty client messages are keep-alive), HTTP push (GET: one
/// response, frames back to back) and pull (POST: one frame per request, 204 when there is none). One push
/// connection per stream at a time (409 otherwise).
/// <para>
/// A connection ends when the client leaves, the stream is deleted or the server stops, and it ends cleanly: a send
/// or write in flight is never cancelled (cancelling one aborts the connection mid-frame, which the client sees as a
/// reset), only waited for — up to <see cref="SendGrace"/>, after which a client that does not read is cut off. Then
/// the WebSocket close handshake is completed (or started: 1000 when the stream was deleted, 1001 when the server
/// stops) and an HTTP push response ends with its last chunk.
/// </para>
/// </summary>
internal static class VideoChannelPump
{
    /// <summary>How long a send in flight, and the client's answer to our close, may take once the connection is ending.</summary>
    public static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(2);

    public static async Task ServeAsync(HttpContext context, IVideoChannelSource source)
    {
        bool pull = HttpMethods.IsPost(context.Request.Method);
        if (!pull && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, POST";
            return;
        }
        if (!source.TryConnect(pull))
        {
            await CameraVideo.Problem(context, StatusCodes.Status409Conflict, "videoId", $"stream {source.Id} is already being pushed to another connection").ConfigureAwait(false);
            return;
        }
        source.Touch();
        var stopping = context.RequestServices?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, source.Closed, stopping);
        // Cancels sends in flight only once the grace after the end has passed.
        using var cutOff = new CancellationTokenSource();
        using var armCutOff = ending.Token.Register(() => { try { cutOff.CancelAfter(SendGrace); } catch (ObjectDisposedException) { } });
        try
        {
            if (pull) await PullAsync(context, source, ending.Token).ConfigureAwait(false);
            else if (context.WebSockets.IsWebSocketRequest) await WebSocketAsync(context, source, ending, cutOff.Token, stopping).ConfigureAwait(false);
            else await HttpPushAsync(context, source, ending.Token, cutOff.Token).ConfigureAwait(false);
        }
        finally
        {
            if (!pull) source.Disconnect();
            source.Touch();
        }
    }

    private static async Task PullAsync(HttpContext context, IVideoChannelSource source, CancellationToken ending)
    {
        ComposedFrame? frame;
        try { frame = await source.PullAsync(ending).ConfigureAwait(false); }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            if (source.Closed.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
                await CameraVideo.Problem(context, StatusCodes.Status404NotFound, "videoId", $"stream {source.Id} was deleted").ConfigureAwait(false);
            else if (!context.RequestAborted.IsCancellationRequested)
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (frame is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        using (frame)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = frame.Memory.Length;
            await context.Response.Body.WriteAsync(frame.Memory, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task HttpPushAsync(HttpContext context, IVideoChannelSource source, CancellationToken ending, CancellationToken cutOff)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            await context.Response.StartAsync(cutOff).ConfigureAwait(false);
            while (!ending.IsCancellationRequested)
            {
                using var frame = await source.NextAsync(ending).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(frame.Memory, cutOff).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cutOff).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested) { }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested) { }
        // Returning ends the response with its last chunk (when the client is still there).
    }

    private static async Task WebSocketAsync(HttpContext context, IVideoChannelSource source, CancellationTokenSource ending, CancellationToken cutOff,
        CancellationToken stopping)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var reader = WebSocketKeepAlive.ReadUntilClosed(socket, ending);
        try
        {
            while (socket.State == WebSocketState.Open && !ending.IsCancellationRequested)
            {
                using var frame = await source.NextAsync(ending.Token).ConfigureAwait(false);
                await socket.SendAsync(frame.Memory, WebSocketMessageType.Binary, endOfMessage: true, cutOff).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested) { }
        catch (WebSocketException) { }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, reason) = socket.State == WebSocketState.CloseReceived ? (WebSocketCloseStatus.NormalClosure, "closing")
                : source.Closed.IsCancellationRequested ? (WebSocketCloseStatus.NormalClosure, "stream deleted")
                : stopping.IsCancellationRequested ? (WebSocketCloseStatus.EndpointUnavailable, "server stopping")
                : (WebSocketCloseStatus.NormalClosure, "closing");
            using var timeout = new CancellationTokenSource(SendGrace);
            try { await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        // The client answers our close (or has already sent its own); one that does not within the grace is cut off.
        if (await Task.WhenAny(reader, Task.Delay(SendGrace)).ConfigureAwait(false) != reader) socket.Abort();
        await reader.ConfigureAwait(false);
    }
}
