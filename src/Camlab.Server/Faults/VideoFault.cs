using Camlab.Device.Faults;

namespace Camlab.Server.Faults;

/// <summary>
/// Misbehaviour of a video source's streams (target: a video source token), applied by the render loop to every
/// stream of that source — RTSP, the video channel, MJPEG, snapshots and the recorder alike.
/// </summary>
public abstract record VideoFault(string Source)
{
    /// <summary>No new frame is produced; connections stay open and resume when the fault ends.</summary>
    public sealed record StreamStall(string Source) : VideoFault(Source);

    /// <summary>Frames come at most <paramref name="Fps"/> per second, whatever the viewers asked for.</summary>
    public sealed record FrameRateDrop(string Source, double Fps) : VideoFault(Source);

    /// <summary>A <paramref name="Share"/> of the frames carries damaged coded picture data (markers and lengths intact).</summary>
    public sealed record CorruptFrames(string Source, double Share) : VideoFault(Source);

    /// <summary>
    /// The <paramref name="Frame"/>-th video channel frame each live stream of the source sends after the fault begins
    /// carries a stream info (0x40) HeaderSize that runs past the frame (<see cref="MalformedVideoChannelHeader"/>).
    /// </summary>
    public sealed record MalformedHeader(string Source, int Frame) : VideoFault(Source);

    /// <summary>
    /// Every RTSP session streaming the source is torn down when the fault begins, and every session that starts
    /// playing while it acts right after its PLAY answer (the streaming process of the source crashes and restarts).
    /// </summary>
    public sealed record RtspSessionKill(string Source) : VideoFault(Source);

    /// <summary>The highest <c>frame</c> a MalformedHeader instruction takes.</summary>
    public const int MaxMalformedFrame = 1_000_000;

    public static readonly IReadOnlyList<string> Kinds = ["StreamStall", "FrameRateDrop", "CorruptFrames", "MalformedHeader", "RtspSessionKill"];

    /// <exception cref="FormatException">A parameter is wrong; the message names it.</exception>
    public static VideoFault? From(FaultInstruction instruction, string kind, string source)
    {
        var p = instruction.Parameters;
        VideoFault? fault = kind switch
        {
            "StreamStall" => new StreamStall(source),
            "FrameRateDrop" => new FrameRateDrop(source, p.Number("fps", 0.1, 30) ?? throw new FormatException($"'{instruction.Text}': fps: FrameRateDrop needs fps (0.1..30)")),
            "CorruptFrames" => new CorruptFrames(source, p.Number("share", 0.001, 1) ?? 1),
            "MalformedHeader" => new MalformedHeader(source, p.Integer("frame", 1, MaxMalformedFrame) ?? 1),
            "RtspSessionKill" => new RtspSessionKill(source),
            _ => null,
        };
        if (fault is not null) p.RefuseUnread(kind);
        return fault;
    }
}

/// <summary>
/// The video faults acting on one camera, read by each render loop once per tick (one volatile read while none acts).
/// The corruption draws come from the injected random source.
/// </summary>
public sealed class VideoFaults(Random random)
{
    private readonly object _gate = new();
    private readonly List<VideoFault> _active = new();
    private volatile VideoFault[] _snapshot = [];
    private volatile MalformedHeaderActivation[] _malformed = [];

    /// <summary>
    /// Raised with the source token when an <see cref="VideoFault.RtspSessionKill"/> begins (outside the faults' lock,
    /// on the thread that began it): the RTSP subscriptions of that source end their sessions.
    /// </summary>
    public event Action<string>? RtspSessionsKilled;

    public void Begin(VideoFault fault)
    {
        lock (_gate)
        {
            _active.Add(fault);
            _snapshot = [.. _active];
            if (fault is VideoFault.MalformedHeader malformed) _malformed = [.. _malformed, new MalformedHeaderActivation(malformed)];
        }
        if (fault is VideoFault.RtspSessionKill kill) RtspSessionsKilled?.Invoke(kill.Source);
    }

    public void End(VideoFault fault)
    {
        lock (_gate)
        {
            _active.RemoveAll(f => ReferenceEquals(f, fault));
            _snapshot = [.. _active];
            if (fault is VideoFault.MalformedHeader) _malformed = [.. _malformed.Where(a => !ReferenceEquals(a.Fault, fault))];
        }
    }

    /// <summary>True while an <see cref="VideoFault.RtspSessionKill"/> acts on <paramref name="source"/>: a session starting to play is killed.</summary>
    public bool KillsRtspSessions(string source)
    {
        foreach (var fault in _snapshot)
            if (fault is VideoFault.RtspSessionKill && fault.Source == source) return true;
        return false;
    }

    /// <summary>
    /// The MalformedHeader fault acting on <paramref name="source"/> now, as this activation (a new object each time it
    /// begins, so a stream counts its frames from each begin); null when none acts.
    /// </summary>
    public MalformedHeaderActivation? MalformedHeader(string source)
    {
        var active = _malformed;
        if (active.Length == 0) return null;
        foreach (var activation in active)
            if (activation.Fault.Source == source) return activation;
        return null;
    }

    /// <summary>True when the loop of <paramref name="source"/> must not produce a frame now.</summary>
    /// <param name="lastFrameAt">When the loop produced its last frame; null before the first.</param>
    public bool Holds(string source, DateTimeOffset now, DateTimeOffset? lastFrameAt)
    {
        var faults = _snapshot;
        if (faults.Length == 0) return false;
        foreach (var fault in faults)
        {
            if (fault.Source != source) continue;
            if (fault is VideoFault.StreamStall) return true;
            // A twentieth of a period of slack: ticks of a faster loop land on the slower grid despite jitter.
            if (fault is VideoFault.FrameRateDrop drop && lastFrameAt is { } last && now - last < TimeSpan.FromSeconds(0.95 / drop.Fps)) return true;
        }
        return false;
    }

    /// <summary>The payload to send: the encoder's, or a damaged copy when a CorruptFrames fault draws this frame.</summary>
    public byte[] Payload(string source, byte[] payload)
    {
        var faults = _snapshot;
        if (faults.Length == 0) return payload;
        foreach (var fault in faults)
            if (fault is VideoFault.CorruptFrames corrupt && fault.Source == source && Draw() < corrupt.Share)
                return Corrupted(payload);
        return payload;
    }

    /// <summary>
    /// A copy whose coded data in the middle third is inverted: headers (JPEG markers up to the scan, the H.264
    /// parameter sets at the start) and the end marker stay, so a decoder parses the frame and finds its content broken.
    /// </summary>
    public static byte[] Corrupted(byte[] payload)
    {
        var copy = (byte[])payload.Clone();
        var start = copy.Length * 2 / 3 - Math.Min(256, copy.Length / 6);
        var end = Math.Min(copy.Length - 2, start + Math.Min(256, copy.Length / 6) * 2);
        for (var i = Math.Max(0, start); i < end; i++)
        {
            // Neither makes nor breaks a JPEG marker (0xFF) or an H.264 start code (00 00 01..03).
            var damaged = (byte)(copy[i] ^ 0x5A);
            if (copy[i] is > 0x03 and < 0xFF && damaged is > 0x03 and < 0xFF) copy[i] = damaged;
        }
        return copy;
    }

    private double Draw()
    {
        lock (random) return random.NextDouble();
    }
}

/// <summary>One begin of a <see cref="VideoFault.MalformedHeader"/>: each live stream counts the frames it sends from here.</summary>
public sealed class MalformedHeaderActivation(VideoFault.MalformedHeader fault)
{
    public VideoFault.MalformedHeader Fault { get; } = fault;
}
