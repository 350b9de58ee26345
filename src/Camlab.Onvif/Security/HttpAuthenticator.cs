using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Camlab.Onvif.Security;

/// <summary>What <see cref="HttpAuthenticator.Authenticate"/> decided.</summary>
public enum HttpAuthOutcome
{
    Valid,
    /// <summary>No credentials in an offered scheme: answer 401 with the challenges.</summary>
    Missing,
    /// <summary>Credentials refused (counted as a failure): 401 with the challenges.</summary>
    Invalid,
    /// <summary>A correct Digest response on an expired nonce: 401 with stale=true.</summary>
    Stale,
    /// <summary>The address or user name is locked out: 429 with Retry-After, credentials not checked.</summary>
    LockedOut,
}

public readonly record struct HttpAuthResult(HttpAuthOutcome Outcome, UserAccount? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// A camera's HTTP authentication: the schemes of <see cref="HttpAuthOptions"/> (HTTP Digest via
/// <see cref="HttpDigestAuthenticator"/>, Basic when enabled and allowed for the client) and the failed-login
/// <see cref="AuthenticationThrottle"/>. Shared by every HTTP endpoint of the camera (SOAP, video, JSON APIs), so
/// a nonce or a lockout earned on one holds for all.
/// </summary>
public sealed class HttpAuthenticator
{
    private readonly IUserDirectory _users;

    public HttpAuthenticator(IUserDirectory users, TimeProvider time, string realm, TimeSpan nonceLifetime, HttpAuthOptions options)
    {
        options.Validate();
        _users = users;
        Options = options;
        Digest = new HttpDigestAuthenticator(users, time, realm, nonceLifetime, options.DigestAlgorithms);
        Throttle = new AuthenticationThrottle(time, options);
    }

    public HttpAuthOptions Options { get; }

    public HttpDigestAuthenticator Digest { get; }

    public AuthenticationThrottle Throttle { get; }

    /// <summary>Basic is offered to this client: listed, and the client is on loopback or Basic is forced over the network.</summary>
    public bool BasicAllowed(IPAddress? remote) =>
        Options.Offers(HttpAuthOptions.Basic) && (Options.BasicOverNetwork || (remote is not null && IPAddress.IsLoopback(remote)));

    /// <summary>The WWW-Authenticate values for this client.</summary>
    public IReadOnlyList<string> Challenges(bool stale, IPAddress? remote)
    {
        var digest = Options.DigestAlgorithms.Count > 0 ? Digest.Challenges(stale) : [];
        return BasicAllowed(remote) ? [.. digest, $"Basic realm=\"{Digest.Realm}\", charset=\"UTF-8\""] : digest;
    }

    public HttpAuthResult Authenticate(string? authorization, string method, string requestTarget, IPAddress? remote)
    {
        if (string.IsNullOrEmpty(authorization))
            return Throttle.RetryAfter(remote, null) is { } wait ? new(HttpAuthOutcome.LockedOut, RetryAfter: wait) : new(HttpAuthOutcome.Missing);
        var claimed = ClaimedUser(authorization);
        if (Throttle.RetryAfter(remote, claimed) is { } retry) return new(HttpAuthOutcome.LockedOut, RetryAfter: retry);

        UserAccount? user = null;
        var outcome = HttpAuthOutcome.Invalid;
        if (authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase) && Options.DigestAlgorithms.Count > 0)
        {
            outcome = Digest.Validate(authorization, method, requestTarget, out user) switch
            {
                DigestOutcome.Valid => HttpAuthOutcome.Valid,
                DigestOutcome.Stale => HttpAuthOutcome.Stale,
                _ => HttpAuthOutcome.Invalid,
            };
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicAllowed(remote))
        {
            user = ValidateBasic(authorization.AsSpan(6).Trim());
            outcome = user is null ? HttpAuthOutcome.Invalid : HttpAuthOutcome.Valid;
        }
        // Anything else (Basic where it is not offered, an unknown scheme) is a failed attempt too: a client that
        // repeats it gets locked out instead of looping on 401s.

        if (outcome == HttpAuthOutcome.Valid) Throttle.Succeeded(remote);
        else if (outcome == HttpAuthOutcome.Invalid) Throttle.Failed(remote, claimed);
        return new(outcome, outcome == HttpAuthOutcome.Valid ? user : null);
    }

    private const int MaxBasicLength = 1024;

    private UserAccount? ValidateBasic(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length > MaxBasicLength) return null;
        Span<byte> bytes = stackalloc byte[MaxBasicLength];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written)) return null;
        string text;
        try { text = new UTF8Encoding(false, true).GetString(bytes[..written]); }
        catch (DecoderFallbackException) { return null; }
        var colon = text.IndexOf(':');
        if (colon <= 0) return null;
        var account = _users.Find(text[..colon]);
        return account is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text[(colon + 1)..]), Encoding.UTF8.GetBytes(account.Password))
            ? account
            : null;
    }

    /// <summary>The user name an Authorization header claims (Digest username, Basic user-id), bounded; null when none.</summary>
    public static string? ClaimedUser(string authorization)
    {
        string? name = null;
        if (authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
            name = HttpDigestAuthenticator.ParseFields(authorization.AsSpan(7))?.GetValueOrDefault("username");
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && authorization.Length - 6 <= MaxBasicLength)
        {
            Span<byte> bytes = stackalloc byte[MaxBasicLength];
            if (Convert.TryFromBase64Chars(authorization.AsSpan(6).Trim(), bytes, out var written))
            {
                var text = Encoding.UTF8.GetString(bytes[..written]);
                var colon = text.IndexOf(':');
                name = colon > 0 ? text[..colon] : null;
            }
        }
        return name is { Length: > 0 and <= HttpDigestAuthenticator.MaxFieldLength } ? name : null;
    }
}
