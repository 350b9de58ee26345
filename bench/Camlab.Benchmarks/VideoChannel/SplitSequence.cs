using System.Buffers;

namespace Camlab.Benchmarks.VideoChannel;

/// <summary>A multi-segment sequence over separate arrays, as a pipe hands out data.</summary>
internal sealed class SplitSequence : ReadOnlySequenceSegment<byte>
{
    private SplitSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Create(byte[] bytes, params int[] cuts)
    {
        int start = 0;
        SplitSequence? first = null, last = null;
        foreach (int end in cuts.Append(bytes.Length))
        {
            var segment = new SplitSequence(bytes.AsSpan(start, end - start).ToArray(), start);
            if (last is null)
                first = segment;
            else
                last.Next = segment;
            last = segment;
            start = end;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }
}
