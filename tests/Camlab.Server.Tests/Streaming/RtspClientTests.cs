using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Hosting;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// The RTSP server of <c>camlab serve</c> driven by real clients — ffprobe, ffmpeg, GStreamer — on the fake camera
/// clock: the clock is pumped while a client runs, so RTP timestamps (from capture times) show the configured rate.
/// </summary>
public sealed class RtspClientTests
{
    private const string Profile = "Profile_2"; // 640x360, cheap to render

    private static string Url(StreamingRig rig, string path = "/" + Profile, string user = "admin", string password = ServerHarness.AdminPassword) =>
        $"rtsp://{user}:{password}@127.0.0.1:{rig.Server.Host.Rtsp!.EndPoint.Port}{path}";

    private static Task<(int Exit, string Out, string Err)> RunAsync(StreamingRig rig, string tool, params string[] args) => RunAsync(rig, 0.04, tool, args);

    // step: simulated seconds per pump tick (~15 ms real).
    internal static Task<(int Exit, string Out, string Err)> RunAsync(StreamingRig rig, double step, string tool, params string[] args) =>
        RunAsync(exited => rig.Pump(exited, step), tool, args);

    /// <summary>Runs a client that counts frames at <paramref name="fps"/>: the clock moves a frame at a time, each once its frame is made.</summary>
    internal static Task<(int Exit, string Out, string Err)> RunCountingFramesAsync(StreamingRig rig, double fps, string tool, params string[] args) =>
        RunAsync(exited => rig.PumpFrames(exited, fps), tool, args);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(Func<Task, Task> pump, string tool, string[] args)
    {
        var start = new ProcessStartInfo(MjpegTests.FindOnPath(tool)!, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try { await pump(process.WaitForExitAsync()); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>
    /// True when a gst-launch run ended as asked: exit 0, or the one client-side race of its ending. When a sink has taken
    /// its num-buffers, gst-launch stops the pipeline (PAUSED, then NULL) at once; rtspsrc's own thread then sends PAUSE
    /// while the stop to NULL flushes the connection for TEARDOWN (GST_DEBUG=rtspsrc:5 logs "connection flush busy
    /// PAUSE"), and the PAUSE fails inside the client before a byte of it is written, with "Could not send message.
    /// (Received end-of-file)" and exit code 1; the TEARDOWN after it reaches the camera. Any other error, or one before
    /// the end of stream, is a failure.
    /// </summary>
    internal static bool GstreamerEndedAtEos(int exit, string output, string errors)
    {
        if (exit == 0) return true;
        if (!output.Contains("Got EOS from element \"pipeline0\"", StringComparison.Ordinal)) return false;
        var lines = errors.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var raised = lines.Where(l => l.StartsWith("ERROR:", StringComparison.Ordinal)).ToList();
        var where = lines.Where(l => l.Contains("gstrtspsrc.c(", StringComparison.Ordinal)).ToList();
        return raised.Count > 0
            && raised.All(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ERROR: from element /GstPipeline:pipeline0/GstRTSPSrc:[A-Za-z0-9_]+: Could not write to resource\.$"))
            && where.Count == raised.Count
            && where.All(l => l.Contains(": gst_rtspsrc_try_send ()", StringComparison.Ordinal) || l.Contains(": gst_rtspsrc_pause ()", StringComparison.Ordinal))
            && where.Any(l => l.Contains(": gst_rtspsrc_pause ()", StringComparison.Ordinal))
            && lines.Where(l => l.StartsWith("Could not send message.", StringComparison.Ordinal)).All(l => l == "Could not send message. (Received end-of-file)");
    }

    [Theory]
    [InlineData("src")]
    [InlineData("rtspsrc0")]
    public void The_gst_launch_ending_race_is_recognised_and_nothing_else(string element)
    {
        string Raised(int line, string function) =>
            $"ERROR: from element /GstPipeline:pipeline0/GstRTSPSrc:{element}: Could not write to resource.\nAdditional debug info:\n" +
            $"../gst/rtsp/gstrtspsrc.c({line}): {function} (): /GstPipeline:pipeline0/GstRTSPSrc:{element}:\nCould not send message. (Received end-of-file)\n";
        var race = Raised(6766, "gst_rtspsrc_try_send") + Raised(9240, "gst_rtspsrc_pause");
        const string ended = "Progress: (request) Sent PLAY request\nGot EOS from element \"pipeline0\".\nExecution ended after 0:00:01.3\n";
        Assert.True(GstreamerEndedAtEos(0, ended, ""));
        Assert.True(GstreamerEndedAtEos(1, ended, race));
        Assert.False(GstreamerEndedAtEos(1, "Progress: (request) Sent PLAY request\n", race)); // before the end of stream
        Assert.False(GstreamerEndedAtEos(1, ended, Raised(6766, "gst_rtspsrc_try_send"))); // not the PAUSE of the ending
        Assert.False(GstreamerEndedAtEos(1, ended, race.Replace("Received end-of-file", "Connection refused")));
        Assert.False(GstreamerEndedAtEos(1, ended, race + "ERROR: from element /GstPipeline:pipeline0/GstJpegDec:jpegdec0: Failed to decode JPEG image\n"));
        Assert.False(GstreamerEndedAtEos(1, ended, ""));
    }

    [RequiresFfprobeTheory]
    [InlineData("udp")]
    [InlineData("tcp")]
    [InlineData("http")]
    public async Task Ffprobe_sees_mjpeg_at_the_profile_size(string transport)
    {
        await using var rig = await StreamingRig.StartAsync();
        var (exit, output, errors) = await RunAsync(rig, "ffprobe", "-v", "error", "-rtsp_transport", transport,
            "-show_entries", "stream=codec_name,width,height", "-of", "default=nw=1", Url(rig));
        Assert.True(exit == 0, errors);
        Assert.Contains("codec_name=mjpeg", output);
        Assert.Contains("width=640", output);
        Assert.Contains("height=360", output);
    }

    [RequiresFfprobeFact]
    public async Task Ffmpeg_records_five_seconds_at_the_configured_rate()
    {
        await using var rig = await StreamingRig.StartAsync();
        var fps = rig.Server.Host.Cameras[0].Video!.Streams.Resolve(Profile).Defaults.Fps;
        var file = Path.Combine(Path.GetTempPath(), $"camlab-rtsp-{Guid.NewGuid():N}.mkv");
        try
        {
            var (exit, _, errors) = await RunCountingFramesAsync(rig, fps, "ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig), "-t", "5", "-c", "copy", "-y", file);
            Assert.True(exit == 0, errors);
            var (probeExit, output, probeErrors) = await RunAsync(rig, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames:format=duration", "-of", "default=nw=1", file);
            Assert.True(probeExit == 0, probeErrors);
            var frames = int.Parse(Line(output, "nb_read_frames="));
            var duration = double.Parse(Line(output, "duration="), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(duration >= 4.5, $"recorded {duration} s");
            Assert.True(frames >= 4.5 * fps, $"{frames} frames in {duration} s at {fps} fps");
        }
        finally { File.Delete(file); }
    }

    [RequiresGstreamerFact]
    public async Task Gstreamer_decodes_the_requested_number_of_frames()
    {
        await using var rig = await StreamingRig.StartAsync();
        const int frames = 12;
        var port = rig.Server.Host.Rtsp!.EndPoint.Port;
        var (exit, output, errors) = await RunAsync(rig, 0.01, "gst-launch-1.0", "-v", "rtspsrc", $"location=rtsp://127.0.0.1:{port}/{Profile}",
            "user-id=admin", $"user-pw={ServerHarness.AdminPassword}", "protocols=tcp", "latency=0", "!", "rtpjpegdepay", "!", "jpegdec", "!",
            "fakesink", "sync=false", "silent=false", $"num-buffers={frames}");
        Assert.True(GstreamerEndedAtEos(exit, output, errors), errors + output);
        Assert.Equal(frames, output.Split('\n').Count(l => l.Contains("last-message = chain", StringComparison.Ordinal)));
    }

    [RequiresFfprobeFact]
    public async Task A_pan_during_the_stream_changes_the_decoded_picture()
    {
        await using var rig = await StreamingRig.StartAsync();
        var directory = Directory.CreateTempSubdirectory("camlab-rtsp-pan-").FullName;
        try
        {
            var start = new ProcessStartInfo(MjpegTests.FindOnPath("ffmpeg")!, ["-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig),
                "-frames:v", "200", "-c", "copy", "-f", "image2", Path.Combine(directory, "f%03d.jpg")]) { RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                await rig.Pump(WaitForFileAsync(Path.Combine(directory, "f008.jpg")));
                rig.State!.Pose = rig.State.Pose with { PanDeg = rig.State.Pose.PanDeg + 120 };
                await rig.Pump(process.WaitForExitAsync());
            }
            finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            Assert.True(process.ExitCode == 0, await errors);
            using var decoder = new JpegDecoder();
            byte[] Pixels(int n) => decoder.Decode(File.ReadAllBytes(Path.Combine(directory, $"f{n:000}.jpg"))).Pixels;
            // ffmpeg buffers its probing window (up to 5 s of stream) before writing the first file, so the frame
            // compared after the pan is far beyond that window.
            var (a, b, after) = (Pixels(2), Pixels(3), Pixels(200));
            var still = Difference(a, b);
            var panned = Difference(a, after);
            Assert.True(panned > 10 && panned > 4 * still, $"mean difference {still:F2} between frames before the pan, {panned:F2} across it");
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [RequiresFfprobeFact]
    public async Task Wrong_credentials_get_401_and_no_media()
    {
        await using var rig = await StreamingRig.StartAsync();
        var (exit, _, errors) = await RunAsync(rig, "ffprobe", "-v", "error", "-rtsp_transport", "tcp", Url(rig, password: "wrong"));
        Assert.NotEqual(0, exit);
        Assert.Contains("401", errors);
        Assert.Equal(0, rig.Server.Host.Rtsp!.Server.SessionCount);
    }

    [RequiresVideoFact]
    public async Task A_session_not_kept_alive_is_gone_after_its_timeout_and_camera_paths_resolve()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Cameras = 2, Auth = o.Auth with { Enabled = false } });
        var endpoint = rig.Server.Host.Rtsp!.EndPoint;
        using var tcp = new TcpClient();
        tcp.Connect(endpoint);
        var stream = tcp.GetStream();
        var describe = Exchange(stream, $"DESCRIBE rtsp://127.0.0.1:{endpoint.Port}/cameras/2/Profile_3 RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        Assert.StartsWith("RTSP/1.0 200 OK", describe);
        Assert.Contains("a=control:trackID=1", describe);
        Assert.StartsWith("RTSP/1.0 404", Exchange(stream, $"DESCRIBE rtsp://127.0.0.1:{endpoint.Port}/cameras/3/Profile_1 RTSP/1.0\r\nCSeq: 2\r\n\r\n"));
        var setup = Exchange(stream, $"SETUP rtsp://127.0.0.1:{endpoint.Port}/Profile_1/trackID=1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP;unicast;client_port=50000-50001\r\n\r\n");
        Assert.Contains(";timeout=60", setup);
        Assert.Equal(1, rig.Server.Host.Rtsp.Server.SessionCount);
        rig.Time.Advance(59);
        Assert.Equal(1, rig.Server.Host.Rtsp.Server.SessionCount);
        rig.Time.Advance(2);
        Assert.Equal(0, rig.Server.Host.Rtsp.Server.SessionCount);
    }

    [RequiresVideoFact]
    public async Task A_jpeg_picture_over_2040_pixels_is_sent_with_the_onvif_jpeg_header_extension()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Auth = o.Auth with { Enabled = false } });
        var media = rig.Server.Host.Cameras[0].Media;
        var token = media.Profile("Profile_3").VideoEncoderConfigurationToken!;
        media.SetVideoEncoderConfiguration(media.EncoderConfiguration(token) with { Encoding = Device.Media.VideoEncoding.Jpeg, Width = 3840, Height = 2160, Quality = 50 });
        var endpoint = rig.Server.Host.Rtsp!.EndPoint;
        using var tcp = new TcpClient();
        tcp.Connect(endpoint);
        var stream = tcp.GetStream();
        var url = $"rtsp://127.0.0.1:{endpoint.Port}/Profile_3";
        Assert.Contains("a=framesize:26 3840-2160", Exchange(stream, $"DESCRIBE {url} RTSP/1.0\r\nCSeq: 1\r\n\r\n"));
        var setup = Exchange(stream, $"SETUP {url}/trackID=1 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
        var session = setup.Split("\r\n").First(l => l.StartsWith("Session: ", StringComparison.Ordinal))[9..].Split(';')[0];
        Assert.StartsWith("RTSP/1.0 200", Exchange(stream, $"PLAY {url} RTSP/1.0\r\nCSeq: 3\r\nSession: {session}\r\n\r\n"));
        stream.ReadTimeout = 120_000; // the first 4K frame is rendered and encoded on a shared machine
        var packet = await rig.Pump(Task.Run(() => ReadInterleaved(stream, channel: 0)), step: 0.01);
        Assert.Equal(0x90, packet[0]); // X: a header extension follows the fixed header
        Assert.Equal(0xFFD8, (packet[12] << 8) | packet[13]);
        Assert.Equal(new byte[] { 0xFF, 0xC0, 0, 17, 8, 2160 >> 8, 2160 & 0xFF, 3840 >> 8, 3840 & 0xFF, 3 }, packet[16..26]);
        var main = 12 + 4 + 4 * ((packet[14] << 8) | packet[15]);
        Assert.Equal(new byte[] { 0, 0 }, packet[(main + 6)..(main + 8)]); // width/height fields: too small for 3840x2160
    }

    internal static byte[] ReadInterleaved(NetworkStream stream, byte channel)
    {
        var header = new byte[4];
        while (true)
        {
            stream.ReadExactly(header, 0, 1);
            if (header[0] != (byte)'$') continue; // the tail of an RTSP answer
            stream.ReadExactly(header, 1, 3);
            var payload = new byte[(header[2] << 8) | header[3]];
            stream.ReadExactly(payload);
            if (header[1] == channel) return payload;
        }
    }

    internal static string Exchange(NetworkStream stream, string request)
    {
        stream.Write(Encoding.ASCII.GetBytes(request));
        var text = new StringBuilder();
        var buffer = new byte[8192];
        stream.ReadTimeout = 10_000;
        while (true)
        {
            var n = stream.Read(buffer);
            if (n == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var s = text.ToString();
            var end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var length = s.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal)) is { } l ? int.Parse(l[16..]) : 0;
            if (Encoding.UTF8.GetByteCount(s) >= end + 4 + length) break;
        }
        return text.ToString();
    }

    private static async Task WaitForFileAsync(string path)
    {
        while (!File.Exists(path)) await Task.Delay(20);
    }

    private static double Difference(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / Math.Min(a.Length, b.Length);
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}

/// <summary>Skips, saying why, where ffprobe is missing (scripts/test-prerequisites.d/ffmpeg.sh installs it as root).</summary>
public sealed class RequiresFfprobeTheoryAttribute : TheoryAttribute
{
    public RequiresFfprobeTheoryAttribute()
    {
        if (MjpegTests.FindOnPath("ffprobe") is null || MjpegTests.FindOnPath("ffmpeg") is null)
            Skip = "ffmpeg/ffprobe are not installed (apt-get install -y ffmpeg; ./test.sh does this when run as root)";
    }
}

/// <summary>Skips, saying why, where GStreamer is missing (scripts/test-prerequisites.d/gstreamer.sh installs it as root).</summary>
public sealed class RequiresGstreamerFactAttribute : FactAttribute
{
    public RequiresGstreamerFactAttribute()
    {
        if (MjpegTests.FindOnPath("gst-launch-1.0") is null)
            Skip = "gst-launch-1.0 is not installed (apt-get install -y gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-base; ./test.sh does this when run as root)";
    }
}
