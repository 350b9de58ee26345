namespace Camlab.Onvif.Security;

/// <summary>
/// Remembers nonces for as long as a token carrying them could still be accepted, so the same token cannot be
/// played twice (WS-Security UsernameToken Profile 1.1, 3.2: "the Nonce ... used to detect replay"). Bounded:
/// when full, the oldest entries go first — they are the closest to expiring anyway. Keyed by the nonce's decoded
/// bytes (at most <see cref="MaxNonceBytes"/>), so the same value in another spelling is the same entry.
/// </summary>
public sealed class NonceCache(TimeProvider time, TimeSpan lifetime, int capacity = 100_000)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, DateTimeOffset Expiry)> _order = new();

    /// <summary>Longest nonce remembered, in bytes: ONVIF clients send 16 or 20; 64 leaves room and bounds the cache.</summary>
    public const int MaxNonceBytes = 64;

    /// <summary>Records the nonce's bytes; false when they were already seen within their lifetime (a replay).</summary>
    public bool TryAdd(ReadOnlySpan<byte> nonce)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nonce.Length, MaxNonceBytes, nameof(nonce));
        return TryAdd(Convert.ToHexString(nonce));
    }

    private bool TryAdd(string nonce)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_order.Count > 0 && (_order.Peek().Expiry <= now || _order.Count >= capacity))
            {
                var (old, expiry) = _order.Dequeue();
                if (_expiry.TryGetValue(old, out var current) && current == expiry) _expiry.Remove(old);
            }
            if (_expiry.TryGetValue(nonce, out var seen) && seen > now) return false;
            var until = now + lifetime;
            _expiry[nonce] = until;
            _order.Enqueue((nonce, until));
            return true;
        }
    }
}
