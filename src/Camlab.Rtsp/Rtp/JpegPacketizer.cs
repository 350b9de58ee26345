using System.Buffers.Binary;

namespace Camlab.Rtsp.Rtp;

/// <summary>
/// RTP payload format for JPEG (RFC 2435), static payload type 26. Every packet carries the 8-byte main JPEG header
/// (3.1); frames with restart markers get types 64/65 and the restart marker header (3.1.7) with F=L=1 and count
/// 0x3FFF, since fragments are not aligned to restart intervals; the first fragment of every frame carries the
/// quantization tables (Q = 255, 3.1.8), so no receiver depends on a table computed from a quality factor.
/// A picture wider or taller than 2040 pixels, which RFC 2435's 8-bit width/height fields cannot describe, is sent with
/// the JPEG header extension of the ONVIF Streaming Specification (6.2, "JPEG over RTP"): every packet of the frame
/// carries an RTP header extension (RFC 3550 5.3.1) with profile 0xFFD8 whose data is the frame's SOF0 marker
/// segment, padded with 0xFF fill bytes to a 32-bit boundary; the field that overflows is 0 in the main header.
/// </summary>
public sealed class JpegPacketizer(uint ssrc, ushort initialSequence, int mtu = RtpPacketizer.DefaultMtu)
    : RtpPacketizer(PayloadTypeJpeg, ssrc, initialSequence, mtu)
{
    public const byte PayloadTypeJpeg = 26;
    public const int MainHeaderLength = 8;
    public const int RestartHeaderLength = 4;
    public const int QuantizationHeaderLength = 4;

    /// <summary>The header extension's profile: the JPEG SOI marker (ONVIF Streaming 6.2).</summary>
    public const ushort HeaderExtensionProfile = 0xFFD8;

    /// <summary>Q values 128–255 mean "tables in the packet"; 255 says they may change per frame (3.1.4).</summary>
    public const byte DynamicQ = 255;

    public override string RtpMap => "JPEG/90000";

    public override int Packetize(ReadOnlySpan<byte> frame, uint timestamp, IRtpPacketWriter writer) =>
        Packetize(frame, JpegFrameLayout.Parse(frame), timestamp, writer);

    public int Packetize(ReadOnlySpan<byte> frame, in JpegFrameLayout layout, uint timestamp, IRtpPacketWriter writer)
    {
        var scan = frame.Slice(layout.ScanOffset, layout.ScanLength);
        var restart = layout.Type >= 64 ? RestartHeaderLength : 0;
        var tables = QuantizationHeaderLength + layout.TablesLength;
        Span<byte> extension = stackalloc byte[layout.NeedsHeaderExtension ? HeaderExtensionLength(layout) : 0];
        if (!extension.IsEmpty) WriteHeaderExtension(frame, layout, extension);
        var offset = 0;
        var packets = 0;
        do
        {
            var headers = MainHeaderLength + restart + (offset == 0 ? tables : 0);
            var room = Mtu - RtpHeader.Length - extension.Length - headers;
            if (room <= 0) throw new UnsupportedFrameException($"an MTU of {Mtu} bytes leaves no room for scan data after {headers} bytes of RTP/JPEG headers");
            var chunk = Math.Min(room, scan.Length - offset);
            var last = offset + chunk == scan.Length;
            var payload = Start(writer, headers + chunk, last, timestamp, extension);

            // 3.1: type-specific, fragment offset (24 bits), type, Q, width/8, height/8.
            BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)offset & 0x00FF_FFFF);
            payload[4] = layout.Type;
            payload[5] = DynamicQ;
            payload[6] = BlockCount(layout.Width);
            payload[7] = BlockCount(layout.Height);
            var at = MainHeaderLength;
            if (restart > 0)
            {
                // 3.1.7: Restart Interval, then F=1, L=1, Restart Count = 0x3FFF.
                BinaryPrimitives.WriteUInt16BigEndian(payload[at..], layout.RestartInterval);
                BinaryPrimitives.WriteUInt16BigEndian(payload[(at + 2)..], 0xFFFF);
                at += RestartHeaderLength;
            }
            if (offset == 0)
            {
                // 3.1.8: MBZ, Precision, Length, then the tables.
                payload[at] = 0;
                payload[at + 1] = layout.Precision;
                BinaryPrimitives.WriteUInt16BigEndian(payload[(at + 2)..], (ushort)layout.TablesLength);
                at += QuantizationHeaderLength;
                frame[layout.LumaTable].CopyTo(payload[at..]);
                at += frame[layout.LumaTable].Length;
                frame[layout.ChromaTable].CopyTo(payload[at..]);
                at += frame[layout.ChromaTable].Length;
            }
            scan.Slice(offset, chunk).CopyTo(payload[at..]);
            Finish(writer, headers + chunk, extension.Length);
            offset += chunk;
            packets++;
        }
        while (offset < scan.Length);
        return packets;
    }

    /// <summary>RFC 2435 3.1.5/3.1.6: the size in 8-pixel blocks; 0 when it does not fit (the header extension has it).</summary>
    private static byte BlockCount(int pixels) => pixels > JpegFrameLayout.MaximumHeaderSize ? (byte)0 : (byte)((pixels + 7) / 8);

    /// <summary>Profile, length and the SOF0 segment, rounded up to whole 32-bit words.</summary>
    public static int HeaderExtensionLength(in JpegFrameLayout layout) =>
        4 + (layout.FrameHeader.GetOffsetAndLength(int.MaxValue).Length + 3) / 4 * 4;

    private static void WriteHeaderExtension(ReadOnlySpan<byte> frame, in JpegFrameLayout layout, Span<byte> extension)
    {
        BinaryPrimitives.WriteUInt16BigEndian(extension, HeaderExtensionProfile);
        BinaryPrimitives.WriteUInt16BigEndian(extension[2..], (ushort)((extension.Length - 4) / 4));
        var data = extension[4..];
        data.Fill(0xFF); // T.81 B.1.1.2: fill bytes before a marker
        frame[layout.FrameHeader].CopyTo(data);
    }
}
