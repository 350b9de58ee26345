using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Rtsp;

/// <summary>
/// The RTSP load run: <c>camlab serve</c>'s host in this process, then one RTSP client (TCP interleaved) on one
/// profile for a while, then N clients on the same profile for as long, and the process CPU of each phase — the
/// ratio is the cost of the extra clients when the encode is shared (target ≤ 1.25× for 50). Clients run in the
/// process too (their reading is counted), as the streaming load run's viewers do. The camera pans (<c>--pan</c>, 0.5 by
/// default) so that every frame is rendered and encoded; each phase reports the frames rendered and reused.
/// <code>dotnet run -c Release --project bench/Camlab.Benchmarks -- rtsp-load --clients 50 --seconds 20 --profile Profile_1</code>
/// </summary>
public static class RtspLoad
{
    public static async Task<int> Run(RtspLoadSettings settings)
    {
        var (clients, seconds, profile, pan) = settings;
        var data = Path.Combine(Path.GetTempPath(), "camlab-rtsp-load-" + Guid.NewGuid().ToString("N"));
        const string password = "load-pw";
        await using var host = await CameraHost.StartAsync(new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = data,
            Users = [new UserOption { Name = "admin", Password = password }],
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
            Rtsp = new RtspOptions { MaxSessionsPerCamera = Math.Max(32, clients + 1) },
        });
        var url = host.Rtsp!.Url(host.Cameras[0], profile);
        var fps = host.Cameras[0].Video!.Streams.Resolve(profile).Defaults.Fps;
        // --pan v: every frame is rendered and encoded; with --pan 0 a still view is sent again from its ring after the
        // first turn, and both phases measure the ring, not the shared encode.
        using var panning = new Streaming.PanningDomes([host.Cameras[0]], pan);
        var counters = host.Cameras[0].Video!.Hub.Counters;

        var one = await MeasureAsync(host.Rtsp.EndPoint, url, password, 1, seconds, counters);
        var many = await MeasureAsync(host.Rtsp.EndPoint, url, password, clients, seconds, counters);
        Console.WriteLine($"rtsp load: {profile} ({fps} fps) over RTP/AVP/TCP, {seconds} s per phase, {Environment.ProcessorCount} logical CPUs"
            + (pan == 0 ? ", camera still" : $", camera panning at generic velocity {pan}"));
        Console.WriteLine($"  1 client:   CPU {one.Cpu * 100:F0}% of one core, {one.MinFps:F2} fps per client; frames rendered {one.Rendered}, reused from a still view {one.Reused}");
        Console.WriteLine($"  {clients} clients: CPU {many.Cpu * 100:F0}% of one core, {many.MinFps:F2} fps (slowest) … {many.MeanFps:F2} fps (mean) per client; frames rendered {many.Rendered}, reused {many.Reused}");
        Console.WriteLine($"  CPU ratio {clients}:1 = {many.Cpu / one.Cpu:F2}× (target ≤ 1.25×)");
        try { Directory.Delete(data, true); } catch (IOException) { }
        return 0;
    }

    private sealed record Phase(double Cpu, double MinFps, double MeanFps, long Rendered, long Reused);

    private static async Task<Phase> MeasureAsync(IPEndPoint server, string url, string password, int count, int seconds, Camlab.Server.Streaming.RenderCounters counters)
    {
        using var stop = new CancellationTokenSource();
        var frames = new long[count];
        var started = 0;
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() => ClientAsync(server, url, password, () => Interlocked.Increment(ref started),
            () => Interlocked.Increment(ref frames[i]), stop.Token))).ToArray();
        while (Volatile.Read(ref started) < count && !tasks.Any(t => t.IsFaulted)) await Task.Delay(50);
        if (tasks.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
        await Task.Delay(2000); // warm-up
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var before = frames.Select((_, i) => Interlocked.Read(ref frames[i])).ToArray();
        var (rendered, reused) = (counters.FramesRendered, counters.FramesReused);
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var used = (process.TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
        var rates = frames.Select((_, i) => (Interlocked.Read(ref frames[i]) - before[i]) / wall.Elapsed.TotalSeconds).ToArray();
        (rendered, reused) = (counters.FramesRendered - rendered, counters.FramesReused - reused);
        stop.Cancel();
        await Task.WhenAll(tasks);
        return new Phase(used, rates.Min(), rates.Average(), rendered, reused);
    }

    // DESCRIBE (answering the MD5 Digest challenge), SETUP interleaved, PLAY, then count RTP marker bits (frames).
    private static async Task ClientAsync(IPEndPoint server, string url, string password, Action playing, Action frame, CancellationToken stop)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server);
        var stream = tcp.GetStream();
        var reader = new ResponseReader(stream);
        var cseq = 0;
        string? authorization = null;
        async Task<(int Status, string Head)> Send(string method, string target, string extra)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{method} {target} RTSP/1.0\r\nCSeq: {++cseq}\r\n{extra}"
                + (authorization is null ? "" : Authorization(authorization, method, target, password)) + "\r\n"));
            return await reader.ReadResponseAsync();
        }
        var (status, head) = await Send("DESCRIBE", url, "");
        if (status == 401)
        {
            authorization = head.Split("\r\n").Last(l => l.StartsWith("WWW-Authenticate: ", StringComparison.Ordinal) && l.Contains("MD5"));
            (status, _) = await Send("DESCRIBE", url, "");
        }
        if (status != 200) throw new InvalidOperationException($"DESCRIBE {status}");
        (status, head) = await Send("SETUP", url + "/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
        var session = head.Split("\r\n").First(l => l.StartsWith("Session: ", StringComparison.Ordinal))[9..].Split(';')[0];
        (status, _) = await Send("PLAY", url, $"Session: {session}\r\n");
        if (status != 200) throw new InvalidOperationException($"PLAY {status}");
        playing();
        try { await reader.ReadFramesAsync(frame, stop); }
        catch (OperationCanceledException) { }
    }

    private static string Authorization(string challenge, string method, string uri, string password)
    {
        string Field(string name) => challenge.Split(name + "=\"")[1].Split('"')[0];
        static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var (realm, nonce) = (Field("realm"), Field("nonce"));
        var response = Md5($"{Md5($"admin:{realm}:{password}")}:{nonce}:{Md5($"{method}:{uri}")}");
        return $"Authorization: Digest username=\"admin\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\"\r\n";
    }

    private sealed class ResponseReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _start, _end;

        public async Task<(int, string)> ReadResponseAsync()
        {
            while (true)
            {
                var text = Encoding.ASCII.GetString(_buffer, _start, _end - _start);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var head = text[..end];
                    var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal)) is { } l ? int.Parse(l[16..], CultureInfo.InvariantCulture) : 0;
                    if (_end - _start >= end + 4 + length)
                    {
                        _start += end + 4 + length;
                        return (int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), head);
                    }
                }
                await FillAsync(CancellationToken.None);
            }
        }

        public async Task ReadFramesAsync(Action frame, CancellationToken stop)
        {
            while (true)
            {
                while (_end - _start >= 4)
                {
                    if (_buffer[_start] != '$') throw new InvalidDataException("expected an interleaved frame");
                    var length = (_buffer[_start + 2] << 8) | _buffer[_start + 3];
                    if (_end - _start < 4 + length) break;
                    if (_buffer[_start + 1] == 0 && length >= 12 && (_buffer[_start + 5] & 0x80) != 0) frame();
                    _start += 4 + length;
                }
                await FillAsync(stop);
            }
        }

        private async Task FillAsync(CancellationToken stop)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var n = await stream.ReadAsync(_buffer.AsMemory(_end), stop);
            if (n == 0) throw new EndOfStreamException();
            _end += n;
        }
    }
}
