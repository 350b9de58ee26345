using System.Buffers.Binary;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Tests;

public class JpegPacketizerTests
{
    [Fact]
    public void FirstPacketCarriesEveryRfc2435HeaderFieldAndTheTables()
    {
        var jpeg = TestJpeg.Build(width: 320, height: 240, lumaSampling: 0x22, scanLength: 500);
        var packets = new PacketList();
        var p = new JpegPacketizer(ssrc: 0x11223344, initialSequence: 1000);
        var count = p.Packetize(jpeg, timestamp: 0xCAFEBABE, packets);

        Assert.Equal(1, count);
        var packet = packets.Packets[0];
        // RTP header, RFC 3550 5.1.
        Assert.Equal(0x80, packet[0]);
        Assert.Equal(0x80 | 26, packet[1]); // marker + PT 26
        Assert.Equal(1000, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        Assert.Equal(0xCAFEBABEu, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4)));
        Assert.Equal(0x11223344u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8)));
        // Main JPEG header, RFC 2435 3.1: type-specific 0, offset 0, type 1 (4:2:0), Q 255, 320/8, 240/8.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 255, 40, 30 }, packet[12..20]);
        // Quantization table header, 3.1.8: MBZ 0, precision 0, length 128, then luma and chroma tables.
        Assert.Equal(new byte[] { 0, 0, 0, 128 }, packet[20..24]);
        Assert.Equal(TestJpeg.LumaTable, packet[24..88]);
        Assert.Equal(TestJpeg.ChromaTable, packet[88..152]);
        // Scan data without the EOI marker.
        Assert.Equal(TestJpeg.Scan(500), packet[152..]);
    }

    [Fact]
    public void TypeZeroFor422()
    {
        var packets = new PacketList();
        new JpegPacketizer(1, 0).Packetize(TestJpeg.Build(64, 16, 0x21, 10), 0, packets);
        Assert.Equal(0, packets.Packets[0][16]);
    }

    [Fact]
    public void FragmentsCarryOffsetsMarkerOnlyOnLastAndTablesOnlyFirst()
    {
        const int mtu = 300;
        var jpeg = TestJpeg.Build(640, 480, 0x22, scanLength: 1000);
        var packets = new PacketList();
        var count = new JpegPacketizer(7, 65534, mtu).Packetize(jpeg, 90000, packets);

        var firstData = mtu - 12 - 8 - 4 - 128; // 148
        var laterData = mtu - 12 - 8;           // 280
        Assert.Equal(1 + (int)Math.Ceiling((1000.0 - firstData) / laterData), count);
        var offset = 0;
        var scan = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            var packet = packets.Packets[i];
            Assert.True(packet.Length <= mtu);
            Assert.Equal(i == count - 1, (packet[1] & 0x80) != 0);
            Assert.Equal((ushort)(65534 + i), BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2))); // wraps 65535 → 0
            Assert.Equal(90000u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4)));
            var fragmentOffset = (packet[13] << 16) | (packet[14] << 8) | packet[15];
            Assert.Equal(offset, fragmentOffset);
            var data = i == 0 ? packet[(20 + 4 + 128)..] : packet[20..];
            scan.AddRange(data);
            offset += data.Length;
        }
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(packets.Packets[2].AsSpan(2)));
        Assert.Equal(TestJpeg.Scan(1000), scan.ToArray());
    }

    [Fact]
    public void RestartMarkersMakeType65WithTheRestartHeaderInEveryPacket()
    {
        var jpeg = TestJpeg.Build(320, 240, 0x22, scanLength: 800, restartInterval: 20);
        var packets = new PacketList();
        new JpegPacketizer(1, 0, mtu: 400).Packetize(jpeg, 0, packets);
        Assert.True(packets.Packets.Count > 1);
        foreach (var packet in packets.Packets)
        {
            Assert.Equal(65, packet[16]);
            // 3.1.7: restart interval 20, F=1 L=1 count 0x3FFF.
            Assert.Equal(new byte[] { 0, 20, 0xFF, 0xFF }, packet[20..24]);
        }
        Assert.Equal(new byte[] { 0, 0, 0, 128 }, packets.Packets[0][24..28]);
    }

    [Theory]
    [InlineData(0x11, "luma sampling 1x1")]
    [InlineData(0x12, "luma sampling 1x2")]
    public void SamplingWithoutAnRfc2435TypeIsRefused(byte sampling, string message)
    {
        var e = Assert.Throws<UnsupportedFrameException>(() => new JpegPacketizer(1, 0).Packetize(TestJpeg.Build(64, 64, sampling, 10), 0, new PacketList()));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TruncatedAndForeignFramesAreRefusedWithTheirOffset()
    {
        var jpeg = TestJpeg.Build(64, 64, 0x22, 10);
        for (var cut = 0; cut < 200; cut++)
        {
            var e = Record.Exception(() => new JpegPacketizer(1, 0).Packetize(jpeg.AsSpan(0, cut), 0, new PacketList()));
            Assert.True(e is null or UnsupportedFrameException, e?.ToString());
        }
        Assert.Contains("byte 0", Assert.Throws<UnsupportedFrameException>(() => JpegFrameLayout.Parse("GIF89a"u8)).Message);
    }

    [Fact]
    public void A_picture_wider_than_2040_pixels_carries_its_sof0_in_the_onvif_jpeg_header_extension_of_every_packet()
    {
        var jpeg = TestJpeg.Build(width: 3840, height: 2160, lumaSampling: 0x22, scanLength: 3000);
        var layout = JpegFrameLayout.Parse(jpeg);
        var sof = jpeg[layout.FrameHeader];
        Assert.Equal(new byte[] { 0xFF, 0xC0 }, sof[..2]);
        var packets = new PacketList();
        var count = new JpegPacketizer(1, 0).Packetize(jpeg, 0, packets);
        Assert.True(count > 1);
        var extensionLength = 4 + (sof.Length + 3) / 4 * 4;
        var scan = new List<byte>();
        foreach (var packet in packets.Packets)
        {
            Assert.Equal(0x90, packet[0]); // V=2, X=1 (RFC 3550 5.3.1)
            Assert.Equal(0xFFD8, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(12)));
            Assert.Equal((extensionLength - 4) / 4, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(14)));
            Assert.Equal(sof, packet[16..(16 + sof.Length)]);
            Assert.All(packet[(16 + sof.Length)..(12 + extensionLength)], b => Assert.Equal(0xFF, b)); // fill bytes
            var main = packet.AsSpan(12 + extensionLength);
            Assert.Equal(0, main[6]); // 3840 does not fit the 8-bit width field
            Assert.Equal(0, main[7]); // nor 2160 the height field
            var offset = BinaryPrimitives.ReadUInt32BigEndian(main) & 0xFFFFFF;
            Assert.Equal(scan.Count, (int)offset);
            scan.AddRange(main[(offset == 0 ? 8 + 4 + 128 : 8)..].ToArray());
            Assert.True(packet.Length <= RtpPacketizer.DefaultMtu);
        }
        Assert.Equal(TestJpeg.Scan(3000), scan.ToArray());

        // A picture that fits has no extension, and only the field that overflows is zero.
        packets = new PacketList();
        new JpegPacketizer(1, 0).Packetize(TestJpeg.Build(4096, 64, 0x22, 10), 0, packets);
        Assert.Equal(0x90, packets.Packets[0][0]);
        Assert.Equal(new byte[] { 0, 8 }, packets.Packets[0][(12 + 4 + 20 + 6)..(12 + 4 + 20 + 8)]);
        packets = new PacketList();
        new JpegPacketizer(1, 0).Packetize(TestJpeg.Build(2040, 2040, 0x22, 10), 0, packets);
        Assert.Equal(0x80, packets.Packets[0][0]);
        Assert.Equal(new byte[] { 255, 255 }, packets.Packets[0][18..20]);
    }

    [Fact]
    public void RtpTimestampsFollowCaptureTimeAt90kHz()
    {
        var clock = new RtpClock(offset: 1000);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(9000u, unchecked(clock.Timestamp(t0.AddMilliseconds(100)) - clock.Timestamp(t0)));
        Assert.Equal(3600u, unchecked(clock.Timestamp(t0.AddMilliseconds(40)) - clock.Timestamp(t0)));
        // NTP: 1 Jan 1970 is 2208988800 s after 1 Jan 1900; half a second is 0x80000000.
        Assert.Equal((2208988800UL << 32) | 0x8000_0000UL, RtpClock.Ntp(DateTimeOffset.UnixEpoch.AddMilliseconds(500)));
    }
}
