using Camlab.Device.Events;

namespace Camlab.Device.Imaging;

/// <summary>The tampering and motion conditions of a video source (Imaging 5.5.1, 5.5.2).</summary>
public enum VideoSourceCondition { ImageTooBlurry, ImageTooDark, ImageTooBright, GlobalSceneChange, SignalLoss, MotionAlarm }

/// <summary>One condition of one source as it stands: its effective state and whether a fault injection forces it.</summary>
public sealed record VideoSourceConditionState(string Source, VideoSourceCondition Condition, bool State, bool? Forced, bool Detected);

/// <summary>
/// The property events of Imaging 5.5: per video source and condition a boolean State, published on the event
/// bus with Source item <c>Source</c> (the VideoSource token) and Data item <c>State</c>. On <see cref="Start"/>
/// every property is published once as Initialized; afterwards only a change of the effective state is
/// published, as Changed. The effective state is the forced one while a fault injection holds
/// (<see cref="ForceCondition"/>), else what the video analysis reported (<see cref="ReportDetected"/>).
/// </summary>
public sealed class VideoSourceAlarms
{
    /// <summary>Topic of each condition, without the tns1: prefix. The tampering ones are those the Imaging service detects.</summary>
    public static readonly IReadOnlyDictionary<VideoSourceCondition, string> Topics = new Dictionary<VideoSourceCondition, string>
    {
        [VideoSourceCondition.ImageTooBlurry] = "VideoSource/ImageTooBlurry/ImagingService",
        [VideoSourceCondition.ImageTooDark] = "VideoSource/ImageTooDark/ImagingService",
        [VideoSourceCondition.ImageTooBright] = "VideoSource/ImageTooBright/ImagingService",
        [VideoSourceCondition.GlobalSceneChange] = "VideoSource/GlobalSceneChange/ImagingService",
        [VideoSourceCondition.SignalLoss] = "VideoSource/SignalLoss",
        [VideoSourceCondition.MotionAlarm] = "VideoSource/MotionAlarm",
    };

    /// <summary>Message description of every topic (5.5): Source item name and type, Data item name and type.</summary>
    public static readonly (string SourceName, string SourceType, string DataName, string DataType) MessageDescription =
        ("Source", "tt:ReferenceToken", "State", "xs:boolean");

    private readonly object _gate = new();
    private readonly EventBus _bus;
    private readonly TimeProvider _time;
    private readonly Dictionary<(string Source, VideoSourceCondition Condition), Entry> _entries = new();
    private readonly List<(string, VideoSourceCondition)> _order = new();
    private readonly HashSet<string> _sources;
    private bool _started;

    /// <param name="videoSources">Every video source (SignalLoss and MotionAlarm apply to all).</param>
    /// <param name="imagingSources">The sources with imaging (the four ImagingService tampering topics apply to these).</param>
    public VideoSourceAlarms(EventBus bus, TimeProvider time, IEnumerable<string> videoSources, IEnumerable<string> imagingSources)
    {
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var imaging = imagingSources.ToHashSet(StringComparer.Ordinal);
        foreach (var source in videoSources)
            foreach (var condition in Enum.GetValues<VideoSourceCondition>())
            {
                if (IsImagingCondition(condition) && !imaging.Contains(source)) continue;
                _entries[(source, condition)] = new Entry();
                _order.Add((source, condition));
            }
        _sources = videoSources.ToHashSet(StringComparer.Ordinal);
    }

    public static bool IsImagingCondition(VideoSourceCondition condition) =>
        condition is not (VideoSourceCondition.SignalLoss or VideoSourceCondition.MotionAlarm);

    /// <summary>Accepts a condition name as the CLI/HTTP spell it (case-insensitive), e.g. <c>ImageTooDark</c>.</summary>
    public static VideoSourceCondition ParseCondition(string name) =>
        Enum.TryParse<VideoSourceCondition>(name, ignoreCase: true, out var c) && Enum.IsDefined(c)
            ? c
            : throw new ArgumentException($"'{name}' is not a video source condition ({string.Join(", ", Enum.GetNames<VideoSourceCondition>())})", nameof(name));

    /// <summary>Publishes every property as Initialized (once; later calls do nothing).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
            var now = _time.GetUtcNow();
            foreach (var (source, condition) in _order)
                _bus.Publish(Message(source, condition, _entries[(source, condition)].Effective, PropertyOperation.Initialized, now));
        }
    }

    /// <summary>Fault injection: holds the condition at <paramref name="state"/> until cleared.</summary>
    public void ForceCondition(string source, VideoSourceCondition condition, bool state) =>
        Update(source, condition, e => e.Forced = state);

    /// <summary>Ends a fault injection: the condition returns to what the analysis detects.</summary>
    public void ClearForcedCondition(string source, VideoSourceCondition condition) =>
        Update(source, condition, e => e.Forced = null);

    /// <summary>Ends every fault injection.</summary>
    public void ClearAllForcedConditions()
    {
        foreach (var (source, condition) in _order) ClearForcedCondition(source, condition);
    }

    /// <summary>What the video analysis (the renderer's frame statistics) detects.</summary>
    public void ReportDetected(string source, VideoSourceCondition condition, bool state) =>
        Update(source, condition, e => e.Detected = state);

    public bool State(string source, VideoSourceCondition condition)
    {
        lock (_gate) return Find(source, condition).Effective;
    }

    /// <summary>Every condition of every source, for the server's status page and fault-injection API.</summary>
    public IReadOnlyList<VideoSourceConditionState> Snapshot()
    {
        lock (_gate)
            return _order.Select(k =>
            {
                var e = _entries[k];
                return new VideoSourceConditionState(k.Item1, k.Item2, e.Effective, e.Forced, e.Detected);
            }).ToList();
    }

    // Publishing under the lock keeps the bus's order equal to the order of the transitions: two threads
    // flipping one condition can never leave the bus (and SetSynchronizationPoint) with the stale state.
    private void Update(string source, VideoSourceCondition condition, Action<Entry> change)
    {
        lock (_gate)
        {
            var entry = Find(source, condition);
            var before = entry.Effective;
            change(entry);
            if (_started && entry.Effective != before)
                _bus.Publish(Message(source, condition, entry.Effective, PropertyOperation.Changed, _time.GetUtcNow()));
        }
    }

    private Entry Find(string source, VideoSourceCondition condition)
    {
        if (_entries.TryGetValue((source, condition), out var entry)) return entry;
        if (!_sources.Contains(source)) throw ImagingException.NoSource(source);
        if (!Enum.IsDefined(condition)) throw new ArgumentOutOfRangeException(nameof(condition), condition, "not a video source condition");
        throw ImagingException.NoImagingForSource(source);
    }

    private static EventMessage Message(string source, VideoSourceCondition condition, bool state, PropertyOperation operation, DateTimeOffset now) =>
        new(Topics[condition], now, [new SimpleItem("Source", source)], [new SimpleItem("State", state ? "true" : "false")], operation);

    private sealed class Entry
    {
        public bool? Forced;
        public bool Detected;

        public bool Effective => Forced ?? Detected;
    }
}
