namespace Camlab.Onvif.Security;

/// <summary>
/// Which HTTP authentication schemes a camera offers and how it treats clients that keep failing, as real cameras
/// do: HTTP Digest with SHA-256 and MD5 by default (RFC 7616); Basic (RFC 7617) only when listed, and then only to
/// loopback clients unless <see cref="BasicOverNetwork"/> forces it (Basic sends the password in clear).
/// </summary>
public sealed record HttpAuthOptions
{
    public const string DigestSha256 = "Digest-SHA-256";
    public const string DigestMd5 = "Digest-MD5";
    public const string Basic = "Basic";

    public static IReadOnlyList<string> Known { get; } = [DigestSha256, DigestMd5, Basic];

    /// <summary>Offered schemes, in the order the challenges list them (RFC 7616 3.7: preferred first).</summary>
    public IReadOnlyList<string> Schemes { get; init; } = [DigestSha256, DigestMd5];

    /// <summary>Offer and accept Basic from non-loopback clients too (only with <see cref="Basic"/> in <see cref="Schemes"/>).</summary>
    public bool BasicOverNetwork { get; init; }

    /// <summary>Failed authentications from one address within <see cref="FailureWindow"/> that lock the address out.</summary>
    public int MaxFailuresPerAddress { get; init; } = 10;

    /// <summary>Failed authentications for one user name (from anywhere) within <see cref="FailureWindow"/> that lock the name out.</summary>
    public int MaxFailuresPerUser { get; init; } = 20;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a locked-out address or user name is refused (HTTP 429 with Retry-After) without checking credentials.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromSeconds(60);

    public bool Offers(string scheme) => Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Digest algorithms offered, as RFC 7616 names them (SHA-256, MD5).</summary>
    public IReadOnlyList<string> DigestAlgorithms =>
        Schemes.Where(s => s.StartsWith("Digest-", StringComparison.OrdinalIgnoreCase)).Select(s => s[7..].ToUpperInvariant()).ToList();

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem.</summary>
    public void Validate()
    {
        if (Schemes.Count == 0) throw new ArgumentException("auth.httpSchemes must list at least one scheme");
        foreach (var scheme in Schemes)
            if (!Known.Contains(scheme, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"auth.httpSchemes: unknown scheme '{scheme}' (known: {string.Join(", ", Known)})");
        if (MaxFailuresPerAddress is < 1 or > 10_000) throw new ArgumentException("auth.maxFailuresPerAddress must be within 1..10000");
        if (MaxFailuresPerUser is < 1 or > 10_000) throw new ArgumentException("auth.maxFailuresPerUser must be within 1..10000");
        if (FailureWindow <= TimeSpan.Zero || FailureWindow > TimeSpan.FromDays(1)) throw new ArgumentException("auth.failureWindowSeconds must be within 1..86400");
        if (Lockout <= TimeSpan.Zero || Lockout > TimeSpan.FromDays(1)) throw new ArgumentException("auth.lockoutSeconds must be within 1..86400");
    }
}
