using System.Buffers;
using Camlab.VideoChannel;

namespace Camlab.Recording.Playback;

/// <summary>
/// One frame a playback stream sends: the header the engine computed, the recorded payload (empty when the segment
/// was unreadable, with DatabaseError set), the signature string when the header carries one, and when to send it.
/// </summary>
public sealed class PlaybackFrame
{
    internal PlaybackFrame(FrameHeader header, byte[] payload, byte[] signature, long frameNumber, IndexEntry entry, DateTimeOffset dueAt)
    {
        Header = header;
        Payload = payload;
        Signature = signature;
        FrameNumber = frameNumber;
        Entry = entry;
        DueAt = dueAt;
    }

    public FrameHeader Header { get; }

    public byte[] Payload { get; }

    /// <summary>The native data signature string (ASCII), empty when the header has none.</summary>
    public byte[] Signature { get; }

    /// <summary>The frame's number in the recording directory.</summary>
    public long FrameNumber { get; }

    public IndexEntry Entry { get; }

    /// <summary>
    /// The wall-clock time (of the engine's <see cref="TimeProvider"/>) at which the frame is to be shown: the
    /// previous frame's due time plus the recorded interval divided by the speed; "now" after a seek or speed change.
    /// </summary>
    public DateTimeOffset DueAt { get; }

    public PlaybackFlags Flags => Header.PlaybackInfo!.Value.CurrentFlags;

    public Frame AsFrame() => new(Header, Payload) { Signature = Signature };

    public int GetLength() => FrameWriter.GetFrameLength(AsFrame());

    /// <summary>Writes the frame through the codec; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination) => FrameWriter.Write(destination, AsFrame());

    public int WriteTo(IBufferWriter<byte> writer) => FrameWriter.Write(writer, AsFrame());

    public byte[] ToArray()
    {
        var bytes = new byte[GetLength()];
        WriteTo(bytes);
        return bytes;
    }
}
