using System.Diagnostics;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>A fact that skips, saying why, when python3 with zeep (Debian's python3-zeep) or ../shared is missing.</summary>
public sealed class RequiresZeepFactAttribute : FactAttribute
{
    public RequiresZeepFactAttribute()
    {
        if (SharedRef.OnvifSchemaDirectory is null) Skip = "../shared/ref/onvif (the WSDLs zeep loads) is not beside the checkout; set CAMLAB_SHARED";
        else if (ZeepClientTests.FindPython() is null) Skip = "python3 with zeep is not installed; run ./test.sh (as root) or: sudo apt-get install -y python3-zeep";
    }
}

/// <summary>
/// Python zeep in strict mode, from the official WSDLs, makes the calls Home Assistant's ONVIF integration makes when
/// a camera is added: clock (and skew-corrected UsernameToken), device information, capabilities, services, network
/// interfaces, profiles, snapshot and stream URIs, PTZ options and moves, event properties and a pull point.
/// </summary>
public class ZeepClientTests
{
    private static readonly Lazy<string?> Python = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(ImportsZeep));

    /// <summary>Debian's python3 first (where python3-zeep installs), then whatever python3 is on PATH.</summary>
    public static string? FindPython() => Python.Value;

    private static bool ImportsZeep(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import zeep"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null) return false;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs a zeep script of tests/interop against the camera on <paramref name="port"/>; asserts it succeeded and returns its output.</summary>
    public static async Task<string> RunScriptAsync(string script, int port, params string[] extra)
    {
        var start = new ProcessStartInfo(FindPython()!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     Path.Combine(InteropTests.Directory, script), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--user", "admin", "--pass", ServerHarness.AdminPassword, "--onvif-ref", SharedRef.OnvifSchemaDirectory!,
                 }.Concat(extra))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, text);
        return text;
    }

    [RequiresZeepFact]
    public async Task Home_assistants_calls_succeed_through_a_strict_wsdl_client()
    {
        await using var server = await ServerHarness.StartAsync();
        var text = await RunScriptAsync("zeep_client.py", server.Host.BaseUri.Port);
        foreach (var step in new[]
                 {
                     "ok GetSystemDateAndTime", "ok GetDeviceInformation", "ok GetCapabilities", "ok GetServices", "ok GetNetworkInterfaces", "ok GetProfiles",
                     "ok GetSnapshotUri", "ok GetStreamUri", "ok GetConfigurationOptions", "ok PTZ moves and GetStatus", "ok GetEventProperties",
                     "ok PullMessages", "ok Unsubscribe", "ok snapshot JPEG",
                 })
            Assert.Contains(step, text);
    }
}
