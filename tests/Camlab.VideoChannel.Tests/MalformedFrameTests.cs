using System.Buffers;

namespace Camlab.VideoChannel.Tests;

/// <summary>Every malformed-input rule: a FrameFormatException with the offset and the reason, nothing else.</summary>
public class MalformedFrameTests
{
    private static FrameFormatException Rejects(byte[] wire, int maxFrameSize = FrameHeader.DefaultMaxFrameSize)
    {
        var error = Assert.Throws<FrameFormatException>(() => FrameReader.ReadFrame(wire, maxFrameSize));
        // The sequence reader, whole or split in two, must agree.
        var sequenceError = Assert.Throws<FrameFormatException>(() =>
            FrameReader.ReadFrame(new ReadOnlySequence<byte>(wire), out _, maxFrameSize));
        Assert.Equal(error.Offset, sequenceError.Offset);
        Assert.Equal(error.Code, sequenceError.Code);
        var split = Segments.Split(wire, wire.Length / 2);
        var splitError = Assert.Throws<FrameFormatException>(() => FrameReader.ReadFrame(split, out _, maxFrameSize));
        Assert.Equal(error.Offset, splitError.Offset);
        return error;
    }

    private static WireBytes Start(ushort headerSize, ushort flags, uint frameSize = 0) =>
        new WireBytes().Main(Samples.VideoIdText, 1, 1, frameSize, headerSize, flags);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(35)]
    public void Truncated_main_header(int length)
    {
        var wire = Start(36, 0).ToArray()[..length];
        var e = Rejects(wire);
        Assert.Equal(length, e.Offset);
        Assert.Equal(FrameError.Truncated, e.Code);
    }

    [Fact]
    public void Truncated_40_byte_main_header()
    {
        var wire = Start(0, 0).U16(40).ToArray();
        var e = Rejects(wire);
        Assert.Equal(38, e.Offset);
        Assert.Equal(FrameError.Truncated, e.Code);
    }

    [Fact]
    public void Truncated_extension_headers()
    {
        var wire = Start(36 + 8, 0x02).U32(1).ToArray();
        var e = Rejects(wire);
        Assert.Equal(40, e.Offset);
        Assert.Equal(FrameError.Truncated, e.Code);
    }

    [Fact]
    public void HeaderSizeBytes_below_36()
    {
        var e = Rejects(Start(20, 0).Zeros(10).ToArray());
        Assert.Equal(32, e.Offset);
        Assert.Equal(FrameError.HeaderSizeBelowMain, e.Code);
    }

    [Fact]
    public void HeaderSizeBytesExt_below_40()
    {
        var e = Rejects(Start(0, 0).U32(36).ToArray());
        Assert.Equal(36, e.Offset);
        Assert.Equal(FrameError.HeaderSizeBelowMain, e.Code);
    }

    [Fact]
    public void FrameSizeBytes_past_the_buffer()
    {
        var e = Rejects(Start(36, 0, frameSize: 10).Ascii("short").ToArray());
        Assert.Equal(28, e.Offset);
        Assert.Equal(FrameError.PayloadPastBuffer, e.Code);
    }

    [Fact]
    public void Frame_larger_than_the_default_maximum()
    {
        var e = Rejects(Start(36, 0, frameSize: 10_000_000 - 35).ToArray());
        Assert.Equal(28, e.Offset);
        Assert.Equal(FrameError.FrameTooLarge, e.Code);
    }

    [Fact]
    public void Frame_at_exactly_the_maximum_is_accepted()
    {
        var wire = Start(36, 0, frameSize: 64).Zeros(64).ToArray();
        Assert.Equal(100, FrameReader.ReadFrame(wire, maxFrameSize: 100).Header.FrameLength);
        Assert.Equal(28, Rejects(wire, maxFrameSize: 99).Offset);
    }

    [Fact]
    public void Header_larger_than_the_maximum_points_at_the_header_size()
    {
        var e = Rejects(Start(0, 0).U32(uint.MaxValue).ToArray());
        Assert.Equal(36, e.Offset);
        Assert.Equal(FrameError.FrameTooLarge, e.Code);
    }

    [Fact]
    public void Fixed_extension_past_HeaderSizeBytes()
    {
        var e = Rejects(Start(36 + 20, 0x01).Zeros(20).ToArray());
        Assert.Equal(36, e.Offset);
        Assert.Equal(FrameError.ExtensionPastHeader, e.Code);
    }

    [Fact]
    public void Second_extension_past_HeaderSizeBytes()
    {
        var e = Rejects(Start(36 + 8 + 12, 0x02 | 0x200).U32(0).U32(0).Zeros(12).ToArray());
        Assert.Equal(44, e.Offset);
        Assert.Equal(FrameError.ExtensionPastHeader, e.Code);
    }

    [Theory]
    [InlineData(0x10, 8u, 4u, "motion info (0x10) HeaderSize 4 is smaller than its minimum of 8")]
    [InlineData(0x20, 48u, 47u, "location info (0x20) HeaderSize 47 is smaller than its minimum of 48")]
    [InlineData(0x40, 52u, 51u, "stream info (0x40) HeaderSize 51 is smaller than its minimum of 52")]
    [InlineData(0x80, 24u, 23u, "carousel info (0x80) HeaderSize 23 is smaller than its minimum of 24")]
    [InlineData(0x100, 16u, 15u, "dynamic info (0x100) HeaderSize 15 is smaller than its minimum of 16")]
    [InlineData(0x08, 8u, 7u, "NativeDataHeaderSize 7 is smaller than its minimum of 8")]
    public void Size_field_below_its_minimum(ushort flag, uint size, uint wrongSize, string reason)
    {
        var e = Rejects(Start((ushort)(36 + size), flag).U32(wrongSize).Zeros((int)size - 4).ToArray());
        Assert.Equal(36, e.Offset);
        Assert.Equal(FrameError.SizeFieldTooSmall, e.Code);
        Assert.Equal(reason, e.Reason); // names the header and its field
    }

    [Theory]
    [InlineData(0x10, 8u)]
    [InlineData(0x20, 48u)]
    [InlineData(0x40, 52u)]
    [InlineData(0x80, 24u)]
    [InlineData(0x100, 16u)]
    [InlineData(0x08, 8u)]
    public void Size_field_past_HeaderSizeBytes(ushort flag, uint size)
    {
        var e = Rejects(Start((ushort)(36 + size), flag).U32(size + 1).Zeros((int)size - 4).ToArray());
        Assert.Equal(36, e.Offset);
        Assert.Equal(FrameError.SizeFieldPastHeader, e.Code);
    }

    [Fact]
    public void Privacy_mask_length_past_its_header()
    {
        var e = Rejects(Start(36 + 8 + 8 + 4, 0x08).U32(8 + 8 + 4).U32(0x04).U32(1).U32(1000).Ascii("0101").ToArray());
        Assert.Equal(36 + 8 + 4, e.Offset);
        Assert.Equal(FrameError.StringPastHeader, e.Code);
    }

    [Fact]
    public void Signature_length_past_its_header()
    {
        // The block claims 20 bytes; the signature claims 5 of the 4 that remain, although the header has more.
        var e = Rejects(Start(36 + 20 + 8, 0x08).U32(20).U32(0x08).U32(1).U32(5).Ascii("ABCD").Zeros(8).ToArray());
        Assert.Equal(48, e.Offset);
        Assert.Equal(FrameError.StringPastHeader, e.Code);
    }

    [Fact]
    public void Native_sub_header_past_its_block()
    {
        var e = Rejects(Start(36 + 8 + 10, 0x08).U32(8 + 10).U32(0x01).Zeros(10).ToArray());
        Assert.Equal(44, e.Offset);
        Assert.Equal(FrameError.SubHeaderPastBlock, e.Code);
    }

    [Fact]
    public void Device_states_past_HeaderSize()
    {
        var e = Rejects(Start(36 + 40, 0x100).U32(40).U32(0).U32(2).U32(0).Zeros(24).ToArray());
        Assert.Equal(44, e.Offset);
        Assert.Equal(FrameError.DeviceStatesPastHeader, e.Code);
    }

    [Fact]
    public void Huge_DataCount_does_not_overflow()
    {
        var e = Rejects(Start(36 + 16, 0x100).U32(16).U32(0).U32(uint.MaxValue).U32(0).ToArray());
        Assert.Equal(FrameError.DeviceStatesPastHeader, e.Code);
    }

    [Fact]
    public void Every_truncation_of_a_full_frame_is_a_FrameFormatException()
    {
        var full = Samples.AllExtensionsFrame(Samples.Payload(100));
        for (int length = 0; length < full.Length; length++)
        {
            var e = Assert.Throws<FrameFormatException>(() => FrameReader.ReadFrame(full.AsSpan(0, length)));
            Assert.True(e.Offset <= length, $"offset {e.Offset} beyond length {length}");
            Assert.False(FrameReader.TryReadFrame(new ReadOnlySequence<byte>(full, 0, length), out _, out _));
        }
    }

    [Fact]
    public void Random_corruption_raises_only_FrameFormatException()
    {
        var random = new Random(20261121);
        var full = Samples.AllExtensionsFrame(Samples.Payload(64));
        for (int i = 0; i < 5000; i++)
        {
            var bytes = (byte[])full.Clone();
            int flips = random.Next(1, 6);
            for (int f = 0; f < flips; f++)
                bytes[random.Next(36, full.Length - 64)] = (byte)random.Next(256); // keep the main header, hit the extensions
            if (random.Next(4) == 0)
                bytes[random.Next(28, 36)] = (byte)random.Next(256);               // and sometimes its size fields
            try
            {
                var frame = FrameReader.ReadFrame(bytes, out int consumed);
                Assert.True(consumed <= bytes.Length);
                Assert.True(frame.PrivacyMask.Length + frame.Signature.Length <= consumed);
            }
            catch (FrameFormatException e)
            {
                Assert.InRange(e.Offset, 0, bytes.Length);
            }
        }
    }

    [Fact]
    public void TryReadHeader_asks_for_more_instead_of_failing()
    {
        var full = Samples.AllExtensionsFrame([]);
        Assert.False(FrameReader.TryReadHeader(full.AsSpan(0, 10), out _, out int needed));
        Assert.Equal(36, needed);
        Assert.False(FrameReader.TryReadHeader(full.AsSpan(0, 36), out _, out needed));
        Assert.Equal(full.Length, needed);
        Assert.True(FrameReader.TryReadHeader(full, out var header, out _));
        Assert.Equal((uint)full.Length, header.HeaderSizeBytes);
    }
}
