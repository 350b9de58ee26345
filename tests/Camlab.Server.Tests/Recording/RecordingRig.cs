using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Camlab.Server.Recording;
using Camlab.Server.Tests.Streaming;

namespace Camlab.Server.Tests.Recording;

/// <summary>Helpers over <see cref="StreamingRig"/> for the recording tests: record frames on the fake clock, call the playback API.</summary>
internal static class RecordingRig
{
    /// <summary>Recording of the cheap 640×360 profile only, at 5 fps.</summary>
    public static RecordingOptions Profile2 => new() { Enabled = true, Profiles = ["Profile_2"], Fps = 5 };

    public static ProfileRecorder Recorder(this StreamingRig rig, string profile = "Profile_2") =>
        rig.Server.Host.Cameras[0].Video!.Recordings!.Recorder(profile) ?? throw new InvalidOperationException($"{profile} is not recorded");

    /// <summary>Advances the camera clock a recording interval at a time until the recorder has written <paramref name="frames"/> frames.</summary>
    public static async Task RecordAsync(this StreamingRig rig, ProfileRecorder recorder, long frames, double step = 0.2)
    {
        // The clock moves on only once the frame it made due (captured at the new instant) is written: moved on while
        // that frame was still waiting to render, the next tick would be merged into it and the recording would rightly
        // show a gap (a new sequence). A busy machine renders slowly, so the wait is long; a step that makes no frame due
        // moves on after it.
        for (int i = 0; recorder.FramesWritten < frames; i++)
        {
            if (i > 1000) throw new TimeoutException($"only {recorder.FramesWritten} frames recorded");
            rig.Time.Advance(step);
            long now = rig.Time.GetUtcNow().ToUnixTimeMilliseconds();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!WrittenAt(recorder, now) && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
        }
    }

    private static bool WrittenAt(ProfileRecorder recorder, long timeUtcMs)
    {
        var index = recorder.Recorder.Index;
        return index.TryGet(index.LastFrame, out var last) && last.TimeUtcMs >= timeUtcMs;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this StreamingRig rig, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        using var response = await rig.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> CreatePlaybackAsync(this StreamingRig rig, object body)
    {
        using var response = await rig.Client.PostAsJsonAsync("/api/v1/streams", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// A host that has recorded Profile_2 in two sequences a minute apart: <paramref name="firstFrames"/> frames by a
    /// first host (stopped, keeping its data), then the returned host, started on the same data directory a minute
    /// later, still recording. The clock cannot jump without the render timer firing, so the gap is made by the restart.
    /// The caller deletes <paramref name="data"/> (the harness deletes only a directory it made).
    /// </summary>
    public static async Task<StreamingRig> RecordTwoSequencesAsync(string data, int firstFrames)
    {
        var first = await StreamingRig.StartAsync(configure: o => o with { Data = data, Recording = Profile2 });
        await first.RecordAsync(first.Recorder(), firstFrames);
        await first.Server.Host.DisposeAsync(); // the harness would delete the data directory
        first.Client.Dispose();
        return await StreamingRig.StartAsync(configure: o => o with { Data = data, Recording = Profile2 },
            start: new DateTimeOffset(2026, 3, 1, 12, 1, 0, TimeSpan.Zero));
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));

    public static void Delete(string data)
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
