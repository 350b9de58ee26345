using Camlab.Onvif.Security;

namespace Camlab.Server.MobileServer;

/// <summary>
/// One command channel connection: made by Connect (key exchange), logged in by LogIn, kept alive by any command
/// (the clients send LiveMessage every third of <see cref="MobileSessions.Timeout"/>), ended by Disconnect or by
/// silence. It owns the streams it requested (they close with it) and the CHAP challenges it was given (each valid once).
/// </summary>
public sealed class MobileSession
{
    public const int MaxChallenges = 1000;
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(59);

    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _challenges = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _challengeOrder = new();
    private readonly Dictionary<Guid, MobileStream> _streams = new();

    internal MobileSession(Guid id, MobileKeyExchange keys, bool processingMessages, DateTimeOffset now)
    {
        Id = id;
        Keys = keys;
        ProcessingMessages = processingMessages;
        LastSeen = now;
    }

    public Guid Id { get; }
    public MobileKeyExchange Keys { get; }
    public bool ProcessingMessages { get; }

    /// <summary>Null until LogIn succeeds.</summary>
    public UserAccount? User { get; private set; }
    public DateTimeOffset LastSeen { get; private set; }

    internal void Seen(DateTimeOffset now)
    {
        lock (_gate) LastSeen = now;
    }

    internal void LogIn(UserAccount user)
    {
        lock (_gate) User = user;
    }

    /// <summary>New single-use challenges (RequestChallenges, LogIn's NumChallenges); beyond <see cref="MaxChallenges"/> the oldest go.</summary>
    public IReadOnlyList<string> IssueChallenges(int count, DateTimeOffset now)
    {
        var issued = new List<string>(count);
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                while (_challengeOrder.Count > 0 && (_challenges.Count >= MaxChallenges || !_challenges.ContainsKey(_challengeOrder.Peek())))
                    _challenges.Remove(_challengeOrder.Dequeue());
                var challenge = Guid.NewGuid().ToString();
                _challenges[challenge] = now + ChallengeLifetime;
                _challengeOrder.Enqueue(challenge);
                issued.Add(challenge);
            }
        }
        return issued;
    }

    /// <summary>Spends <paramref name="challenge"/>: true when it was issued, unexpired and answered with the shared key.</summary>
    public bool TrySpend(string challenge, string answer, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_challenges.Remove(challenge, out var expires)) return false;
            return expires > now && Keys.Verifies(challenge, answer);
        }
    }

    public int OutstandingChallenges { get { lock (_gate) return _challenges.Count; } }

    internal void Add(MobileStream stream)
    {
        lock (_gate) _streams[stream.VideoId] = stream;
    }

    internal MobileStream? Stream(Guid videoId)
    {
        lock (_gate) return _streams.GetValueOrDefault(videoId);
    }

    internal bool Remove(Guid videoId)
    {
        lock (_gate) return _streams.Remove(videoId);
    }

    internal IReadOnlyList<MobileStream> TakeStreams()
    {
        lock (_gate)
        {
            var all = _streams.Values.ToList();
            _streams.Clear();
            return all;
        }
    }

    /// <summary>The streams still open (the registry may have closed an idle one without a connection).</summary>
    public int StreamCount
    {
        get
        {
            lock (_gate)
            {
                foreach (var gone in _streams.Values.Where(s => !s.IsOpen).Select(s => s.VideoId).ToList()) _streams.Remove(gone);
                return _streams.Count;
            }
        }
    }
}

/// <summary>A stream a session requested: its Video ID, the camera it shows, and whether it plays back a recording.</summary>
public sealed record MobileStream(Guid VideoId, MobileCamera Camera, bool Playback)
{
    public bool IsOpen => Playback ? Camera.Video.Recordings?.FindPlayback(VideoId) is not null : Camera.Video.Streams.Find(VideoId) is not null;

    /// <summary>Closes the underlying live or playback stream; false when it was already gone.</summary>
    public bool Close() => Playback
        ? Camera.Video.Recordings?.DeletePlayback(VideoId) ?? false
        : Camera.Video.Streams.Delete(VideoId);
}
