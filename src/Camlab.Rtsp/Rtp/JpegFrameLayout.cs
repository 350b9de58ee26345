using System.Buffers.Binary;

namespace Camlab.Rtsp.Rtp;

/// <summary>
/// What RFC 2435 needs from a baseline JFIF/JPEG: size, RTP/JPEG type from the components' sampling, the restart
/// interval, the two quantization tables and where the entropy-coded scan starts and ends. Parsed from the
/// markers (ITU T.81 B.1) without copying or allocating; every length is checked before it is read.
/// </summary>
public readonly struct JpegFrameLayout
{
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>RFC 2435 3.1.3 type: 0 (4:2:2), 1 (4:2:0), plus 64 when restart markers are present (3.1.7).</summary>
    public byte Type { get; init; }
    public ushort RestartInterval { get; init; }
    public int ScanOffset { get; init; }
    public int ScanLength { get; init; }

    /// <summary>Luma then chroma quantization table (zig-zag order, as DQT stores them, RFC 2435 4.2).</summary>
    public Range LumaTable { get; init; }
    public Range ChromaTable { get; init; }

    /// <summary>RFC 2435 3.1.8 precision bits: bit 0 for the first table, bit 1 for the second (1 = 16-bit).</summary>
    public byte Precision { get; init; }

    /// <summary>The SOF0 marker segment (FF C0, length, precision, height, width, components).</summary>
    public Range FrameHeader { get; init; }

    /// <summary>
    /// RFC 2435's width and height fields count 8-pixel blocks in 8 bits (at most 2040 pixels); a larger picture needs
    /// the ONVIF JPEG header extension, which carries its SOF0 segment.
    /// </summary>
    public bool NeedsHeaderExtension => Width > MaximumHeaderSize || Height > MaximumHeaderSize;

    public const int MaximumHeaderSize = 2040;

    public int TablesLength => LumaTable.GetOffsetAndLength(int.MaxValue).Length + ChromaTable.GetOffsetAndLength(int.MaxValue).Length;

    public static JpegFrameLayout Parse(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw Unsupported("the frame does not start with SOI (FF D8)", 0);
        Span<int> tableOffsets = stackalloc int[4];
        Span<int> tableLengths = stackalloc int[4];
        tableOffsets.Fill(-1);
        int width = 0, height = 0, lumaSampling = 0, lumaTable = -1, chromaTable = -1;
        ushort restart = 0;
        var frameHeader = default(Range);
        var sawFrame = false;
        var i = 2;
        while (true)
        {
            if (i + 2 > jpeg.Length) throw Unsupported("the frame ends before its scan (SOS)", i);
            if (jpeg[i] != 0xFF) throw Unsupported($"expected a marker (FF xx), found {jpeg[i]:X2}", i);
            var marker = jpeg[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte (T.81 B.1.1.2)
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; } // TEM, RSTn: no length
            if (i + 4 > jpeg.Length) throw Unsupported($"marker FF {marker:X2} has no length", i);
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            var segment = i + 4;
            var end = i + 2 + length;
            if (length < 2 || end > jpeg.Length) throw Unsupported($"marker FF {marker:X2} declares {length} bytes past the end of the frame", i + 2);
            switch (marker)
            {
                case 0xDB: // DQT: one or more tables
                    for (var t = segment; t < end;)
                    {
                        var precision = jpeg[t] >> 4;
                        var id = jpeg[t] & 0x0F;
                        var size = precision == 0 ? 64 : 128;
                        if (id > 3 || precision > 1 || t + 1 + size > end) throw Unsupported("a DQT table is malformed", t);
                        tableOffsets[id] = t + 1;
                        tableLengths[id] = size;
                        t += 1 + size;
                    }
                    break;
                case 0xC0: // SOF0, baseline DCT
                    if (length < 8 + 3 * 3 || jpeg[segment] != 8) throw Unsupported("SOF0 is not 8-bit", segment);
                    height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(segment + 1)..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(segment + 3)..]);
                    var components = jpeg[segment + 5];
                    if (components != 3 || length != 8 + 3 * components) throw Unsupported($"RFC 2435 carries 3-component (YCbCr) JPEG, not {components} components", segment + 5);
                    var c0 = segment + 6;
                    lumaSampling = jpeg[c0 + 1];
                    lumaTable = jpeg[c0 + 2];
                    if (jpeg[c0 + 4] != 0x11 || jpeg[c0 + 7] != 0x11) throw Unsupported("chroma components must not be subsampled vertically or horizontally by themselves (1x1)", c0 + 4);
                    chromaTable = jpeg[c0 + 5];
                    if (jpeg[c0 + 8] != chromaTable) throw Unsupported("Cb and Cr must share a quantization table (RFC 2435 4.2)", c0 + 8);
                    sawFrame = true;
                    frameHeader = new Range(i, end);
                    break;
                case >= 0xC1 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    throw Unsupported($"SOF{marker - 0xC0} (not baseline) cannot be sent as RTP/JPEG", i);
                case 0xDD: // DRI
                    if (length != 4) throw Unsupported("DRI is not 4 bytes", i + 2);
                    restart = BinaryPrimitives.ReadUInt16BigEndian(jpeg[segment..]);
                    break;
                case 0xDA: // SOS: the entropy-coded data follows the segment
                    if (!sawFrame) throw Unsupported("SOS before SOF0", i);
                    var scanLength = jpeg.Length - end;
                    if (scanLength >= 2 && jpeg[^2] == 0xFF && jpeg[^1] == 0xD9) scanLength -= 2; // the receiver adds EOI back
                    return Build(width, height, lumaSampling, lumaTable, chromaTable, restart, end, scanLength, tableOffsets, tableLengths, i) with { FrameHeader = frameHeader };
            }
            i = end;
        }
    }

    private static JpegFrameLayout Build(int width, int height, int lumaSampling, int lumaTable, int chromaTable, ushort restart, int scanOffset, int scanLength,
        ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, int at)
    {
        byte type = lumaSampling switch
        {
            0x21 => 0, // Y 2x1: 4:2:2
            0x22 => 1, // Y 2x2: 4:2:0
            _ => throw Unsupported($"luma sampling {lumaSampling >> 4}x{lumaSampling & 15} has no RFC 2435 type (only 2x1 and 2x2)", at),
        };
        if (restart > 0) type += 64;
        if (width is 0 || height is 0) throw Unsupported($"a {width}x{height} picture has no pixels", at);
        if (lumaTable > 3 || chromaTable > 3 || offsets[lumaTable] < 0 || offsets[chromaTable] < 0) throw Unsupported("a component's quantization table is not defined", at);
        return new JpegFrameLayout
        {
            Width = width,
            Height = height,
            Type = type,
            RestartInterval = restart,
            ScanOffset = scanOffset,
            ScanLength = scanLength,
            LumaTable = new Range(offsets[lumaTable], offsets[lumaTable] + lengths[lumaTable]),
            ChromaTable = new Range(offsets[chromaTable], offsets[chromaTable] + lengths[chromaTable]),
            Precision = (byte)((lengths[lumaTable] == 128 ? 1 : 0) | (lengths[chromaTable] == 128 ? 2 : 0)),
        };
    }

    private static UnsupportedFrameException Unsupported(string why, int offset) => new($"JPEG at byte {offset}: {why}");
}
