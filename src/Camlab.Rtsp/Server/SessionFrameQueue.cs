namespace Camlab.Rtsp.Server;

using Camlab.Rtsp.Media;

/// <summary>
/// A session's frames waiting to be sent: at most <c>capacity</c>. When a frame arrives and the queue is full, the
/// client is behind: everything queued is dropped, and for codecs whose frames depend on earlier ones every frame
/// up to the next key frame is dropped too (go2rtc/mediamtx behaviour). Memory never grows with a slow client.
/// </summary>
internal sealed class SessionFrameQueue(int capacity, bool everyFrameIsKey)
{
    private readonly Queue<RtspFrame> _frames = new(capacity);
    private readonly SemaphoreSlim _signal = new(0);
    private bool _awaitKey = !everyFrameIsKey;

    public long Dropped { get; private set; }

    public void Enqueue(in RtspFrame frame)
    {
        lock (_frames)
        {
            if (_frames.Count >= capacity)
            {
                Dropped += _frames.Count;
                _frames.Clear();
                _awaitKey = !everyFrameIsKey;
            }
            if (_awaitKey && !frame.IsKeyFrame) { Dropped++; return; }
            _awaitKey = false;
            _frames.Enqueue(frame);
        }
        _signal.Release();
    }

    public async ValueTask<RtspFrame> DequeueAsync(CancellationToken cancel)
    {
        while (true)
        {
            await _signal.WaitAsync(cancel).ConfigureAwait(false);
            lock (_frames) if (_frames.TryDequeue(out var frame)) return frame;
        }
    }

    /// <summary>Forgets what is queued; the next frame sent will be a key frame (PLAY after PAUSE).</summary>
    public void Clear()
    {
        lock (_frames)
        {
            _frames.Clear();
            _awaitKey = !everyFrameIsKey;
        }
    }
}
