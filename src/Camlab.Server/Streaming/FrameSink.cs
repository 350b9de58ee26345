namespace Camlab.Server.Streaming;

/// <summary>
/// One viewer's inbox: a bounded queue of encoded frames and the viewer's own frame rate, which thins the loop's
/// frames when the loop runs faster for another viewer. Memory never grows with a stalled client, and what the
/// viewer receives always decodes: a frame is never left out while a later frame that depends on it goes through.
/// When the queue is full (or a frame is thinned out), the queued frames that are not key frames are dropped, and so
/// is every frame until the next key frame arrives; the sink then asks its render loop for a key frame
/// (<see cref="KeyFrameWanted"/>). With an intra-only codec (JPEG) every frame is a key frame, so this is "drop the
/// oldest".
/// </summary>
public sealed class FrameSink
{
    /// <summary>Two: the frame being sent may lag one behind the newest, never more.</summary>
    public const int DefaultCapacity = 2;

    private readonly object _gate = new();
    private readonly LinkedList<EncodedFrame> _queue = new();
    private TaskCompletionSource _available = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _nextDue;
    private double _fps;
    private bool _awaitingKeyFrame = true;
    private long? _lastOffered;
    private long _dropped;
    private long _accepted;

    /// <param name="meter">Counts this sink's delivered and dropped frames under its camera and kind (null: not counted).</param>
    public FrameSink(double fps, int capacity = DefaultCapacity, Observability.FrameSinkMeter? meter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Fps = fps;
        Capacity = capacity;
        Meter = meter;
    }

    /// <summary>Where the sink's frames are counted (the <c>/metrics</c> frame counters), if anywhere.</summary>
    public Observability.FrameSinkMeter? Meter { get; }

    public int Capacity { get; }

    public double Fps
    {
        get { lock (_gate) return _fps; }
        set
        {
            if (!StreamSettings.IsFps(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"fps must be within {StreamSettings.MinFps}..{StreamSettings.MaxFps}");
            lock (_gate) { _fps = value; _nextDue = null; }
        }
    }

    /// <summary>
    /// When set, a frame the sink takes is handed to it at once, on the offering thread (outside the sink's lock),
    /// instead of being queued for <see cref="ReadAsync"/>: nothing is ever dropped for a slow reader. The recorder
    /// uses it under a manual clock, so what it records does not depend on how fast its writer ran (docs/clock.md).
    /// </summary>
    public Action<EncodedFrame>? Deliver { get; init; }

    /// <summary>Called (outside the sink's lock) when the sink starts waiting for a key frame; the render loop sets it.</summary>
    public Action? KeyFrameWanted { get; set; }

    /// <summary>Frames the viewer's rate took but the viewer never received: dropped from a full queue or while waiting for a key frame.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>
    /// Frames the viewer's rate was due for that its render loop never produced (rendering fell behind): together with
    /// <see cref="Dropped"/>, everything this viewer should have received and did not.
    /// </summary>
    public long Missed => Interlocked.Read(ref _missed);
    private long _missed;

    /// <summary>Frames waiting; never more than <see cref="Capacity"/>.</summary>
    public int Queued { get { lock (_gate) return _queue.Count; } }

    /// <summary>True until the next key frame is queued: frames that depend on a dropped frame are dropped too.</summary>
    public bool AwaitingKeyFrame { get { lock (_gate) return _awaitingKeyFrame; } }

    /// <summary>Takes the frame if the viewer's frame rate is due for one and it decodes after what was queued; never blocks.</summary>
    public bool Offer(EncodedFrame frame)
    {
        bool taken, startedWaiting;
        EncodedFrame? deliver = null;
        lock (_gate)
        {
            bool wasAwaiting = _awaitingKeyFrame;
            // A predicted frame decodes only after the frame before it: one this sink was never offered (it joined
            // while that frame was encoding) is as lost as one it dropped.
            if (!frame.IsKeyFrame && _lastOffered is { } previous && frame.Sequence != previous + 1) _awaitingKeyFrame = true;
            _lastOffered = frame.Sequence;
            var interval = TimeSpan.FromSeconds(1 / _fps);
            // A tenth of an interval of slack, so a loop at exactly the viewer's rate is not thinned by jitter.
            // An H.264 loop runs at its key's frame rate, which is every one of its viewers' rate: thinning it would only
            // cut its GOP (and ask for IDRs); what arrives early is jitter.
            if (_nextDue is { } due && frame.RenderedAt < due - interval / 10 && frame.Codec != Rendering.Encoding.VideoCodec.H264)
            {
                // Thinned out: what follows may depend on it, so the viewer resumes at a key frame.
                taken = false;
                _awaitingKeyFrame = true;
            }
            else
            {
                taken = true;
                var time = frame.RenderedAt;
                // Frames due between the last one and this were never made (the loop fell behind): missed.
                if (_nextDue is { } late && time - late >= interval)
                {
                    var missed = (long)((time - late) / interval);
                    Interlocked.Add(ref _missed, missed);
                    Meter?.Missed(missed);
                }
                _nextDue = _nextDue is { } d && time - d < interval ? d + interval : time + interval;
                Interlocked.Increment(ref _accepted);
                if (_queue.Count >= Capacity) DropDependentFrames();
                if (frame.IsKeyFrame) _awaitingKeyFrame = false;
                if (_awaitingKeyFrame)
                    CountDrop();
                else if (Deliver is not null) deliver = frame;
                else
                {
                    if (_queue.Count >= Capacity) DropOldest(); // every queued frame is a key frame: the oldest goes
                    _queue.AddLast(frame);
                    _available.TrySetResult();
                }
            }
            startedWaiting = _awaitingKeyFrame && !wasAwaiting;
        }
        if (startedWaiting) KeyFrameWanted?.Invoke();
        if (deliver is not null) Deliver!(deliver);
        return taken;
    }

    /// <summary>The queue is full: its non-key frames go, and so does everything until the next key frame.</summary>
    private void DropDependentFrames()
    {
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (!node.Value.IsKeyFrame)
            {
                _queue.Remove(node);
                CountDrop();
            }
            node = next;
        }
        _awaitingKeyFrame = true;
    }

    private void CountDrop()
    {
        Interlocked.Increment(ref _dropped);
        Meter?.Dropped();
    }

    private void DropOldest()
    {
        _queue.RemoveFirst();
        CountDrop();
    }

    private int _waitingReaders;

    /// <summary>True while a reader waits in <see cref="ReadAsync"/> for a frame (a long-polling pull, a push pump between frames).</summary>
    public bool ReaderWaiting => Volatile.Read(ref _waitingReaders) > 0;

    /// <summary>The next frame, waiting for one. One reader at a time.</summary>
    public async ValueTask<EncodedFrame> ReadAsync(CancellationToken cancel)
    {
        while (true)
        {
            Task available;
            lock (_gate)
            {
                if (TryDequeue(out var frame)) return frame;
                if (_available.Task.IsCompleted) _available = new(TaskCreationOptions.RunContinuationsAsynchronously);
                available = _available.Task;
            }
            Interlocked.Increment(ref _waitingReaders);
            try { await available.WaitAsync(cancel).ConfigureAwait(false); }
            finally { Interlocked.Decrement(ref _waitingReaders); }
        }
    }

    public bool TryRead(out EncodedFrame frame)
    {
        lock (_gate) return TryDequeue(out frame);
    }

    private bool TryDequeue(out EncodedFrame frame)
    {
        if (_queue.First is { } first)
        {
            _queue.RemoveFirst();
            frame = first.Value;
            Meter?.Delivered();
            return true;
        }
        frame = null!;
        return false;
    }

    /// <summary>Drops what is queued: a new connection starts from the next key frame.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _lastOffered = null;
            if (_awaitingKeyFrame) return;
            _awaitingKeyFrame = true;
        }
        KeyFrameWanted?.Invoke();
    }
}
