using System.Buffers.Binary;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Tests;

public class H264PacketizerTests
{
    private static readonly byte[] Sps = [0x67, 0x42, 0xC0, 0x1F, 0xDA, 0x01];
    private static readonly byte[] Pps = [0x68, 0xCE, 0x3C, 0x80];

    private static byte[] AccessUnit(params byte[][] nals) => nals.SelectMany(n => new byte[] { 0, 0, 0, 1 }.Concat(n)).ToArray();

    private static byte[] Nal(byte header, int length) => new[] { header }.Concat(Enumerable.Range(0, length - 1).Select(i => (byte)(i % 200 + 1))).ToArray();

    [Fact]
    public void ParameterSetsGoInOneStapAAndASmallSliceAlone()
    {
        var slice = Nal(0x65, 100);
        var packets = new PacketList();
        var count = new H264Packetizer(96, 5, 10).Packetize(AccessUnit(Sps, Pps, slice), 1234, packets);
        Assert.Equal(2, count);
        var stap = packets.Packets[0];
        Assert.Equal(96, stap[1]); // no marker
        Assert.Equal(0x60 | 24, stap[12]); // NRI 3, STAP-A
        Assert.Equal(Sps.Length, BinaryPrimitives.ReadUInt16BigEndian(stap.AsSpan(13)));
        Assert.Equal(Sps, stap[15..(15 + Sps.Length)]);
        Assert.Equal(Pps.Length, BinaryPrimitives.ReadUInt16BigEndian(stap.AsSpan(15 + Sps.Length)));
        Assert.Equal(Pps, stap[(17 + Sps.Length)..]);
        var single = packets.Packets[1];
        Assert.Equal(0x80 | 96, single[1]);
        Assert.Equal(slice, single[12..]);
        Assert.Equal(11, BinaryPrimitives.ReadUInt16BigEndian(single.AsSpan(2)));
    }

    [Fact]
    public void LargeNalBecomesFuAFragmentsWithStartAndEndBits()
    {
        var slice = Nal(0x65, 3000);
        var packets = new PacketList();
        var count = new H264Packetizer(96, 5, 0, mtu: 1000).Packetize(AccessUnit(slice), 0, packets);
        var room = 1000 - 12 - 2;
        Assert.Equal((int)Math.Ceiling((3000 - 1.0) / room), count);
        var rebuilt = new List<byte> { 0x65 };
        for (var i = 0; i < count; i++)
        {
            var packet = packets.Packets[i];
            Assert.Equal(0x60 | 28, packet[12]); // FU indicator: NRI of the NAL, type 28
            Assert.Equal((i == 0 ? 0x80 : 0) | (i == count - 1 ? 0x40 : 0) | 5, packet[13]);
            Assert.Equal(i == count - 1, (packet[1] & 0x80) != 0);
            rebuilt.AddRange(packet[14..]);
        }
        Assert.Equal(slice, rebuilt.ToArray());
    }

    [Fact]
    public void ThreeByteStartCodesAndSpropParameterSets()
    {
        var au = new byte[] { 0, 0, 1 }.Concat(Sps).Concat(new byte[] { 0, 0, 1 }).Concat(Pps).Concat(new byte[] { 0, 0, 1 }).Concat(Nal(0x41, 20)).ToArray();
        Assert.Equal(Convert.ToBase64String(Sps) + "," + Convert.ToBase64String(Pps), H264Packetizer.SpropParameterSets(au));
        var packets = new PacketList();
        Assert.Equal(2, new H264Packetizer(96, 1, 0).Packetize(au, 0, packets));
        Assert.Throws<UnsupportedFrameException>(() => new H264Packetizer(96, 1, 0).Packetize(new byte[] { 1, 2, 3 }, 0, packets));
    }
}
