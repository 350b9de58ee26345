using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Header flag 0x01: the source size, the cropping rectangle and the rescaled destination size.
/// Followed on the wire by three reserved INTs (written as zero, ignored when read).
/// </summary>
/// <param name="ResamplingTag">1, 2 or 4 for clients without decimal factors; otherwise the factor × 10^6.</param>
public readonly record struct SizeInfo(
    int SrcStrideX,
    int SrcStrideY,
    int SrcLeft,
    int SrcTop,
    int SrcRight,
    int SrcBottom,
    int DestStrideX,
    int DestStrideY,
    int ResamplingTag)
{
    /// <summary>Nine fields and three reserved INTs.</summary>
    public const int Size = 48;

    /// <summary>The decimal resampling factor (ResamplingTag / 10^6) for clients that support it.</summary>
    public double DecimalResamplingFactor => ResamplingTag / 1_000_000.0;

    internal static SizeInfo Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt32LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[20..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[28..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[32..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, SrcStrideX);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], SrcStrideY);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], SrcLeft);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], SrcTop);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], SrcRight);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], SrcBottom);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], DestStrideX);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], DestStrideY);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], ResamplingTag);
        destination.Slice(36, 12).Clear();
    }
}
