using Prometheus;

namespace Camlab.Server.Observability;

/// <summary>
/// The counters one <see cref="Streaming.FrameSink"/> moves, bound to its camera and sink kind when the camera is built:
/// incrementing one is a lock-free add on a pre-resolved child (no label lookup, no allocation), cheap enough for every frame.
/// Every sink of one camera and kind shares one meter.
/// </summary>
public sealed class FrameSinkMeter
{
    private readonly Counter.Child _delivered;
    private readonly Counter.Child _dropped;
    private readonly Counter.Child _missed;
    private readonly Gauge.Child? _open;

    internal FrameSinkMeter(SinkKind kind, Counter.Child delivered, Counter.Child dropped, Counter.Child missed, Gauge.Child? open)
    {
        Kind = kind;
        _delivered = delivered;
        _dropped = dropped;
        _missed = missed;
        _open = open;
    }

    public SinkKind Kind { get; }

    /// <summary>A frame left the sink's queue for its consumer.</summary>
    public void Delivered() => _delivered.Inc();

    /// <summary>A frame the sink's rate took never reached the consumer (full queue, or waiting for a key frame).</summary>
    public void Dropped() => _dropped.Inc();

    /// <summary>Frames due to the sink that its render loop never made (it fell behind): lost to this sink too.</summary>
    public void Missed(long count) => _missed.Inc(count);

    /// <summary>The sink joined its render loop (a viewer started watching).</summary>
    public void Joined() => _open?.Inc();

    /// <summary>The sink left its render loop.</summary>
    public void Left() => _open?.Dec();
}
