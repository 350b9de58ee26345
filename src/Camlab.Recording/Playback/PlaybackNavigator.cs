namespace Camlab.Recording.Playback;

/// <summary>
/// Questions about the recording's shape that the playback engine asks: sequence bounds and neighbouring sync
/// points. Sequences are runs of frames without a gap; a frame's SequenceId is the number of the sequence's first
/// frame and never decreases with the frame number, so bounds are found by binary search.
/// </summary>
internal sealed class PlaybackNavigator(RecordingIndex index, int syncSearchLimit)
{
    public ulong SequenceOf(long frame) => index.TryGet(frame, out var e) ? e.SequenceId : ulong.MaxValue;

    /// <summary>The first frame of the sequence after the one holding <paramref name="frame"/>, or -1.</summary>
    public long NextSequenceStart(long frame)
    {
        ulong sequence = SequenceOf(frame);
        long lo = frame + 1, hi = index.LastFrame, found = -1;
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            // Frames removed between segments count as "later": they cannot be in our sequence's past.
            if (!index.TryGet(mid, out var e) || e.SequenceId > sequence) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found < 0 ? -1 : (index.TryGet(found, out _) ? found : index.NextFrame(found));
    }

    /// <summary>The first frame (still recorded) of the sequence holding <paramref name="frame"/>.</summary>
    public long SequenceStart(long frame)
    {
        ulong sequence = SequenceOf(frame);
        long start = (long)sequence;
        if (index.TryGet(start, out var e) && e.SequenceId == sequence) return start;
        // The sequence's first frames were removed by retention (or the id is foreign): search.
        long lo = index.FirstFrame, hi = frame, found = frame;
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (index.TryGet(mid, out var m) && m.SequenceId >= sequence) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found;
    }

    /// <summary>The first frame of the sequence before the one holding <paramref name="frame"/>, or -1.</summary>
    public long PreviousSequenceStart(long frame)
    {
        long start = SequenceStart(frame);
        long before = index.PreviousFrame(start);
        return before < 0 ? -1 : SequenceStart(before);
    }

    /// <summary>
    /// Where a decoder can start to show <paramref name="frame"/>: the key frame at or before it in its sequence (a GOP
    /// start for H.264; the frame itself for JPEG), else the next key frame, else the frame itself (searching at most the
    /// sync search limit either way). Only H.264 frames (as the index's frame facts name them) depend on others.
    /// </summary>
    public long DecodableFrom(long frame)
    {
        if (frame < 0 || !index.TryGet(frame, out var entry) || entry.IsKeyFrame) return frame;
        // A JPEG frame decodes alone whatever its sync flag says (and index v1 frames are JPEG).
        if (entry.Facts?.DataType != VideoChannel.StreamDataType.H264) return frame;
        long f = frame;
        for (int i = 0; i < syncSearchLimit; i++)
        {
            f = index.PreviousFrame(f);
            if (f < 0 || !index.TryGet(f, out var e) || e.SequenceId != entry.SequenceId) break;
            if (e.IsKeyFrame) return f;
        }
        f = frame;
        for (int i = 0; i < syncSearchLimit; i++)
        {
            f = index.NextFrame(f);
            if (f < 0 || !index.TryGet(f, out var e)) break;
            if (e.IsKeyFrame) return f;
        }
        return frame;
    }

    /// <summary>The time of the nearest sync point before (step -1) or after (+1) the frame, or 0 when there is none.</summary>
    public ulong NeighbourSyncTime(long frame, int step)
    {
        long f = frame;
        for (int i = 0; i < syncSearchLimit; i++)
        {
            f = step < 0 ? index.PreviousFrame(f) : index.NextFrame(f);
            if (f < 0) return 0;
            if (index.TryGet(f, out var e) && e.IsKeyFrame) return (ulong)e.TimeUtcMs;
        }
        return 0;
    }
}
