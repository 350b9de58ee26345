using System.CommandLine;

namespace Camlab.Cli.Tests;

/// <summary><c>camlab opf validate</c> and <c>camlab serve --camera</c> on documents that are not UTF-8: exit 2 and the byte offset, no stack trace.</summary>
public sealed class InvalidUtf8CommandTests : IDisposable
{
    private static readonly byte[][] Bad = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF0, 0x9F, 0x98]];

    private readonly string _dir = Directory.CreateTempSubdirectory("camlab-utf8-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Document(byte[] bad, int at)
    {
        var text = "{\n  \"format\": \"application/opf-input-cameras+json\",\n  \"version\": \"1.0\",\n  \"sensors\": [{\"name\": \"dome\"}]\n}\n"u8.ToArray();
        at = Math.Min(at, text.Length);
        var path = Path.Combine(_dir, $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, [.. text[..at], .. bad, .. text[at..]]);
        return path;
    }

    [Fact]
    public void Opf_validate_names_the_offset_and_exits_2()
    {
        var random = new Random(21);
        for (var i = 0; i < 60; i++)
        {
            var at = random.Next(0, 110);
            var path = Document(Bad[random.Next(Bad.Length)], at);
            var (exit, _, error) = Run("opf", "validate", path);
            Assert.Equal(2, exit);
            Assert.Contains("invalid UTF-8 at byte offset", error);
            Assert.DoesNotContain("   at ", error);
        }
    }

    [Fact]
    public void Serve_with_such_a_camera_document_exits_2_before_it_starts()
    {
        var path = Document([0xED, 0xA0, 0x80], 30);
        var output = new StringWriter();
        var error = new StringWriter();
        var originalError = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = Program.BuildRoot().Parse(["serve", "--http", "127.0.0.1:0", "--data", Path.Combine(_dir, "data"), "--camera", path])
                .Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        finally { Console.SetError(originalError); }
        Assert.Equal(2, exit);
        Assert.Contains("invalid UTF-8 at byte offset 30", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }
}
