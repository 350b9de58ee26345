using System.Net.Http.Json;
using System.Text.Json;
using Camlab.Recording;
using Camlab.Server.Hosting;
using Camlab.Server.Recording;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;
using Camlab.Testing;

namespace Camlab.Server.Tests.Recording;

/// <summary>
/// Continuous recording in the real host: on by default for Profile_1 into the data directory, the live Recording
/// flag on that profile's streams only, GET /api/v1/recordings, a recording that verifies after shutdown (also with
/// <c>camlab recordings verify</c> at its default path), and the configuration's checks.
/// </summary>
public sealed class RecordingHostTests
{
    [Fact]
    public async Task Default_records_profile_1_flags_its_live_streams_lists_it_and_verifies()
    {
        // The default configuration (the harness turns recording off, this test turns the defaults back on).
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = new RecordingOptions() });
        var recordings = rig.Server.Host.Cameras[0].Video!.Recordings!;
        Assert.Equal(["Profile_1"], recordings.Recorders.Select(r => r.ProfileToken));
        var recorder = rig.Recorder("Profile_1");
        var directory = Path.Combine(rig.Server.Data, "camera-1", "recordings", "Profile_1");
        Assert.Equal(directory, recorder.Recorder.Directory);
        await rig.RecordAsync(recorder, 3);

        var main = await rig.CreateStreamAsync(new { profile = "Profile_1", width = 320, height = 180 });
        var sub = await rig.CreateStreamAsync(new { profile = "Profile_2", width = 320, height = 180 });
        using (var socket = await rig.ConnectAsync(main.GetProperty("urls").GetProperty("webSocket").GetString()!))
        {
            var live = StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).LiveInfo!.Value;
            Assert.True(live.CurrentFlags.HasFlag(LiveFlags.Recording | LiveFlags.LiveFeed), live.CurrentFlags.ToString());
            Assert.True(live.ChangedFlags.HasFlag(LiveFlags.Recording));
        }
        using (var socket = await rig.ConnectAsync(sub.GetProperty("urls").GetProperty("webSocket").GetString()!))
            Assert.False(StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).LiveInfo!.Value.CurrentFlags.HasFlag(LiveFlags.Recording));

        var list = (await rig.Client.GetFromJsonAsync<JsonElement>("/api/v1/recordings")).GetProperty("recordings");
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal("Profile_1", entry.GetProperty("profile").GetString());
        Assert.True(entry.GetProperty("recording").GetBoolean());
        Assert.True(entry.GetProperty("signing").GetBoolean());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", entry.GetProperty("publicKey").GetString());
        Assert.Equal(recorder.Recorder.PublicKeyPem, entry.GetProperty("publicKey").GetString());
        long frames = entry.GetProperty("frames").GetInt64();
        Assert.True(frames >= 3, $"{frames} frames listed");
        var range = Assert.Single(entry.GetProperty("ranges").EnumerateArray());
        Assert.Equal(frames, range.GetProperty("frames").GetInt64());
        recorder.Recorder.Index.TryGet(recorder.Recorder.Index.FirstFrame, out var first);
        Assert.Equal(RecordingRig.Iso(DateTimeOffset.FromUnixTimeMilliseconds(first.TimeUtcMs)), range.GetProperty("start").GetString());
        Assert.True(entry.GetProperty("bytes").GetInt64() > 0);

        recordings.Dispose(); // as at shutdown: the recorder closes and signs its open range
        Assert.False(recordings.IsRecording("Profile_1"));
        var report = RecordingVerifier.Verify(directory);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
        Assert.True(report.FramesChecked >= 3);

        var output = new StringWriter();
        int exit = Cli.Program.BuildRoot().Parse(["recordings", "verify", "--data", rig.Server.Data])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        Assert.True(exit == 0, output.ToString());
        Assert.EndsWith("OK\n", output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Without_recording_no_flag_is_set_and_nothing_is_listed()
    {
        await using var rig = await StreamingRig.StartAsync();
        Assert.Empty(rig.Server.Host.Cameras[0].Video!.Recordings!.Recorders);
        var main = await rig.CreateStreamAsync(new { profile = "Profile_1", width = 320, height = 180 });
        using var socket = await rig.ConnectAsync(main.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.False(StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).LiveInfo!.Value.CurrentFlags.HasFlag(LiveFlags.Recording));
        var list = (await rig.Client.GetFromJsonAsync<JsonElement>("/api/v1/recordings")).GetProperty("recordings");
        Assert.Equal(0, list.GetArrayLength());
        Assert.False(Directory.Exists(Path.Combine(rig.Server.Data, "camera-1", "recordings")));
    }

    [Fact]
    public async Task A_restarted_host_keeps_recording_into_the_same_directory_in_a_new_sequence()
    {
        var data = RecordingRig.NewDataDirectory();
        try
        {
            await RestartAsync(data);
        }
        finally { RecordingRig.Delete(data); }
    }

    private static async Task RestartAsync(string data)
    {
        await using var rig = await RecordingRig.RecordTwoSequencesAsync(data, 2);
        var index = rig.Recorder().Recorder.Index;
        await rig.RecordAsync(rig.Recorder(), 1);
        Assert.Equal(0, index.FirstFrame); // reopened, nothing lost
        int k = 0; // frames of the first run: at least 2 (one more may have been rendering when it stopped)
        while (index.TryGet(k, out var e) && e.SequenceId == 0) k++;
        Assert.InRange(k, 2, 3);
        Assert.True(index.TryGet(k - 1, out var before));
        Assert.True(index.TryGet(k, out var after));
        Assert.Equal((ulong)k, after.SequenceId); // a restart starts a sequence, named after its first frame
        Assert.Equal(60_000, after.TimeUtcMs - before.TimeUtcMs, tolerance: 1000);
        rig.Server.Host.Cameras[0].Video!.Recordings!.Dispose();
        var report = RecordingVerifier.Verify(Path.Combine(data, "camera-1", "recordings", "Profile_2"));
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
    }

    [Theory]
    [InlineData("""{"recording": {"fps": 0}}""", "recording.fps")]
    [InlineData("""{"recording": {"maxAgeHours": -1}}""", "recording.maxAgeHours")]
    [InlineData("""{"recording": {"maxGigabytes": 0}}""", "recording.maxGigabytes")]
    [InlineData("""{"recording": {"profiles": ["../x"]}}""", "recording.profiles")]
    [InlineData("""{"recording": {"profiles": ["Profile_1", "Profile_1"]}}""", "recording.profiles")]
    public void Bad_recording_configuration_is_refused_naming_the_key(string json, string key)
    {
        using var folder = new TempFolder("camlab-config-");
        var file = Path.Combine(folder.Path, "camlab.json");
        File.WriteAllText(file, json);
        var e = Assert.Throws<ConfigurationException>(() => ServerOptions.Load(file).Validate());
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Recording_configuration_reads_every_key()
    {
        using var folder = new TempFolder("camlab-config-");
        var file = Path.Combine(folder.Path, "camlab.json");
        File.WriteAllText(file, """{"recording": {"enabled": true, "profiles": ["Profile_2"], "fps": 2, "signing": false, "maxAgeHours": 1.5, "maxGigabytes": null}}""");
        var options = ServerOptions.Load(file);
        options.Validate();
        Assert.Equal(["Profile_2"], options.Recording.Profiles);
        var recorder = options.Recording.ToRecorderOptions();
        Assert.Equal((false, TimeSpan.FromHours(1.5), (long?)null), (recorder.Signing, recorder.MaxAge, recorder.MaxBytes));
        var defaults = new ServerOptions().Recording;
        Assert.Equal(["Profile_1"], defaults.Profiles);
        Assert.Equal((true, 5.0, true, 24.0, 2.0), (defaults.Enabled, defaults.Fps, defaults.Signing, defaults.MaxAgeHours, defaults.MaxGigabytes));
    }

    [Fact]
    public async Task An_unknown_recorded_profile_stops_the_start()
    {
        var e = await Assert.ThrowsAsync<ConfigurationException>(() =>
            StreamingRig.StartAsync(configure: o => o with { Recording = new RecordingOptions { Profiles = ["Profile_9"] } }));
        Assert.Contains("Profile_9", e.Message);
    }
}
