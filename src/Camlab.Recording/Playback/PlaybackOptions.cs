using Camlab.VideoChannel;

namespace Camlab.Recording.Playback;

/// <summary>What a playback stream puts in every frame besides the recording itself.</summary>
public sealed record PlaybackOptions
{
    /// <summary>The stream's Video ID (from the request that opened it).</summary>
    public Guid VideoId { get; init; }

    /// <summary>Stream info (0x40) DataType of recorded payloads whose index entry does not name their codec (index v1).</summary>
    public uint DataType { get; init; } = StreamDataType.Jpeg;

    /// <summary>
    /// Signing is enabled for this recording: frames carry the native signature sub-header on the first frame of the
    /// stream and whenever the signed range changes (video channel 0x08/0x08). Off: the sub-header is never sent.
    /// </summary>
    public bool Signing { get; init; }

    /// <summary>How far to look for the neighbouring sync point of a sync point (frames); beyond it the time stamp is 0.</summary>
    public int SyncSearchLimit { get; init; } = 10_000;
}
