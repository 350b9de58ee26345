using System.Buffers;

namespace Camlab.VideoChannel.Tests;

public class MainHeaderTests
{
    private static readonly byte[] ExampleIdOnWire =
        [0xfb, 0x4b, 0x2b, 0x82, 0xc6, 0xc7, 0x24, 0x4b, 0xac, 0x3a, 0xff, 0x85, 0xa8, 0xf3, 0x10, 0x0e];

    [Fact]
    public void Worked_example_video_id_is_on_the_wire_as_in_the_notes()
    {
        Assert.Equal(ExampleIdOnWire, new WireBytes().Guid(Samples.VideoIdText).ToArray());

        var written = Samples.PlainFrame(Samples.VideoId, 0, []);
        Assert.Equal(ExampleIdOnWire, written[..16]);

        var wire = new WireBytes().Bytes(ExampleIdOnWire).U64(0).U32(0).U32(0).U16(36).U16(0).ToArray();
        Assert.Equal(Samples.VideoId, FrameReader.ReadFrame(wire).Header.VideoId);
    }

    [Fact]
    public void Reads_the_36_byte_main_header_field_by_field()
    {
        var wire = new WireBytes()
            .Main(Samples.VideoIdText, timestamp: 0x0102030405060708, frameCount: 0xA1B2C3D4, frameSize: 3, headerSize: 36, flags: 0)
            .Ascii("ABC").Ascii("next").ToArray();

        var frame = FrameReader.ReadFrame(wire, out int consumed);
        var h = frame.Header;

        Assert.Equal(39, consumed);
        Assert.Equal(Samples.VideoId, h.VideoId);
        Assert.Equal(0x0102030405060708UL, h.TimestampUtcMs);
        Assert.Equal(0xA1B2C3D4u, h.FrameCount);
        Assert.Equal(3u, h.FrameSizeBytes);
        Assert.Equal(36u, h.HeaderSizeBytes);
        Assert.False(h.UsesHeaderSizeBytesExt);
        Assert.Equal(HeaderExtensionFlags.None, h.HeaderExtensionFlags);
        Assert.Null(h.SizeInfo);
        Assert.Null(h.PlaybackRequest);
        Assert.Equal("ABC"u8.ToArray(), frame.Payload.ToArray());
    }

    [Fact]
    public void Reads_the_40_byte_form_with_HeaderSizeBytesExt()
    {
        var wire = new WireBytes()
            .Main(Samples.VideoIdText, 5, 6, frameSize: 2, headerSize: 0, flags: 0x02)
            .U32(48)                       // HeaderSizeBytesExt
            .U32(1).U32(1)                 // live info: LiveFeed, changed LiveFeed
            .Bytes(0xEE, 0xFF).ToArray();

        var frame = FrameReader.ReadFrame(wire);

        Assert.True(frame.Header.UsesHeaderSizeBytesExt);
        Assert.Equal(40, frame.Header.MainHeaderLength);
        Assert.Equal(48u, frame.Header.HeaderSizeBytes);
        Assert.Equal(new LiveInfo(LiveFlags.LiveFeed, LiveFlags.LiveFeed), frame.Header.LiveInfo);
        Assert.Equal(new byte[] { 0xEE, 0xFF }, frame.Payload.ToArray());
    }

    [Fact]
    public void Writes_the_36_byte_form_by_default_exactly()
    {
        var header = new FrameHeader { VideoId = Samples.VideoId, TimestampUtcMs = 1_700_000_000_000, FrameCount = 9 };
        var expected = new WireBytes().Main(Samples.VideoIdText, 1_700_000_000_000, 9, 4, 36, 0).Ascii("JPEG").ToArray();

        var bytes = new byte[64];
        int written = FrameWriter.Write(bytes, new Frame(header, "JPEG"u8));

        Assert.Equal(expected, bytes[..written]);
    }

    [Fact]
    public void Writes_the_40_byte_form_when_asked()
    {
        var header = new FrameHeader
        {
            VideoId = Samples.VideoId, TimestampUtcMs = 7, FrameCount = 8, UsesHeaderSizeBytesExt = true,
            MotionInfo = new MotionInfo(3),
        };
        var expected = new WireBytes().Main(Samples.VideoIdText, 7, 8, 1, 0, 0x10).U32(48).U32(8).U32(3).Bytes(0x99).ToArray();

        var bytes = new byte[FrameWriter.GetFrameLength(new Frame(header, [0x99]))];
        FrameWriter.Write(bytes, new Frame(header, [0x99]));

        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Switches_to_the_40_byte_form_when_the_headers_outgrow_a_signed_16_bit_size()
    {
        var mask = new byte[40_000];
        Array.Fill(mask, (byte)'1');
        var header = new FrameHeader
        {
            VideoId = Samples.VideoId,
            NativeData = new NativeData { Flags = NativeDataFlags.PrivacyMask, PrivacyMaskState = 1 },
        };
        var frame = new Frame(header, [1, 2, 3]) { PrivacyMask = mask };
        var bytes = new byte[FrameWriter.GetFrameLength(frame)];
        FrameWriter.Write(bytes, frame);

        int headerLength = 40 + 8 + 8 + mask.Length;
        Assert.Equal(headerLength + 3, bytes.Length);
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 32));
        Assert.Equal((uint)headerLength, BitConverter.ToUInt32(bytes, 36));

        var read = FrameReader.ReadFrame(bytes);
        Assert.True(read.Header.UsesHeaderSizeBytesExt);
        Assert.Equal(mask, read.PrivacyMask.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, read.Payload.ToArray());
    }

    [Fact]
    public void Keeps_the_36_byte_form_up_to_32767_header_bytes()
    {
        var header = new FrameHeader
        {
            VideoId = Samples.VideoId,
            NativeData = new NativeData { Flags = NativeDataFlags.Signature },
        };
        var signature = new byte[32767 - 36 - 16];
        var frame = new Frame(header, []) { Signature = signature };
        var bytes = new byte[FrameWriter.GetFrameLength(frame)];
        FrameWriter.Write(bytes, frame);

        Assert.Equal(32767, BitConverter.ToUInt16(bytes, 32));
        Assert.False(FrameReader.ReadFrame(bytes).Header.UsesHeaderSizeBytesExt);
    }

    [Fact]
    public void Takes_the_payload_from_HeaderSizeBytes_and_skips_unknown_extension_bytes()
    {
        // Live info (0x02) plus an unknown extension 0x400 of 12 bytes that a newer server might send.
        var wire = new WireBytes()
            .Main(Samples.VideoIdText, 1, 2, frameSize: 4, headerSize: 36 + 8 + 12, flags: 0x402)
            .U32(2).U32(0)
            .Bytes(0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF)
            .Ascii("DATA").ToArray();

        var frame = FrameReader.ReadFrame(wire);

        Assert.Equal((HeaderExtensionFlags)0x402, frame.Header.HeaderExtensionFlags);
        Assert.Equal(HeaderExtensionFlags.LiveInfo, frame.Header.PresentExtensions);
        Assert.Equal(new LiveInfo(LiveFlags.Motion, LiveFlags.None), frame.Header.LiveInfo);
        Assert.Equal("DATA"u8.ToArray(), frame.Payload.ToArray());
    }

    [Fact]
    public void Buffer_writer_output_equals_span_output()
    {
        var payload = Samples.Payload(5000);
        var expected = Samples.AllExtensionsFrame(payload);
        var writer = new ArrayBufferWriter<byte>(16);
        var frame = new Frame(Samples.AllExtensions(), payload)
        {
            PrivacyMask = Samples.PrivacyMask, Signature = Samples.Signature,
            DeviceStates = new DeviceStateList(Samples.DeviceStates),
        };

        int written = FrameWriter.Write(writer, frame);

        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void TryWrite_refuses_a_short_destination_and_writes_nothing()
    {
        var destination = new byte[39];
        Assert.False(FrameWriter.TryWrite(destination, new Frame(new FrameHeader { VideoId = Samples.VideoId }, "ABCD"u8), out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => FrameWriter.Write(destination, new Frame(default, "ABCD"u8)));
    }

    [Fact]
    public void Writer_rejects_variable_parts_the_header_has_no_place_for()
    {
        Assert.Throws<ArgumentException>(() => FrameWriter.GetFrameLength(new Frame(default, []) { PrivacyMask = "x"u8 }));
        Assert.Throws<ArgumentException>(() => FrameWriter.GetFrameLength(
            new Frame(new FrameHeader { NativeData = new NativeData { Flags = NativeDataFlags.PrivacyMask } }, []) { Signature = "x"u8 }));
        Assert.Throws<ArgumentException>(() => FrameWriter.GetFrameLength(
            new Frame(default, []) { DeviceStates = new DeviceStateList(Samples.DeviceStates) }));
        Assert.Throws<ArgumentException>(() => FrameWriter.GetFrameLength(
            new Frame(new FrameHeader { NativeData = new NativeData { Flags = (NativeDataFlags)0x10 } }, [])));
    }
}
