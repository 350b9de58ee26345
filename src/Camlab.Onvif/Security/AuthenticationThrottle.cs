using System.Net;

namespace Camlab.Onvif.Security;

/// <summary>An address or user name locked out after too many failed authentications.</summary>
/// <param name="Kind">"address" or "user".</param>
public sealed record AuthenticationLockout(string Kind, string Key, int Failures, DateTimeOffset Until);

/// <summary>
/// Counts failed authentications per client address and per user name on the camera's clock and locks out the
/// one that crosses its limit for <see cref="HttpAuthOptions.Lockout"/>: a locked-out client is answered at once,
/// without checking credentials, while every other address and user carries on untouched. Bounded: at most
/// <see cref="MaxTracked"/> addresses and names are tracked, the stalest forgotten first.
/// </summary>
public sealed class AuthenticationThrottle(TimeProvider time, HttpAuthOptions options)
{
    public const int MaxTracked = 10_000;

    private sealed class Record
    {
        public readonly Queue<DateTimeOffset> Failures = new();
        public DateTimeOffset LockedUntil;
        public DateTimeOffset LastSeen;
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Record> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Record> _users = new(StringComparer.Ordinal);

    /// <summary>Raised (outside the lock) when an address or a user name becomes locked out.</summary>
    public event Action<AuthenticationLockout>? LockedOut;

    /// <summary>How long the client must still wait, or null when neither its address nor the user name is locked out.</summary>
    public TimeSpan? RetryAfter(IPAddress? address, string? user)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var until = DateTimeOffset.MinValue;
            if (address is not null && _addresses.TryGetValue(Key(address), out var a)) until = a.LockedUntil;
            if (user is not null && _users.TryGetValue(user, out var u) && u.LockedUntil > until) until = u.LockedUntil;
            return until > now ? until - now : null;
        }
    }

    /// <summary>Records a failed authentication (wrong password, unknown user, refused scheme).</summary>
    public void Failed(IPAddress? address, string? user)
    {
        var locks = new List<AuthenticationLockout>(2);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (address is not null && Count(_addresses, Key(address), now, options.MaxFailuresPerAddress) is { } n)
                locks.Add(new("address", Key(address), n, now + options.Lockout));
            // Names are bounded (256 characters by the authenticators) before they get here.
            if (!string.IsNullOrEmpty(user) && Count(_users, user, now, options.MaxFailuresPerUser) is { } m)
                locks.Add(new("user", user, m, now + options.Lockout));
        }
        foreach (var lockout in locks) LockedOut?.Invoke(lockout);
    }

    /// <summary>A client proved its password: its address starts again with no failures.</summary>
    public void Succeeded(IPAddress? address)
    {
        if (address is null) return;
        lock (_gate)
            if (_addresses.TryGetValue(Key(address), out var record) && record.LockedUntil <= time.GetUtcNow()) record.Failures.Clear();
    }

    /// <summary>Adds a failure; returns the failure count when this one locks the key out.</summary>
    private int? Count(Dictionary<string, Record> table, string key, DateTimeOffset now, int limit)
    {
        if (!table.TryGetValue(key, out var record))
        {
            if (table.Count >= MaxTracked) Forget(table, now);
            table[key] = record = new Record();
        }
        record.LastSeen = now;
        if (record.LockedUntil > now) return null;
        while (record.Failures.Count > 0 && now - record.Failures.Peek() >= options.FailureWindow) record.Failures.Dequeue();
        record.Failures.Enqueue(now);
        if (record.Failures.Count < limit) return null;
        var failures = record.Failures.Count;
        record.Failures.Clear();
        record.LockedUntil = now + options.Lockout;
        return failures;
    }

    private void Forget(Dictionary<string, Record> table, DateTimeOffset now)
    {
        foreach (var stale in table.Where(p => p.Value.LockedUntil <= now && now - p.Value.LastSeen >= options.FailureWindow).Select(p => p.Key).ToList())
            table.Remove(stale);
        if (table.Count >= MaxTracked) table.Remove(table.MinBy(p => p.Value.LastSeen).Key);
    }

    // IPv4-mapped IPv6 addresses are the same client as their IPv4 form.
    private static string Key(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
