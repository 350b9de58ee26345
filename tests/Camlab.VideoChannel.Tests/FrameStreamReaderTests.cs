using System.IO.Pipelines;

namespace Camlab.VideoChannel.Tests;

/// <summary>HTTP-push streams: frames back to back, delivered in any chunking, with corruption in between.</summary>
public class FrameStreamReaderTests
{
    private static readonly Guid OtherVideo = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    private static byte[][] Frames(int count, int payloadLength = 300) =>
        Enumerable.Range(0, count).Select(i => Samples.PlainFrame(Samples.VideoId, (uint)i, Samples.Payload(payloadLength, i))).ToArray();

    private sealed record Seen(uint FrameCount, long Offset, long Skipped, byte[] Payload);

    private static async Task<(List<Seen> Frames, FrameStreamReader Reader)> ReadAll(FrameStreamReader reader)
    {
        var seen = new List<Seen>();
        while (await reader.ReadNextAsync())
            seen.Add(new Seen(reader.Header.FrameCount, reader.FrameOffset, reader.SkippedBytes, reader.Payload.ToArray()));
        return (seen, reader);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Yields_every_frame_whatever_the_chunking(int maxPerRead)
    {
        var frames = Frames(20);
        var (seen, reader) = await ReadAll(new FrameStreamReader(new TrickleStream(frames.SelectMany(f => f).ToArray(), maxPerRead),
            new FrameStreamReaderOptions { InitialBufferSize = 100 }));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (uint)i), seen.Select(s => s.FrameCount));
        Assert.Equal(frames.Select((f, i) => (long)frames.Take(i).Sum(x => x.Length)), seen.Select(s => s.Offset));
        Assert.All(seen, s => Assert.Equal(Samples.Payload(300, (int)s.FrameCount), s.Payload));
        Assert.Equal(0, reader.TotalSkippedBytes);
        Assert.Equal(Samples.VideoId, reader.VideoId);
        Assert.Equal(20, reader.FramesRead);
    }

    [Fact]
    public async Task Reads_from_a_pipe_as_frames_complete()
    {
        var pipe = new Pipe();
        var frames = Frames(5, 10_000);
        var reader = new FrameStreamReader(pipe.Reader);

        // Only the first frame and half of the second are written: the first must come out now.
        await pipe.Writer.WriteAsync(frames[0]);
        await pipe.Writer.WriteAsync(frames[1].AsMemory(0, 5000));
        Assert.True(await reader.ReadNextAsync());
        Assert.Equal(0u, reader.Header.FrameCount);

        var next = reader.ReadNextAsync();
        Assert.False(next.IsCompleted);
        await pipe.Writer.WriteAsync(frames[1].AsMemory(5000));
        Assert.True(await next);
        Assert.Equal(1u, reader.Header.FrameCount);

        foreach (var f in frames.Skip(2))
            await pipe.Writer.WriteAsync(f);
        await pipe.Writer.CompleteAsync();
        var (rest, _) = await ReadAll(reader);
        Assert.Equal(new uint[] { 2, 3, 4 }, rest.Select(s => s.FrameCount));
        Assert.Equal(Samples.Payload(10_000, 4), rest[^1].Payload);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(65536)]
    public async Task Resynchronises_on_the_video_id_after_garbage_between_frames(int maxPerRead)
    {
        var frames = Frames(6);
        var garbage = Samples.Payload(777, 99);
        var stream = frames[0].Concat(frames[1]).Concat(garbage).Concat(frames[2]).Concat(frames[3]).Concat(frames[4]).Concat(frames[5]).ToArray();

        var (seen, reader) = await ReadAll(new FrameStreamReader(new TrickleStream(stream, maxPerRead)));

        Assert.Equal(new uint[] { 0, 1, 2, 3, 4, 5 }, seen.Select(s => s.FrameCount));
        Assert.Equal(777, seen[2].Skipped);
        Assert.All(seen.Where(s => s.FrameCount != 2), s => Assert.Equal(0, s.Skipped));
        Assert.Equal(frames[0].Length + frames[1].Length + 777, seen[2].Offset);
        Assert.Equal(777, reader.TotalSkippedBytes);
        Assert.NotNull(reader.LastError);
        Assert.Equal(frames[0].Length + frames[1].Length, reader.LastError!.Offset);
    }

    [Fact]
    public async Task A_frame_with_a_corrupted_header_is_skipped_whole()
    {
        var frames = Frames(4);
        var corrupt = (byte[])frames[1].Clone();
        corrupt[32] = 5; // HeaderSizeBytes 5: below the main header
        var stream = frames[0].Concat(corrupt).Concat(frames[2]).Concat(frames[3]).ToArray();

        var (seen, reader) = await ReadAll(new FrameStreamReader(new MemoryStream(stream)));

        Assert.Equal(new uint[] { 0, 2, 3 }, seen.Select(s => s.FrameCount));
        Assert.Equal(corrupt.Length, seen[1].Skipped);
        Assert.Equal(frames[0].Length + 32, reader.LastError!.Offset);
        Assert.Equal(FrameError.HeaderSizeBelowMain, reader.LastError.Code);
    }

    [Fact]
    public async Task Frames_of_another_video_id_are_skipped()
    {
        var frames = Frames(3);
        var foreign = Samples.PlainFrame(OtherVideo, 100, Samples.Payload(50));
        var stream = frames[0].Concat(foreign).Concat(frames[1]).Concat(frames[2]).ToArray();

        var (seen, reader) = await ReadAll(new FrameStreamReader(new MemoryStream(stream)));

        Assert.Equal(new uint[] { 0, 1, 2 }, seen.Select(s => s.FrameCount));
        Assert.Equal(foreign.Length, seen[1].Skipped);
        Assert.Equal(FrameError.VideoIdMismatch, reader.LastError!.Code);
    }

    [Fact]
    public async Task Garbage_before_the_first_frame_with_a_known_video_id()
    {
        var frames = Frames(2);
        var garbage = Samples.Payload(1000, 5);
        var stream = garbage.Concat(frames[0]).Concat(frames[1]).ToArray();

        var (seen, _) = await ReadAll(new FrameStreamReader(new TrickleStream(stream, 100),
            new FrameStreamReaderOptions { VideoId = Samples.VideoId }));

        Assert.Equal(new uint[] { 0, 1 }, seen.Select(s => s.FrameCount));
        Assert.Equal(1000, seen[0].Skipped);
        Assert.Equal(1000, seen[0].Offset);
    }

    [Fact]
    public async Task Garbage_before_the_first_frame_with_an_unknown_video_id()
    {
        var frames = Frames(2);
        var garbage = Enumerable.Repeat((byte)0xFF, 300).ToArray();
        var stream = garbage.Concat(frames[0]).Concat(frames[1]).ToArray();

        var (seen, reader) = await ReadAll(new FrameStreamReader(new MemoryStream(stream)));

        Assert.Equal(new uint[] { 0, 1 }, seen.Select(s => s.FrameCount));
        Assert.Equal(300, seen[0].Skipped);
        Assert.Equal(Samples.VideoId, reader.VideoId);
    }

    [Fact]
    public async Task A_truncated_last_frame_counts_as_skipped()
    {
        var frames = Frames(2);
        var stream = frames[0].Concat(frames[1].Take(100)).ToArray();
        var reader = new FrameStreamReader(new MemoryStream(stream));

        Assert.True(await reader.ReadNextAsync());
        Assert.False(await reader.ReadNextAsync());

        Assert.Equal(100, reader.SkippedBytes);
        Assert.Equal(stream.Length, reader.LastError!.Offset);
        Assert.Equal(FrameError.StreamEndedInsideFrame, reader.LastError.Code);
    }

    [Fact]
    public async Task Without_resynchronisation_the_error_carries_the_stream_offset()
    {
        var frames = Frames(3);
        var corrupt = (byte[])frames[2].Clone();
        corrupt[36 - 4] = 0; // HeaderSizeBytes 0 → 40-byte form whose HeaderSizeBytesExt is tiny
        corrupt[36] = 1;
        corrupt[37] = corrupt[38] = corrupt[39] = 0;
        var stream = frames[0].Concat(frames[1]).Concat(corrupt).ToArray();
        var reader = new FrameStreamReader(new MemoryStream(stream), new FrameStreamReaderOptions { Resynchronize = false });

        Assert.True(await reader.ReadNextAsync());
        Assert.True(await reader.ReadNextAsync());
        var error = await Assert.ThrowsAsync<FrameFormatException>(async () => await reader.ReadNextAsync());

        Assert.Equal(frames[0].Length + frames[1].Length + 36, error.Offset);
        Assert.Equal(FrameError.HeaderSizeBelowMain, error.Code);
    }

    [Fact]
    public async Task Frames_over_the_maximum_are_malformed()
    {
        var big = Samples.PlainFrame(Samples.VideoId, 0, new byte[5000]);
        var small = Samples.PlainFrame(Samples.VideoId, 1, new byte[10]);
        var (seen, reader) = await ReadAll(new FrameStreamReader(new MemoryStream(big.Concat(small).ToArray()),
            new FrameStreamReaderOptions { MaxFrameSize = 1000 }));

        Assert.Equal(new uint[] { 1 }, seen.Select(s => s.FrameCount));
        Assert.Equal(big.Length, seen[0].Skipped);
        Assert.Equal(FrameError.FrameTooLarge, reader.LastError!.Code);
    }

    [Fact]
    public async Task Grows_its_buffer_for_large_frames_and_exposes_the_whole_frame()
    {
        var payload = Samples.Payload(3_000_000, 3);
        var bytes = Samples.AllExtensionsFrame(payload);
        var reader = new FrameStreamReader(new TrickleStream(bytes.Concat(bytes).ToArray(), 70_000));

        for (int i = 0; i < 2; i++)
        {
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(bytes, reader.FrameBytes.ToArray());
            Assert.Equal(Samples.PrivacyMask, reader.Frame.PrivacyMask.ToArray());
            Assert.Equal(Samples.DeviceStates[1], reader.Frame.DeviceStates[1]);
            Assert.True(payload.AsSpan().SequenceEqual(reader.Payload.Span));
        }
        Assert.False(await reader.ReadNextAsync());
    }

    [Fact]
    public async Task Disposing_closes_the_stream_unless_asked_to_leave_it_open()
    {
        var kept = new MemoryStream(Frames(1)[0]);
        await using (new FrameStreamReader(kept, leaveOpen: true)) { }
        Assert.True(kept.CanRead);

        var closed = new MemoryStream(Frames(1)[0]);
        await using (new FrameStreamReader(closed)) { }
        Assert.False(closed.CanRead);
    }

    [Fact]
    public async Task An_inflated_frame_size_at_the_end_of_a_finite_stream_gives_back_the_frames_it_swallowed()
    {
        var frames = Frames(5);
        var inflated = (byte[])frames[1].Clone();
        BitConverter.GetBytes(900_000u).CopyTo(inflated, 28); // FrameSizeBytes far beyond the rest of the stream
        var stream = frames[0].Concat(inflated).Concat(frames[2]).Concat(frames[3]).Concat(frames[4]).ToArray();

        var (seen, reader) = await ReadAll(new FrameStreamReader(new TrickleStream(stream, 1000)));

        Assert.Equal(new uint[] { 0, 2, 3, 4 }, seen.Select(s => s.FrameCount));
        Assert.Equal(inflated.Length, seen[1].Skipped);
        Assert.Equal(stream.Length, reader.LastError!.Offset);
    }
}
