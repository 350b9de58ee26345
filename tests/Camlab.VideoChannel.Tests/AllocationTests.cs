using System.Buffers;

namespace Camlab.VideoChannel.Tests;

/// <summary>
/// Reading and writing a header must not allocate (DESIGN.md: no allocation per frame header). This
/// counts bytes, not time; the figures themselves are in bench/ and docs/performance.md. The stream
/// reader's per-frame allocation is measured only in the Release benchmark: Debug builds compile async
/// state machines as classes, so a Debug test would count the compiler's allocations, not the reader's.
/// </summary>
public class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // JIT and first-use work happen outside the measurement
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Reading_and_writing_a_header_with_every_extension_allocates_nothing()
    {
        var bytes = Samples.AllExtensionsFrame(Samples.Payload(100));
        var header = Samples.AllExtensions();
        var destination = new byte[bytes.Length];
        var bufferWriter = new ArrayBufferWriter<byte>(bytes.Length);
        var split = Segments.Split(bytes, 10, 100, 200);
        var states = Samples.DeviceStates;
        var payload = Samples.Payload(100);

        long read = AllocatedBy(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                var frame = FrameReader.ReadFrame(bytes);
                if (frame.DeviceStates[1].ErrorCode != 7) throw new InvalidOperationException();
                FrameReader.TryReadFrame(split, out _, out _);
            }
        });
        long written = AllocatedBy(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                var frame = new Frame(header, payload)
                {
                    PrivacyMask = Samples.PrivacyMask, Signature = Samples.Signature, DeviceStates = new DeviceStateList(states),
                };
                FrameWriter.Write(destination, frame);
                bufferWriter.ResetWrittenCount();
                FrameWriter.Write(bufferWriter, frame);
            }
        });

        Assert.Equal(0, read);
        Assert.Equal(0, written);
        Assert.Equal(bytes, destination);
    }
}
