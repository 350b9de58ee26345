namespace Camlab.VideoChannel;

/// <summary>How a <see cref="FrameStreamReader"/> reads an HTTP-push stream.</summary>
public sealed record FrameStreamReaderOptions
{
    /// <summary>Largest frame (headers and payload) accepted; larger ones are malformed.</summary>
    public int MaxFrameSize { get; init; } = FrameHeader.DefaultMaxFrameSize;

    /// <summary>
    /// The stream's Video ID (from RequestStream). When null, the Video ID of the first good frame is
    /// taken. Every later frame must carry it; it is also the marker the reader resynchronises on.
    /// </summary>
    public Guid? VideoId { get; init; }

    /// <summary>
    /// True (the default): after a malformed frame skip to the next Video ID and go on, reporting the
    /// skipped bytes. False: throw the <see cref="FrameFormatException"/> (offset from the stream start).
    /// </summary>
    public bool Resynchronize { get; init; } = true;

    /// <summary>Initial buffer size; the buffer grows to hold the largest frame seen.</summary>
    public int InitialBufferSize { get; init; } = 64 * 1024;
}
