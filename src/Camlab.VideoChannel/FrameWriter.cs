using System.Buffers;
using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Writes video channel frames into a caller's buffer without allocating: the main header, the
/// extensions present in <see cref="Frame.Header"/> in ascending bit order with every size field
/// computed, then the payload. HeaderExtensionFlags, HeaderSizeBytes and FrameSizeBytes of the given
/// header are ignored; they are derived from what is written.
/// </summary>
public static class FrameWriter
{
    /// <summary>
    /// Largest header the 36-byte form carries. The field is unsigned 16-bit, but two official clients
    /// read it as signed (video channel notes), so larger headers switch to the 40-byte form.
    /// </summary>
    public const int MaxShortFormHeaderSize = short.MaxValue;

    /// <summary>Bytes of headers (main header and extensions) that <paramref name="frame"/> needs.</summary>
    public static int GetHeaderLength(scoped in Frame frame) => GetHeaderLength(frame, out _);

    /// <summary>Bytes the whole frame needs: headers and payload.</summary>
    public static int GetFrameLength(scoped in Frame frame)
    {
        long length = (long)GetHeaderLength(frame, out _) + frame.Payload.Length;
        if (length > int.MaxValue)
            throw new ArgumentException($"a frame of {length} bytes does not fit a buffer", nameof(frame));
        return (int)length;
    }

    /// <summary>Writes the frame at the start of <paramref name="destination"/>; false when it is too short.</summary>
    public static bool TryWrite(Span<byte> destination, scoped in Frame frame, out int bytesWritten)
    {
        int headerLength = GetHeaderLength(frame, out bool extended);
        long total = (long)headerLength + frame.Payload.Length;
        if (total > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }
        WriteHeader(destination[..headerLength], frame, extended);
        frame.Payload.CopyTo(destination[headerLength..]);
        bytesWritten = (int)total;
        return true;
    }

    /// <summary>Writes the frame at the start of <paramref name="destination"/> and returns its length.</summary>
    public static int Write(Span<byte> destination, scoped in Frame frame)
    {
        if (!TryWrite(destination, frame, out int written))
            throw new ArgumentException(
                $"the destination holds {destination.Length} bytes; the frame needs {GetFrameLength(frame)}", nameof(destination));
        return written;
    }

    /// <summary>Writes the frame to <paramref name="writer"/> and returns its length.</summary>
    public static int Write(IBufferWriter<byte> writer, scoped in Frame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int headerLength = GetHeaderLength(frame, out bool extended);
        WriteHeader(writer.GetSpan(headerLength)[..headerLength], frame, extended);
        writer.Advance(headerLength);
        writer.Write(frame.Payload);
        return headerLength + frame.Payload.Length;
    }

    private static int GetHeaderLength(scoped in Frame frame, out bool extended)
    {
        CheckConsistent(frame);
        var h = frame.Header;
        long length = 0;
        if (h.SizeInfo.HasValue) length += SizeInfo.Size;
        if (h.LiveInfo.HasValue) length += LiveInfo.Size;
        if (h.PlaybackInfo.HasValue) length += PlaybackInfo.Size;
        if (h.NativeData is { } native) length += native.GetSize(frame.PrivacyMask.Length, frame.Signature.Length);
        if (h.MotionInfo.HasValue) length += MotionInfo.Size;
        if (h.LocationInfo.HasValue) length += LocationInfo.Size;
        if (h.StreamInfo.HasValue) length += StreamInfo.Size;
        if (h.CarouselInfo.HasValue) length += CarouselInfo.Size;
        if (h.DynamicInfo.HasValue) length += DynamicInfo.MinimumSize + (long)frame.DeviceStates.Count * DeviceState.Size;
        if (h.PlaybackRequest.HasValue) length += PlaybackRequest.Size;

        extended = h.UsesHeaderSizeBytesExt || FrameHeader.MainHeaderSize + length > MaxShortFormHeaderSize;
        length += extended ? FrameHeader.ExtendedMainHeaderSize : FrameHeader.MainHeaderSize;
        if (length > int.MaxValue)
            throw new ArgumentException($"headers of {length} bytes are too large", nameof(frame));
        return (int)length;
    }

    /// <summary>Variable-length parts are written only where the header has a place for them.</summary>
    private static void CheckConsistent(scoped in Frame frame)
    {
        var native = frame.Header.NativeData;
        if (native is { } n && (n.Flags & ~NativeDataFlags.AllKnown) != 0)
            throw new ArgumentException($"native data flags 0x{(uint)n.Flags:X} include sub-headers this writer cannot write", nameof(frame));
        if (!frame.PrivacyMask.IsEmpty && (native is null || (native.Value.Flags & NativeDataFlags.PrivacyMask) == 0))
            throw new ArgumentException("a privacy mask is given but the native data flags do not include PrivacyMask", nameof(frame));
        if (!frame.Signature.IsEmpty && (native is null || (native.Value.Flags & NativeDataFlags.Signature) == 0))
            throw new ArgumentException("a signature is given but the native data flags do not include Signature", nameof(frame));
        if (!frame.DeviceStates.IsEmpty && frame.Header.DynamicInfo is not { DataType: DynamicInfo.DeviceStateDataType })
            throw new ArgumentException("device states are given but there is no dynamic info of data type 0 (device state)", nameof(frame));
    }

    private static void WriteHeader(Span<byte> destination, scoped in Frame frame, bool extended)
    {
        var h = frame.Header;
        h.VideoId.TryWriteBytes(destination);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], h.TimestampUtcMs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], h.FrameCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)frame.Payload.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], extended ? (ushort)0 : (ushort)destination.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], (ushort)h.PresentExtensions);
        int p = FrameHeader.MainHeaderSize;
        if (extended)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], (uint)destination.Length);
            p = FrameHeader.ExtendedMainHeaderSize;
        }

        if (h.SizeInfo is { } sizeInfo)
        {
            sizeInfo.Write(destination.Slice(p, SizeInfo.Size));
            p += SizeInfo.Size;
        }
        if (h.LiveInfo is { } liveInfo)
        {
            liveInfo.Write(destination.Slice(p, LiveInfo.Size));
            p += LiveInfo.Size;
        }
        if (h.PlaybackInfo is { } playbackInfo)
        {
            playbackInfo.Write(destination.Slice(p, PlaybackInfo.Size));
            p += PlaybackInfo.Size;
        }
        if (h.NativeData is { } native)
        {
            int size = native.GetSize(frame.PrivacyMask.Length, frame.Signature.Length);
            native.Write(destination.Slice(p, size), frame.PrivacyMask, frame.Signature);
            p += size;
        }
        if (h.MotionInfo is { } motion)
        {
            motion.Write(destination.Slice(p, MotionInfo.Size));
            p += MotionInfo.Size;
        }
        if (h.LocationInfo is { } location)
        {
            location.Write(destination.Slice(p, LocationInfo.Size));
            p += LocationInfo.Size;
        }
        if (h.StreamInfo is { } stream)
        {
            stream.Write(destination.Slice(p, StreamInfo.Size));
            p += StreamInfo.Size;
        }
        if (h.CarouselInfo is { } carousel)
        {
            carousel.Write(destination.Slice(p, CarouselInfo.Size));
            p += CarouselInfo.Size;
        }
        if (h.DynamicInfo is { } dynamic)
        {
            int size = DynamicInfo.MinimumSize + frame.DeviceStates.Count * DeviceState.Size;
            dynamic.Write(destination.Slice(p, size), frame.DeviceStates);
            p += size;
        }
        if (h.PlaybackRequest is { } request)
            request.Write(destination.Slice(p, PlaybackRequest.Size));
    }
}
