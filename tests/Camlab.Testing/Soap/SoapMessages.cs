using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Camlab.Testing.Soap;

/// <summary>
/// Raw SOAP 1.2 requests as an ONVIF client writes them, for every test that drives a SOAP endpoint (in memory or
/// over HTTP). The WS-Security digest is computed here from the profile's formula rather than with the product's
/// validator, so a test also checks that the product agrees with the specification.
/// </summary>
public static class SoapMessages
{
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string WsUtility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    private const string Base64BinaryType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    /// <summary>An envelope with prefix <c>s</c> around <paramref name="body"/>, with a Header when one is given.</summary>
    public static string Envelope(string body, string? header = null) =>
        "<s:Envelope xmlns:s=\"" + Soap12 + "\">" +
        (header is null ? "" : "<s:Header>" + header + "</s:Header>") +
        "<s:Body>" + body + "</s:Body></s:Envelope>";

    /// <summary>
    /// A wsse:Security header with a PasswordDigest UsernameToken created at <paramref name="created"/> (a fresh random
    /// nonce unless one is given), marked mustUnderstand as ONVIF clients send it.
    /// </summary>
    public static string UsernameToken(string user, string password, DateTimeOffset created, byte[]? nonce = null)
    {
        nonce ??= RandomNumberGenerator.GetBytes(16);
        var createdText = XmlDateTime(created);
        var digest = Convert.ToBase64String(PasswordDigest(nonce, createdText, password));
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + WsSecurity + "\" xmlns:wsu=\"" + WsUtility + "\">" +
               "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>" +
               "<wsse:Password Type=\"" + PasswordDigestType + "\">" + digest + "</wsse:Password>" +
               "<wsse:Nonce EncodingType=\"" + Base64BinaryType + "\">" + Convert.ToBase64String(nonce) + "</wsse:Nonce>" +
               "<wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    /// <summary>Username Token Profile 1.0, 3.1: Base64(SHA-1(nonce + created + password)) — this returns the SHA-1.</summary>
    public static byte[] PasswordDigest(byte[] nonce, string created, string password) =>
        SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(password)]);

    /// <summary>xs:dateTime in UTC, with milliseconds only when there are some.</summary>
    public static string XmlDateTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
