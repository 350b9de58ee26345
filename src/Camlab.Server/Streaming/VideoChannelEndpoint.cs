using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Streaming;

/// <summary>
/// The video channel at <c>/video/{videoId}</c>: the Video ID names a live or a playback stream, and the
/// <see cref="VideoChannelPump"/> serves it over WebSocket push, HTTP push or pull.
/// </summary>
internal sealed class VideoChannelEndpoint(CameraVideo video)
{
    private readonly VideoChannelDirectory _directory = new(video);

    public async Task HandleAsync(HttpContext context, string id)
    {
        if (!Guid.TryParse(id, out var videoId) || _directory.Find(videoId) is not { } source)
            throw new StreamRequestException("videoId", $"no stream '{id}'", notFound: true);
        await VideoChannelPump.ServeAsync(context, source).ConfigureAwait(false);
    }
}
