using System.Buffers;
using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Parses video channel frames. Like Kestrel's HttpParser it sees only bytes, says how many it needs
/// or consumed, checks every length before it reads, and throws <see cref="FrameFormatException"/>
/// (offset from the start of the given input, and the reason) through small named helpers. Reading a
/// header never allocates: variable-length parts are reported as positions (<see cref="ByteRange"/>).
/// </summary>
public static class FrameReader
{
    /// <summary>
    /// Parses the headers at the start of <paramref name="buffer"/>. Returns false, with the number of
    /// bytes the buffer must hold to get further in <paramref name="bytesNeeded"/>, when the headers are
    /// not all there yet; the payload need not be present. Throws <see cref="FrameFormatException"/> as
    /// soon as what is there is malformed (a frame over <paramref name="maxFrameSize"/> is rejected from
    /// its first 36 bytes).
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out FrameHeader header, out int bytesNeeded,
        int maxFrameSize = FrameHeader.DefaultMaxFrameSize)
    {
        header = default;
        if (buffer.Length < FrameHeader.MainHeaderSize)
        {
            bytesNeeded = FrameHeader.MainHeaderSize;
            return false;
        }

        uint frameSize = BinaryPrimitives.ReadUInt32LittleEndian(buffer[28..]);
        ushort headerSize16 = BinaryPrimitives.ReadUInt16LittleEndian(buffer[32..]);
        var flags = (HeaderExtensionFlags)BinaryPrimitives.ReadUInt16LittleEndian(buffer[34..]);
        bool extended = headerSize16 == 0;
        uint headerSize;
        if (extended)
        {
            if (buffer.Length < FrameHeader.ExtendedMainHeaderSize)
            {
                bytesNeeded = FrameHeader.ExtendedMainHeaderSize;
                return false;
            }
            headerSize = BinaryPrimitives.ReadUInt32LittleEndian(buffer[36..]);
            if (headerSize < FrameHeader.ExtendedMainHeaderSize)
                FrameErrors.HeaderSizeBelowMain(36, "HeaderSizeBytesExt", headerSize, FrameHeader.ExtendedMainHeaderSize);
        }
        else
        {
            headerSize = headerSize16;
            if (headerSize < FrameHeader.MainHeaderSize)
                FrameErrors.HeaderSizeBelowMain(32, "HeaderSizeBytes", headerSize, FrameHeader.MainHeaderSize);
        }

        ulong frameLength = (ulong)headerSize + frameSize;
        if (frameLength > (ulong)maxFrameSize)
            FrameErrors.FrameTooLarge(headerSize > (uint)maxFrameSize ? (extended ? 36 : 32) : 28, frameLength, maxFrameSize);

        if ((uint)buffer.Length < headerSize)
        {
            bytesNeeded = (int)headerSize;
            return false;
        }

        header = ReadExtensions(buffer, flags, extended, (int)headerSize, frameSize);
        bytesNeeded = (int)headerSize;
        return true;
    }

    /// <summary>
    /// Reads one whole frame at the start of <paramref name="buffer"/>; bytes after it are left alone
    /// (<paramref name="bytesConsumed"/> says where the next frame starts). A buffer that ends inside the
    /// frame is malformed here.
    /// </summary>
    public static Frame ReadFrame(ReadOnlySpan<byte> buffer, out int bytesConsumed,
        int maxFrameSize = FrameHeader.DefaultMaxFrameSize)
    {
        if (!TryReadHeader(buffer, out var header, out int needed, maxFrameSize))
            FrameErrors.Truncated(buffer.Length, needed, buffer.Length);
        if (header.FrameLength > buffer.Length)
            FrameErrors.PayloadPastBuffer(28, header.FrameSizeBytes, buffer.Length - header.HeaderSizeBytes);
        bytesConsumed = (int)header.FrameLength;
        return Frame.Over(header, buffer[..bytesConsumed]);
    }

    /// <inheritdoc cref="ReadFrame(ReadOnlySpan{byte}, out int, int)"/>
    public static Frame ReadFrame(ReadOnlySpan<byte> buffer, int maxFrameSize = FrameHeader.DefaultMaxFrameSize) =>
        ReadFrame(buffer, out _, maxFrameSize);

    /// <summary>
    /// Finds the frame at the start of a (possibly multi-segment) sequence. Returns false when the
    /// sequence ends before the frame does. Headers split across segments are parsed from a stack (or
    /// pooled) copy; the payload is never copied: slice it out of <paramref name="frame"/>.
    /// </summary>
    public static bool TryReadFrame(in ReadOnlySequence<byte> buffer, out FrameHeader header,
        out ReadOnlySequence<byte> frame, int maxFrameSize = FrameHeader.DefaultMaxFrameSize)
    {
        long needed = TryReadFrameCore(buffer, out header, maxFrameSize);
        if (needed > buffer.Length)
        {
            frame = default;
            return false;
        }
        frame = buffer.Slice(0, header.FrameLength);
        return true;
    }

    /// <summary>Like <see cref="TryReadFrame"/>, but a sequence that ends inside the frame is malformed.</summary>
    public static FrameHeader ReadFrame(in ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame,
        int maxFrameSize = FrameHeader.DefaultMaxFrameSize)
    {
        long needed = TryReadFrameCore(buffer, out var header, maxFrameSize);
        if (needed > buffer.Length)
        {
            if (header.HeaderSizeBytes == 0)
                FrameErrors.Truncated(buffer.Length, needed, buffer.Length);
            FrameErrors.PayloadPastBuffer(28, header.FrameSizeBytes, buffer.Length - header.HeaderSizeBytes);
        }
        frame = buffer.Slice(0, header.FrameLength);
        return header;
    }

    /// <summary>Parses the header; returns how many bytes the whole frame (or, failing that, the header) needs.</summary>
    private static long TryReadFrameCore(in ReadOnlySequence<byte> buffer, out FrameHeader header, int maxFrameSize)
    {
        Span<byte> scratch = stackalloc byte[512];
        byte[]? rented = null;
        try
        {
            scoped ReadOnlySpan<byte> view = buffer.FirstSpan;
            while (!TryReadHeader(view, out header, out int needed, maxFrameSize))
            {
                if (needed > buffer.Length)
                    return needed;
                if (needed > scratch.Length)
                {
                    if (rented is not null)
                        ArrayPool<byte>.Shared.Return(rented);
                    rented = ArrayPool<byte>.Shared.Rent(needed);
                    scratch = rented;
                }
                buffer.Slice(0, needed).CopyTo(scratch);
                view = scratch[..needed];
            }
            return header.FrameLength;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Walks the extension headers in ascending bit order (the main header is already checked) and
    /// builds the header once, so a read copies no intermediate headers.
    /// </summary>
    private static FrameHeader ReadExtensions(ReadOnlySpan<byte> frame, HeaderExtensionFlags flags, bool extended,
        int headerEnd, uint frameSize)
    {
        int p = extended ? FrameHeader.ExtendedMainHeaderSize : FrameHeader.MainHeaderSize;
        SizeInfo? sizeInfo = null;
        LiveInfo? liveInfo = null;
        PlaybackInfo? playbackInfo = null;
        NativeData? nativeData = null;
        MotionInfo? motionInfo = null;
        LocationInfo? locationInfo = null;
        StreamInfo? streamInfo = null;
        CarouselInfo? carouselInfo = null;
        DynamicInfo? dynamicInfo = null;
        PlaybackRequest? playbackRequest = null;

        if ((flags & HeaderExtensionFlags.SizeInfo) != 0)
        {
            RequireFixed(p, headerEnd, SizeInfo.Size, "size info (0x01)");
            sizeInfo = SizeInfo.Read(frame[p..]);
            p += SizeInfo.Size;
        }
        if ((flags & HeaderExtensionFlags.LiveInfo) != 0)
        {
            RequireFixed(p, headerEnd, LiveInfo.Size, "live info (0x02)");
            liveInfo = LiveInfo.Read(frame[p..]);
            p += LiveInfo.Size;
        }
        if ((flags & HeaderExtensionFlags.PlaybackInfo) != 0)
        {
            RequireFixed(p, headerEnd, PlaybackInfo.Size, "playback info (0x04)");
            playbackInfo = PlaybackInfo.Read(frame[p..]);
            p += PlaybackInfo.Size;
        }
        if ((flags & HeaderExtensionFlags.NativeData) != 0)
            nativeData = NativeData.Read(frame, p, headerEnd, out p);
        if ((flags & HeaderExtensionFlags.MotionInfo) != 0)
        {
            uint size = ReadHeaderSize(frame, p, headerEnd, MotionInfo.Size, "motion info (0x10)");
            motionInfo = MotionInfo.Read(frame[p..]);
            p += (int)size;
        }
        if ((flags & HeaderExtensionFlags.LocationInfo) != 0)
        {
            uint size = ReadHeaderSize(frame, p, headerEnd, LocationInfo.Size, "location info (0x20)");
            locationInfo = LocationInfo.Read(frame[p..]);
            p += (int)size;
        }
        if ((flags & HeaderExtensionFlags.StreamInfo) != 0)
        {
            uint size = ReadHeaderSize(frame, p, headerEnd, StreamInfo.Size, "stream info (0x40)");
            streamInfo = StreamInfo.Read(frame[p..]);
            p += (int)size;
        }
        if ((flags & HeaderExtensionFlags.CarouselInfo) != 0)
        {
            uint size = ReadHeaderSize(frame, p, headerEnd, CarouselInfo.Size, "carousel info (0x80)");
            carouselInfo = CarouselInfo.Read(frame[p..]);
            p += (int)size;
        }
        if ((flags & HeaderExtensionFlags.DynamicInfo) != 0)
        {
            uint size = ReadHeaderSize(frame, p, headerEnd, DynamicInfo.MinimumSize, "dynamic info (0x100)");
            dynamicInfo = DynamicInfo.Read(frame, p, size);
            p += (int)size;
        }
        if ((flags & HeaderExtensionFlags.PlaybackRequest) != 0)
        {
            RequireFixed(p, headerEnd, PlaybackRequest.Size, "playback request (0x200)");
            playbackRequest = PlaybackRequest.Read(frame[p..]);
        }
        // Whatever lies between here and headerEnd belongs to extensions this codec does not know.

        return new FrameHeader
        {
            VideoId = new Guid(frame[..16]),
            TimestampUtcMs = BinaryPrimitives.ReadUInt64LittleEndian(frame[16..]),
            FrameCount = BinaryPrimitives.ReadUInt32LittleEndian(frame[24..]),
            FrameSizeBytes = frameSize,
            HeaderSizeBytes = (uint)headerEnd,
            UsesHeaderSizeBytesExt = extended,
            HeaderExtensionFlags = flags,
            SizeInfo = sizeInfo,
            LiveInfo = liveInfo,
            PlaybackInfo = playbackInfo,
            NativeData = nativeData,
            MotionInfo = motionInfo,
            LocationInfo = locationInfo,
            StreamInfo = streamInfo,
            CarouselInfo = carouselInfo,
            DynamicInfo = dynamicInfo,
            PlaybackRequest = playbackRequest,
        };
    }

    private static void RequireFixed(int p, int headerEnd, int size, string extension)
    {
        if (headerEnd - p < size)
            FrameErrors.ExtensionPastHeader(p, extension, size, headerEnd - p);
    }

    /// <summary>The HeaderSize field that opens extensions 0x10..0x100 counts the whole extension.</summary>
    private static uint ReadHeaderSize(ReadOnlySpan<byte> frame, int p, int headerEnd, int minimum, string extension)
    {
        int remaining = headerEnd - p;
        if (remaining < minimum)
            FrameErrors.ExtensionPastHeader(p, extension, minimum, remaining);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(frame[p..]);
        if (size < (uint)minimum)
            FrameErrors.SizeFieldTooSmall(p, $"{extension} HeaderSize", size, minimum);
        if (size > (uint)remaining)
            FrameErrors.SizeFieldPastHeader(p, $"{extension} HeaderSize", size, remaining);
        return size;
    }
}
