using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Streaming;

/// <summary>
/// The site load run: <c>load --cameras N</c>. Starts N cameras in this process (recording their default profile at the
/// default rate with <c>--recording</c>), pans M of them without pause, opens V WebSocket viewers per camera (720p/10 fps
/// JPEG unless told otherwise) and, all along, asks the control plane — a JSON <c>GET /api/v1/recordings</c> and a SOAP
/// GetSystemDateAndTime of a camera in turn, ten a second — timing every answer. Reports the slowest viewer's frame rate,
/// the least complete recording (frames written ÷ frames its rate asks for), the render counters (rendered, reused from
/// still views, missed), the process CPU and peak memory, and the control latency's p50/p99/max.
/// <code>dotnet run -c Release --project bench/Camlab.Benchmarks -- load --cameras 100 --moving 10 --viewers-per-camera 1 --recording --seconds 60</code>
/// <c>--park PAN,TILT</c> first sends the cameras that do not pan to that pose (degrees), e.g. one where no moving object
/// of the scene is in view, so that they are still views.
/// With <c>--idle</c> it starts the cameras and measures their start and memory alone (<see cref="IdleSiteLoad"/>).
/// </summary>
public static class SiteLoad
{
    public static async Task<int> Run(SiteLoadSettings settings)
    {
        var (cameras, moving, perCamera, recording, idle, seconds, width, height, fps, quality, profile, encoding, pan, park) = settings;
        // Nothing watched or moved: how long N cameras take to start and what they hold (IdleSiteLoad).
        if (idle) return await IdleSiteLoad.Run(cameras, recording, seconds);

        var data = Path.Combine(Path.GetTempPath(), "camlab-site-load-" + Guid.NewGuid().ToString("N"));
        const string password = "load-pw";
        var process = Process.GetCurrentProcess();
        var startup = Stopwatch.StartNew();
        var options = new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = data,
            Cameras = cameras,
            Users = [new UserOption { Name = "admin", Password = password }],
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = recording },
        };
        await using var host = await CameraHost.StartAsync(options);
        var started = startup.Elapsed;
        var credentials = new NetworkCredential("admin", password);
        using var http = new HttpClient(new HttpClientHandler { Credentials = credentials, MaxConnectionsPerServer = 1024 }) { BaseAddress = host.BaseUri };

        var urls = new List<string>();
        foreach (var camera in host.Cameras)
            for (int v = 0; v < perCamera; v++)
            {
                using var response = await http.PostAsJsonAsync($"{camera.BasePath}/api/v1/streams", new { profile, width, height, fps, quality, encoding });
                response.EnsureSuccessStatusCode();
                urls.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("urls").GetProperty("webSocket").GetString()!);
            }

        // --park: the cameras that do not pan are sent to one pose (degrees, as GetStatus reports them) before the viewers
        // come, e.g. above the default scene's movers, so their views are still and their rings are what they send.
        if (park is { } parked)
        {
            var nodes = host.Cameras.Skip(moving).Select(c => c.Ptz!.Device.Nodes[0]).ToList();
            foreach (var node in nodes)
                node.AbsoluteMove(new Camlab.Device.Ptz.PtzVector(new Camlab.Device.Ptz.PanTiltVector(parked.Pan, parked.Tilt, Camlab.Device.Ptz.PtzSpaces.PanTiltPositionDegrees), null));
            var parking = Stopwatch.StartNew();
            while (nodes.Any(n => n.GetStatus().PanTilt != Camlab.Device.Ptz.MoveStatus.Idle) && parking.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(100);
        }

        // The first M domes pan without pause: every frame of theirs is a new view.
        using var panning = new PanningDomes(host.Cameras.Take(moving).ToList(), pan);

        using var stop = new CancellationTokenSource();
        var counts = new long[urls.Count];
        var viewers = urls.Select((url, i) => Task.Run(() => View(url, credentials, i, counts, stop.Token))).ToArray();
        // Warm-up: JIT, ray maps and the first ring of every still view.
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(3, seconds / 6))));

        var recorders = host.Cameras.SelectMany(c => c.Video?.Recordings?.Recorders ?? []).ToArray();
        var writtenStart = recorders.Select(r => r.FramesWritten).ToArray();
        var droppedStart = recorders.Select(r => r.FramesDropped).ToArray();
        var countsStart = counts.Select((_, i) => Interlocked.Read(ref counts[i])).ToArray();
        var rendered = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesRendered ?? 0);
        var reused = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesReused ?? 0);
        var missed = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesMissed ?? 0);
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var latencies = new List<double>();
        var control = Task.Run(() => Control(http, host, latencies, stop.Token));
        long peak = 0;
        while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(500);
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
        }
        double elapsed = wall.Elapsed.TotalSeconds;
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var perViewer = counts.Select((_, i) => (Interlocked.Read(ref counts[i]) - countsStart[i]) / elapsed).ToArray();
        var completeness = recorders.Select((r, i) => (r.FramesWritten - writtenStart[i]) / (elapsed * options.Recording.Fps)).ToArray();
        var recorderDrops = recorders.Select((r, i) => r.FramesDropped - droppedStart[i]).Sum();
        rendered = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesRendered ?? 0) - rendered;
        reused = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesReused ?? 0) - reused;
        missed = host.Cameras.Sum(c => c.Video?.Hub.Counters.FramesMissed ?? 0) - missed;
        stop.Cancel();
        await Task.WhenAll(viewers.Append(control).Select(t => t.ContinueWith(_ => { })));

        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"site load: {cameras} cameras ({moving} panning{(park is { } p ? string.Create(CultureInfo.InvariantCulture, $", the others parked at pan {p.Pan}° tilt {p.Tilt}°") : "")}), {perCamera} viewer(s) each of {profile} {encoding} {width}x{height} at {fps} fps, "
            + $"recording {(recording ? $"on ({options.Recording.Fps} fps)" : "off")}, {elapsed:F1} s measured, {Environment.ProcessorCount} logical CPUs");
        Console.WriteLine($"  started in {started.TotalSeconds:F1} s");
        if (perViewer.Length > 0) Console.WriteLine($"  viewer fps: min {perViewer.Min():F2}, mean {perViewer.Average():F2} (target {fps})");
        if (completeness.Length > 0)
            Console.WriteLine($"  recording completeness: min {completeness.Min() * 100:F1} %, mean {completeness.Average() * 100:F1} % ({recorderDrops} frames dropped by recorders)");
        Console.WriteLine($"  frames rendered {rendered}, reused from still views {reused}, missed (rendering behind) {missed}");
        Console.WriteLine($"  CPU {cpu / elapsed:F2} cores (server and viewers in this process), peak working set {peak / 1048576} MiB");
        Console.WriteLine($"  control latency over {latencies.Count} requests: p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {(latencies.Count > 0 ? latencies[^1] : double.NaN):F1} ms");
        try { Directory.Delete(data, true); } catch (IOException) { }
        return 0;
    }

    private static async Task View(string url, NetworkCredential credentials, int index, long[] counts, CancellationToken stop)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.Credentials = credentials;
        await socket.ConnectAsync(new Uri(url), stop);
        var buffer = new ViewerFrameBuffer();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var frame = await buffer.ReceiveAsync(socket, stop);
                _ = Camlab.VideoChannel.FrameReader.ReadFrame(frame.Span).Header;
                Interlocked.Increment(ref counts[index]);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Ten control requests a second, JSON and SOAP in turn over the cameras, each timed from send to the whole answer.</summary>
    private static async Task Control(HttpClient http, CameraHost host, List<double> latencies, CancellationToken stop)
    {
        const string soap = """<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>""";
        int n = 0;
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await ticker.WaitForNextTickAsync(stop))
            {
                var camera = host.Cameras[n / 2 % host.Cameras.Count];
                var watch = Stopwatch.StartNew();
                using var response = n % 2 == 0
                    ? await http.GetAsync($"{camera.BasePath}/api/v1/recordings", stop)
                    : await http.PostAsync($"{camera.BasePath}/onvif/device_service", new StringContent(soap, Encoding.UTF8, "application/soap+xml"), stop);
                await response.Content.ReadAsByteArrayAsync(stop);
                response.EnsureSuccessStatusCode();
                lock (latencies) latencies.Add(watch.Elapsed.TotalMilliseconds);
                n++;
            }
        }
        catch (OperationCanceledException) { }
    }
}
