using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>Header flag 0x10 (Arcus specific): the amount of motion detected.</summary>
public readonly record struct MotionInfo(uint MotionAmount)
{
    /// <summary>HeaderSize and MotionAmmount.</summary>
    public const int Size = 8;

    internal static MotionInfo Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt32LittleEndian(source[4..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], MotionAmount);
    }
}
