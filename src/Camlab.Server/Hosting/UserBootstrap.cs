using System.Security.Cryptography;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;

namespace Camlab.Server.Hosting;

/// <summary>
/// The users every camera of the host accepts: configured and <c>--user</c> ones; with none, an <c>admin</c>
/// whose random password is generated on first start, kept in the data directory (mode 600) and printed.
/// </summary>
public static class UserBootstrap
{
    public const string GeneratedPasswordFile = "admin-password.txt";

    public sealed record Result(IReadOnlyList<UserAccount> Users, string? GeneratedPasswordPath);

    public static Result Resolve(IEnumerable<UserOption> configured, string dataDirectory)
    {
        var users = new List<UserAccount>();
        foreach (var option in configured)
        {
            var account = option.ToAccount();
            users.RemoveAll(u => u.Name == account.Name); // the command line comes last and wins
            users.Add(account);
        }
        if (users.Count > 0) return new Result(users, null);

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, GeneratedPasswordFile);
        string password;
        if (File.Exists(path)) password = File.ReadAllText(path).Trim();
        else
        {
            password = GeneratePassword();
            File.WriteAllText(path, password + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new Result([new UserAccount("admin", password, UserLevel.Administrator)], path);
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
