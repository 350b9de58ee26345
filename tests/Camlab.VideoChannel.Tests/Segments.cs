using System.Buffers;

namespace Camlab.VideoChannel.Tests;

/// <summary>Multi-segment sequences, as a pipe hands them out.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        Segment? first = null, last = null;
        int start = 0;
        foreach (int end in bounds)
        {
            var memory = bytes.AsMemory(start, end - start).ToArray().AsMemory(); // separate arrays, like pipe segments
            if (first is null)
                first = last = new Segment(memory, 0);
            else
                last = last!.Append(memory);
            start = end;
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
