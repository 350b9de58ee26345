using Camlab.Server.Hosting;
using Camlab.Server.Streaming;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.MobileServer;

/// <summary>
/// The Mobile Server endpoints of the host (docs/mobile-server.md): the command channel
/// <c>POST /XProtectMobile/Communication</c> and the video channel <c>/XProtectMobile/Video/{VideoId}[/]</c>
/// (WebSocket push, HTTP push, pull), which serves only streams a live connection requested, through the same
/// directory and pump as <c>/video/{id}</c>. The command channel answers cross-origin requests (a web client is
/// usually served from elsewhere): it uses no cookies or HTTP authentication, only the keys agreed at Connect.
/// </summary>
public sealed class MobileServerEndpoint : IDisposable
{
    public const string CommunicationPath = "/XProtectMobile/Communication";
    public const string VideoPath = "/XProtectMobile/Video/";

    public MobileServerEndpoint(IReadOnlyList<SimulatedCamera> cameras, TimeProvider time)
    {
        Sessions = new MobileSessions(time);
        Commands = new MobileCommands(cameras, Sessions);
    }

    public MobileSessions Sessions { get; }
    public MobileCommands Commands { get; }

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.Equals(CommunicationPath, StringComparison.OrdinalIgnoreCase) || path.Equals(CommunicationPath + "/", StringComparison.OrdinalIgnoreCase))
        {
            await CommunicationAsync(context).ConfigureAwait(false);
            return true;
        }
        if (path.StartsWith(VideoPath, StringComparison.OrdinalIgnoreCase))
        {
            await VideoAsync(context, path[VideoPath.Length..].TrimEnd('/')).ConfigureAwait(false);
            return true;
        }
        return false;
    }

    private async Task CommunicationAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            response.Headers.AccessControlAllowMethods = "POST";
            response.Headers.AccessControlAllowHeaders = "Content-Type";
            response.Headers.AccessControlMaxAge = "600";
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST, OPTIONS";
            return;
        }
        response.ContentType = "text/xml; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        CommunicationRequest request;
        try
        {
            request = CommunicationRequest.Parse(await ReadBodyAsync(context).ConfigureAwait(false));
        }
        catch (CommunicationFormatException e)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await response.Body.WriteAsync(CommunicationResponse.Failure(0, "", e.Code, e.Message).ToBytes(), context.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (MobileCommands.IsSlow(request.Name) && request.ConnectionId is { } id && Sessions.Find(id) is { ProcessingMessages: true })
        {
            await response.Body.WriteAsync(CommunicationResponse.Processing(request.SequenceId, request.Name, id), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        var answer = await Commands.RunAsync(request, context.Connection.RemoteIpAddress, context.RequestAborted).ConfigureAwait(false);
        await response.Body.WriteAsync(answer.ToBytes(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task VideoAsync(HttpContext context, string id)
    {
        if (!Guid.TryParse(id, out var videoId) || Sessions.FindStream(videoId) is not { } owned
            || new VideoChannelDirectory(owned.Stream.Camera.Video).Find(videoId) is not { } source)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"no stream '{id}' of a live Mobile Server connection\n").ConfigureAwait(false);
            return;
        }
        try { await VideoChannelPump.ServeAsync(context, source).ConfigureAwait(false); }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        const int max = CommunicationRequest.MaxBodyBytes;
        if (context.Request.ContentLength > max) throw new CommunicationFormatException($"the body exceeds {max} bytes");
        var buffer = new byte[max + 1];
        int filled = 0, read;
        while (filled < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false)) > 0)
            filled += read;
        if (filled > max) throw new CommunicationFormatException($"the body exceeds {max} bytes");
        return buffer.AsMemory(0, filled);
    }

    public void Dispose() => Sessions.Dispose();
}
