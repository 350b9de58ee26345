using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Camlab.Server.MobileServer;

/// <summary>
/// The Connect key exchange of the command channel, as the official clients perform it: finite-field Diffie-Hellman
/// with generator 2 over the 1024- or 2048-bit group the client names (PrimeLength); public keys travel as base64 of
/// the little-endian unsigned value (the .NET <see cref="BigInteger"/> byte order). The shared secret, written as the
/// lower-case hex of its minimal little-endian bytes, keys the rest:
/// <list type="bullet">
/// <item>LogIn credentials: AES-256-CBC, IV = secret bytes 0..15, key = bytes 16..47, padding PKCS7 or ISO 10126 as
/// Connect's EncryptionPadding says; base64 of the cipher text.</item>
/// <item>CHAP: each command after LogIn carries a single-use Challenge and
/// ChalAnswer = base64(SHA-512(UTF-8(upper-case(challenge + secret hex)))).</item>
/// </list>
/// .NET has no finite-field DH type (ECDiffieHellman is elliptic-curve only), so the modular arithmetic is BigInteger's.
/// </summary>
public sealed class MobileKeyExchange
{
    // The two groups the clients carry (their Lib/security/DiffieHellman.js primeKey table): the 1024-bit and 2048-bit
    // MODP primes with generator 2. The 2048-bit one is RFC 5114 section 2.3's prime.
    private static readonly BigInteger Prime1024 = Hex(
        "F488FD584E49DBCD20B49DE49107366B336C380D451D0F7C88B31C7C5B2D8EF6F3C923C043F0A55B188D8EBB558CB85D38D334FD7C175743A31D186CDE33212CB52AFF3CE1B1294018118D7C84A70A72D686C40319C807297ACA950CD9969FABD00A509B0246D3083D66A45D419F9C7CBD894B221926BAABA25EC355E92F78C7");
    private static readonly BigInteger Prime2048 = Hex(
        "87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00E00DF8F1D61957D4FAF7DF4561B2AA3016C3D91134096FAA3BF4296D830E9A7C209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76B63ACAE1CAA6B7902D52526735488A0EF13C6D9A51BFA4AB3AD8347796524D8EF6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103A4B54330C198AF126116D2276E11715F693877FAD7EF09CADB094AE91E1A1597");

    private static readonly BigInteger Generator = 2;

    private readonly byte[] _secret;

    private MobileKeyExchange(string serverPublicKey, byte[] secret, PaddingMode padding)
    {
        ServerPublicKey = serverPublicKey;
        _secret = secret;
        SharedKeyHex = Convert.ToHexStringLower(secret);
        Padding = padding;
    }

    /// <summary>The server's public key as Connect answers it (PublicKey).</summary>
    public string ServerPublicKey { get; }

    /// <summary>The shared secret as the clients write it (lower-case hex of its little-endian bytes).</summary>
    public string SharedKeyHex { get; }

    public PaddingMode Padding { get; }

    /// <summary>Agrees on a key with a client's Connect parameters; <paramref name="privateKey"/> is for tests (random otherwise).</summary>
    /// <exception cref="MobileServerException">IncorrectPublicKey or WrongInputParameter: the parameter is named.</exception>
    public static MobileKeyExchange Agree(string clientPublicKey, string? primeLength, string? encryptionPadding, BigInteger? privateKey = null)
    {
        var prime = primeLength switch
        {
            null or "1024" => Prime1024,
            "2048" => Prime2048,
            _ => throw new MobileServerException(MobileServerError.WrongInputParameter, $"PrimeLength '{primeLength}' must be 1024 or 2048"),
        };
        var padding = (encryptionPadding ?? "PKCS7").ToUpperInvariant() switch
        {
            "PKCS7" => PaddingMode.PKCS7,
            "ISO10126" => PaddingMode.ISO10126,
            _ => throw new MobileServerException(MobileServerError.WrongInputParameter, $"EncryptionPadding '{encryptionPadding}' must be PKCS7 or ISO10126"),
        };
        int maxBytes = prime.GetByteCount(isUnsigned: true) + 1;
        var raw = new byte[maxBytes];
        if (clientPublicKey.Length > 4 * (maxBytes + 2) / 3 + 4 || !Convert.TryFromBase64String(clientPublicKey, raw, out var written))
            throw new MobileServerException(MobileServerError.IncorrectPublicKey, "PublicKey is not base64 of a key of the chosen group");
        var client = new BigInteger(raw.AsSpan(0, written), isUnsigned: true, isBigEndian: false);
        // A key of 0, 1 or p-1 (or beyond p) would force a known secret.
        if (client <= BigInteger.One || client >= prime - BigInteger.One)
            throw new MobileServerException(MobileServerError.IncorrectPublicKey, "PublicKey is outside 2..p-2 of the chosen group");
        var exponent = privateKey ?? new BigInteger(RandomNumberGenerator.GetBytes(32), isUnsigned: true);
        var serverPublic = BigInteger.ModPow(Generator, exponent, prime);
        var secret = BigInteger.ModPow(client, exponent, prime);
        return new MobileKeyExchange(Convert.ToBase64String(serverPublic.ToByteArray(isUnsigned: true, isBigEndian: false)),
            secret.ToByteArray(isUnsigned: true, isBigEndian: false), padding);
    }

    /// <summary>Decrypts a LogIn credential; null when it does not decrypt to UTF-8 text under the shared key.</summary>
    public string? DecryptCredential(string base64)
    {
        if (_secret.Length < 48 || base64.Length > 4096) return null;
        byte[] cipher;
        try { cipher = Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
        if (cipher.Length == 0 || cipher.Length % 16 != 0) return null;
        using var aes = Aes.Create();
        aes.Key = _secret[16..48];
        try
        {
            var plain = aes.DecryptCbc(cipher, _secret.AsSpan(0, 16), Padding);
            return new UTF8Encoding(false, true).GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or DecoderFallbackException) { return null; }
    }

    /// <summary>Encrypts as a client does (tests and tools that speak the protocol).</summary>
    public static string EncryptCredential(string sharedKeyHex, string text, PaddingMode padding = PaddingMode.ISO10126)
    {
        var secret = Convert.FromHexString(sharedKeyHex);
        using var aes = Aes.Create();
        aes.Key = secret[16..48];
        return Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes(text), secret.AsSpan(0, 16), padding));
    }

    /// <summary>The answer a client computes for <paramref name="challenge"/>.</summary>
    public static string ChallengeAnswer(string challenge, string sharedKeyHex) =>
        Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes((challenge + sharedKeyHex).ToUpperInvariant())));

    /// <summary>True when <paramref name="answer"/> answers <paramref name="challenge"/> (constant-time comparison).</summary>
    public bool Verifies(string challenge, string answer) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeAnswer(challenge, SharedKeyHex)), Encoding.ASCII.GetBytes(answer));

    /// <summary>What a client does at Connect: its key pair and, given the server's key, the shared hex (tests).</summary>
    public static (string PublicKey, Func<string, string> SharedKeyHex) ClientSide(string primeLength = "2048", BigInteger? privateKey = null)
    {
        var prime = primeLength == "1024" ? Prime1024 : Prime2048;
        var exponent = privateKey ?? new BigInteger(RandomNumberGenerator.GetBytes(20), isUnsigned: true);
        var pub = Convert.ToBase64String(BigInteger.ModPow(Generator, exponent, prime).ToByteArray(isUnsigned: true, isBigEndian: false));
        return (pub, server =>
        {
            var s = new BigInteger(Convert.FromBase64String(server), isUnsigned: true, isBigEndian: false);
            return Convert.ToHexStringLower(BigInteger.ModPow(s, exponent, prime).ToByteArray(isUnsigned: true, isBigEndian: false));
        });
    }

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
