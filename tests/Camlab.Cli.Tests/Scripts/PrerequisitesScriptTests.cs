using System.Diagnostics;
using Camlab.Testing;

namespace Camlab.Cli.Tests.Scripts;

/// <summary>
/// scripts/prerequisites.sh under the options ./camlab and ./test.sh run it with (<c>set -o pipefail</c>): the
/// library check must give the same answer every time, with an <c>ldconfig</c> whose listing is long and whose
/// match comes first — exactly the case where a pipe into <c>grep -q</c> loses to SIGPIPE.
/// </summary>
public sealed class PrerequisitesScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("camlab-prereq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FakeLdconfig()
    {
        var bin = Path.Combine(_dir, "bin");
        Directory.CreateDirectory(bin);
        var listing = Path.Combine(_dir, "listing");
        // The match first, then ~1 MB more: far more than a pipe buffer, so a reader that stops early kills it.
        using (var writer = new StreamWriter(listing))
        {
            writer.Write("\tlibturbojpeg.so.0 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libturbojpeg.so.0\n");
            for (var i = 0; i < 15000; i++)
                writer.Write($"\tlibfiller{i}.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libfiller{i}.so.1\n");
        }
        var path = Path.Combine(bin, "ldconfig");
        File.WriteAllText(path, $"#!/bin/sh\nexec cat '{listing}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    private static (int Exit, string Output) Bash(string script, string pathPrefix)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = pathPrefix + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); throw new TimeoutException(script); }
        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public void Has_lib_answers_the_same_every_time_under_pipefail()
    {
        var bin = FakeLdconfig();
        var script = Path.Combine(SharedRef.RepositoryRoot, "scripts", "prerequisites.sh");
        const int Runs = 40;
        var (exit, output) = Bash($$"""
            set -uo pipefail
            source '{{script}}'
            found=0 missing=0 absent=0
            for i in $(seq 1 {{Runs}}); do
              if camlab_has_lib 'libturbojpeg.so.0'; then found=$((found+1)); else missing=$((missing+1)); fi
              camlab_has_lib 'libnothere.so.9' && absent=$((absent+1))
            done
            echo "found=$found missing=$missing absent=$absent"
            """, bin);
        Assert.Equal(0, exit);
        Assert.Contains($"found={Runs} missing=0 absent=0", output);
    }
}
