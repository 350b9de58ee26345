using System.Text.Json;
using Camlab.Server.Streaming;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Recording;

/// <summary>
/// The recording side of the stream API: <c>POST /api/v1/streams</c> with <c>"mode": "playback"</c>,
/// <c>GET/PATCH/DELETE /api/v1/streams/{videoId}</c> of a playback stream (PATCH = ChangeStream: speed, pause,
/// seek; all of it or nothing), and <c>GET /api/v1/recordings</c> (what is recorded: ranges, sizes, public key).
/// </summary>
internal sealed class PlaybackApi(CameraVideo video, CameraRecordings recordings)
{
    public async Task CreateAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var (profile, start, speed) = PlaybackRequestJson.ParsePost(body);
        var stream = recordings.CreatePlayback(profile, start, speed);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = video.Url(context.Request, "/api/v1/streams/" + stream.Id);
        await StreamApi.WriteAsync(context, Describe(context.Request, stream)).ConfigureAwait(false);
    }

    public async Task HandleAsync(HttpContext context, PlaybackStream stream)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method)) await StreamApi.WriteAsync(context, Describe(context.Request, stream)).ConfigureAwait(false);
        else if (HttpMethods.IsPatch(method))
        {
            var change = PlaybackRequestJson.ParsePatch(await StreamApi.ReadBodyAsync(context).ConfigureAwait(false));
            stream.Apply(change);
            recordings.Touch(stream);
            await StreamApi.WriteAsync(context, Describe(context.Request, stream)).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            recordings.DeletePlayback(stream.Id);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, PATCH, DELETE";
        }
    }

    /// <summary><c>GET /api/v1/recordings</c>.</summary>
    public async Task ListAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET";
            return;
        }
        var list = recordings.RecordedProfiles().Select(p => RecordingSummary.Of(recordings, p)).ToList();
        await StreamApi.WriteAsync(context, new { recordings = list }).ConfigureAwait(false);
    }

    private object Describe(HttpRequest request, PlaybackStream s)
    {
        long current = s.Engine.CurrentFrame;
        return new
        {
            videoId = s.Id,
            mode = "playback",
            profile = s.ProfileToken,
            speed = s.Engine.Speed,
            currentTime = current >= 0 && s.Index.TryGet(current, out var e) ? RecordingSummary.Iso(e.TimeUtcMs) : null,
            urls = new
            {
                webSocket = video.Url(request, "/video/" + s.Id, webSocket: true),
                httpPush = video.Url(request, "/video/" + s.Id),
                pull = video.Url(request, "/video/" + s.Id),
            },
        };
    }
}
