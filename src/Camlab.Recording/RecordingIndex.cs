namespace Camlab.Recording;

/// <summary>
/// The index of one stream's recording directory: every segment in memory, oldest first. Frames are addressed by
/// their directory-wide frame number (stable across retention) and found by time with two binary searches (segment,
/// then entry). The recorder appends to the same instance, so a playback reads frames recorded a moment ago; every
/// member takes the lock, which keeps a reader from seeing a half-applied append or retention.
/// </summary>
public sealed class RecordingIndex : IDisposable
{
    private readonly List<Segment> _segments;

    internal RecordingIndex(string directory, List<Segment> segments)
    {
        Directory = directory;
        _segments = segments;
    }

    public string Directory { get; }

    internal object Gate { get; } = new();

    /// <summary>
    /// Raised (outside the lock, on the recorder's thread) with the frame number after each append: a playback
    /// stream whose <c>Next()</c> returned null at the database end waits for this instead of polling.
    /// </summary>
    public event Action<long>? FrameAppended;

    internal void OnFrameAppended(long frameNumber) => FrameAppended?.Invoke(frameNumber);

    /// <summary>
    /// Opens a directory read-only (no repair: a torn tail is left on disk and simply not served; segments without
    /// a whole frame are left out).
    /// </summary>
    public static RecordingIndex Load(string directory)
    {
        var segments = new List<Segment>();
        foreach (var (first, basePath) in SegmentFileNames.List(directory))
        {
            var segment = Segment.Load(basePath, first);
            if (segment.Count > 0) segments.Add(segment);
        }
        return new RecordingIndex(directory, segments);
    }

    public IReadOnlyList<Segment> Segments { get { lock (Gate) return _segments.ToArray(); } }

    public bool IsEmpty { get { lock (Gate) return FirstNonEmpty() is null; } }

    /// <summary>The first frame number, or -1 when the recording is empty.</summary>
    public long FirstFrame { get { lock (Gate) return FirstNonEmpty()?.FirstFrame ?? -1; } }

    /// <summary>The last frame number, or -1 when the recording is empty.</summary>
    public long LastFrame { get { lock (Gate) return LastNonEmpty()?.LastFrame ?? -1; } }

    public long TotalDiskBytes { get { lock (Gate) return _segments.Sum(s => s.DiskBytes); } }

    public bool TryGet(long frameNumber, out IndexEntry entry)
    {
        lock (Gate)
        {
            var segment = SegmentOf(frameNumber);
            entry = segment is null ? default : segment[frameNumber];
            return segment is not null;
        }
    }

    /// <summary>The last frame at or before the time, or -1.</summary>
    public long FindAtOrBefore(long timeUtcMs)
    {
        lock (Gate)
        {
            int lo = 0, hi = _segments.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                // An empty segment is only ever the one being written, at the end: it sorts after every time.
                if (_segments[mid].Count > 0 && _segments[mid].FirstTimeUtcMs <= timeUtcMs) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            for (int i = found; i >= 0; i--)
            {
                long frame = _segments[i].FindAtOrBefore(timeUtcMs);
                if (frame >= 0) return frame;
            }
            return -1;
        }
    }

    /// <summary>The first frame at or after the time, or -1.</summary>
    public long FindAtOrAfter(long timeUtcMs)
    {
        lock (Gate)
        {
            long before = FindAtOrBefore(timeUtcMs);
            if (before >= 0 && SegmentOf(before)![before].TimeUtcMs == timeUtcMs) return before;
            long next = before < 0 ? FirstNonEmpty()?.FirstFrame ?? -1 : NextFrame(before);
            return next;
        }
    }

    /// <summary>The frame after the given one, or -1 at the end (skips segments removed or empty).</summary>
    public long NextFrame(long frameNumber)
    {
        lock (Gate)
        {
            if (SegmentOf(frameNumber + 1) is not null) return frameNumber + 1;
            foreach (var s in _segments)
                if (s.Count > 0 && s.LastFrame > frameNumber)
                    return Math.Max(s.FirstFrame, frameNumber + 1);
            return -1;
        }
    }

    /// <summary>The frame before the given one, or -1 at the start.</summary>
    public long PreviousFrame(long frameNumber)
    {
        lock (Gate)
        {
            if (SegmentOf(frameNumber - 1) is not null) return frameNumber - 1;
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                var s = _segments[i];
                if (s.Count > 0 && s.FirstFrame < frameNumber)
                    return Math.Min(s.LastFrame, frameNumber - 1);
            }
            return -1;
        }
    }

    public SignatureRecord? FindSignature(long frameNumber)
    {
        lock (Gate) return SegmentOf(frameNumber)?.FindSignature(frameNumber);
    }

    /// <summary>Reads a frame's payload; <see cref="IOException"/> (or <see cref="UnauthorizedAccessException"/>) when its segment is unreadable.</summary>
    public byte[] ReadPayload(long frameNumber)
    {
        Segment segment;
        IndexEntry entry;
        lock (Gate)
        {
            segment = SegmentOf(frameNumber) ?? throw new ArgumentOutOfRangeException(nameof(frameNumber), $"frame {frameNumber} is not in the recording");
            entry = segment[frameNumber];
            var buffer = new byte[entry.Length];
            segment.ReadPayload(frameNumber, buffer);
            return buffer;
        }
    }

    /// <summary>The privacy mask text recorded with a frame (empty: none, or not recorded); <see cref="IOException"/> when unreadable.</summary>
    public string ReadPrivacyMask(long frameNumber)
    {
        lock (Gate)
        {
            var segment = SegmentOf(frameNumber) ?? throw new ArgumentOutOfRangeException(nameof(frameNumber), $"frame {frameNumber} is not in the recording");
            return segment.ReadPrivacyMask(frameNumber);
        }
    }

    internal List<Segment> MutableSegments => _segments;

    internal Segment? SegmentOf(long frameNumber)
    {
        int lo = 0, hi = _segments.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = _segments[mid];
            if (frameNumber < s.FirstFrame) hi = mid - 1;
            else if (frameNumber > s.LastFrame) lo = mid + 1;
            else return s;
        }
        return null;
    }

    private Segment? FirstNonEmpty() => _segments.FirstOrDefault(s => s.Count > 0);

    private Segment? LastNonEmpty() => _segments.LastOrDefault(s => s.Count > 0);

    public void Dispose()
    {
        lock (Gate)
            foreach (var s in _segments)
                s.Dispose();
    }
}
