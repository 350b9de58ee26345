using Camlab.Recording;
using Camlab.Recording.Playback;

namespace Camlab.Cli.Recordings;

/// <summary>The frames of [from, to] as a forward playback at speed 1 writes them, ignoring their due times.</summary>
public sealed class RecordingExport(RecordingIndex index, DateTimeOffset from, DateTimeOffset to, Guid videoId)
{
    private readonly long _first = index.FindAtOrAfter(from.ToUnixTimeMilliseconds());
    private readonly long _last = index.FindAtOrBefore(to.ToUnixTimeMilliseconds());

    public long EstimatedFrames => _first < 0 || _last < _first ? 0 : _last - _first + 1;
    public long FramesWritten { get; private set; }
    public long BytesWritten { get; private set; }
    public long UnreadableFrames { get; private set; }

    public void Run(Stream output, Action? progress)
    {
        if (EstimatedFrames == 0) return;
        index.TryGet(_first, out var first);
        // Starting exactly at the first frame's time makes it the frame "after the request": it carries 0x200 and the signature.
        bool signing = index.Segments.Any(s => s.Signatures.Count > 0);
        var engine = new PlaybackEngine(index, TimeProvider.System, new PlaybackOptions { VideoId = videoId, Signing = signing },
            DateTimeOffset.FromUnixTimeMilliseconds(first.TimeUtcMs), 1.0);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        while (engine.Next() is { } frame && frame.FrameNumber <= _last)
        {
            buffer.ResetWrittenCount();
            frame.WriteTo(buffer);
            output.Write(buffer.WrittenSpan);
            FramesWritten++;
            BytesWritten += buffer.WrittenCount;
            if ((frame.Flags & VideoChannel.PlaybackFlags.DatabaseError) != 0) UnreadableFrames++;
            progress?.Invoke();
        }
    }
}
