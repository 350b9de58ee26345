namespace Camlab.Server.Streaming;

/// <summary>
/// Resolves a Video ID to what the video channel connection reads: a live stream of the registry or a playback stream
/// of the camera's recordings (the ids are random GUIDs, so they never collide).
/// </summary>
internal sealed class VideoChannelDirectory(CameraVideo video)
{
    public IVideoChannelSource? Find(Guid id)
    {
        if (video.Streams.Find(id) is { } live) return new LiveChannelSource(live, video.Streams);
        if (video.Recordings?.FindPlayback(id) is { } played) return new Recording.PlaybackChannelSource(played, video.Recordings);
        return null;
    }
}

/// <summary>A live stream as a video channel source: frames from its inbox, composed with its headers.</summary>
internal sealed class LiveChannelSource(VideoStream stream, StreamRegistry registry) : IVideoChannelSource
{
    public Guid Id => stream.Id;
    public CancellationToken Closed => stream.Closed;
    public bool TryConnect(bool pull) => stream.TryConnect(pull);
    public void Disconnect() => stream.Disconnect();
    public void Touch() => registry.Touch(stream);

    public async ValueTask<ComposedFrame> NextAsync(CancellationToken cancel) =>
        stream.ComposePooled(await stream.Sink.ReadAsync(cancel).ConfigureAwait(false));

    /// <summary>A live pull waits for the next frame.</summary>
    public async ValueTask<ComposedFrame?> PullAsync(CancellationToken cancel) => await NextAsync(cancel).ConfigureAwait(false);
}
