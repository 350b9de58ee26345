using System.Text;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>
/// Plain-HTTP video for ONVIF clients, browsers and ffmpeg: <c>/mjpeg/{profile}</c> (multipart/x-mixed-replace,
/// one JPEG part per frame at the profile's encoder size, quality and frame rate limit) and
/// <c>/snapshot/{profile}.jpg</c> (one JPEG). Both share render loops with video channel viewers of the same key.
/// </summary>
internal sealed class MjpegEndpoints(CameraVideo video)
{
    public const string Boundary = "camlabframe";

    public async Task StreamAsync(HttpContext context, string profile)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) { MethodNotAllowed(context); return; }
        var (key, fps) = KeyOf(profile);
        var sink = new FrameSink(fps);
        using var subscription = video.Hub.Subscribe(key, sink);
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        while (!context.RequestAborted.IsCancellationRequested)
        {
            var frame = await sink.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            var head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\n\r\n");
            await context.Response.Body.WriteAsync(head, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(frame.Jpeg, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    public async Task SnapshotAsync(HttpContext context, string file)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) { MethodNotAllowed(context); return; }
        if (!file.EndsWith(".jpg", StringComparison.Ordinal))
            throw new StreamRequestException("profile", $"snapshots are /snapshot/{{profile}}.jpg, not '{file}'", notFound: true);
        var (key, _) = KeyOf(file[..^4]);
        var sink = new FrameSink(1);
        SharedFrame frame;
        using (video.Hub.Subscribe(key, sink)) frame = await sink.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "image/jpeg";
        context.Response.ContentLength = frame.Jpeg.Length;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(frame.Jpeg, context.RequestAborted).ConfigureAwait(false);
    }

    private (RenderKey Key, double Fps) KeyOf(string profile)
    {
        var (source, _, _, defaults) = video.Streams.Resolve(profile);
        return (new RenderKey(source, defaults.Width, defaults.Height, null, defaults.Quality), defaults.Fps);
    }

    private static void MethodNotAllowed(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET";
    }
}
