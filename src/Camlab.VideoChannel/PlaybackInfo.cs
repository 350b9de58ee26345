using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>Header flag 0x04: the playback state now and which of its bits changed since the previous frame.</summary>
public readonly record struct PlaybackInfo(PlaybackFlags CurrentFlags, PlaybackFlags ChangedFlags)
{
    public const int Size = 8;

    internal static PlaybackInfo Read(ReadOnlySpan<byte> source) => new(
        (PlaybackFlags)BinaryPrimitives.ReadUInt32LittleEndian(source),
        (PlaybackFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[4..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)CurrentFlags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)ChangedFlags);
    }
}
