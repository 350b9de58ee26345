using System.Buffers.Binary;
using Camlab.VideoChannel;

namespace Camlab.Recording;

/// <summary>
/// One frame in a segment's index file: a fixed-size little-endian record written after the frame's payload is in
/// the data file, so an entry on disk always points at complete bytes. Version 1 entries are 40 bytes (time, offset,
/// sequence, length, motion, flags); version 2 entries (144 bytes) add the frame's <see cref="FrameFacts"/>. The
/// trailing checksum (FNV-1a over the bytes before it) tells a complete entry from stale or partial bytes when the
/// tail is repaired.
/// </summary>
public readonly record struct IndexEntry(
    long TimeUtcMs, long Offset, int Length, uint MotionAmount, RecordFlags Flags, ulong SequenceId)
{
    /// <summary>The size of a version 1 entry.</summary>
    public const int Size = 40;

    /// <summary>The size of a version 2 entry.</summary>
    public const int SizeV2 = 144;

    public bool IsKeyFrame => (Flags & RecordFlags.KeyFrame) != 0;

    /// <summary>The payload is an earlier frame's bytes (index version 3): nothing of this frame is in the data file.</summary>
    public bool SharesPayload => (Flags & RecordFlags.SharedPayload) != 0;

    /// <summary>The facts recorded with the frame; null in version 1 segments.</summary>
    public FrameFacts? Facts { get; init; }

    /// <summary>Where the frame's bytes start in the data file: its privacy mask text, then its payload.</summary>
    public long RecordOffset => Offset - (Facts?.PrivacyMaskLength ?? 0);

    public static int SizeOf(uint version) => version >= 2 ? SizeV2 : Size;

    /// <summary>Writes the entry in a segment's format version (a version 2 entry without facts records none: DataType 0).</summary>
    public void Write(Span<byte> destination, uint version = 1)
    {
        if (version < 2 && Facts is not null) throw new InvalidOperationException("a version 1 index entry cannot hold frame facts");
        BinaryPrimitives.WriteInt64LittleEndian(destination, TimeUtcMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], SequenceId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], MotionAmount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], (uint)Flags);
        if (version < 2)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], Checksum(destination[..36]));
            return;
        }
        var f = Facts ?? default;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], f.DataType);
        var size = destination[40..];
        ReadOnlySpan<int> fields = [f.Size.SrcStrideX, f.Size.SrcStrideY, f.Size.SrcLeft, f.Size.SrcTop, f.Size.SrcRight, f.Size.SrcBottom,
            f.Size.DestStrideX, f.Size.DestStrideY, f.Size.ResamplingTag];
        for (int i = 0; i < fields.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(size[(4 * i)..], fields[i]);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[76..], f.PanDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[84..], f.TiltDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[92..], f.HorizontalFovDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[100..], f.AzimuthDeg);
        var location = f.Location ?? default;
        BinaryPrimitives.WriteDoubleLittleEndian(destination[108..], location.LatitudeDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[116..], location.LongitudeDeg);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[124..], location.AltitudeM);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[132..], f.Location is null ? 0u : 1u);
        BinaryPrimitives.WriteInt32LittleEndian(destination[136..], f.PrivacyMaskLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[140..], Checksum(destination[..140]));
    }

    /// <summary>Reads a version 1 entry; false when the checksum does not match (a torn or foreign record).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out IndexEntry entry) => TryRead(source, 1, out entry);

    /// <summary>Reads an entry of the segment's format version; false when the checksum does not match or a field is impossible.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, uint version, out IndexEntry entry)
    {
        int size = SizeOf(version);
        entry = default;
        if (source.Length < size || BinaryPrimitives.ReadUInt32LittleEndian(source[(size - 4)..]) != Checksum(source[..(size - 4)]))
            return false;
        entry = new IndexEntry(
            BinaryPrimitives.ReadInt64LittleEndian(source),
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
            (RecordFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));
        if (version >= 2)
        {
            var s = source[40..];
            var sizeInfo = new SizeInfo(
                BinaryPrimitives.ReadInt32LittleEndian(s), BinaryPrimitives.ReadInt32LittleEndian(s[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(s[8..]), BinaryPrimitives.ReadInt32LittleEndian(s[12..]),
                BinaryPrimitives.ReadInt32LittleEndian(s[16..]), BinaryPrimitives.ReadInt32LittleEndian(s[20..]),
                BinaryPrimitives.ReadInt32LittleEndian(s[24..]), BinaryPrimitives.ReadInt32LittleEndian(s[28..]),
                BinaryPrimitives.ReadInt32LittleEndian(s[32..]));
            GeoPoint? location = BinaryPrimitives.ReadUInt32LittleEndian(source[132..]) == 1
                ? new GeoPoint(BinaryPrimitives.ReadDoubleLittleEndian(source[108..]), BinaryPrimitives.ReadDoubleLittleEndian(source[116..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[124..]))
                : null;
            int maskLength = BinaryPrimitives.ReadInt32LittleEndian(source[136..]);
            if (maskLength < 0 || maskLength > entry.Offset) return false;
            uint dataType = BinaryPrimitives.ReadUInt32LittleEndian(source[36..]);
            if (dataType == StreamDataType.None) return maskLength == 0 && entry.Length >= 0 && entry.Offset >= 0; // recorded without facts
            entry = entry with
            {
                Facts = new FrameFacts(dataType, sizeInfo,
                    BinaryPrimitives.ReadDoubleLittleEndian(source[76..]), BinaryPrimitives.ReadDoubleLittleEndian(source[84..]),
                    BinaryPrimitives.ReadDoubleLittleEndian(source[92..]), BinaryPrimitives.ReadDoubleLittleEndian(source[100..]),
                    location, maskLength),
            };
        }
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
