using System.IO.Pipelines;

namespace Camlab.VideoChannel.Tests;

public class SmallTypeTests
{
    [Fact]
    public void FrameFormatException_carries_offset_and_reason_and_rebases()
    {
        var e = new FrameFormatException(32, FrameError.HeaderSizeBelowMain, "HeaderSizeBytes 5 is smaller than the 36-byte main header");
        Assert.Equal("32: HeaderSizeBytes 5 is smaller than the 36-byte main header", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);

        var moved = e.Rebase(1000);
        Assert.Equal(1032, moved.Offset);
        Assert.Equal(e.Reason, moved.Reason);
        Assert.Equal(FrameError.HeaderSizeBelowMain, moved.Code);
        Assert.Same(e, moved.InnerException);
        Assert.Same(e, e.Rebase(0));
    }

    [Fact]
    public void DeviceStateList_over_wire_bytes_checks_its_length_and_index()
    {
        Assert.Throws<ArgumentException>(() => DeviceStateList.FromWire(new byte[25]));
        var wire = new WireBytes().Guid("11223344-5566-7788-99aa-bbccddeeff00").U32(9).U32(0xFFFFFFFF).ToArray();
        Assert.Equal(new DeviceState(Samples.Speaker, 9), DeviceStateList.FromWire(wire)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceStateList.FromWire(wire)[1]);
        Assert.True(default(DeviceStateList).IsEmpty);
    }

    [Fact]
    public void Data_type_letters_must_each_be_one_byte() =>
        Assert.Throws<ArgumentException>(() => StreamDataType.FromLetters("H26\u0134"));

    [Fact]
    public void Present_extensions_follow_the_properties()
    {
        var header = new FrameHeader { MotionInfo = new MotionInfo(1), PlaybackRequest = new PlaybackRequest(2) };
        Assert.Equal(HeaderExtensionFlags.MotionInfo | HeaderExtensionFlags.PlaybackRequest, header.PresentExtensions);
        Assert.Equal(HeaderExtensionFlags.None, header.HeaderExtensionFlags); // what the wire said: nothing was read
        Assert.Equal(HeaderExtensionFlags.AllKnown, Samples.AllExtensions().PresentExtensions);
    }

    [Fact]
    public async Task Pipe_reader_resynchronises_too()
    {
        var good = Enumerable.Range(0, 4).Select(i => Samples.PlainFrame(Samples.VideoId, (uint)i, Samples.Payload(1000, i))).ToArray();
        var pipe = new Pipe();
        var body = good[0].Concat(Samples.Payload(333, 8)).Concat(good[1]).Concat(good[2]).Concat(good[3]).ToArray();
        for (int i = 0; i < body.Length; i += 97)
            await pipe.Writer.WriteAsync(body.AsMemory(i, Math.Min(97, body.Length - i)));
        await pipe.Writer.CompleteAsync();

        await using var reader = new FrameStreamReader(pipe.Reader);
        var counts = new List<(uint, long)>();
        while (await reader.ReadNextAsync())
            counts.Add((reader.Header.FrameCount, reader.SkippedBytes));

        Assert.Equal([(0u, 0L), (1u, 333L), (2u, 0L), (3u, 0L)], counts);
    }
}
