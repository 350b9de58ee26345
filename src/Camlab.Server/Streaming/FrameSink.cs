using System.Threading.Channels;

namespace Camlab.Server.Streaming;

/// <summary>
/// One viewer's inbox: a bounded channel that drops the oldest frame when the viewer is slower than the
/// render loop (so memory never grows with a stalled client), and the viewer's own frame rate, which thins the
/// loop's frames when the loop runs faster for another viewer.
/// </summary>
public sealed class FrameSink
{
    /// <summary>Two: the frame being sent may lag one behind the newest, never more.</summary>
    public const int DefaultCapacity = 2;

    private readonly Channel<SharedFrame> _channel;
    private readonly object _gate = new();
    private DateTimeOffset? _nextDue;
    private double _fps;
    private long _dropped;
    private long _accepted;

    public FrameSink(double fps, int capacity = DefaultCapacity)
    {
        Fps = fps;
        Capacity = capacity;
        _channel = Channel.CreateBounded<SharedFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

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

    /// <summary>Frames the viewer never received because a newer one replaced them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Frames waiting; never more than <see cref="Capacity"/>.</summary>
    public int Queued => _channel.Reader.Count;

    /// <summary>Takes the frame if the viewer's frame rate is due for one; never blocks.</summary>
    public bool Offer(SharedFrame frame)
    {
        lock (_gate)
        {
            var interval = TimeSpan.FromSeconds(1 / _fps);
            // A tenth of an interval of slack, so a loop at exactly the viewer's rate is not thinned by jitter.
            if (_nextDue is { } due && frame.Time < due - interval / 10) return false;
            _nextDue = _nextDue is { } d && frame.Time - d < interval ? d + interval : frame.Time + interval;
        }
        Interlocked.Increment(ref _accepted);
        _channel.Writer.TryWrite(frame);
        return true;
    }

    public ValueTask<SharedFrame> ReadAsync(CancellationToken cancel) => _channel.Reader.ReadAsync(cancel);

    public bool TryRead(out SharedFrame frame) => _channel.Reader.TryRead(out frame!);

    /// <summary>Drops what is queued (a new connection starts from the next frame).</summary>
    public void Clear()
    {
        while (_channel.Reader.TryRead(out _)) { }
    }
}
