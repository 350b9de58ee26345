using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Scenes;
using Camlab.Server.Streaming;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// Numbers a viewer sends are checked against a human range before they reach a timer or a divisor, and bodies
/// that are not UTF-8 are a 400 naming the byte offset; one viewer's request never slows another's stream.
/// </summary>
public sealed class StreamRequestRangeTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    [Fact]
    public async Task Frame_rates_and_playback_speeds_outside_the_human_range_are_400_and_create_nothing()
    {
        await using var rig = await StreamingRig.StartAsync();
        var random = new Random(2);
        double[] fixedCases = [1e-320, 1e-13, 4.9e-324, 0.0999, -1, -1e-320, 60.000001, 1e308, 0.1, 60, 1, 25];
        var values = fixedCases.Concat(Enumerable.Range(0, 40).Select(_ => random.Next(3) switch
        {
            0 => Math.Pow(10, random.Next(-320, -1)) * random.NextDouble(),
            1 => Math.Pow(10, random.Next(2, 300)),
            _ => random.NextDouble() * 70 - 5,
        }));
        foreach (var fps in values)
        {
            var text = fps.ToString("R", CultureInfo.InvariantCulture);
            using var response = await rig.Client.PostAsync("/api/v1/streams", Json($"{{\"profile\":\"Profile_2\",\"fps\":{text}}}"));
            var body = await response.Content.ReadAsStringAsync();
            if (StreamSettings.IsFps(fps))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"fps {text}: {(int)response.StatusCode} {body}");
                var id = JsonDocument.Parse(body).RootElement.GetProperty("videoId").GetString();
                (await rig.Client.DeleteAsync("/api/v1/streams/" + id)).Dispose();
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"fps {text}: {(int)response.StatusCode} {body}");
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal("fps", problem.GetProperty("field").GetString());
            }
        }
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
    }

    [Fact]
    public async Task Bodies_that_are_not_utf8_are_400_with_the_offset()
    {
        await using var rig = await StreamingRig.StartAsync();
        byte[][] bad = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]];
        var random = new Random(3);
        for (var i = 0; i < 30; i++)
        {
            var prefix = "{\"profile\":\"Profile"u8.ToArray();
            var body = prefix.Concat(bad[random.Next(bad.Length)]).Concat("_2\",\"fps\":5}"u8.ToArray()).ToArray();
            using var response = await rig.Client.PostAsync("/api/v1/streams", Bytes(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
            Assert.Contains($"invalid UTF-8 at byte offset {prefix.Length}", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        }
        using (var faults = await rig.Client.PostAsync("/api/v1/cameras/1/faults", Bytes([.. "{\"set\": [\"VideoSource_1/"u8, 0xED, 0xA0, 0x80, .. "=true\"]}"u8])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, faults.StatusCode);
            Assert.Contains("error", await faults.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
    }

    [Fact]
    public void An_absurd_frame_rate_never_reaches_a_viewer_inbox()
    {
        foreach (var fps in new[] { 1e-320, 1e-13, 0.0, -5, double.NaN, double.PositiveInfinity, 61 })
            Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSink(fps));
    }

    [Fact]
    public async Task A_neighbour_keeps_its_frame_rate_beside_the_slowest_viewer_allowed()
    {
        var time = new FakeTimeProvider();
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(), new EventBusAnalysisReporter(new Device.Events.EventBus()),
            time, ["VideoSource_1"], () => false, e => throw e);
        var key = new RenderKey("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 60);
        var neighbour = new FrameSink(15);
        var slowest = new FrameSink(StreamSettings.MinFps);
        using (hub.Subscribe(key, slowest))
        using (hub.Subscribe(key, neighbour))
        {
            // Three simulated seconds, a tick of the loop at a time; the test waits only for the render thread.
            for (var tick = 0; tick < 45; tick++)
            {
                var produced = hub.FramesProduced(key);
                time.Advance(1.0 / 15);
                for (var waited = 0; hub.FramesProduced(key) == produced && waited < 2000; waited++) await Task.Delay(5);
                while (neighbour.TryRead(out _)) { }
            }
        }
        // The neighbour's 15 fps for 3 s (its first frame may come from the subscription itself).
        Assert.InRange(neighbour.Accepted, 44, 46);
        Assert.InRange(slowest.Accepted, 1, 2);
    }
}
