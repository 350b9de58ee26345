using System.Buffers;
using Camlab.Testing.Fuzz;

namespace Camlab.VideoChannel.Tests.Fuzz;

/// <summary>Fuzz target: the frame reader. Every mutated frame is read or refused with a <see cref="FrameFormatException"/>, the same way from a span, a sequence and a split sequence.</summary>
public sealed class FrameReaderFuzzTests
{
    [Fact]
    public void Mutated_frames_are_read_or_refused_with_an_offset()
    {
        var corpus = new[]
        {
            Samples.AllExtensionsFrame(Samples.Payload(64)),
            Samples.AllExtensionsFrame(Samples.Payload(0)),
            Samples.PlainFrame(Samples.VideoId, 7, Samples.Payload(200, 3)),
        };
        new Fuzzer(corpus).Run(seed: 1001, input =>
        {
            string? spanError = null;
            long? spanLength = null;
            try
            {
                var frame = FrameReader.ReadFrame(input, out var consumed);
                Assert.InRange(consumed, FrameHeader.MainHeaderSize, input.Length);
                spanLength = consumed;
                _ = frame.Payload.Length;
            }
            catch (FrameFormatException e)
            {
                Assert.InRange(e.Offset, 0, Math.Max(input.Length, 1 << 20));
                spanError = e.Reason;
            }
            var split = Segments.Split(input, input.Length / 2);
            try
            {
                FrameReader.ReadFrame(split, out var frame);
                Assert.Null(spanError);
                Assert.Equal(spanLength, frame.Length);
            }
            catch (FrameFormatException e)
            {
                Assert.Equal(spanError, e.Reason);
            }
        });
    }
}
