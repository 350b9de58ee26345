using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>
/// <c>POST /api/v1/streams</c> → 201 {videoId, urls}; <c>GET/PATCH/DELETE /api/v1/streams/{videoId}</c>.
/// PATCH applies all of its members or none (400 names the bad one).
/// </summary>
internal sealed class StreamApi(CameraVideo video)
{
    public async Task HandleAsync(HttpContext context, string? id)
    {
        var method = context.Request.Method;
        if (id is null)
        {
            if (!HttpMethods.IsPost(method)) { MethodNotAllowed(context, "POST"); return; }
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (video.Playback is { } playback && Recording.PlaybackRequestJson.IsPlayback(body))
            {
                await playback.CreateAsync(context, body).ConfigureAwait(false);
                return;
            }
            var (profile, apply) = StreamRequestJson.ParsePost(body);
            var stream = video.Streams.Create(profile, apply);
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = video.Url(context.Request, "/api/v1/streams/" + stream.Id);
            await WriteAsync(context, Describe(context.Request, stream)).ConfigureAwait(false);
            return;
        }
        if (Guid.TryParse(id, out var playbackId) && video.Playback is { } api && video.Recordings?.FindPlayback(playbackId) is { } played)
        {
            await api.HandleAsync(context, played).ConfigureAwait(false);
            return;
        }
        if (!Guid.TryParse(id, out var videoId) || video.Streams.Find(videoId) is not { } found)
            throw new StreamRequestException("videoId", $"no stream '{id}'", notFound: true);
        if (HttpMethods.IsGet(method)) await WriteAsync(context, Describe(context.Request, found)).ConfigureAwait(false);
        else if (HttpMethods.IsPatch(method))
        {
            var apply = StreamRequestJson.ParsePatch(await ReadBodyAsync(context).ConfigureAwait(false));
            video.Streams.Change(found, apply(found.Settings));
            await WriteAsync(context, Describe(context.Request, found)).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            video.Streams.Delete(videoId);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else MethodNotAllowed(context, "GET, PATCH, DELETE");
    }

    private object Describe(HttpRequest request, VideoStream s) => new
    {
        videoId = s.Id,
        profile = s.ProfileToken,
        source = s.SourceToken,
        width = s.Settings.Width,
        height = s.Settings.Height,
        fps = s.Settings.Fps,
        quality = s.Settings.Quality,
        encoding = s.Settings.Codec == Rendering.Encoding.VideoCodec.H264 ? "H264" : "JPEG",
        crop = s.Settings.Crop is { } c ? new { SrcLeft = c.Left, SrcTop = c.Top, SrcRight = c.Right, SrcBottom = c.Bottom } : null,
        urls = new
        {
            webSocket = video.Url(request, "/video/" + s.Id + "?ticket=" + video.Tickets.Issue(s.Id), webSocket: true),
            httpPush = video.Url(request, "/video/" + s.Id),
            pull = video.Url(request, "/video/" + s.Id),
            mjpeg = video.Url(request, "/mjpeg/" + s.ProfileToken),
            snapshot = video.Url(request, "/snapshot/" + s.ProfileToken + ".jpg"),
        },
    };

    internal static async Task WriteAsync(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }

    private static void MethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allow;
    }

    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > StreamRequestJson.MaxBodyBytes)
            throw new StreamRequestException("", $"the body exceeds {StreamRequestJson.MaxBodyBytes} bytes");
        var buffer = new byte[StreamRequestJson.MaxBodyBytes + 1];
        int filled = 0, read;
        while (filled < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false)) > 0)
            filled += read;
        if (filled > StreamRequestJson.MaxBodyBytes) throw new StreamRequestException("", $"the body exceeds {StreamRequestJson.MaxBodyBytes} bytes");
        return buffer.AsMemory(0, filled);
    }
}
