using System.Buffers;
using System.Buffers.Binary;

namespace Camlab.Rtsp.Protocol;

/// <summary>
/// RFC 2326 10.12 embedded (interleaved) binary data: <c>'$'</c>, a one-byte channel id, a two-byte big-endian
/// length, then that many bytes of RTP or RTCP, on the RTSP connection between RTSP messages.
/// </summary>
public static class InterleavedFrame
{
    public const byte Magic = (byte)'$';
    public const int HeaderLength = 4;

    /// <summary>True when a whole frame is buffered; <paramref name="payload"/> slices <paramref name="buffer"/>.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, out byte channel, out ReadOnlySequence<byte> payload, out SequencePosition consumed)
    {
        channel = 0;
        payload = default;
        consumed = buffer.Start;
        if (buffer.Length < HeaderLength) return false;
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        if (header[0] != Magic) throw new ArgumentException("an interleaved frame starts with '$'", nameof(buffer));
        channel = header[1];
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        if (buffer.Length < HeaderLength + length) return false;
        payload = buffer.Slice(HeaderLength, length);
        consumed = buffer.GetPosition(HeaderLength + length);
        return true;
    }

    /// <summary>Writes the four header bytes for a payload of <paramref name="length"/> (at most 65535).</summary>
    public static void WriteHeader(Span<byte> destination, byte channel, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue);
        destination[0] = Magic;
        destination[1] = channel;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
    }
}
