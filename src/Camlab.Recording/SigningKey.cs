using System.Security.Cryptography;

namespace Camlab.Recording;

/// <summary>
/// The recording directory's ECDSA P-256 key: the private key as PKCS#8 PEM in <see cref="PrivateKeyFileName"/>
/// (created on first use, owner-only permissions where the platform has them) and the public key as
/// SubjectPublicKeyInfo PEM in <see cref="PublicKeyFileName"/> for verifiers.
/// </summary>
public static class SigningKey
{
    public const string PrivateKeyFileName = "signing-key.pem";
    public const string PublicKeyFileName = "signing-key.pub.pem";

    public static ECDsa LoadOrCreate(string directory)
    {
        string privatePath = Path.Combine(directory, PrivateKeyFileName);
        var key = ECDsa.Create();
        if (File.Exists(privatePath))
        {
            key.ImportFromPem(File.ReadAllText(privatePath));
            if (key.KeySize != 256)
                throw new CryptographicException($"{privatePath}: expected a P-256 key, found {key.KeySize} bits");
        }
        else
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            WriteAtomically(privatePath, key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        }
        string publicPath = Path.Combine(directory, PublicKeyFileName);
        string publicPem = key.ExportSubjectPublicKeyInfoPem();
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != publicPem)
            WriteAtomically(publicPath, publicPem, ownerOnly: false);
        return key;
    }

    /// <summary>The public key of a directory (or of the PEM file given), for verification.</summary>
    public static ECDsa LoadPublic(string pemPath)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(pemPath));
        return key;
    }

    private static void WriteAtomically(string path, string text, bool ownerOnly)
    {
        string temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
