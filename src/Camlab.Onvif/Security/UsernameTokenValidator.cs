using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Security;

/// <summary>
/// WS-Security UsernameToken (OASIS UsernameToken Profile 1.0/1.1) as ONVIF core 5.9.2 requires: PasswordDigest
/// = Base64(SHA-1(nonce + created + password)) and PasswordText; Created must lie within the skew window of
/// our clock and a nonce is accepted once within the freshness window. Every refusal is ter:NotAuthorized.
/// </summary>
public sealed class UsernameTokenValidator
{
    public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string PasswordTextType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private readonly IUserDirectory _users;
    private readonly TimeProvider _time;
    private readonly TimeSpan _skew;
    private readonly NonceCache _nonces;

    public UsernameTokenValidator(IUserDirectory users, TimeProvider time, TimeSpan skew)
    {
        _users = users;
        _time = time;
        _skew = skew;
        // A token is acceptable while Created is within ±skew, so its nonce must be remembered for 2×skew.
        _nonces = new NonceCache(time, skew + skew);
    }

    /// <summary>The UsernameToken inside the header's wsse:Security, or null when the request carries none.</summary>
    public static XElement? FindToken(XElement? header) =>
        header?.Elements(XName.Get("Security", OnvifNamespaces.WsSecurity))
            .Elements(XName.Get("UsernameToken", OnvifNamespaces.WsSecurity)).FirstOrDefault();

    /// <summary>Longest Username, Password or Created text read (a user name is at most 64 characters, ONVIF core 8.4.3).</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The Username a token claims, when it is at most <see cref="MaxFieldLength"/> characters; null otherwise.</summary>
    public static string? ClaimedUser(XElement token) =>
        token.Element(XName.Get("Username", OnvifNamespaces.WsSecurity))?.Value.Trim() is { Length: > 0 and <= MaxFieldLength } name ? name : null;

    public UserAccount Validate(XElement token)
    {
        var name = Field(token, "Username", OnvifNamespaces.WsSecurity);
        var passwordElement = token.Element(XName.Get("Password", OnvifNamespaces.WsSecurity));
        if (string.IsNullOrEmpty(name) || passwordElement is null) throw Refuse("UsernameToken without Username or Password");
        if (passwordElement.Value.Length > MaxFieldLength) throw Refuse($"Password is longer than {MaxFieldLength} characters");
        var type = passwordElement.Attribute("Type")?.Value.Trim() ?? PasswordTextType;
        var nonceText = Field(token, "Nonce", OnvifNamespaces.WsSecurity);
        var createdText = Field(token, "Created", OnvifNamespaces.WsUtility);

        if (createdText is not null) CheckCreated(createdText);
        byte[]? nonce = null;
        if (nonceText is not null)
        {
            nonce = CanonicalBase64.Decode(nonceText, NonceCache.MaxNonceBytes)
                ?? throw Refuse($"Nonce is not canonical Base64 of 1 to {NonceCache.MaxNonceBytes} bytes (RFC 4648 4: no whitespace inside, zero padding bits)");
        }

        var user = _users.Find(name);
        bool matches;
        if (type == PasswordDigestType)
        {
            if (nonce is null || createdText is null) throw Refuse("PasswordDigest requires Nonce and Created");
            byte[] given;
            try { given = Convert.FromBase64String(passwordElement.Value.Trim()); }
            catch (FormatException) { throw Refuse("password digest is not Base64"); }
            matches = user is not null && CryptographicOperations.FixedTimeEquals(given, Digest(nonce, createdText, user.Password));
        }
        else if (type == PasswordTextType)
        {
            matches = user is not null && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(passwordElement.Value), Encoding.UTF8.GetBytes(user.Password));
        }
        else throw Refuse($"unsupported password type '{EchoedText.Quote(type)}'");

        if (!matches) throw Refuse("wrong user name or password");
        // Only a token that proved the password spends its nonce, so a forged token cannot burn a real one.
        if (nonce is not null && !_nonces.TryAdd(nonce)) throw Refuse("the nonce was already used (replayed token)");
        return user!;
    }

    // Surrounding whitespace is element formatting and is trimmed; the length is checked first so an attacker's
    // megabyte never reaches a decoder, a lookup or a cache.
    private static string? Field(XElement token, string localName, string ns)
    {
        var element = token.Element(XName.Get(localName, ns));
        if (element is null) return null;
        var value = element.Value;
        if (value.Length > MaxFieldLength) throw Refuse($"{localName} is longer than {MaxFieldLength} characters");
        return value.Trim();
    }

    public static byte[] Digest(byte[] nonce, string created, string password)
    {
        var createdBytes = Encoding.UTF8.GetBytes(created);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var input = new byte[nonce.Length + createdBytes.Length + passwordBytes.Length];
        nonce.CopyTo(input, 0);
        createdBytes.CopyTo(input, nonce.Length);
        passwordBytes.CopyTo(input, nonce.Length + createdBytes.Length);
        return SHA1.HashData(input);
    }

    private void CheckCreated(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            throw Refuse($"Created is not an xs:dateTime: '{EchoedText.Quote(text)}'");
        var now = _time.GetUtcNow();
        if (created > now + _skew || created < now - _skew)
            throw Refuse($"Created {text} is outside the accepted window of ±{_skew.TotalSeconds:0} s around {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static SoapFaultException Refuse(string why) => OnvifFaults.NotAuthorized("Sender not authorized: " + why);
}
