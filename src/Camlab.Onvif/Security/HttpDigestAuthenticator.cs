using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Camlab.Onvif.Security;

/// <summary>The outcome of checking an <c>Authorization: Digest</c> header.</summary>
public enum DigestOutcome { Valid, Invalid, Stale }

/// <summary>
/// HTTP Digest access authentication (RFC 7616) with qop=auth and the MD5 and SHA-256 algorithms. Nonces are
/// stateless (issue time + HMAC under a per-process key) and expire after <see cref="NonceLifetime"/>; an
/// expired but genuine nonce gets <c>stale=true</c> so clients retry without asking the user. Nonce counts
/// must increase per nonce (RFC 7616 3.4.5), which refuses a replayed Authorization header.
/// </summary>
public sealed class HttpDigestAuthenticator
{
    private readonly IUserDirectory _users;
    private readonly TimeProvider _time;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, (uint Count, DateTimeOffset Expiry)> _counts = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Algorithm, string User), (string Password, string Hash)> _a1 = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Algorithm, string Method, string Uri), string> _a2 = new();
    private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Longest username or cnonce accepted, in characters.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>Longest digest-uri accepted (the request target it must equal is bounded by the web server too).</summary>
    public const int MaxUriLength = 2048;

    /// <summary>Nonces whose count is tracked at once.</summary>
    public const int MaxTrackedNonces = 10_000;

    /// <param name="algorithms">The algorithms offered and accepted, preferred first (default SHA-256, MD5).</param>
    public HttpDigestAuthenticator(IUserDirectory users, TimeProvider time, string realm, TimeSpan nonceLifetime, IReadOnlyList<string>? algorithms = null)
    {
        _users = users;
        _time = time;
        Realm = realm;
        NonceLifetime = nonceLifetime;
        Algorithms = algorithms ?? ["SHA-256", "MD5"];
    }

    public IReadOnlyList<string> Algorithms { get; }

    public string Realm { get; }

    public TimeSpan NonceLifetime { get; }

    /// <summary>The WWW-Authenticate values, one per algorithm (RFC 7616 3.7: preferred first, SHA-256 by default).</summary>
    public IReadOnlyList<string> Challenges(bool stale = false)
    {
        var nonce = IssueNonce();
        var tail = $"qop=\"auth\", nonce=\"{nonce}\", opaque=\"{_opaque}\"" + (stale ? ", stale=true" : "");
        return Algorithms.Select(a => $"Digest realm=\"{Realm}\", {tail}, algorithm={a}").ToList();
    }

    public DigestOutcome Validate(string authorization, string method, string requestTarget, out UserAccount? user)
    {
        user = null;
        if (!authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return DigestOutcome.Invalid;
        var fields = ParseFields(authorization.AsSpan(7));
        if (fields is null) return DigestOutcome.Invalid;
        string? Get(string key) => fields.GetValueOrDefault(key);

        var userName = Get("username");
        var nonce = Get("nonce");
        var uri = Get("uri");
        var response = Get("response");
        var realm = Get("realm");
        if (userName is null || nonce is null || uri is null || response is null || realm != Realm) return DigestOutcome.Invalid;
        var algorithm = (Get("algorithm") ?? "MD5").ToUpperInvariant();
        if (!Algorithms.Contains(algorithm, StringComparer.Ordinal)) return DigestOutcome.Invalid;
        Func<string, string> hash = algorithm switch
        {
            "MD5" => s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))),
            "SHA-256" => s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
            _ => null!,
        };
        if (hash is null) return DigestOutcome.Invalid;
        if (!UriMatches(uri, requestTarget)) return DigestOutcome.Invalid;
        var qop = Get("qop");
        var nc = Get("nc");
        var cnonce = Get("cnonce");
        if (qop != "auth" || nc is null || cnonce is null) return DigestOutcome.Invalid;
        // RFC 7616 3.4: nc-value = 8LHEX. One spelling per count, so a replay cannot pass as a higher count.
        if (nc.Length != 8 || !uint.TryParse(nc, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var count)) return DigestOutcome.Invalid;
        if (cnonce.Length > MaxFieldLength || userName.Length > MaxFieldLength || uri.Length > MaxUriLength) return DigestOutcome.Invalid;

        var nonceState = CheckNonce(nonce);
        if (nonceState == DigestOutcome.Invalid) return DigestOutcome.Invalid;

        var account = _users.Find(userName);
        if (account is null) return DigestOutcome.Invalid;
        var ha1 = HashA1(algorithm, userName, account.Password, hash);
        // A2 = method:uri repeats on every request to an endpoint; kept only once a request proved it (bounded).
        var a2Key = (algorithm, method, uri);
        var cachedA2 = _a2.TryGetValue(a2Key, out var ha2);
        ha2 ??= hash($"{method}:{uri}");
        var expected = hash($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
            return DigestOutcome.Invalid;
        if (!cachedA2 && _a2.Count < 64) _a2.TryAdd(a2Key, ha2);
        // Only a correct response with an expired nonce is "stale": the client knows the password.
        if (nonceState == DigestOutcome.Stale) return DigestOutcome.Stale;
        if (!AdvanceCount(nonce, count)) return DigestOutcome.Invalid;
        user = account;
        return DigestOutcome.Valid;
    }

    // RFC 7616 3.4.2: A1 = username:realm:password does not change between requests, so its hash is kept per
    // user and algorithm (and recomputed when the password changed); only the nonce-bound hashes are per request.
    // Keyed by the user name as the client sent it (that is what A1 hashes); only names the directory knows get here.
    private string HashA1(string algorithm, string userName, string password, Func<string, string> hash)
    {
        var key = (algorithm, userName);
        if (_a1.TryGetValue(key, out var cached) && cached.Password == password) return cached.Hash;
        var ha1 = hash($"{userName}:{Realm}:{password}");
        _a1[key] = (password, ha1);
        return ha1;
    }

    private string IssueNonce()
    {
        Span<byte> buffer = stackalloc byte[8 + 16];
        BinaryPrimitives.WriteInt64BigEndian(buffer, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(buffer.Slice(8, 8));
        HMACSHA256.HashData(_key, buffer[..16]).AsSpan(0, 8).CopyTo(buffer[16..]);
        return Convert.ToBase64String(buffer);
    }

    private DigestOutcome CheckNonce(string nonce)
    {
        // Only the canonical spelling of a nonce we issued (32 characters) is accepted: the count table is keyed by it.
        if (CanonicalBase64.Decode(nonce, 24) is not { Length: 24 } decoded) return DigestOutcome.Invalid;
        Span<byte> buffer = decoded;
        // A nonce with a count on record passed this MAC check before (counts are only kept for valid requests),
        // so its issue time is ours; only a new nonce costs an HMAC.
        bool known;
        lock (_counts) known = _counts.ContainsKey(nonce);
        if (!known)
        {
            var mac = HMACSHA256.HashData(_key, buffer[..16]).AsSpan(0, 8);
            if (!CryptographicOperations.FixedTimeEquals(mac, buffer[16..])) return DigestOutcome.Invalid;
        }
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(buffer));
        return _time.GetUtcNow() - issued > NonceLifetime ? DigestOutcome.Stale : DigestOutcome.Valid;
    }

    private bool AdvanceCount(string nonce, uint count)
    {
        var now = _time.GetUtcNow();
        lock (_counts)
        {
            if (_counts.Count >= MaxTrackedNonces)
                foreach (var expired in _counts.Where(p => p.Value.Expiry <= now).Select(p => p.Key).ToList()) _counts.Remove(expired);
            // Still full of live nonces: the one closest to expiring goes (its client gets a fresh challenge).
            if (_counts.Count >= MaxTrackedNonces && !_counts.ContainsKey(nonce))
                _counts.Remove(_counts.MinBy(p => p.Value.Expiry).Key);
            if (_counts.TryGetValue(nonce, out var seen) && count <= seen.Count) return false;
            _counts[nonce] = (count, now + NonceLifetime);
            return true;
        }
    }

    // Clients send the request-target as they sent it on the request line: path with query, sometimes absolute.
    private static bool UriMatches(string uri, string requestTarget)
    {
        if (uri == requestTarget) return true;
        return Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.PathAndQuery == requestTarget;
    }

    /// <summary>RFC 7616 auth-param list: key=token or key="quoted string", comma separated.</summary>
    public static Dictionary<string, string>? ParseFields(ReadOnlySpan<char> text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) i++;
            if (i >= text.Length) break;
            var start = i;
            while (i < text.Length && text[i] != '=') i++;
            if (i >= text.Length) return null;
            var key = text[start..i].Trim().ToString();
            i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) return null;
                i++;
                value = sb.ToString();
            }
            else
            {
                start = i;
                while (i < text.Length && text[i] != ',') i++;
                value = text[start..i].Trim().ToString();
            }
            fields[key] = value;
        }
        return fields;
    }
}
