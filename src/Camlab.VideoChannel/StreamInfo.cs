using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Header flag 0x40: what the underlying raw stream is. <see cref="DataType"/> is a
/// <see cref="StreamDataType"/> four-letter code; the current version is 3.
/// </summary>
public readonly record struct StreamInfo(
    uint Version,
    StreamInfoFields Fields,
    uint TimeBetweenFrames,
    uint DataType,
    StreamInfoFlags Flags,
    uint Profile,
    uint Level,
    uint Compatibility,
    ulong Constraints,
    uint FramesCount)
{
    /// <summary>HeaderSize, Version, Reserved, Fields, six UINTs, the 8-byte Constrains and FramesCount.</summary>
    public const int Size = 52;

    /// <summary>The version the specification describes.</summary>
    public const uint CurrentVersion = 3;

    public bool IsKeyFrame => (Flags & StreamInfoFlags.KeyFrame) != 0;

    internal static StreamInfo Read(ReadOnlySpan<byte> source) => new(
        Version: BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        // source[8..12] is Reserved.
        Fields: (StreamInfoFields)BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        TimeBetweenFrames: BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
        DataType: BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
        Flags: (StreamInfoFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
        Profile: BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
        Level: BinaryPrimitives.ReadUInt32LittleEndian(source[32..]),
        Compatibility: BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
        Constraints: BinaryPrimitives.ReadUInt64LittleEndian(source[40..]),
        FramesCount: BinaryPrimitives.ReadUInt32LittleEndian(source[48..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)Fields);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], TimeBetweenFrames);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], DataType);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], Profile);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], Level);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], Compatibility);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], Constraints);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[48..], FramesCount);
    }
}
