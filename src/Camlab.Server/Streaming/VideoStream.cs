using Camlab.VideoChannel;

namespace Camlab.Server.Streaming;

/// <summary>
/// One requested stream (POST /api/v1/streams): its Video ID, profile and settings, its inbox, and the state the
/// video channel headers need across frames: the frame count, the previous live flags (for ChangedFlags) and the
/// privacy mask last sent (the 0x08 header goes on the first frame after the request or a new connection, and
/// whenever the mask changes — never otherwise).
/// </summary>
public sealed class VideoStream : IDisposable
{
    private readonly object _gate = new();
    private readonly RenderHub _hub;
    private IDisposable? _subscription;
    private uint _frameCount;
    private LiveFlags? _previousFlags;
    private readonly VideoChannelComposer _composer = new();
    private int _connected;
    private long _lastActivityTicks;
    private readonly CancellationTokenSource _closed = new();
    // The MalformedHeader begin this stream counts frames from, and how many it has sent since.
    private Faults.MalformedHeaderActivation? _malformed;
    private int _sinceMalformed;

    internal VideoStream(Guid id, string profileToken, string sourceToken, int sourceWidth, int sourceHeight, StreamSettings settings, RenderHub hub,
        Observability.SinkKind kind = Observability.SinkKind.VideoChannel)
    {
        Id = id;
        ProfileToken = profileToken;
        SourceToken = sourceToken;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        _hub = hub;
        Settings = settings;
        Sink = new FrameSink(settings.Fps, meter: hub.SinkMeter(kind));
        _subscription = hub.Subscribe(Key, Sink);
    }

    public Guid Id { get; }
    public string ProfileToken { get; }
    public string SourceToken { get; }
    public int SourceWidth { get; }
    public int SourceHeight { get; }
    public StreamSettings Settings { get; private set; }

    /// <summary>The profile's encoder defaults the stream was last resolved from (a stream still equal to them follows the profile).</summary>
    public StreamSettings? Defaults { get; internal set; }
    public FrameSink Sink { get; }
    /// <summary>When the stream was created, last connected, disconnected or pulled from (camera clock, UTC ticks).</summary>
    public DateTimeOffset LastActivity
    {
        get => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);
        internal set => Interlocked.Exchange(ref _lastActivityTicks, value.UtcTicks);
    }

    /// <summary>True while the stream's profile is being recorded (the live 0x02 Recording flag); null: never.</summary>
    public Func<bool>? Recording { get; set; }

    /// <summary>The recorder's failure flags (DiskFull, DatabaseFail) every live frame carries now; null: none.</summary>
    public Func<LiveFlags>? RecorderFlags { get; set; }

    /// <summary>Extension headers left out of this stream's frames (<see cref="VideoChannelComposer.Omitted"/>).</summary>
    public HeaderExtensionFlags OmittedHeaders { get => _composer.Omitted; set => _composer.Omitted = value; }

    /// <summary>True while a push connection holds the stream.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Cancelled by DELETE: open video channel connections end.</summary>
    public CancellationToken Closed => _closed.Token;

    public RenderKey Key => Settings.KeyOf(SourceToken);

    /// <summary>Applies new settings fully (they were validated): a new size or crop moves to another render loop.</summary>
    public void Change(StreamSettings settings)
    {
        lock (_gate)
        {
            var oldKey = Key;
            Settings = settings;
            Sink.Fps = settings.Fps;
            if (Key != oldKey)
            {
                var old = _subscription;
                Sink.Clear(); // frames of the old size are not sent after the change
                _subscription = _hub.Subscribe(Key, Sink);
                old?.Dispose();
            }
            else _hub.Retime(Key);
        }
    }

    /// <summary>Claims the stream for one video channel connection; false when another holds it.</summary>
    public bool TryConnect(bool pull = false)
    {
        if (pull) return Volatile.Read(ref _connected) == 0;
        if (Interlocked.CompareExchange(ref _connected, 1, 0) != 0) return false;
        _composer.ResendPrivacyMask(); // a new connection is a new request for the mask
        Sink.Clear();
        return true;
    }

    public void Disconnect() => Volatile.Write(ref _connected, 0);

    /// <summary>The frame as the video channel sends it: this stream's headers and the shared payload.</summary>
    public byte[] Compose(EncodedFrame shared)
    {
        using var composed = ComposePooled(shared);
        return composed.Memory.ToArray();
    }

    /// <summary>
    /// As <see cref="Compose"/>, into a buffer rented from the shared pool (a 1080p frame is a large-object-heap
    /// array; renting keeps steady streaming from churning it). Dispose the result once it has been sent.
    /// </summary>
    public ComposedFrame ComposePooled(EncodedFrame shared)
    {
        LiveFlags changed;
        uint count;
        var flags = shared.Flags | (Recording?.Invoke() == true ? LiveFlags.Recording : 0) | (RecorderFlags?.Invoke() ?? 0);
        var malformed = _hub.Faults?.MalformedHeader(SourceToken);
        var damage = false;
        lock (_gate)
        {
            count = ++_frameCount;
            changed = _previousFlags is { } p ? p ^ flags : flags;
            _previousFlags = flags;
            if (!ReferenceEquals(malformed, _malformed)) (_malformed, _sinceMalformed) = (malformed, 0);
            if (malformed is not null) damage = ++_sinceMalformed == malformed.Fault.Frame;
        }
        var header = new FrameHeader { VideoId = Id, FrameCount = count, LiveInfo = new LiveInfo(flags, changed) };
        var composed = _composer.Compose(shared, header, (uint)Math.Round(1000 / Settings.Fps));
        if (damage) Faults.MalformedVideoChannelHeader.Damage(composed.Writable);
        return composed;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
        _closed.Cancel();
    }
}
