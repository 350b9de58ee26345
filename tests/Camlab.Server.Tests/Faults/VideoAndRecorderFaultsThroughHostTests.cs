using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Camlab.Server.Tests.Imaging;
using Camlab.Server.Tests.Recording;
using Camlab.Server.Tests.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Faults;

/// <summary>
/// The video, recorder and scheduled Imaging faults through the real host: set over the API, seen by a video channel
/// client and a pull point, refused with their field when wrong.
/// </summary>
public class VideoAndRecorderFaultsThroughHostTests
{
    private const string FaultsPath = "/api/v1/cameras/1/faults";

    private static async Task<JsonElement> Post(HttpClient client, params string[] set)
    {
        using var response = await client.PostAsync(FaultsPath, FaultApiTests.Json(JsonSerializer.Serialize(new { set })));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> Report(HttpClient client) => JsonDocument.Parse(await client.GetStringAsync(FaultsPath)).RootElement;

    private static JsonElement Condition(JsonElement report, string name) =>
        report.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("source").GetString() == "VideoSource_1" && c.GetProperty("condition").GetString() == name);

    private static string State(XElement message) =>
        message.Descendants().Single(e => e.Name.LocalName == "SimpleItem" && (string?)e.Attribute("Name") == "State").Attribute("Value")!.Value;

    [Fact]
    public async Task A_wrong_video_recorder_or_imaging_schedule_instruction_is_refused_with_its_field_and_nothing_changes()
    {
        await using var server = await ServerHarness.StartAsync(time: new FakeTimeProvider());
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        foreach (var (second, words) in new[]
                 {
                     ("VideoSource_1/MalformedHeader=on;frame=0", "frame: 0 is outside 1..1000000"),
                     ("VideoSource_1/MalformedHeader=on;frame=two", "frame: 'two' is not a whole number"),
                     ("VideoSource_9/MalformedHeader=on", "target: no video source 'VideoSource_9'"),
                     ("VideoSource_1/RtspSessionKill=on;share=0.5", "RtspSessionKill has no parameter 'share'"),
                     ("recorder/DiskFull=on;percent=100", "DiskFull has no parameter 'percent'"),
                     ("Profile_9/DatabaseFail=on", "target: no media profile 'Profile_9'"),
                     ("VideoSource_1/ImageTooDark=auto;for=5s", "auto releases at once and takes no schedule"),
                     ("VideoSource_1/ImageTooDark=true;for=fast", "for: 'fast' is not a duration"),
                     ("VideoSource_1/FocusMotor=jammed;every=1m", "every: needs for"),
                 })
        {
            var response = await admin.PostAsync(FaultsPath, FaultApiTests.Json(JsonSerializer.Serialize(new { set = new[] { "recorder/DiskFull=on", second } })));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal("set[1]", body.GetProperty("field").GetString());
            Assert.Contains(words, body.GetProperty("error").GetString());
            var report = await Report(admin);
            Assert.Equal(0, report.GetProperty("faults").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, Condition(report, "ImageTooDark").GetProperty("forced").ValueKind);
            Assert.Equal(0, (int)server.Host.Cameras[0].Faults.Recorder.Flags);
        }
    }

    [Fact]
    public async Task A_scheduled_imaging_condition_and_focus_motor_begin_and_end_on_the_camera_clock_with_camlab_fault_events()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ServerHarness.StartAsync(time: clock);
        using var admin = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        var subscription = await server.SubscribeAsync();
        await server.PullAsync(subscription);

        var set = await Post(admin, "VideoSource_1/ImageTooDark=true;after=10s;for=5s", "VideoSource_1/FocusMotor=gear jammed;after=12s;for=1s");
        var listed = set.GetProperty("faults").EnumerateArray().ToList();
        Assert.Equal(["VideoSource_1/FocusMotor", "VideoSource_1/ImageTooDark"], listed.Select(f => f.GetProperty("name").GetString()).Order());
        Assert.All(listed, f => Assert.Equal("pending", f.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, Condition(set, "ImageTooDark").GetProperty("forced").ValueKind);

        clock.Advance(9.9);
        Assert.Equal(JsonValueKind.Null, Condition(await Report(admin), "ImageTooDark").GetProperty("forced").ValueKind);
        clock.Advance(0.1);
        var report = await Report(admin);
        Assert.True(Condition(report, "ImageTooDark").GetProperty("forced").GetBoolean());
        Assert.True(Condition(report, "ImageTooDark").GetProperty("state").GetBoolean());
        var began = Assert.Single((await server.PullAsync(subscription)).Where(m => m.Topic() == "tns1:Camlab/Fault"));
        Assert.Contains("VideoSource_1/ImageTooDark", began.ToString());
        Assert.Equal("true", State(began));

        clock.Advance(2);
        Assert.Equal("gear jammed", Assert.Single((await Report(admin)).GetProperty("focusMotors").EnumerateArray()).GetProperty("error").GetString());
        clock.Advance(1);
        Assert.Equal(0, (await Report(admin)).GetProperty("focusMotors").GetArrayLength());
        clock.Advance(2);
        report = await Report(admin);
        Assert.Equal(JsonValueKind.Null, Condition(report, "ImageTooDark").GetProperty("forced").ValueKind);
        Assert.All(report.GetProperty("faults").EnumerateArray(), f => Assert.Equal("ended", f.GetProperty("state").GetString()));
        var faultEvents = (await server.PullAsync(subscription)).Where(m => m.Topic() == "tns1:Camlab/Fault").ToList();
        Assert.Equal(["VideoSource_1/FocusMotor:true", "VideoSource_1/FocusMotor:false", "VideoSource_1/ImageTooDark:false"],
            faultEvents.Select(m => m.Descendants().Single(e => (string?)e.Attribute("Name") == "Name").Attribute("Value")!.Value + ":" + State(m)));

        // The unscheduled spelling still applies at once, and replaces a scheduled instruction of the same condition.
        await Post(admin, "VideoSource_1/ImageTooDark=true;after=1m");
        report = await Post(admin, "VideoSource_1/ImageTooDark=false");
        Assert.DoesNotContain(report.GetProperty("faults").EnumerateArray(), f => f.GetProperty("name").GetString() == "VideoSource_1/ImageTooDark");
        Assert.False(Condition(report, "ImageTooDark").GetProperty("forced").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(FaultsPath)).StatusCode);
        Assert.Equal(JsonValueKind.Null, Condition(await Report(admin), "ImageTooDark").GetProperty("forced").ValueKind);
    }

    [RequiresVideoFact]
    public async Task A_full_disk_flags_live_frames_and_stops_the_recorder_until_cleared()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        var recorder = rig.Server.Host.Cameras[0].Video!.Recordings!.Recorder("Profile_2")!;
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        LiveFlags Flags(byte[] frame) => StreamingRig.Header(frame).LiveInfo!.Value.CurrentFlags;
        Assert.Equal(LiveFlags.None, Flags(await rig.ReceiveFrameAsync(socket)) & LiveFlags.DiskFull);
        await rig.Pump(Task.Run(() => SpinWait.SpinUntil(() => recorder.FramesWritten > 0, TimeSpan.FromSeconds(60))));

        await Post(rig.Client, "recorder/DiskFull=on");
        var flagged = 0;
        for (var i = 0; i < 50 && flagged < 3; i++)
            if ((Flags(await rig.ReceiveFrameAsync(socket)) & LiveFlags.DiskFull) != 0) flagged++;
            else Assert.Equal(0, flagged); // once flagged, every frame is
        Assert.Equal(3, flagged);
        await rig.Pump(Task.Run(() => SpinWait.SpinUntil(() => recorder.FramesRefused >= 2, TimeSpan.FromSeconds(60))));
        var written = recorder.FramesWritten;
        await rig.Pump(Task.Run(() => SpinWait.SpinUntil(() => recorder.FramesRefused >= 4, TimeSpan.FromSeconds(60))));
        Assert.Equal(written, recorder.FramesWritten);
        // Frames composed before the recorder refused its first frame (it records at 5 fps, the stream runs at 25) may
        // still wait in the socket with Recording set; the frames composed since say it stopped, every one of them.
        var stopped = 0;
        for (var i = 0; i < 100 && stopped < 3; i++)
            if ((Flags(await rig.ReceiveFrameAsync(socket)) & LiveFlags.Recording) == 0) stopped++;
            else Assert.Equal(0, stopped);
        Assert.Equal(3, stopped);

        await Post(rig.Client, "recorder/DiskFull=auto");
        byte[] frame;
        do frame = await rig.ReceiveFrameAsync(socket);
        while ((Flags(frame) & LiveFlags.DiskFull) != 0);
        Assert.Equal(LiveFlags.DiskFull, StreamingRig.Header(frame).LiveInfo!.Value.ChangedFlags & LiveFlags.DiskFull);
        await rig.Pump(Task.Run(() => SpinWait.SpinUntil(() => recorder.FramesWritten > written, TimeSpan.FromSeconds(60))));
    }

    [RequiresVideoFact]
    public async Task A_malformed_header_reaches_a_video_channel_client_once_and_the_frames_after_it_read()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        StreamingRig.Header(await rig.ReceiveFrameAsync(socket));

        await Post(rig.Client, "VideoSource_1/MalformedHeader=on;frame=3");
        var frames = new List<byte[]>();
        for (var i = 0; i < 12; i++) frames.Add(await rig.ReceiveFrameAsync(socket));
        var rejected = new List<(int Index, FrameFormatException Error)>();
        for (var i = 0; i < frames.Count; i++)
        {
            try { FrameReader.ReadFrame(frames[i]); }
            catch (FrameFormatException e) { rejected.Add((i, e)); }
        }
        var (index, error) = Assert.Single(rejected);
        Assert.InRange(index, 2, 5); // the third composed after the fault began (frames already sent may precede it)
        Assert.Equal(FrameError.SizeFieldPastHeader, error.Code);
        var headerSize = BitConverter.ToUInt16(frames[index], 32);
        Assert.Equal(headerSize - StreamInfo.Size, error.Offset);
    }
}
