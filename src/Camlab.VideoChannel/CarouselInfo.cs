using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>Header flag 0x80: the camera item currently playing in a carousel.</summary>
public readonly record struct CarouselInfo(uint Version, Guid ItemId)
{
    /// <summary>HeaderSize, Version and the 16-byte ItemId.</summary>
    public const int Size = 24;

    internal static CarouselInfo Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        new Guid(source.Slice(8, 16)));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        ItemId.TryWriteBytes(destination.Slice(8, 16));
    }
}
