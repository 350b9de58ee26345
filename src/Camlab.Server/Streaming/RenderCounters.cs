namespace Camlab.Server.Streaming;

/// <summary>
/// What one camera's render loops did since the camera started, summed over its loops (one per render key):
/// pictures rendered and encoded, pictures sent again from a still view's ring (docs/streaming.md, "Still views"), and
/// frames the loops' rates asked for but never made because the previous frame was still rendering (ticks merged: the
/// camera's rendering fell behind). Counters only grow; read them from any thread. Each viewer's own losses are on its
/// <see cref="FrameSink"/> (<see cref="FrameSink.Dropped"/>, <see cref="FrameSink.Missed"/>).
/// </summary>
public sealed class RenderCounters
{
    private long _rendered, _reused, _missed;

    public long FramesRendered => Interlocked.Read(ref _rendered);
    public long FramesReused => Interlocked.Read(ref _reused);
    public long FramesMissed => Interlocked.Read(ref _missed);

    internal void Rendered() => Interlocked.Increment(ref _rendered);
    internal void Reused() => Interlocked.Increment(ref _reused);
    internal void Missed() => Interlocked.Increment(ref _missed);
}
