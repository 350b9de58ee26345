using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Camlab.Server.Hosting;
using Camlab.VideoChannel;

namespace Camlab.Benchmarks.Streaming;

/// <summary>
/// The streaming load run (not a BenchmarkDotNet benchmark: it measures a server under load for a fixed time).
/// Starts <c>camlab serve</c>'s host in this process on a loopback port, opens N streams of the same profile,
/// size and rate (so they share one render loop, as viewers of one camera do) and a WebSocket viewer on each,
/// and reports per-viewer frames per second, frames the server dropped for slow viewers (their inbox's count), the
/// process CPU (server and clients together) and memory.
/// <code>dotnet run -c Release --project bench/Camlab.Benchmarks -- load --viewers 10 --seconds 60 --width 1920 --height 1080 --fps 25 [--pan 0.2]</code>
/// With <c>--cameras N</c> instead of <c>--viewers</c> it is the site load run (<see cref="SiteLoad"/>).
/// </summary>
public static class StreamingLoad
{
    public static async Task<int> Run(StreamingLoadSettings settings)
    {
        var (viewers, seconds, width, height, fps, quality, profile, pan, encoding) = settings;

        var data = Path.Combine(Path.GetTempPath(), "camlab-load-" + Guid.NewGuid().ToString("N"));
        const string password = "load-pw";
        await using var host = await CameraHost.StartAsync(new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = data,
            Users = [new UserOption { Name = "admin", Password = password }],
            // The figures are the server without continuous recording (it would render Profile_1 all the time).
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
        });
        var credentials = new NetworkCredential("admin", password);
        using var http = new HttpClient(new HttpClientHandler { Credentials = credentials }) { BaseAddress = host.BaseUri };

        var urls = new List<string>();
        var ids = new List<Guid>();
        for (int v = 0; v < viewers; v++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/streams", new { profile, width, height, fps, quality, encoding });
            response.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            urls.Add(body.GetProperty("urls").GetProperty("webSocket").GetString()!);
            ids.Add(body.GetProperty("videoId").GetGuid());
        }

        // --pan v: the dome pans without pause, so every frame has a new pose (the moving-camera case).
        using var panning = new PanningDomes([host.Cameras[0]], pan);

        var process = Process.GetCurrentProcess();
        using var stop = new CancellationTokenSource();
        var results = new ViewerResult[viewers];
        var tasks = urls.Select((url, i) => Task.Run(async () => results[i] = await ViewAsync(url, credentials, stop.Token))).ToArray();

        // Warm-up: the first frames include JIT and ray-map building; measure from when every viewer has a frame.
        while (results.Length > 0 && tasks.Any(t => !t.IsCompleted) && ViewerResult.Started < viewers) await Task.Delay(50);
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long peakWorkingSet = 0;
        ViewerResult.Reset();
        while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(500);
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        }
        var elapsed = wall.Elapsed.TotalSeconds;
        var dropped = ids.Select(id => host.Cameras[0].Video!.Streams.Find(id)!.Sink.Dropped).ToArray();
        var rendered = host.Cameras[0].Video!.Hub.LoopCount;
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(tasks);

        Console.WriteLine($"streaming load: {viewers} WebSocket viewers of {profile} {encoding} {width}x{height} at {fps} fps, quality {quality}, {elapsed:F1} s, {Environment.ProcessorCount} logical CPUs"
            + (pan == 0 ? ", camera still" : $", camera panning at generic velocity {pan}"));
        for (int v = 0; v < viewers; v++)
            Console.WriteLine($"  viewer {v + 1,2}: {results[v].Measured / elapsed,6:F2} fps  ({results[v].Measured} frames, {dropped[v]} dropped by the server since start, {results[v].Bytes / Math.Max(1, results[v].Measured) / 1024} KiB/frame)");
        Console.WriteLine($"  render loops: {rendered} (viewers of one key share one)");
        Console.WriteLine($"  min {results.Min(r => r.Measured) / elapsed:F2} fps, mean {results.Average(r => r.Measured) / elapsed:F2} fps");
        Console.WriteLine($"  CPU {cpu / elapsed * 100:F0}% of one core (server and viewers in this process; {cpu / elapsed / Environment.ProcessorCount * 100:F0}% of the machine)");
        Console.WriteLine($"  memory: peak working set {peakWorkingSet / 1048576} MiB, GC heap {GC.GetTotalMemory(false) / 1048576} MiB, gen2 collections {GC.CollectionCount(2)}");
        try { Directory.Delete(data, true); } catch (IOException) { }
        return 0;
    }

    private sealed class ViewerResult
    {
        private static int _started;
        private static int _epoch;
        public static int Started => Volatile.Read(ref _started);
        public static void Reset() => Interlocked.Increment(ref _epoch);
        public static int Epoch => Volatile.Read(ref _epoch);
        public static void MarkStarted() => Interlocked.Increment(ref _started);
        public long Measured;
        public long Bytes;
    }

    private static async Task<ViewerResult> ViewAsync(string url, NetworkCredential credentials, CancellationToken stop)
    {
        var result = new ViewerResult();
        using var socket = new ClientWebSocket();
        socket.Options.Credentials = credentials;
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        var buffer = new ViewerFrameBuffer();
        bool started = false;
        int epoch = ViewerResult.Epoch;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var frame = await buffer.ReceiveAsync(socket, stop);
                int filled = frame.Length;
                _ = FrameReader.ReadFrame(frame.Span).Header; // every frame must decode
                if (!started) { started = true; ViewerResult.MarkStarted(); }
                if (ViewerResult.Epoch != epoch) { epoch = ViewerResult.Epoch; result.Measured = 0; result.Bytes = 0; }
                result.Measured++;
                result.Bytes += filled;
            }
        }
        catch (OperationCanceledException) { }
        return result;
    }
}
