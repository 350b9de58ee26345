using System.Buffers.Binary;

namespace Camlab.Rtsp.Rtp;

/// <summary>The fixed 12-byte RTP header (RFC 3550 5.1): version 2, no padding or CSRC; the X bit when a header extension (5.3.1) follows.</summary>
public static class RtpHeader
{
    public const int Length = 12;

    public static void Write(Span<byte> destination, bool marker, byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool extension = false)
    {
        destination[0] = (byte)(extension ? 0x90 : 0x80);
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7f));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
    }
}

/// <summary>
/// Where a packetizer puts packets: it asks for room for one packet, fills it, and commits the length — so a TCP
/// transport lets it write straight into the connection's buffer after the 4-byte interleaved header and a UDP
/// transport into a reused datagram buffer. No packet is allocated.
/// </summary>
public interface IRtpPacketWriter
{
    /// <summary>Room for a packet of up to <paramref name="maxLength"/> bytes.</summary>
    Span<byte> Begin(int maxLength);

    /// <summary>The packet begun last is <paramref name="length"/> bytes long and complete.</summary>
    void Commit(int length);
}

/// <summary>
/// Splits encoded frames of one codec into RTP packets of one stream (one SSRC, one sequence-number space). One
/// interface for every payload format: JPEG (RFC 2435) and H.264 (RFC 6184) implement it.
/// </summary>
public abstract class RtpPacketizer(byte payloadType, uint ssrc, ushort initialSequence, int mtu)
{
    /// <summary>Largest RTP packet (header included); 1400 leaves room for IP/UDP/tunnel headers on a 1500-byte link.</summary>
    public const int DefaultMtu = 1400;

    public byte PayloadType { get; } = payloadType;
    public uint Ssrc { get; } = ssrc;
    public int Mtu { get; } = mtu >= 64 ? mtu : throw new ArgumentOutOfRangeException(nameof(mtu), mtu, "the MTU must be at least 64 bytes");

    /// <summary>The sequence number the next packet gets (wraps at 65535, RFC 3550 5.1).</summary>
    public ushort NextSequence { get; protected set; } = initialSequence;

    public long PacketCount { get; private set; }
    public long OctetCount { get; private set; }

    /// <summary>Encoding name and clock for a=rtpmap (RFC 4566 6), e.g. <c>JPEG/90000</c>.</summary>
    public abstract string RtpMap { get; }

    /// <summary>Writes every packet of <paramref name="frame"/>; the last carries the marker bit. Returns the packet count.</summary>
    public abstract int Packetize(ReadOnlySpan<byte> frame, uint timestamp, IRtpPacketWriter writer);

    /// <summary>Writes the RTP header and returns the payload area; <see cref="Finish"/> commits it.</summary>
    protected Span<byte> Start(IRtpPacketWriter writer, int payloadLength, bool marker, uint timestamp) =>
        Start(writer, payloadLength, marker, timestamp, default);

    /// <summary>
    /// Writes the RTP header with <paramref name="extension"/> (a whole RFC 3550 5.3.1 header extension: profile, length
    /// in 32-bit words, data; empty for none) and returns the payload area; <see cref="Finish"/> commits it.
    /// </summary>
    protected Span<byte> Start(IRtpPacketWriter writer, int payloadLength, bool marker, uint timestamp, ReadOnlySpan<byte> extension)
    {
        var packet = writer.Begin(RtpHeader.Length + extension.Length + payloadLength);
        RtpHeader.Write(packet, marker, PayloadType, NextSequence, timestamp, Ssrc, extension: !extension.IsEmpty);
        extension.CopyTo(packet[RtpHeader.Length..]);
        NextSequence = unchecked((ushort)(NextSequence + 1));
        return packet.Slice(RtpHeader.Length + extension.Length, payloadLength);
    }

    /// <summary>Commits the packet begun last; <paramref name="extensionLength"/> is that of the header extension it carries.</summary>
    protected void Finish(IRtpPacketWriter writer, int payloadLength, int extensionLength = 0)
    {
        PacketCount++;
        OctetCount += payloadLength;
        writer.Commit(RtpHeader.Length + extensionLength + payloadLength);
    }
}

/// <summary>A frame the payload format cannot carry (not a baseline JPEG RFC 2435 can describe, no NAL units, ...).</summary>
public sealed class UnsupportedFrameException(string message) : Exception(message);
