using System.Collections.Concurrent;

namespace Camlab.Server.MobileServer;

/// <summary>
/// Every command channel connection by ConnectionId, on the camera's clock: a connection silent for longer than
/// <see cref="Timeout"/> expires and its streams close; at most <see cref="MaxSessions"/> connections exist and at most
/// <see cref="MaxSessionsPerUser"/> are logged in as one user.
/// </summary>
public sealed class MobileSessions : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    public const int MaxSessions = 64;
    public const int MaxSessionsPerUser = 8;
    public const int MaxStreamsPerSession = 16;

    private readonly ConcurrentDictionary<Guid, MobileSession> _sessions = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public MobileSessions(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(_ => ExpireSilent(), null, Timeout / 6, Timeout / 6);
    }

    public TimeProvider Time => _time;

    public int Count => _sessions.Count;

    public MobileSession Create(MobileKeyExchange keys, bool processingMessages)
    {
        ExpireSilent();
        if (_sessions.Count >= MaxSessions)
            throw new MobileServerException(MobileServerError.TooManySessions, $"at most {MaxSessions} connections may be open");
        var session = new MobileSession(Guid.NewGuid(), keys, processingMessages, _time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session with that id; null when unknown or expired (expiring it now). <see cref="KeepAlive"/> marks it seen.</summary>
    public MobileSession? Find(Guid id)
    {
        if (!_sessions.TryGetValue(id, out var session)) return null;
        if (_time.GetUtcNow() - session.LastSeen > Timeout)
        {
            End(id);
            return null;
        }
        return session;
    }

    /// <summary>Marks a session seen now: only a command that passed its checks does (a ConnectionId alone keeps nothing alive).</summary>
    public void KeepAlive(MobileSession session) => session.Seen(_time.GetUtcNow());

    public int LoggedInAs(string user) => _sessions.Values.Count(s => s.User?.Name == user);

    /// <summary>The session that owns <paramref name="videoId"/>, when it is still alive.</summary>
    public (MobileSession Session, MobileStream Stream)? FindStream(Guid videoId)
    {
        var now = _time.GetUtcNow();
        foreach (var session in _sessions.Values)
            if (now - session.LastSeen <= Timeout && session.Stream(videoId) is { } stream) return (session, stream);
        return null;
    }

    /// <summary>Ends a session and closes its streams; false when there was none.</summary>
    public bool End(Guid id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        foreach (var stream in session.TakeStreams()) stream.Close();
        return true;
    }

    /// <summary>Ends every session silent for longer than <see cref="Timeout"/>; returns how many.</summary>
    public int ExpireSilent()
    {
        var now = _time.GetUtcNow();
        int ended = 0;
        foreach (var session in _sessions.Values)
            if (now - session.LastSeen > Timeout && End(session.Id)) ended++;
        return ended;
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var id in _sessions.Keys) End(id);
    }
}
