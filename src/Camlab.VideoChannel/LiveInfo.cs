using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>Header flag 0x02: the live state now and which of its bits changed since the previous frame.</summary>
public readonly record struct LiveInfo(LiveFlags CurrentFlags, LiveFlags ChangedFlags)
{
    public const int Size = 8;

    internal static LiveInfo Read(ReadOnlySpan<byte> source) => new(
        (LiveFlags)BinaryPrimitives.ReadUInt32LittleEndian(source),
        (LiveFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[4..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)CurrentFlags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)ChangedFlags);
    }
}
