using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Camlab.Opf.Json;
using Camlab.Rendering.Encoding;
using Camlab.Server.Optics;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>
/// Plain-HTTP video for ONVIF clients, browsers and ffmpeg: <c>/mjpeg/{profile}</c> (multipart/x-mixed-replace,
/// one JPEG part per frame at the profile's encoder size, quality and frame rate limit) and
/// <c>/snapshot/{profile}.jpg</c> (one JPEG). Both share render loops with video channel viewers of the same key.
/// <c>/snapshot/{profile}.opf.json</c> describes one frame for photogrammetry (docs/optics.md) and keeps that frame,
/// the last one per profile, for <c>/snapshot/{profile}.jpg?frame=N</c>, so the document and the picture match.
/// </summary>
internal sealed class MjpegEndpoints(CameraVideo video)
{
    public const string Boundary = "camlabframe";
    public const string OpfSuffix = ".opf.json";

    private readonly ConcurrentDictionary<string, EncodedFrame> _described = new(StringComparer.Ordinal);

    public async Task StreamAsync(HttpContext context, string profile)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) { MethodNotAllowed(context); return; }
        var (key, fps) = KeyOf(profile);
        var sink = new FrameSink(fps, meter: video.Hub.SinkMeter(Observability.SinkKind.Mjpeg));
        using var subscription = video.Hub.Subscribe(key, sink);
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        while (!context.RequestAborted.IsCancellationRequested)
        {
            var frame = await sink.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            var head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Payload.Length}\r\n\r\n");
            await context.Response.Body.WriteAsync(head, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(frame.Payload, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    public async Task SnapshotAsync(HttpContext context, string file)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) { MethodNotAllowed(context); return; }
        if (file.EndsWith(OpfSuffix, StringComparison.Ordinal))
        {
            await DescribeAsync(context, file[..^OpfSuffix.Length]).ConfigureAwait(false);
            return;
        }
        if (!file.EndsWith(".jpg", StringComparison.Ordinal))
            throw new StreamRequestException("profile", $"snapshots are /snapshot/{{profile}}.jpg or /snapshot/{{profile}}{OpfSuffix}, not '{file}'", notFound: true);
        var profile = file[..^4];
        EncodedFrame frame;
        if (context.Request.Query.TryGetValue("frame", out var wanted))
        {
            KeyOf(profile); // an unknown profile is 404 before a missing frame
            if (!_described.TryGetValue(profile, out var kept) || kept.Sequence.ToString(CultureInfo.InvariantCulture) != wanted.ToString())
                throw new StreamRequestException("frame", $"frame {wanted} of {profile} is no longer kept: only the frame of the latest {profile}{OpfSuffix} is", notFound: true);
            frame = kept;
        }
        else frame = await NextFrameAsync(profile, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "image/jpeg";
        context.Response.ContentLength = frame.Payload.Length;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(frame.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task DescribeAsync(HttpContext context, string profile)
    {
        var frame = await NextFrameAsync(profile, context.RequestAborted).ConfigureAwait(false);
        byte[] json;
        try
        {
            var image = $"{Uri.EscapeDataString(profile)}.jpg?frame={frame.Sequence.ToString(CultureInfo.InvariantCulture)}";
            json = OpfWriter.ToUtf8Bytes(SnapshotDocument.Describe(frame, video.Camera.Optics, profile, image, video.Camera.Definition));
        }
        catch (NotSupportedException e)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"cannot describe {profile}: {e.Message}\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        _described[profile] = frame;
        context.Response.ContentType = "application/opf-input-cameras+json";
        context.Response.ContentLength = json.Length;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<EncodedFrame> NextFrameAsync(string profile, CancellationToken cancel)
    {
        var (key, _) = KeyOf(profile);
        var sink = new FrameSink(1, meter: video.Hub.SinkMeter(Observability.SinkKind.Snapshot));
        using (video.Hub.Subscribe(key, sink)) return await sink.ReadAsync(cancel).ConfigureAwait(false);
    }

    private (RenderKey Key, double Fps) KeyOf(string profile)
    {
        var (source, _, _, defaults) = video.Streams.Resolve(profile);
        return (new RenderKey(source, defaults.Width, defaults.Height, null, VideoCodec.Jpeg, defaults.Quality), defaults.Fps);
    }

    private static void MethodNotAllowed(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET";
    }
}
