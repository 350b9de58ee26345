using System.Security.Cryptography;

namespace Camlab.Server.Streaming;

/// <summary>
/// Single-use tickets that stand in for HTTP Digest on the WebSocket upgrade of <c>/video/{videoId}</c>: a browser
/// cannot answer a Digest challenge on a WebSocket handshake. The stream API (itself Digest-authenticated) issues one
/// with every answer describing a stream, in the WebSocket URL's <c>ticket</c> query parameter: 128 random bits,
/// bound to that video ID, valid <see cref="Lifetime"/> on the camera's clock, gone once presented (right or wrong
/// stream). Only the WebSocket upgrade accepts them; HTTP push and pull still need Digest.
/// </summary>
public sealed class StreamTickets(TimeProvider time)
{
    /// <summary>How long a ticket waits for its upgrade.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Outstanding tickets kept at most; the oldest go first (each authenticated answer issues one).</summary>
    public const int Capacity = 4096;

    private readonly Dictionary<string, (Guid VideoId, DateTimeOffset Expires)> _tickets = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Outstanding { get { lock (_tickets) return _tickets.Count; } }

    /// <summary>A new ticket for <paramref name="videoId"/>, URL-safe (base64url, 22 characters).</summary>
    public string Issue(Guid videoId)
    {
        var ticket = Base64Url(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        lock (_tickets)
        {
            while (_order.Count > 0 && (_tickets.Count >= Capacity || !_tickets.TryGetValue(_order.Peek(), out var t) || t.Expires <= now))
                _tickets.Remove(_order.Dequeue());
            _tickets[ticket] = (videoId, now + Lifetime);
            _order.Enqueue(ticket);
        }
        return ticket;
    }

    /// <summary>
    /// Consumes <paramref name="ticket"/>: true when it was issued for <paramref name="videoId"/> and has not expired.
    /// A ticket is consumed by any presentation, so a wrong guess of the stream cannot be retried with it.
    /// </summary>
    public bool TryConsume(string ticket, Guid videoId)
    {
        (Guid VideoId, DateTimeOffset Expires) entry;
        lock (_tickets)
        {
            if (!_tickets.Remove(ticket, out entry)) return false;
        }
        // Constant-time comparison is unnecessary: the ticket itself was matched by a hash lookup of 128 random bits.
        return entry.VideoId == videoId && time.GetUtcNow() < entry.Expires;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
