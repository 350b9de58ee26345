using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>Header flag 0x200: the time stamp of the playback image that was requested.</summary>
public readonly record struct PlaybackRequest(ulong RequestedTimeStampUtcMs)
{
    /// <summary>The time stamp and two reserved UINTs.</summary>
    public const int Size = 16;

    internal static PlaybackRequest Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, RequestedTimeStampUtcMs);
        destination.Slice(8, 8).Clear();
    }
}
