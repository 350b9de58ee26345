using Camlab.Server.Streaming;

namespace Camlab.Server.Recording;

/// <summary>
/// A playback stream as a video channel source: push connections get each frame at its due time on the camera
/// clock; a pull gets the next frame at once (the client paces) or nothing when there is none — paused after the
/// current frame was sent, or at the database edge.
/// </summary>
internal sealed class PlaybackChannelSource(PlaybackStream stream, CameraRecordings recordings) : IVideoChannelSource
{
    public Guid Id => stream.Id;
    public CancellationToken Closed => stream.Closed;
    public bool TryConnect(bool pull) => pull ? !stream.IsConnected : stream.TryConnect();
    public void Disconnect() => stream.Disconnect();
    public void Touch() => recordings.Touch(stream);

    /// <summary>The next frame sent; frames a transcoding stream skips (until a key frame) are passed over.</summary>
    public async ValueTask<ComposedFrame> NextAsync(CancellationToken cancel)
    {
        while (true)
            if (stream.Compose(await stream.NextDueAsync(cancel).ConfigureAwait(false)) is { } composed) return composed;
    }

    public ValueTask<ComposedFrame?> PullAsync(CancellationToken cancel)
    {
        while (stream.Engine.Next() is { } frame)
            if (stream.Compose(frame) is { } composed) return ValueTask.FromResult<ComposedFrame?>(composed);
        return ValueTask.FromResult<ComposedFrame?>(null);
    }
}
