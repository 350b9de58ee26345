using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Camlab.Server.Tests.Imaging;
using Camlab.Server.Tests.Streaming;
using static Camlab.Server.Tests.Streaming.RtspClientTests;

namespace Camlab.Server.Tests.Faults;

/// <summary>
/// RtspSessionKill: the sessions streaming the source die when the fault begins (their TCP connection closes; a UDP
/// session is forgotten and answers 454), a session that starts while it acts dies right after its PLAY answer, and once
/// it is cleared sessions play again — seen by a raw RTSP client and by ffmpeg.
/// </summary>
public sealed class RtspSessionKillTests
{
    private const string Profile = "Profile_2"; // VideoSource_1, 640x360

    private static Task<StreamingRig> Rig() => StreamingRig.StartAsync(configure: o => o with { Auth = o.Auth with { Enabled = false } });

    private static async Task Post(StreamingRig rig, params string[] set)
    {
        using var response = await rig.Client.PostAsync("/api/v1/cameras/1/faults", FaultApiTests.Json(JsonSerializer.Serialize(new { set })));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Url(StreamingRig rig) => $"rtsp://127.0.0.1:{rig.Server.Host.Rtsp!.EndPoint.Port}/{Profile}";

    private static NetworkStream Connect(StreamingRig rig, List<TcpClient> clients)
    {
        var tcp = new TcpClient();
        clients.Add(tcp);
        tcp.Connect(rig.Server.Host.Rtsp!.EndPoint);
        return tcp.GetStream();
    }

    /// <summary>SETUP (interleaved or UDP) and PLAY; returns the session id and the PLAY answer.</summary>
    private static (string Session, string Play) SetupAndPlay(NetworkStream stream, string url, bool udp = false)
    {
        var transport = udp ? "RTP/AVP;unicast;client_port=50100-50101" : "RTP/AVP/TCP;unicast;interleaved=0-1";
        var setup = Exchange(stream, $"SETUP {url}/trackID=1 RTSP/1.0\r\nCSeq: 1\r\nTransport: {transport}\r\n\r\n");
        Assert.StartsWith("RTSP/1.0 200", setup);
        var session = setup.Split("\r\n").First(l => l.StartsWith("Session: ", StringComparison.Ordinal))[9..].Split(';')[0];
        return (session, Exchange(stream, $"PLAY {url} RTSP/1.0\r\nCSeq: 2\r\nSession: {session}\r\n\r\n"));
    }

    /// <summary>Reads until the server closes the connection: true at its end, false when nothing ends it in 30 s.</summary>
    private static bool ClosedByServer(NetworkStream stream)
    {
        stream.ReadTimeout = 30_000;
        var buffer = new byte[64 * 1024];
        try
        {
            while (stream.Read(buffer) > 0) { }
            return true;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset }) { return true; }
        catch (IOException) { return false; }
    }

    private static void WaitFor(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(30)), what);

    [RequiresVideoFact]
    public async Task Playing_sessions_are_killed_new_ones_die_after_play_and_clearing_restores_streaming()
    {
        await using var rig = await Rig();
        var server = rig.Server.Host.Rtsp!.Server;
        var clients = new List<TcpClient>();
        try
        {
            var playing = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(playing, Url(rig)).Play);
            await rig.Pump(Task.Run(() => ReadInterleaved(playing, 0)));

            await Post(rig, "VideoSource_1/RtspSessionKill=on");
            Assert.True(await Task.Run(() => ClosedByServer(playing)), "the interleaved session's connection is closed");
            WaitFor(() => server.SessionCount == 0, "the session is gone");
            Assert.Equal(1, server.SessionsKilled);

            // While the fault acts a new session is answered 200 to PLAY, then its connection closes.
            var late = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(late, Url(rig)).Play);
            Assert.True(await Task.Run(() => ClosedByServer(late)), "a session starting while the fault acts is closed after PLAY");
            Assert.Equal(2, server.SessionsKilled);

            // Cleared: a session plays and stays.
            await Post(rig, "VideoSource_1/RtspSessionKill=auto");
            var after = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(after, Url(rig)).Play);
            for (var i = 0; i < 3; i++) await rig.Pump(Task.Run(() => ReadInterleaved(after, 0)));
            Assert.Equal(1, server.SessionCount);
            Assert.Equal(2, server.SessionsKilled);
        }
        finally { foreach (var c in clients) c.Dispose(); }
    }

    [RequiresVideoFact]
    public async Task A_killed_udp_session_is_forgotten_and_answers_454_on_its_still_open_control_connection()
    {
        await using var rig = await Rig();
        var server = rig.Server.Host.Rtsp!.Server;
        var clients = new List<TcpClient>();
        try
        {
            await Post(rig, "VideoSource_1/RtspSessionKill=on");
            // A UDP session is forgotten; its control connection stays and the session id answers 454.
            var control = Connect(rig, clients);
            var (udp, play) = SetupAndPlay(control, Url(rig), udp: true);
            Assert.StartsWith("RTSP/1.0 200", play);
            WaitFor(() => server.SessionsKilled == 1 && server.SessionCount == 0, "the UDP session is killed");
            Assert.StartsWith("RTSP/1.0 454", Exchange(control, $"GET_PARAMETER {Url(rig)} RTSP/1.0\r\nCSeq: 3\r\nSession: {udp}\r\n\r\n"));
            Assert.StartsWith("RTSP/1.0 454", Exchange(control, $"PLAY {Url(rig)} RTSP/1.0\r\nCSeq: 4\r\nSession: {udp}\r\n\r\n"));
        }
        finally { foreach (var c in clients) c.Dispose(); }
    }

    [RequiresVideoFact]
    public async Task A_scheduled_kill_begins_and_ends_on_the_camera_clock()
    {
        await using var rig = await Rig();
        var server = rig.Server.Host.Rtsp!.Server;
        var clients = new List<TcpClient>();
        try
        {
            var playing = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(playing, Url(rig)).Play);
            await Post(rig, "VideoSource_1/RtspSessionKill=on;after=10s;for=5s");

            rig.Time.Advance(9.9);
            Assert.Equal(1, server.SessionCount);
            Assert.Equal(0, server.SessionsKilled);
            rig.Time.Advance(0.1);
            Assert.True(await Task.Run(() => ClosedByServer(playing)), "killed when the fault begins");
            WaitFor(() => server.SessionCount == 0, "the session is gone");

            var during = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(during, Url(rig)).Play);
            Assert.True(await Task.Run(() => ClosedByServer(during)), "killed after PLAY while the fault acts");
            Assert.Equal(2, server.SessionsKilled);

            rig.Time.Advance(5);
            var afterwards = Connect(rig, clients);
            Assert.StartsWith("RTSP/1.0 200", SetupAndPlay(afterwards, Url(rig)).Play);
            await rig.Pump(Task.Run(() => ReadInterleaved(afterwards, 0)));
            Assert.Equal(1, server.SessionCount);
            Assert.Equal(2, server.SessionsKilled);
        }
        finally { foreach (var c in clients) c.Dispose(); }
    }

    [RequiresFfprobeTheory]
    [InlineData("tcp")]
    [InlineData("http")]
    public async Task Ffmpeg_reading_the_stream_ends_when_its_session_is_killed(string transport)
    {
        await using var rig = await Rig();
        var server = rig.Server.Host.Rtsp!.Server;
        var start = new ProcessStartInfo(MjpegTests.FindOnPath("ffmpeg")!,
            ["-v", "error", "-rtsp_transport", transport, "-i", Url(rig), "-t", "600", "-c", "copy", "-f", "null", "-"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await rig.Pump(Task.Run(() => WaitFor(() => server.Sessions.Any(s => s.FramesSent > 5) || process.HasExited, "ffmpeg plays")));
            // stderr is read to its end only when ffmpeg has ended: awaited while it plays, it would wait for the 600 s.
            if (process.HasExited) Assert.Fail($"ffmpeg ended before the fault: {await errors}");
            await Post(rig, "VideoSource_1/RtspSessionKill=on");
            // Without the fault ffmpeg would read for 600 s of stream; the kill ends it now (bounded in real time too, so a
            // loaded machine that pumps the clock slowly fails the test instead of holding the run).
            await rig.Pump(process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2)));
            Assert.True(server.SessionsKilled >= 1);
            Assert.Equal(0, server.SessionCount);
        }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
    }

    [RequiresFfprobeFact]
    public async Task Ffmpeg_starting_while_the_fault_acts_gets_no_stream_and_plays_once_it_is_cleared()
    {
        await using var rig = await Rig();
        await Post(rig, "VideoSource_1/RtspSessionKill=on");
        // framecrc prints a line per packet ffmpeg got: it asks for 20 and gets fewer (at most what came before the kill).
        static int Packets(string output) => output.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#'));
        var (_, killed, _) = await RunAsync(rig, 0.04, "ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig), "-frames:v", "20", "-c", "copy", "-f", "framecrc", "-");
        Assert.True(Packets(killed) < 20, killed);
        Assert.True(rig.Server.Host.Rtsp!.Server.SessionsKilled >= 1);

        await Post(rig, "VideoSource_1/RtspSessionKill=auto");
        var (exit, played, errors) = await RunAsync(rig, 0.04, "ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig), "-frames:v", "20", "-c", "copy", "-f", "framecrc", "-");
        Assert.True(exit == 0, errors);
        Assert.Equal(20, Packets(played));
    }
}
