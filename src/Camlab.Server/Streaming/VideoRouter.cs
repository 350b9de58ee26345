using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>Sends video paths to their camera: <c>/…</c> is camera 1, <c>/cameras/{n}/…</c> camera n (as the ONVIF router does).</summary>
public static class VideoRouter
{
    public static Task<bool> TryHandleAsync(IReadOnlyList<SimulatedCamera> cameras, HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var camera = cameras[0];
        if (path.StartsWith("/cameras/", StringComparison.Ordinal))
        {
            var tail = path["/cameras/".Length..];
            var slash = tail.IndexOf('/');
            if (slash <= 0 || !int.TryParse(tail[..slash], out var number) || number < 1 || number > cameras.Count) return Task.FromResult(false);
            camera = cameras[number - 1];
            path = tail[slash..];
        }
        return camera.Video is { } video ? video.TryHandleAsync(context, path) : Task.FromResult(false);
    }
}
