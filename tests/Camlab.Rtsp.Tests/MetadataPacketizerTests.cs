using System.Buffers.Binary;
using System.Text;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Tests;

/// <summary>ONVIF Streaming 5.1.2.1: a metadata document over RTP, fragmented, the marker on its last packet.</summary>
public class MetadataPacketizerTests
{
    private static byte[] Document(int length)
    {
        var head = "<tt:MetadataStream xmlns:tt=\"http://www.onvif.org/ver10/schema\">";
        var tail = "</tt:MetadataStream>";
        return Encoding.UTF8.GetBytes(head + new string(' ', Math.Max(0, length - head.Length - tail.Length)) + tail);
    }

    [Fact]
    public void A_small_document_is_one_packet_with_the_marker()
    {
        var packets = new PacketList();
        var doc = Document(200);
        var p = new MetadataPacketizer(107, 7, 100);
        Assert.Equal("vnd.onvif.metadata/90000", p.RtpMap);
        Assert.Equal(1, p.Packetize(doc, 9000, packets));
        var packet = packets.Packets.Single();
        Assert.Equal(0x80 | 107, packet[1]);
        Assert.Equal(100, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        Assert.Equal(9000u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4)));
        Assert.Equal(doc, packet[12..]);
    }

    [Fact]
    public void A_large_document_is_split_and_reassembles_up_to_the_marker()
    {
        var packets = new PacketList();
        var doc = Document(5000);
        var p = new MetadataPacketizer(107, 7, 65534, mtu: 1000);
        Assert.Equal(6, p.Packetize(doc, 1, packets));
        Assert.All(packets.Packets, packet => Assert.True(packet.Length <= 1000));
        Assert.Equal([false, false, false, false, false, true], packets.Packets.Select(x => (x[1] & 0x80) != 0));
        Assert.Equal([65534, 65535, 0, 1, 2, 3], packets.Packets.Select(x => (int)BinaryPrimitives.ReadUInt16BigEndian(x.AsSpan(2))));
        Assert.All(packets.Packets, x => Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(x.AsSpan(4))));
        Assert.Equal(doc, packets.Packets.SelectMany(x => x[12..]).ToArray());
        Assert.Throws<UnsupportedFrameException>(() => p.Packetize([], 1, packets));
    }
}
