namespace Camlab.Server.Streaming;

/// <summary>
/// What a video channel connection reads from: a live stream or a playback stream, found by Video ID in the
/// <see cref="VideoChannelDirectory"/>. The <see cref="VideoChannelPump"/> serves either over every transport.
/// </summary>
internal interface IVideoChannelSource
{
    Guid Id { get; }

    /// <summary>Cancelled when the stream is deleted: its connections end.</summary>
    CancellationToken Closed { get; }

    /// <summary>Claims the stream for one push connection (false when another holds it); a pull only checks that none does.</summary>
    bool TryConnect(bool pull);

    /// <summary>Releases the push connection's claim.</summary>
    void Disconnect();

    /// <summary>Marks the stream used now (idle streams close).</summary>
    void Touch();

    /// <summary>The next frame for a push connection, when it is due.</summary>
    ValueTask<ComposedFrame> NextAsync(CancellationToken cancel);

    /// <summary>The next frame for a pull request; null when there is none to send (HTTP 204).</summary>
    ValueTask<ComposedFrame?> PullAsync(CancellationToken cancel);
}
