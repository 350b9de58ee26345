using System.Diagnostics;
using System.Net;
using System.Text;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Streaming;

/// <summary>
/// The idle-site run: <c>load --cameras N --idle [--recording] [--seconds S]</c>. Starts one camera (the baseline, in this
/// same process and run), then N cameras with nothing watching them, and for each reports how long the start took —
/// from <see cref="CameraHost.StartAsync"/> until <c>/healthz</c> answers and every camera has answered a SOAP
/// GetDeviceInformation (HTTP Digest) — and the process's resident memory once it has held for S seconds, with the
/// threads, timers and GC heap beside it. The per-camera figures are (N-camera figure − 1-camera figure) ÷ (N − 1).
/// Target (issue 19): 1,000 idle cameras start in &lt; 30 s and hold &lt; 2 GB.
/// <code>dotnet bench/Camlab.Benchmarks/bin/Release/net10.0/Camlab.Benchmarks.dll load --cameras 1000 --idle --seconds 30 [--recording]</code>
/// </summary>
public static class IdleSiteLoad
{
    private sealed record Figures(int Cameras, TimeSpan Built, TimeSpan Started, long Rss, long PeakRss, long GcHeap, int Threads, long Timers,
        long Rendered, long Reused, long Missed);

    public static async Task<int> Run(int cameras, bool recording, int seconds)
    {
        var baseline = await Measure(1, recording, seconds);
        var site = cameras == 1 ? baseline : await Measure(cameras, recording, seconds);
        const double MiB = 1048576;
        string Line(Figures f) =>
            $"{f.Cameras} camera(s): started in {f.Started.TotalSeconds:F1} s (host up after {f.Built.TotalSeconds:F1} s), RSS {f.Rss / MiB:F0} MiB after {seconds} s (peak {f.PeakRss / MiB:F0} MiB), "
            + $"GC heap {f.GcHeap / MiB:F0} MiB live, {f.Threads} threads, {f.Timers} timers; frames rendered {f.Rendered}, reused {f.Reused}, missed {f.Missed}";
        Console.WriteLine($"idle site: recording {(recording ? "on (the default)" : "off")}, {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}");
        Console.WriteLine("  baseline " + Line(baseline));
        Console.WriteLine("  site     " + Line(site));
        int n = Math.Max(1, site.Cameras - 1);
        double perCameraMiB = (site.Rss - baseline.Rss) / MiB / n, perCameraMs = (site.Started - baseline.Started).TotalMilliseconds / n;
        if (site.Cameras > 1)
            Console.WriteLine($"  per camera beyond the first: {perCameraMiB:F2} MiB RSS, {perCameraMs:F1} ms of start, {(site.Threads - baseline.Threads) / (double)n:F2} threads, {(site.Timers - baseline.Timers) / (double)n:F1} timers");
        // One line for a script or a table: the targets are start < 30 s and RSS < 2 GB for 1,000 idle cameras.
        Console.WriteLine($"SUMMARY idle cameras={site.Cameras} recording={(recording ? "on" : "off")} start={site.Started.TotalSeconds:F1}s rss={site.Rss / MiB:F0}MiB "
            + $"per-camera={perCameraMiB:F2}MiB baseline-start={baseline.Started.TotalSeconds:F1}s baseline-rss={baseline.Rss / MiB:F0}MiB load={LoadAverage()}");
        return 0;
    }

    private static async Task<Figures> Measure(int cameras, bool recording, int seconds)
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-idle-load-" + Guid.NewGuid().ToString("N"));
        const string password = "load-pw";
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        try
        {
            await using var host = await CameraHost.StartAsync(new ServerOptions
            {
                Http = "127.0.0.1:0",
                Data = data,
                Cameras = cameras,
                Users = [new UserOption { Name = "admin", Password = password }],
                Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = recording },
            });
            var built = watch.Elapsed;
            using var http = new HttpClient(new HttpClientHandler { Credentials = new NetworkCredential("admin", password), MaxConnectionsPerServer = 16 })
            {
                BaseAddress = host.BaseUri,
            };
            (await http.GetAsync("/healthz")).EnsureSuccessStatusCode();
            const string soap = """<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>""";
            await Parallel.ForEachAsync(host.Cameras, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (camera, cancel) =>
            {
                using var response = await http.PostAsync($"{camera.BasePath}/onvif/device_service", new StringContent(soap, Encoding.UTF8, "application/soap+xml"), cancel);
                var body = await response.Content.ReadAsStringAsync(cancel);
                if (!response.IsSuccessStatusCode || !body.Contains("SerialNumber", StringComparison.Ordinal))
                    throw new InvalidOperationException($"camera {camera.Number}: GetDeviceInformation answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            });
            var started = watch.Elapsed;
            long peak = 0;
            var hold = Stopwatch.StartNew();
            while (hold.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                await Task.Delay(500);
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            process.Refresh();
            var rss = process.WorkingSet64;
            return new Figures(cameras, built, started, rss, Math.Max(peak, rss), GC.GetTotalMemory(forceFullCollection: true), process.Threads.Count, Timer.ActiveCount,
                host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesRendered ?? 0), host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesReused ?? 0),
                host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesMissed ?? 0));
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
