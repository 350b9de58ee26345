using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Header flag 0x08: the native data block. On the wire: NativeDataHeaderSize (the whole block
/// including this 8-byte prefix, as the Android client reads it), NativeDataExtensionsFlags, then the
/// sub-headers of <see cref="Flags"/> in ascending bit order. The privacy mask and the signature are
/// ASCII strings without terminator; a reader reports where they are (<see cref="PrivacyMaskRange"/>,
/// <see cref="SignatureRange"/>), a writer takes their bytes from <see cref="Frame"/>.
/// </summary>
public readonly record struct NativeData
{
    /// <summary>NativeDataHeaderSize and NativeDataExtensionsFlags.</summary>
    public const int PrefixSize = 8;

    public const int PlaybackSyncSize = 16;

    /// <summary>UInt64 SequenceId + UInt16 HasMotion: 10 bytes, so what follows is not aligned.</summary>
    public const int SequenceSize = 10;

    /// <summary>State and length, before the string itself.</summary>
    public const int StringPrefixSize = 8;

    public NativeDataFlags Flags { get; init; }

    /// <summary>Sub-header 0x01: time stamp of the previous sync point in a playback stream.</summary>
    public ulong PreviousSyncTimeStamp { get; init; }

    /// <summary>Sub-header 0x01: time stamp of the next sync point in a playback stream.</summary>
    public ulong NextSyncTimeStamp { get; init; }

    /// <summary>Sub-header 0x02.</summary>
    public ulong SequenceId { get; init; }

    /// <summary>Sub-header 0x02: non-zero when the frame has motion.</summary>
    public ushort HasMotion { get; init; }

    /// <summary>Sub-header 0x04.</summary>
    public uint PrivacyMaskState { get; init; }

    /// <summary>Sub-header 0x04: where the privacy mask string lies in the frame (set by the reader).</summary>
    public ByteRange PrivacyMaskRange { get; init; }

    /// <summary>Sub-header 0x08.</summary>
    public uint SignatureState { get; init; }

    /// <summary>Sub-header 0x08: where the signature string lies in the frame (set by the reader).</summary>
    public ByteRange SignatureRange { get; init; }

    /// <summary>Bytes this block takes on the wire with strings of the given lengths.</summary>
    public int GetSize(int privacyMaskLength, int signatureLength)
    {
        int size = PrefixSize;
        if ((Flags & NativeDataFlags.PlaybackSync) != 0) size += PlaybackSyncSize;
        if ((Flags & NativeDataFlags.Sequence) != 0) size += SequenceSize;
        if ((Flags & NativeDataFlags.PrivacyMask) != 0) size += StringPrefixSize + privacyMaskLength;
        if ((Flags & NativeDataFlags.Signature) != 0) size += StringPrefixSize + signatureLength;
        return size;
    }

    /// <summary>Reads the block at <paramref name="offset"/>; returns it and where it ends.</summary>
    internal static NativeData Read(ReadOnlySpan<byte> frame, int offset, int headerEnd, out int blockEnd)
    {
        int remaining = headerEnd - offset;
        if (remaining < PrefixSize)
            FrameErrors.ExtensionPastHeader(offset, "native data (0x08)", PrefixSize, remaining);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(frame[offset..]);
        var flags = (NativeDataFlags)BinaryPrimitives.ReadUInt32LittleEndian(frame[(offset + 4)..]);
        if (size < PrefixSize)
            FrameErrors.SizeFieldTooSmall(offset, "NativeDataHeaderSize", size, PrefixSize);
        if (size > (uint)remaining)
            FrameErrors.SizeFieldPastHeader(offset, "NativeDataHeaderSize", size, remaining);

        blockEnd = offset + (int)size;
        int p = offset + PrefixSize;
        ulong previousSync = 0, nextSync = 0, sequenceId = 0;
        ushort hasMotion = 0;
        uint maskState = 0, signatureState = 0;
        ByteRange mask = default, signature = default;

        if ((flags & NativeDataFlags.PlaybackSync) != 0)
        {
            RequireSubHeader(p, blockEnd, PlaybackSyncSize, "playback sync time stamps (0x01)");
            previousSync = BinaryPrimitives.ReadUInt64LittleEndian(frame[p..]);
            nextSync = BinaryPrimitives.ReadUInt64LittleEndian(frame[(p + 8)..]);
            p += PlaybackSyncSize;
        }
        if ((flags & NativeDataFlags.Sequence) != 0)
        {
            RequireSubHeader(p, blockEnd, SequenceSize, "sequence id (0x02)");
            sequenceId = BinaryPrimitives.ReadUInt64LittleEndian(frame[p..]);
            hasMotion = BinaryPrimitives.ReadUInt16LittleEndian(frame[(p + 8)..]);
            p += SequenceSize;
        }
        if ((flags & NativeDataFlags.PrivacyMask) != 0)
            p = ReadString(frame, p, blockEnd, "privacy mask (0x04)", "PrivacyMaskLength", out maskState, out mask);
        if ((flags & NativeDataFlags.Signature) != 0)
            p = ReadString(frame, p, blockEnd, "signature (0x08)", "SignatureLength", out signatureState, out signature);
        // Sub-headers with unknown bits lie between p and blockEnd; NativeDataHeaderSize skips them.

        return new NativeData
        {
            Flags = flags,
            PreviousSyncTimeStamp = previousSync,
            NextSyncTimeStamp = nextSync,
            SequenceId = sequenceId,
            HasMotion = hasMotion,
            PrivacyMaskState = maskState,
            PrivacyMaskRange = mask,
            SignatureState = signatureState,
            SignatureRange = signature,
        };
    }

    private static void RequireSubHeader(int p, int blockEnd, int needed, string name)
    {
        if (blockEnd - p < needed)
            FrameErrors.SubHeaderPastBlock(p, name, needed, blockEnd - p);
    }

    private static int ReadString(ReadOnlySpan<byte> frame, int p, int blockEnd, string name, string lengthField,
        out uint state, out ByteRange range)
    {
        RequireSubHeader(p, blockEnd, StringPrefixSize, name);
        state = BinaryPrimitives.ReadUInt32LittleEndian(frame[p..]);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(frame[(p + 4)..]);
        int start = p + StringPrefixSize;
        if (length > (uint)(blockEnd - start))
            FrameErrors.StringPastHeader(p + 4, lengthField, length, blockEnd - start);
        range = new ByteRange(start, (int)length);
        return start + (int)length;
    }

    /// <summary>Writes the block; <paramref name="destination"/> is exactly <see cref="GetSize"/> long.</summary>
    internal void Write(Span<byte> destination, ReadOnlySpan<byte> privacyMask, ReadOnlySpan<byte> signature)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)destination.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)Flags);
        int p = PrefixSize;
        if ((Flags & NativeDataFlags.PlaybackSync) != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[p..], PreviousSyncTimeStamp);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(p + 8)..], NextSyncTimeStamp);
            p += PlaybackSyncSize;
        }
        if ((Flags & NativeDataFlags.Sequence) != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[p..], SequenceId);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(p + 8)..], HasMotion);
            p += SequenceSize;
        }
        if ((Flags & NativeDataFlags.PrivacyMask) != 0)
            p = WriteString(destination, p, PrivacyMaskState, privacyMask);
        if ((Flags & NativeDataFlags.Signature) != 0)
            WriteString(destination, p, SignatureState, signature);
    }

    private static int WriteString(Span<byte> destination, int p, uint state, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[p..], state);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(p + 4)..], (uint)value.Length);
        value.CopyTo(destination[(p + StringPrefixSize)..]);
        return p + StringPrefixSize + value.Length;
    }
}
