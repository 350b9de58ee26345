namespace Camlab.VideoChannel.Tests;

/// <summary>
/// Builds frames byte by byte, independently of the codec, so tests check the codec against the wire
/// layout of the specification and the notes rather than against itself.
/// </summary>
internal sealed class WireBytes
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public WireBytes Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public WireBytes U16(ushort v) => Bytes((byte)v, (byte)(v >> 8));

    public WireBytes U32(uint v) => Bytes((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24));

    public WireBytes I32(int v) => U32(unchecked((uint)v));

    public WireBytes U64(ulong v) => U32((uint)v).U32((uint)(v >> 32));

    /// <summary>The .NET Guid layout, spelled out: first three groups little-endian, the rest as written.</summary>
    public WireBytes Guid(string text)
    {
        string hex = text.Replace("-", "");
        uint a = Convert.ToUInt32(hex[..8], 16);
        ushort b = Convert.ToUInt16(hex[8..12], 16);
        ushort c = Convert.ToUInt16(hex[12..16], 16);
        U32(a).U16(b).U16(c);
        for (int i = 16; i < 32; i += 2)
            Bytes(Convert.ToByte(hex[i..(i + 2)], 16));
        return this;
    }

    public WireBytes Ascii(string s) => Bytes(System.Text.Encoding.ASCII.GetBytes(s));

    public WireBytes Zeros(int count) => Bytes(new byte[count]);

    /// <summary>The 36-byte main header.</summary>
    public WireBytes Main(string videoId, ulong timestamp, uint frameCount, uint frameSize, ushort headerSize, ushort flags) =>
        Guid(videoId).U64(timestamp).U32(frameCount).U32(frameSize).U16(headerSize).U16(flags);

    public byte[] ToArray() => [.. _bytes];
}
