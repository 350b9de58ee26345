using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Camlab.Device;
using Camlab.Rendering.H264;
using Camlab.Server.Hosting;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// H.264 profiles end to end with real clients: ffprobe/ffmpeg and GStreamer (rtph264depay ! avdec_h264) on the RTSP
/// URL, the video channel's stream info, synchronization points and a changed encoder configuration. The camera is the
/// default layout with small H.264 encoders (rendering 1080p would only slow the tests); the clock is pumped while a
/// client runs, so RTP timestamps show the configured rate.
/// </summary>
public sealed class H264StreamingTests
{
    // Profile_1: 640×360 H.264 Main at 10 fps, GOV 10. Profile_3: 320×180 H.264 High at 10 fps, GOV 50. Profile_2 stays JPEG.
    private const string Definition = """
    {
      "videoSources": [
        { "token": "VideoSource_1", "width": 1920, "height": 1080, "framerate": 25, "kind": "Dome", "imaging": true,
          "configuration": { "token": "VideoSourceConfig_1", "name": "PTZ dome" },
          "ptz": { "node": "PtzNode_1", "nodeName": "Dome", "configuration": "PtzConfig_1", "configurationName": "Dome PTZ" } },
        { "token": "VideoSource_2", "width": 3840, "height": 2160, "framerate": 25, "kind": "Wide", "imaging": true,
          "configuration": { "token": "VideoSourceConfig_2", "name": "Wide fixed" },
          "ptz": { "node": "PtzNode_2", "nodeName": "Digital window", "configuration": "PtzConfig_2", "configurationName": "Digital PTZ" } }
      ],
      "encoders": [
        { "token": "E1", "name": "Main H.264", "encoding": "H264", "width": 640, "height": 360, "quality": 70, "frameRateLimit": 10, "bitrateLimit": 1000, "govLength": 10, "h264Profile": "Main" },
        { "token": "E2", "name": "Sub JPEG", "width": 640, "height": 360, "quality": 70, "frameRateLimit": 10, "bitrateLimit": 1500 },
        { "token": "E3", "name": "Small H.264", "encoding": "H264", "width": 320, "height": 180, "quality": 60, "frameRateLimit": 10, "bitrateLimit": 500, "govLength": 50, "h264Profile": "High", "constantBitRate": true }
      ],
      "profiles": [
        { "token": "Profile_1", "name": "Main", "videoSource": "VideoSource_1", "encoder": "E1", "ptz": true },
        { "token": "Profile_2", "name": "Sub", "videoSource": "VideoSource_1", "encoder": "E2", "ptz": false },
        { "token": "Profile_3", "name": "Wide", "videoSource": "VideoSource_2", "encoder": "E3", "ptz": true }
      ]
    }
    """;

    private static Task<StreamingRig> StartAsync() => StreamingRig.StartAsync(configure: o => o with
    {
        Camera = o.Camera with { Definition = JsonSerializer.Deserialize<CameraDefinitionDocument>(Definition, CameraDefinition.ConfigurationJson) },
    });

    private static string Url(StreamingRig rig, string profile) =>
        $"rtsp://admin:{ServerHarness.AdminPassword}@127.0.0.1:{rig.Server.Host.Rtsp!.EndPoint.Port}/{profile}";

    private static Task<(int Exit, string Out, string Err)> RunAsync(StreamingRig rig, double step, string tool, params string[] args) =>
        RtspClientTests.RunAsync(rig, step, tool, args);

    private static Camlab.Device.Media.MediaProfiles Media(StreamingRig rig) => rig.Server.Host.Cameras[0].Media;

    [RequiresFfprobeFact]
    public async Task Ffprobe_sees_h264_at_the_configured_size_rate_and_gop()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        var (exit, output, errors) = await RunAsync(rig, 0.04, "ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,profile,width,height,has_b_frames", "-of", "default=nw=1", Url(rig, "Profile_1"));
        Assert.True(exit == 0, errors);
        Assert.Contains("codec_name=h264", output);
        Assert.Contains("profile=Main", output);
        Assert.Contains("width=640", output);
        Assert.Contains("height=360", output);
        Assert.Contains("has_b_frames=0", output);

        // Four seconds copied (no re-encode): every frame decodes without an error, an IDR at least every GovLength (10) frames.
        var file = Path.Combine(Path.GetTempPath(), $"camlab-h264-{Guid.NewGuid():N}.mkv");
        try
        {
            (exit, _, errors) = await RtspClientTests.RunCountingFramesAsync(rig, 10, "ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig, "Profile_1"), "-t", "4", "-c", "copy", "-y", file);
            Assert.True(exit == 0, errors);
            (exit, _, errors) = await RunAsync(rig, 0.04, "ffmpeg", "-v", "error", "-xerror", "-i", file, "-f", "null", "-");
            Assert.True(exit == 0 && errors.Length == 0, errors);
            (exit, output, errors) = await RunAsync(rig, 0.04, "ffprobe", "-v", "error", "-select_streams", "v:0",
                "-show_entries", "frame=key_frame,pict_type,best_effort_timestamp_time", "-of", "csv=p=0", file);
            Assert.True(exit == 0, errors);
            var frames = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
            Assert.True(frames.Count >= 30, $"{frames.Count} frames in 4 s at 10 fps");
            Assert.Equal("1", frames[0][0]);
            var keys = frames.Select((f, i) => (f, i)).Where(x => x.f[0] == "1").Select(x => x.i).ToList();
            // An IDR at least every GovLength frames, and at the GovLength as a rule; a GOP may end early where the view
            // turns still or stops being still (docs/streaming.md, "Still views"), or where a frame was lost on the way.
            var gops = keys.Zip(keys.Skip(1), (a, b) => b - a).ToList();
            var keyFrames = $"key frames at {string.Join(" ", keys)} of {frames.Count}: {string.Join(" ", frames.Select(f => string.Join(",", f)))}";
            Assert.True(gops.All(g => g is >= 1 and <= 10) && gops.Count(g => g == 10) >= 2, keyFrames);
            // ffprobe writes the entries in its own order: key_frame, best_effort_timestamp_time, pict_type.
            Assert.DoesNotContain(frames, f => f[2] == "B");
            // Frame rate: the timestamps step by 1/10 s. A frame the camera could not render in time on a busy machine
            // (its clock moves on regardless) leaves a step of two or more tenths, never anything off the grid.
            var times = frames.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture)).ToList();
            // The copied file starts with two frames at 0 (ffmpeg's RTP demuxer leaves the first H.264 access unit of any
            // RTP stream without a timestamp: docs/streaming.md), so the steps are judged from the second frame on.
            var steps = times.Skip(1).Zip(times.Skip(2), (a, b) => b - a).ToList();
            Assert.All(steps, s => Assert.True(s > 0.095 && Math.Abs(s / 0.1 - Math.Round(s / 0.1)) < 0.05, $"a step of {s} s in {string.Join(" ", times)}"));
            Assert.InRange(steps.Order().ElementAt(steps.Count / 2), 0.095, 0.105);
        }
        finally { File.Delete(file); }
    }

    [RequiresFfprobeFact]
    public async Task The_SDP_carries_the_parameter_sets_the_stream_uses()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        var (exit, output, errors) = await RunAsync(rig, 0.04, "ffprobe", "-v", "error", "-rtsp_transport", "tcp",
            "-show_entries", "stream=codec_name,profile,width,height,extradata", "-show_data", "-of", "default=nw=1", Url(rig, "Profile_3"));
        Assert.True(exit == 0, errors);
        Assert.Contains("profile=High", output);
        Assert.Contains("width=320", output);
        Assert.Contains("height=180", output);
    }

    [RequiresFfprobeFact]
    public async Task A_changed_encoder_configuration_is_what_a_new_connection_sees()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        Media(rig).AddVideoEncoderConfiguration("Profile_1", "E3");
        var (exit, output, errors) = await RunAsync(rig, 0.04, "ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,profile,width,height", "-of", "default=nw=1", Url(rig, "Profile_1"));
        Assert.True(exit == 0, errors);
        Assert.Contains("codec_name=h264", output);
        Assert.Contains("profile=High", output);
        Assert.Contains("width=320", output);
    }

    [RequiresGstreamerFact]
    public async Task Gstreamer_decodes_the_requested_number_of_h264_frames()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        if (Process.Start(new ProcessStartInfo("gst-inspect-1.0", "avdec_h264") { RedirectStandardOutput = true, RedirectStandardError = true }) is { } inspect)
        {
            await inspect.WaitForExitAsync();
            if (inspect.ExitCode != 0) { System.Console.WriteLine("SKIP: avdec_h264 missing (apt-get install -y gstreamer1.0-libav; ./test.sh does this as root)"); return; }
        }
        await using var rig = await StartAsync();
        const int frames = 12;
        var port = rig.Server.Host.Rtsp!.EndPoint.Port;
        var (exit, output, errors) = await RunAsync(rig, 0.01, "gst-launch-1.0", "-v", "rtspsrc", $"location=rtsp://127.0.0.1:{port}/Profile_1",
            "user-id=admin", $"user-pw={ServerHarness.AdminPassword}", "protocols=tcp", "latency=0", "!", "rtph264depay", "!", "avdec_h264", "!",
            "fakesink", "sync=false", "silent=false", $"num-buffers={frames}");
        Assert.True(RtspClientTests.GstreamerEndedAtEos(exit, output, errors), errors + output);
        Assert.Equal(frames, output.Split('\n').Count(l => l.Contains("last-message = chain", StringComparison.Ordinal)));
    }

    [RequiresVideoFact]
    public async Task Video_channel_h264_frames_carry_profile_level_and_key_flag()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_1" });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        var (info, payload) = Read(await rig.ReceiveFrameAsync(socket));
        // The frames after the first key frame are predicted frames, unless the socket fell behind the camera clock (a
        // busy machine): then the viewer's queue drops them and the next frame is a key frame again (FrameSink).
        StreamInfo next = default;
        for (int i = 0; i < 25 && (i == 0 || next.IsKeyFrame); i++) next = Read(await rig.ReceiveFrameAsync(socket)).Info;

        Assert.Equal(StreamDataType.H264, info.DataType);
        Assert.True(info.IsKeyFrame);
        Assert.True(H264Bitstream.TryGetParameterSets(payload, out var sps, out _));
        var (profile, compatibility, level) = H264Bitstream.SpsProfile(sps);
        Assert.Equal(77u, info.Profile);
        Assert.Equal(profile, info.Profile);
        Assert.Equal(level, info.Level);
        Assert.Equal(compatibility, info.Compatibility);
        Assert.True(info.Level > 0);
        var all = StreamInfoFields.DataType | StreamInfoFields.Flags | StreamInfoFields.Profile | StreamInfoFields.Level
            | StreamInfoFields.Compatibility | StreamInfoFields.Constraints;
        Assert.Equal(all, info.Fields & all);
        // Raw Annex B: the payload starts with a start code.
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, payload[..4]);
        Assert.False(next.IsKeyFrame);
        Assert.Equal(info.Profile, next.Profile);
    }

    private static (StreamInfo Info, byte[] Payload) Read(byte[] bytes)
    {
        var frame = FrameReader.ReadFrame(bytes, out _);
        return (frame.Header.StreamInfo!.Value, frame.Payload.ToArray());
    }

    [RequiresVideoFact]
    public async Task A_synchronization_point_makes_the_running_stream_send_an_IDR()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        var video = rig.Server.Host.Cameras[0].Video!;
        var stream = video.Streams.Create("Profile_3", s => s); // GOV 50 at 10 fps: no IDR of its own for 5 s
        var frames = new List<bool>();
        async Task Read(int n)
        {
            for (int i = 0; i < n; i++) frames.Add((await rig.Pump(stream.Sink.ReadAsync(CancellationToken.None).AsTask())).IsKeyFrame);
        }
        await Read(4);
        Assert.Equal([true, false, false, false], frames);
        Media(rig).SetSynchronizationPoint("Profile_3");
        await Read(3);
        Assert.Contains(true, frames.Skip(4));
        Assert.True(frames.Count(k => k) == 2, string.Join(",", frames));
        video.Streams.Delete(stream.Id);
    }

    [RequiresVideoFact]
    public async Task A_running_stream_takes_a_changed_encoder_configuration_at_its_next_key_frame()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StartAsync();
        var video = rig.Server.Host.Cameras[0].Video!;
        var stream = video.Streams.Create("Profile_1", s => s);
        var before = await rig.Pump(stream.Sink.ReadAsync(CancellationToken.None).AsTask());
        Assert.True(before.IsKeyFrame);
        await rig.Pump(stream.Sink.ReadAsync(CancellationToken.None).AsTask());

        Media(rig).AddVideoEncoderConfiguration("Profile_1", "E3");
        Assert.Equal(320, stream.Settings.Width);
        var after = await rig.Pump(stream.Sink.ReadAsync(CancellationToken.None).AsTask());
        Assert.True(after.IsKeyFrame);
        Assert.True(H264Bitstream.TryGetParameterSets(after.Payload, out var sps, out _));
        Assert.Equal(100, H264Bitstream.SpsProfile(sps).ProfileIdc);
        Assert.Equal(new Camlab.VideoChannel.SizeInfo(1920, 1080, 0, 0, 1920, 1080, 320, 180, 6_000_000), after.Size);
        video.Streams.Delete(stream.Id);
    }

    [RequiresVideoFact]
    public async Task Snapshots_and_mjpeg_of_an_h264_profile_are_jpeg_of_the_same_view()
    {
        await using var rig = await StartAsync();
        using var response = await rig.Pump(rig.Client.GetAsync("/snapshot/Profile_1.jpg"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.True(StreamingRig.IsJpeg(await response.Content.ReadAsByteArrayAsync()));
    }
}

public sealed class H264StreamEncodingChoiceTests
{
    [RequiresVideoFact]
    public async Task A_stream_of_an_h264_profile_may_ask_for_jpeg_and_a_jpeg_profile_refuses_h264()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_1", width = 320, height = 180, encoding = "JPEG" });
        Assert.Equal("JPEG", created.GetProperty("encoding").GetString());
        var stream = rig.Server.Host.Cameras[0].Video!.Streams.Find(created.GetProperty("videoId").GetGuid())!;
        var frame = await rig.Pump(stream.Sink.ReadAsync(CancellationToken.None).AsTask());
        Assert.True(StreamingRig.IsJpeg(frame.Payload));

        using var refused = await rig.Client.PostAsync("/api/v1/streams",
            new StringContent("{\"profile\":\"Profile_2\",\"encoding\":\"H264\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"field\":\"encoding\"", await refused.Content.ReadAsStringAsync());
    }
}
