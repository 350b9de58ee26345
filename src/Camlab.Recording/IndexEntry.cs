using System.Buffers.Binary;

namespace Camlab.Recording;

/// <summary>
/// One frame in a segment's index file: a fixed 40-byte little-endian record written after the frame's payload is
/// in the data file, so an entry on disk always points at complete bytes. The trailing checksum (FNV-1a over the
/// first 36 bytes) tells a complete entry from stale or partial bytes when the tail is repaired.
/// </summary>
public readonly record struct IndexEntry(
    long TimeUtcMs, long Offset, int Length, uint MotionAmount, RecordFlags Flags, ulong SequenceId)
{
    public const int Size = 40;

    public bool IsKeyFrame => (Flags & RecordFlags.KeyFrame) != 0;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, TimeUtcMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], SequenceId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], MotionAmount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], Checksum(destination[..36]));
    }

    /// <summary>Reads an entry; false when the checksum does not match (a torn or foreign record).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out IndexEntry entry)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source[36..]) != Checksum(source[..36]))
        {
            entry = default;
            return false;
        }
        entry = new IndexEntry(
            BinaryPrimitives.ReadInt64LittleEndian(source),
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
            (RecordFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));
        return entry.Length >= 0 && entry.Offset >= 0;
    }

    private static uint Checksum(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
            hash = (hash ^ b) * 16777619;
        return hash;
    }
}
