using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Camlab.Rtsp.Auth;
using Camlab.Rtsp.Media;

namespace Camlab.Rtsp.Server;

/// <summary>
/// An RTSP 1.0 server (RFC 2326) for live streams a host supplies through <see cref="IRtspMediaSource"/>: one TCP
/// listener (RTSP, interleaved RTP, and the RTSP-over-HTTP tunnel on the same port), one UDP port pair for RTP/RTCP
/// over UDP. Connections are served asynchronously over System.IO.Pipelines (no thread per client). Sessions that
/// are not kept alive are torn down on the injected clock.
/// </summary>
public sealed class RtspServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RtspSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RtspConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<Exception>? _log;
    private Socket? _listener;
    private UdpPortPair? _udp;
    private ITimer? _expiry;
    private Task? _accepting;

    public RtspServer(IRtspMediaSource media, RtspServerOptions options, TimeProvider time, Action<Exception>? log = null)
    {
        Media = media;
        Options = options;
        Time = time;
        _log = log;
        Authenticator = new RtspDigestAuthenticator(time, options.Realm, options.NonceLifetime);
        Tunnels = new HttpTunnels();
    }

    public IRtspMediaSource Media { get; }
    public RtspServerOptions Options { get; }
    public TimeProvider Time { get; }
    internal RtspDigestAuthenticator Authenticator { get; }
    internal HttpTunnels Tunnels { get; }
    internal UdpPortPair Udp => _udp ?? throw new InvalidOperationException("the server is not started");

    /// <summary>The bound TCP endpoint (the real port when started on port 0).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("the server is not started"));

    public int RtpPort => Udp.RtpPort;

    public int SessionCount => _sessions.Count;

    /// <summary>Sessions per state and transport, for diagnostics and tests (frames summed over the session's tracks).</summary>
    public IReadOnlyList<(string Id, string Stream, RtspSessionState State, long FramesSent, long FramesDropped, long ReceiverReports)> Sessions =>
        _sessions.Values.Select(s => (s.Id, s.Stream.Name, s.State, s.FramesSent, s.FramesDropped, s.ReceiverReports)).ToList();

    /// <summary>Frames sent per track kind of each session, for diagnostics and tests.</summary>
    public IReadOnlyList<(string Id, RtspTrackKind Track, long FramesSent)> Tracks =>
        _sessions.Values.SelectMany(s => s.Tracks.Select(t => (s.Id, t.Kind, t.FramesSent))).ToList();

    public void Start()
    {
        var listener = new Socket(Options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(Options.EndPoint);
            listener.Listen(128);
            _udp = new UdpPortPair(Options.EndPoint.Address, Options.RtpPort);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        var period = TimeSpan.FromSeconds(Math.Clamp(Options.SessionTimeout.TotalSeconds / 10, 0.1, 1));
        _expiry = Time.CreateTimer(_ => ExpireSessions(), null, period, period);
        _accepting = AcceptAsync(_stop.Token);
    }

    private async Task AcceptAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener!.AcceptAsync(cancel).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) { Log(e); continue; }
            if (_connections.Count >= Options.MaxConnections) { socket.Dispose(); continue; }
            socket.NoDelay = true;
            _ = ServeAsync(socket, cancel);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancel)
    {
        var connection = new RtspConnection(this, socket);
        _connections[connection] = 0;
        try { await connection.RunAsync(cancel).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A connection's failure never reaches the listener; unexpected ones are logged.
            if (e is not (IOException or SocketException or OperationCanceledException or ObjectDisposedException)) Log(e);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Sessions of <paramref name="group"/> not yet closed (set up or playing).</summary>
    public int CountSessions(string group) => _sessions.Values.Count(s => s.Stream.Group == group && s.State != RtspSessionState.Closed);

    private readonly object _setup = new();

    /// <summary>Registers the session (its tracks follow with <see cref="AddTrack"/>) unless its group already has the most sessions allowed (453).</summary>
    internal bool TryAdd(RtspSession session)
    {
        lock (_setup)
        {
            if (CountSessions(session.Stream.Group) >= Options.MaxSessionsPerGroup) return false;
            _sessions[session.Id] = session;
        }
        return true;
    }

    /// <summary>Adds a set-up track to its session; RTCP from a UDP track's client port is then read as the session's.</summary>
    internal void AddTrack(RtspTrack track)
    {
        track.Session.Add(track);
        if (track.Transport is UdpTransport udp) Udp.Register(udp.ClientRtcp, track.Session);
    }

    private void UnregisterUdp(RtspSession session)
    {
        foreach (var track in session.Tracks)
            if (track.Transport is UdpTransport udp) _udp?.Unregister(udp.ClientRtcp, session);
    }

    internal RtspSession? Find(string? id) => id is not null && _sessions.TryGetValue(id, out var s) ? s : null;

    internal void Close(RtspSession session, bool sendGoodbye)
    {
        if (!_sessions.TryRemove(new(session.Id, session))) return;
        UnregisterUdp(session);
        _ = session.CloseAsync(sendGoodbye).AsTask();
    }

    internal async ValueTask CloseAsync(RtspSession session, bool sendGoodbye)
    {
        if (!_sessions.TryRemove(new(session.Id, session))) return;
        UnregisterUdp(session);
        await session.CloseAsync(sendGoodbye).ConfigureAwait(false);
    }

    /// <summary>Sessions their source ended (<see cref="IRtspFrameReceiver.EndSession"/>) since the server started.</summary>
    public long SessionsKilled => Interlocked.Read(ref _killed);
    private long _killed;

    /// <summary>
    /// Ends a session as a crashed streaming process would: no BYE, the TCP connections that carry its RTP (and the
    /// POST sides of their HTTP tunnels) closed, the session forgotten (its id then answers 454).
    /// </summary>
    internal async ValueTask KillAsync(RtspSession session)
    {
        if (!_sessions.TryRemove(new(session.Id, session))) return;
        Interlocked.Increment(ref _killed);
        UnregisterUdp(session);
        await session.CloseAsync(sendGoodbye: false).ConfigureAwait(false);
        foreach (var connection in session.Tracks.Select(t => t.Transport).OfType<InterleavedTransport>().Select(t => t.Connection).Distinct())
            await connection.AbortAsync().ConfigureAwait(false);
    }

    /// <summary>Tears down every session that nothing kept alive for <see cref="RtspServerOptions.SessionTimeout"/>.</summary>
    public void ExpireSessions()
    {
        var now = Time.GetUtcNow();
        foreach (var session in _sessions.Values)
            if (now - session.LastActivity > Options.SessionTimeout) Close(session, sendGoodbye: true);
    }

    internal void Log(Exception e) => _log?.Invoke(e);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _expiry?.Dispose();
        _listener?.Dispose();
        foreach (var session in _sessions.Values) await CloseAsync(session, sendGoodbye: true).ConfigureAwait(false);
        foreach (var connection in _connections.Keys) await connection.DisposeAsync().ConfigureAwait(false);
        if (_accepting is not null) await _accepting.ConfigureAwait(false);
        _udp?.Dispose();
    }
}
