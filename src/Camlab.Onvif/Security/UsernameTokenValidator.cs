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

    public UserAccount Validate(XElement token)
    {
        var name = token.Element(XName.Get("Username", OnvifNamespaces.WsSecurity))?.Value.Trim();
        var passwordElement = token.Element(XName.Get("Password", OnvifNamespaces.WsSecurity));
        if (string.IsNullOrEmpty(name) || passwordElement is null) throw Refuse("UsernameToken without Username or Password");
        var type = passwordElement.Attribute("Type")?.Value.Trim() ?? PasswordTextType;
        var nonceText = token.Element(XName.Get("Nonce", OnvifNamespaces.WsSecurity))?.Value.Trim();
        var createdText = token.Element(XName.Get("Created", OnvifNamespaces.WsUtility))?.Value.Trim();

        if (createdText is not null) CheckCreated(createdText);
        byte[]? nonce = null;
        if (nonceText is not null)
        {
            try { nonce = Convert.FromBase64String(nonceText); }
            catch (FormatException) { throw Refuse("Nonce is not Base64"); }
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
        else throw Refuse($"unsupported password type '{type}'");

        if (!matches) throw Refuse("wrong user name or password");
        // Only a token that proved the password spends its nonce, so a forged token cannot burn a real one.
        if (nonceText is not null && !_nonces.TryAdd(nonceText)) throw Refuse("the nonce was already used (replayed token)");
        return user!;
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
            throw Refuse($"Created is not an xs:dateTime: '{text}'");
        var now = _time.GetUtcNow();
        if (created > now + _skew || created < now - _skew)
            throw Refuse($"Created {text} is outside the accepted window of ±{_skew.TotalSeconds:0} s around {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static SoapFaultException Refuse(string why) => OnvifFaults.NotAuthorized("Sender not authorized: " + why);
}
