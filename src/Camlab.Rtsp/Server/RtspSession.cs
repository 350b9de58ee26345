using Camlab.Rtsp.Media;
using Camlab.Rtsp.Rtcp;

namespace Camlab.Rtsp.Server;

public enum RtspSessionState { Ready, Playing, Closed }

/// <summary>
/// One RTSP session (RFC 2326 A.1): one stream and the tracks of it that SETUP requests added (the video, and the
/// ONVIF metadata when the stream has it), started, paused and torn down together. Kept alive by RTSP requests, RTCP
/// from the client and TCP traffic; the server tears it down when none came for the timeout.
/// </summary>
internal sealed class RtspSession
{
    private readonly object _gate = new();
    private readonly List<RtspTrack> _tracks = new(2);
    private long _lastActivity;
    private int _closing;
    // A PLAY is being answered: a kill waits for the answer to go out (EndStart).
    private bool _starting;
    private bool _killAfterStart;

    public RtspSession(RtspServer server, string id, RtspStreamDescription stream, string path)
    {
        Server = server;
        Id = id;
        Stream = stream;
        Path = path;
        CName = $"camlab-{id[..8]}@{server.Options.ServerName}";
        Touch();
    }

    public RtspServer Server { get; }
    public string Id { get; }
    public RtspStreamDescription Stream { get; }

    /// <summary>The aggregate path the session was set up for (a track's control URL is path + "/trackID=n").</summary>
    public string Path { get; }
    public string CName { get; }
    public RtspSessionState State { get; private set; } = RtspSessionState.Ready;

    public IReadOnlyList<RtspTrack> Tracks
    {
        get { lock (_gate) return _tracks.ToArray(); }
    }

    public long FramesSent => Tracks.Sum(t => t.FramesSent);
    public long FramesDropped => Tracks.Sum(t => t.FramesDropped);
    public long ReceiverReports { get; private set; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivity), TimeSpan.Zero);

    public void Touch() => Interlocked.Exchange(ref _lastActivity, Server.Time.GetUtcNow().UtcTicks);

    /// <summary>Adds a track set up by SETUP: only while the session is not playing, and each kind once (RFC 2326 10.4).</summary>
    public void Add(RtspTrack track)
    {
        lock (_gate)
        {
            if (State == RtspSessionState.Closed) throw new ObjectDisposedException(Id);
            if (_tracks.Any(t => t.Kind == track.Kind)) throw new Protocol.RtspProtocolException(Protocol.RtspStatus.AggregateOperationNotAllowed, $"{track.Control} is set up in this session already");
            if (State == RtspSessionState.Playing) throw new Protocol.RtspProtocolException(Protocol.RtspStatus.MethodNotValidInThisState, "a track cannot be added while the session plays: PAUSE first");
            _tracks.Add(track);
        }
    }

    public void OnRtcp(ReadOnlySpan<byte> compound)
    {
        var reports = RtcpPackets.CountReceiverReports(compound);
        if (reports < 0) return;
        ReceiverReports += reports;
        Touch();
    }

    /// <summary>Starts (or resumes) every track; returns, per track, the sequence number and RTP time its first packet will have.</summary>
    public IReadOnlyList<(RtspTrack Track, ushort Sequence, uint RtpTime)> Play()
    {
        lock (_gate)
        {
            if (State == RtspSessionState.Closed) throw new ObjectDisposedException(Id);
            State = RtspSessionState.Playing;
            var now = Server.Time.GetUtcNow();
            return _tracks.Select(t => t.Play(now) is var (sequence, rtpTime) ? (t, sequence, rtpTime) : default).ToList();
        }
    }

    /// <summary>A PLAY of this session is being handled; <see cref="EndStart"/> follows once its answer is sent.</summary>
    public void BeginStart()
    {
        lock (_gate) _starting = true;
    }

    /// <summary>The PLAY answer went out; true when the session was killed meanwhile and is to be torn down now.</summary>
    public bool EndStart()
    {
        lock (_gate)
        {
            _starting = false;
            var kill = _killAfterStart;
            _killAfterStart = false;
            return kill;
        }
    }

    /// <summary>The source ended the session (<see cref="IRtspFrameReceiver.EndSession"/>): torn down now, or after the PLAY answer being sent.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (State == RtspSessionState.Closed) return;
            if (_starting)
            {
                _killAfterStart = true;
                return;
            }
        }
        // Off the caller's thread: the source may call from inside its own locks.
        _ = Task.Run(async () => await Server.KillAsync(this).ConfigureAwait(false));
    }

    public void Pause()
    {
        RtspTrack[] tracks;
        lock (_gate)
        {
            if (State != RtspSessionState.Playing) return;
            State = RtspSessionState.Ready;
            tracks = _tracks.ToArray();
        }
        foreach (var track in tracks) track.Pause();
    }

    /// <summary>Stops sending; sends BYE on every track when asked and its transport is still there. Idempotent.</summary>
    public async ValueTask CloseAsync(bool sendGoodbye)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        Pause();
        RtspTrack[] tracks;
        lock (_gate)
        {
            State = RtspSessionState.Closed;
            tracks = _tracks.ToArray();
        }
        if (!sendGoodbye) return;
        foreach (var track in tracks)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await track.Transport.SendGoodbyeAsync(track, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException) { }
        }
    }
}
