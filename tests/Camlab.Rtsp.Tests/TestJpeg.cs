namespace Camlab.Rtsp.Tests;

/// <summary>Baseline JPEG files built byte by byte (ITU T.81 B), so the packetizer is not tested only against our encoder.</summary>
internal static class TestJpeg
{
    public static byte[] LumaTable => Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();
    public static byte[] ChromaTable => Enumerable.Range(101, 64).Select(i => (byte)i).ToArray();

    public static byte[] Build(int width, int height, byte lumaSampling, int scanLength, ushort restartInterval = 0, bool app0 = true)
    {
        var b = new List<byte> { 0xFF, 0xD8 };
        if (app0) b.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        // One DQT segment holding both tables (ids 0 and 1, 8-bit).
        b.AddRange([0xFF, 0xDB, 0x00, 0x84, 0x00]);
        b.AddRange(LumaTable);
        b.Add(0x01);
        b.AddRange(ChromaTable);
        b.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
            0x01, lumaSampling, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        if (restartInterval > 0) b.AddRange([0xFF, 0xDD, 0x00, 0x04, (byte)(restartInterval >> 8), (byte)restartInterval]);
        b.AddRange([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]);
        b.AddRange(Scan(scanLength));
        b.AddRange([0xFF, 0xD9]);
        return b.ToArray();
    }

    /// <summary>Entropy-coded bytes: a counting pattern with no 0xFF (so no marker appears inside).</summary>
    public static byte[] Scan(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();
}

/// <summary>Collects packets as separate arrays, for inspection.</summary>
internal sealed class PacketList : Camlab.Rtsp.Rtp.IRtpPacketWriter
{
    private byte[] _buffer = [];
    public List<byte[]> Packets { get; } = new();

    public Span<byte> Begin(int maxLength)
    {
        _buffer = new byte[maxLength];
        return _buffer;
    }

    public void Commit(int length) => Packets.Add(_buffer[..length]);
}
