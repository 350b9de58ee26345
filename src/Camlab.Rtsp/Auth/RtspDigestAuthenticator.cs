using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Camlab.Rtsp.Media;

namespace Camlab.Rtsp.Auth;

public enum DigestResult { Valid, Invalid, Stale, Forbidden }

/// <summary>
/// RTSP Digest authentication (RFC 2326 references RFC 2069/2617; algorithms as RFC 7616): MD5, which RTSP clients
/// implement, and SHA-256 offered first. Nonces are stateless — issue time, random bytes and an HMAC under a
/// per-process key — and live <see cref="NonceLifetime"/>; a correct answer to an expired genuine nonce is
/// <c>stale=true</c>. With qop=auth the nonce count must grow per nonce (RFC 7616 3.4.5), refusing replays; clients
/// that answer without qop (RFC 2069 style: GStreamer, many NVRs) reuse the nonce until it expires, as RTSP cameras
/// allow. The same rules as the ONVIF HTTP Digest of the host, written again here because this library stands alone.
/// </summary>
public sealed class RtspDigestAuthenticator(TimeProvider time, string realm, TimeSpan nonceLifetime)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, (uint Count, DateTimeOffset Expiry)> _counts = new(StringComparer.Ordinal);
    private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string Realm { get; } = realm;
    public TimeSpan NonceLifetime { get; } = nonceLifetime;

    /// <summary>WWW-Authenticate values: SHA-256 first (RFC 7616 3.7), MD5 last — clients that read one keep the last.</summary>
    public IReadOnlyList<string> Challenges(bool stale = false)
    {
        var tail = $"nonce=\"{IssueNonce()}\", opaque=\"{_opaque}\"" + (stale ? ", stale=true" : "");
        return
        [
            $"Digest realm=\"{Realm}\", qop=\"auth\", {tail}, algorithm=SHA-256",
            $"Digest realm=\"{Realm}\", {tail}, algorithm=MD5",
        ];
    }

    public DigestResult Validate(string? authorization, string method, string requestUri, IRtspUserDirectory users, out RtspUser? user)
    {
        user = null;
        if (authorization is null || !authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return DigestResult.Invalid;
        var fields = ParseFields(authorization.AsSpan(7));
        if (fields is null) return DigestResult.Invalid;
        string? Get(string key) => fields.GetValueOrDefault(key);
        var (name, nonce, uri, response) = (Get("username"), Get("nonce"), Get("uri"), Get("response"));
        if (name is null || nonce is null || uri is null || response is null || Get("realm") != Realm) return DigestResult.Invalid;
        Func<string, string>? hash = (Get("algorithm") ?? "MD5").ToUpperInvariant() switch
        {
            "MD5" => s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))),
            "SHA-256" => s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
            _ => null,
        };
        if (hash is null || !UriMatches(uri, requestUri)) return DigestResult.Invalid;
        var qop = Get("qop");
        uint count = 0;
        if (qop is not null && (qop != "auth" || Get("nc") is not { } nc || Get("cnonce") is null
            || !uint.TryParse(nc, System.Globalization.NumberStyles.HexNumber, null, out count))) return DigestResult.Invalid;

        var nonceState = CheckNonce(nonce);
        if (nonceState == DigestResult.Invalid) return DigestResult.Invalid;
        var account = users.Find(name);
        if (account is null) return DigestResult.Invalid;
        var ha1 = hash($"{name}:{Realm}:{account.Password}");
        var ha2 = hash($"{method}:{uri}");
        var expected = qop is null ? hash($"{ha1}:{nonce}:{ha2}") : hash($"{ha1}:{nonce}:{Get("nc")}:{Get("cnonce")}:{qop}:{ha2}");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
            return DigestResult.Invalid;
        if (nonceState == DigestResult.Stale) return DigestResult.Stale;
        if (qop is not null && !AdvanceCount(nonce, count)) return DigestResult.Invalid;
        user = account;
        return account.MayReadMedia ? DigestResult.Valid : DigestResult.Forbidden;
    }

    private string IssueNonce()
    {
        Span<byte> buffer = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(buffer, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(buffer.Slice(8, 8));
        HMACSHA256.HashData(_key, buffer[..16]).AsSpan(0, 8).CopyTo(buffer[16..]);
        return Convert.ToHexStringLower(buffer);
    }

    private DigestResult CheckNonce(string nonce)
    {
        Span<byte> buffer = stackalloc byte[24];
        if (nonce.Length != 48 || Convert.FromHexString(nonce, buffer, out _, out var written) != System.Buffers.OperationStatus.Done || written != 24)
            return DigestResult.Invalid;
        var mac = HMACSHA256.HashData(_key, buffer[..16]).AsSpan(0, 8);
        if (!CryptographicOperations.FixedTimeEquals(mac, buffer[16..])) return DigestResult.Invalid;
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(buffer));
        return time.GetUtcNow() - issued > NonceLifetime ? DigestResult.Stale : DigestResult.Valid;
    }

    private bool AdvanceCount(string nonce, uint count)
    {
        var now = time.GetUtcNow();
        lock (_counts)
        {
            if (_counts.Count > 10_000)
                foreach (var expired in _counts.Where(p => p.Value.Expiry <= now).Select(p => p.Key).ToList()) _counts.Remove(expired);
            if (_counts.TryGetValue(nonce, out var seen) && count <= seen.Count) return false;
            _counts[nonce] = (count, now + NonceLifetime);
            return true;
        }
    }

    // Clients put the URL of the request in uri, absolute or not; some send the aggregate URL for every track.
    private static bool UriMatches(string uri, string requestUri)
    {
        if (uri == requestUri) return true;
        static string PathOf(string u) => (Uri.TryCreate(u, UriKind.Absolute, out var a) ? a.AbsolutePath : u).TrimEnd('/');
        var (digest, request) = (PathOf(uri), PathOf(requestUri));
        return digest == request || request.StartsWith(digest + "/", StringComparison.Ordinal);
    }

    /// <summary>RFC 7616 auth-param list: key=token or key="quoted string", comma separated; null when malformed.</summary>
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
