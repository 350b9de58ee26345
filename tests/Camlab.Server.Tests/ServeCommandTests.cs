using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Camlab.Server.Tests;

/// <summary><c>camlab serve</c> as a process: banner, ready, health, clean stop on SIGTERM, bad options.</summary>
public class ServeCommandTests
{
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "camlab.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    [Fact]
    public async Task Prints_urls_and_credentials_then_ready_and_stops_cleanly_on_sigterm()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-serve-" + Guid.NewGuid().ToString("N"));
        using var process = Start("serve", "--http", "127.0.0.1:0", "--data", data, "--cameras", "2", "--user", "ops:pw:Operator");
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line == "ready") break;
        }
        var banner = string.Join("\n", lines);
        Assert.Equal("ready", lines.Last());
        var url = Regex.Match(banner, @"camera 1: (http://127\.0\.0\.1:\d+)/onvif/device_service").Groups[1].Value;
        Assert.NotEmpty(url);
        Assert.Contains("/cameras/2/onvif/device_service", banner);
        Assert.Matches(@"camera 1 video: mjpeg http://127\.0\.0\.1:\d+/mjpeg/Profile_1  snapshot http://127\.0\.0\.1:\d+/snapshot/Profile_1\.jpg", banner);
        Assert.Contains("/cameras/2/mjpeg/Profile_1", banner);
        Assert.Matches(@"camera 1 rtsp: rtsp://127\.0\.0\.1:\d+/Profile_1  rtsp://127\.0\.0\.1:\d+/Profile_2", banner);
        Assert.Matches(@"camera 2 rtsp: rtsp://127\.0\.0\.1:\d+/cameras/2/Profile_1", banner);
        Assert.Contains("user: ops / pw (Operator)", banner);
        Assert.Matches(@"privacy masks: http://127\.0\.0\.1:\d+/api/v1/cameras/N/privacy-masks", banner);
        Assert.Contains($"camera 1 recording: Profile_1 at 5 fps, signed into {Path.Combine(data, "camera-1", "recordings")}", banner);

        using (var client = new HttpClient())
            Assert.Equal("ok\n", await client.GetStringAsync(url + "/healthz"));

        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(Path.Combine(data, "camera-2", "device", "identity.json")));
        Assert.True(File.Exists(Path.Combine(data, "camera-2", "recordings", "Profile_1", "signing-key.pub.pem"))); // recording by default
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("--http", "nowhere")]
    [InlineData("--user", "nopassword")]
    [InlineData("--cameras", "0")]
    [InlineData("--force", "VideoSource_1/Smoke=true")]
    [InlineData("--force", "VideoSource_1/FocusMotor=")]
    [InlineData("--force", "DigitalInput_9=true")]
    [InlineData("--fault", "PtzNode_1/SlowAxes=on;scale=3")]
    [InlineData("--fault", "onvif/Latency=on;delay=forever")]
    public async Task Bad_options_exit_2_with_a_message(string option, string value)
    {
        using var process = Start("serve", option, value, "--data", Path.Combine(Path.GetTempPath(), "camlab-never"));
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("camlab serve: ", error);
    }

    [Fact]
    public async Task Force_options_reach_the_fault_switch_of_every_camera()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-serve-" + Guid.NewGuid().ToString("N"));
        using var process = Start("serve", "--http", "127.0.0.1:0", "--data", data, "--user", "ops:pw:Operator",
            "--force", "VideoSource_1/ImageTooDark=true", "--force", "VideoSource_1/FocusMotor=jammed", "--no-recording");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? url = null;
        bool recordingOff = false;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            recordingOff |= line.StartsWith("camera 1 recording: OFF", StringComparison.Ordinal);
            if (Regex.Match(line, @"camera 1: (http://127\.0\.0\.1:\d+)/") is { Success: true } m) url = m.Groups[1].Value;
            if (line == "ready") break;
        }
        Assert.NotNull(url);
        Assert.True(recordingOff, "--no-recording is announced");
        using (var client = new HttpClient(new HttpClientHandler { Credentials = new System.Net.NetworkCredential("ops", "pw") }))
        {
            var report = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(url + "/api/v1/cameras/1/faults")).RootElement;
            var dark = report.GetProperty("conditions").EnumerateArray()
                .Single(c => c.GetProperty("source").GetString() == "VideoSource_1" && c.GetProperty("condition").GetString() == "ImageTooDark");
            Assert.True(dark.GetProperty("forced").GetBoolean());
            Assert.Equal("jammed", Assert.Single(report.GetProperty("focusMotors").EnumerateArray()).GetProperty("error").GetString());
        }
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(data, "camera-1", "recordings")));
        Directory.Delete(data, recursive: true);
    }
}
