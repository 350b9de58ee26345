namespace Camlab.Server.Streaming;

/// <summary>
/// Says once when something starts losing frames: an episode begins with the first loss after
/// <see cref="QuietPeriod"/> without one, so a stream that falls behind for an hour logs one warning, and one that
/// recovers and falls behind again later logs again.
/// </summary>
public sealed class DropEpisode
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private DateTimeOffset? _lastLoss;

    /// <summary>Frames lost at <paramref name="now"/>; true when this loss begins an episode (warn now).</summary>
    public bool Lost(DateTimeOffset now)
    {
        lock (_gate)
        {
            bool begins = _lastLoss is not { } last || now - last >= QuietPeriod;
            _lastLoss = now;
            return begins;
        }
    }
}
