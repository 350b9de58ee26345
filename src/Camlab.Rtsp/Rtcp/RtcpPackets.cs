using System.Buffers.Binary;
using System.Text;

namespace Camlab.Rtsp.Rtcp;

/// <summary>
/// The RTCP packets a sender needs (RFC 3550 6): sender report (6.4.1) with the NTP↔RTP mapping, SDES with CNAME
/// (6.5), BYE (6.6) — written into caller buffers — and a reader that checks a compound packet's structure and
/// counts receiver reports (6.4.2), which the server takes as proof the receiver is alive.
/// </summary>
public static class RtcpPackets
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;
    public const byte SourceDescription = 202;
    public const byte Goodbye = 203;
    public const int SenderReportLength = 28;
    public const int GoodbyeLength = 8;

    public static int WriteSenderReport(Span<byte> destination, uint ssrc, ulong ntp, uint rtpTimestamp, uint packetCount, uint octetCount)
    {
        destination[0] = 0x80; // V=2, P=0, RC=0
        destination[1] = SenderReport;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SenderReportLength / 4 - 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], ntp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], octetCount);
        return SenderReportLength;
    }

    public static int SourceDescriptionLength(string cname) => (4 + 4 + 2 + Encoding.UTF8.GetByteCount(cname) + 1 + 3) / 4 * 4;

    /// <summary>SDES with one chunk: the SSRC's CNAME item, the END item, zero padding to 32 bits.</summary>
    public static int WriteSourceDescription(Span<byte> destination, uint ssrc, string cname)
    {
        var length = SourceDescriptionLength(cname);
        var text = Encoding.UTF8.GetByteCount(cname);
        if (text > 255) throw new ArgumentException("a CNAME is at most 255 bytes", nameof(cname));
        destination[..length].Clear();
        destination[0] = 0x81; // V=2, SC=1
        destination[1] = SourceDescription;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(length / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = 1; // CNAME
        destination[9] = (byte)text;
        Encoding.UTF8.GetBytes(cname, destination[10..]);
        return length;
    }

    public static int WriteGoodbye(Span<byte> destination, uint ssrc)
    {
        destination[0] = 0x81; // V=2, SC=1
        destination[1] = Goodbye;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        return GoodbyeLength;
    }

    /// <summary>
    /// Checks a compound RTCP packet (RFC 3550 A.2: version 2, lengths that add up exactly) and returns how many
    /// receiver reports it holds; -1 when it is not valid RTCP.
    /// </summary>
    public static int CountReceiverReports(ReadOnlySpan<byte> compound)
    {
        if (compound.Length < 4) return -1;
        var reports = 0;
        while (!compound.IsEmpty)
        {
            if (compound.Length < 4 || compound[0] >> 6 != 2) return -1;
            var length = (BinaryPrimitives.ReadUInt16BigEndian(compound[2..]) + 1) * 4;
            if (length > compound.Length) return -1;
            var type = compound[1];
            if (type is < 192 or > 223) return -1;
            if (type == ReceiverReport) reports++;
            compound = compound[length..];
        }
        return reports;
    }
}
