using System.Diagnostics;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>A fact that skips, saying why, when node or the npm ONVIF clients of tests/interop are missing.</summary>
public sealed class RequiresNodeInteropFactAttribute : FactAttribute
{
    public RequiresNodeInteropFactAttribute()
    {
        if (InteropTests.FindNode() is null) Skip = "node is not on PATH; install Node.js to run the ONVIF interop test";
        else if (!Directory.Exists(Path.Combine(InteropTests.Directory, "node_modules", "onvif")) || !Directory.Exists(Path.Combine(InteropTests.Directory, "node_modules", "node-onvif")))
            Skip = "the npm ONVIF clients are not installed; run ./test.sh or (cd tests/interop && npm ci)";
    }
}

/// <summary>
/// The clients people actually use against the real host: npm onvif@0.8.3 (WS-Security and HTTP Digest, profiles,
/// a pull-point event, a wrong password) and node-onvif, after a unicast WS-Discovery probe.
/// </summary>
public class InteropTests
{
    public static string Directory => Path.Combine(SharedRef.RepositoryRoot, "tests", "interop");

    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    [RequiresNodeInteropFact]
    public async Task Npm_onvif_clients_discover_connect_read_and_pull_an_event()
    {
        await using var server = await ServerHarness.StartAsync(discovery: true);
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     "interop.js", "--host", "127.0.0.1", "--port", server.Host.BaseUri.Port.ToString(), "--user", "admin", "--pass", ServerHarness.AdminPassword,
                     "--discovery-port", server.Host.DiscoveryPort!.Value.ToString(),
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, text);
        foreach (var step in new[] { "ok discovery", "ok onvif getDeviceInformation", "ok onvif profiles", "ok onvif pullMessages", "ok onvif digest", "ok onvif wrong password", "ok node-onvif" })
            Assert.Contains(step, text);
    }
}
