using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Camlab.Server.MobileServer;

namespace Camlab.Server.Tests.MobileServer;

/// <summary>The Connect key exchange and what the shared key protects: LogIn credentials and CHAP answers.</summary>
public sealed class MobileKeyExchangeTests
{
    [Theory]
    [InlineData("1024", "PKCS7", PaddingMode.PKCS7)]
    [InlineData("2048", "ISO10126", PaddingMode.ISO10126)]
    public void Both_sides_agree_and_credentials_encrypted_with_the_client_key_decrypt(string prime, string padding, PaddingMode mode)
    {
        var (clientPublic, clientShared) = MobileKeyExchange.ClientSide(prime);
        var server = MobileKeyExchange.Agree(clientPublic, prime, padding);
        var shared = clientShared(server.ServerPublicKey);
        Assert.Equal(server.SharedKeyHex, shared);
        Assert.Equal("pässword ✓", server.DecryptCredential(MobileKeyExchange.EncryptCredential(shared, "pässword ✓", mode)));
    }

    [Fact]
    public void The_shared_key_is_the_lower_case_hex_of_the_little_endian_secret_as_the_clients_write_it()
    {
        // Fixed exponents: the secret is 2^(a·b) mod p, computed here independently.
        var (clientPublic, clientShared) = MobileKeyExchange.ClientSide("1024", privateKey: 12345);
        var server = MobileKeyExchange.Agree(clientPublic, "1024", null, privateKey: 67890);
        var prime = BigInteger.Parse("0F488FD584E49DBCD20B49DE49107366B336C380D451D0F7C88B31C7C5B2D8EF6F3C923C043F0A55B188D8EBB558CB85D38D334FD7C175743A31D186CDE33212CB52AFF3CE1B1294018118D7C84A70A72D686C40319C807297ACA950CD9969FABD00A509B0246D3083D66A45D419F9C7CBD894B221926BAABA25EC355E92F78C7",
            System.Globalization.NumberStyles.HexNumber);
        var secret = BigInteger.ModPow(2, new BigInteger(12345) * 67890, prime);
        Assert.Equal(Convert.ToHexStringLower(secret.ToByteArray(isUnsigned: true)), server.SharedKeyHex);
        Assert.Equal(server.SharedKeyHex, clientShared(server.ServerPublicKey));
        // The server's key travels as base64 of its little-endian bytes.
        Assert.Equal(BigInteger.ModPow(2, 67890, prime), new BigInteger(Convert.FromBase64String(server.ServerPublicKey), isUnsigned: true));
    }

    [Fact]
    public void Degenerate_or_oversized_client_keys_are_refused()
    {
        foreach (var key in new[] { Convert.ToBase64String([0]), Convert.ToBase64String([1]), Convert.ToBase64String(new byte[600]), "%%%" })
            Assert.Equal(MobileServerError.IncorrectPublicKey, Assert.Throws<MobileServerException>(() => MobileKeyExchange.Agree(key, "2048", null)).Code);
        Assert.Equal(MobileServerError.WrongInputParameter,
            Assert.Throws<MobileServerException>(() => MobileKeyExchange.Agree(MobileKeyExchange.ClientSide().PublicKey, "2048", "ZEROS")).Code);
    }

    [Fact]
    public void Tampered_or_foreign_cipher_text_does_not_decrypt()
    {
        var (clientPublic, clientShared) = MobileKeyExchange.ClientSide();
        var server = MobileKeyExchange.Agree(clientPublic, "2048", "PKCS7");
        var cipher = Convert.FromBase64String(MobileKeyExchange.EncryptCredential(clientShared(server.ServerPublicKey), "admin", PaddingMode.PKCS7));
        cipher[^1] ^= 0x5A;
        Assert.Null(server.DecryptCredential(Convert.ToBase64String(cipher)));
        Assert.Null(server.DecryptCredential("not base64"));
        Assert.Null(server.DecryptCredential(Convert.ToBase64String(new byte[15])));
    }

    [Fact]
    public void A_challenge_answer_is_base64_SHA512_of_the_upper_cased_challenge_and_key()
    {
        var expected = Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("ABC-1230AF")));
        Assert.Equal(expected, MobileKeyExchange.ChallengeAnswer("abc-123", "0af"));
    }
}
