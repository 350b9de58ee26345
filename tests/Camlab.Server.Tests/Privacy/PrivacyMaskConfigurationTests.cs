using System.Diagnostics;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Privacy;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Privacy;

/// <summary>The <c>privacyMasks</c> configuration key: what it accepts, and every mistake named by its JSON path.</summary>
public class PrivacyMaskConfigurationTests
{
    private const string Square = "[[-5, -10], [5, -10], [5, 0], [-5, 0]]";

    internal static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "camlab-masks-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static ServerOptions Load(string json)
    {
        var path = Write(json);
        try { return ServerOptions.Load(path); }
        finally { File.Delete(path); }
    }

    /// <summary>The configuration with <paramref name="list"/> as VideoSource_1's masks, checked; the error message.</summary>
    private static string Refusal(string list)
    {
        var options = Load($"{{ \"privacyMasks\": {{ \"VideoSource_1\": {list} }} }}");
        return Assert.Throws<ConfigurationException>(options.Validate).Message;
    }

    [Fact]
    public void Masks_are_read_per_video_source_with_their_names_and_vertices()
    {
        var options = Load($$"""
            {
              // the neighbour's windows and the street
              "privacyMasks": {
                "VideoSource_1": [
                  { "name": "Window", "points": {{Square}} },
                  { "name": "Across the seam", "points": [[175, 10], [-175, 10], [-175, 20], [175, 20]] },
                ],
                "VideoSource_2": []
              }
            }
            """);
        options.Validate();
        var masks = options.ParsePrivacyMasks();
        Assert.Equal(["VideoSource_1", "VideoSource_2"], masks.Keys.Order());
        Assert.Empty(masks["VideoSource_2"]);
        var window = masks["VideoSource_1"][0];
        Assert.Equal("Window", window.Name);
        Assert.Equal([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(5, 0), new PanTilt(-5, 0)], window.Mask.Vertices);
        Assert.True(window.Mask.Contains(0, -5));
        var seam = masks["VideoSource_1"][1];
        Assert.True(seam.Mask.Contains(180, 15));
        Assert.False(seam.Mask.Contains(0, 15));
    }

    [Fact]
    public void No_key_means_no_masks()
    {
        var options = Load("{}");
        options.Validate();
        Assert.Empty(options.ParsePrivacyMasks());
    }

    [Theory]
    [InlineData("null", "$.privacyMasks.VideoSource_1: a list of masks is required")]
    [InlineData("[null]", "$.privacyMasks.VideoSource_1[0]: must be an object")]
    [InlineData("[{ \"points\": " + Square + " }]", "$.privacyMasks.VideoSource_1[0].name: a name is required")]
    [InlineData("[{ \"name\": \"  \", \"points\": " + Square + " }]", "$.privacyMasks.VideoSource_1[0].name: a name is required")]
    [InlineData("[{ \"name\": \" padded\", \"points\": " + Square + " }]", "$.privacyMasks.VideoSource_1[0].name: ' padded' must be 1 to 64 characters")]
    [InlineData("[{ \"name\": \"tab\\there\", \"points\": " + Square + " }]", "$.privacyMasks.VideoSource_1[0].name: 'tab?here' must be 1 to 64 characters, without control characters")]
    [InlineData("[{ \"name\": \"a\", \"points\": " + Square + " }, { \"name\": \"a\", \"points\": " + Square + " }]",
        "$.privacyMasks.VideoSource_1[1].name: 'a' is already the name of $.privacyMasks.VideoSource_1[0]")]
    [InlineData("[{ \"name\": \"a\" }]", "$.privacyMasks.VideoSource_1[0].points: a polygon needs 3 to 32 vertices [pan, tilt], got none")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], [1, 1]] }]", "$.privacyMasks.VideoSource_1[0].points: a polygon needs 3 to 32 vertices [pan, tilt], got 2")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], [1, 1, 1], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].points[1]: a vertex is [pan, tilt] in degrees, two numbers")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], null, [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].points[1]: a vertex is [pan, tilt]")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], [200, 0], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].points[1][0]: pan 200 is outside -180..180 degrees")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], [1, 0], [0, -90.5]] }]", "$.privacyMasks.VideoSource_1[0].points[2][1]: tilt -90.5 is outside -90..90 degrees")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[1e400, 0], [1, 0], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].points[0][0]: pan Infinity is outside -180..180 degrees")]
    [InlineData("[{ \"name\": \"a\", \"imagePoints\": [[0, 0], [1, 0], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].imagePoints: image coordinates are accepted by the HTTP API only")]
    [InlineData("[{ \"name\": \"a\", \"points\": " + Square + ", \"imagePoints\": [[0, 0], [1, 0], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0]: give either points (pan/tilt) or imagePoints (on the picture), not both")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[0, 0], [1, 1], [2, 2]] }]", "$.privacyMasks.VideoSource_1[0].points: the polygon has no area")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[-90, 0], [90, 0], [90, 10]] }]", "$.privacyMasks.VideoSource_1[0].points[1]: pan is 180° from the previous vertex's")]
    public void Every_mistake_is_named_by_its_json_path(string list, string expected)
    {
        var message = Refusal(list);
        Assert.StartsWith("privacyMasks: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Limits_on_masks_and_vertices_are_enforced()
    {
        var many = "[" + string.Join(", ", Enumerable.Range(0, 33).Select(i => $"{{ \"name\": \"m{i}\", \"points\": {Square} }}")) + "]";
        Assert.Contains("$.privacyMasks.VideoSource_1: 33 masks, at most 32 per video source", Refusal(many));
        var vertices = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"[{Math.Cos(i * Math.PI / 16.5) * 10:F3}, {Math.Sin(i * Math.PI / 16.5) * 10:F3}]"));
        Assert.Contains("$.privacyMasks.VideoSource_1[0].points: a polygon needs 3 to 32 vertices [pan, tilt], got 33", Refusal($"[{{ \"name\": \"a\", \"points\": [{vertices}] }}]"));
        Assert.Contains("[0].name: '" + new string('x', 65) + "' must be 1 to 64 characters", Refusal($"[{{ \"name\": \"{new string('x', 65)}\", \"points\": {Square} }}]"));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var options = Load("""
            { "privacyMasks": {
                "VideoSource_1": [ { "name": "a", "points": [[0, 0], [1, 95], [0, 1]] }, { "points": [[0, 0]] } ],
                "VideoSource_2": [ { "name": "b", "points": [[0, 0], [-181, 0], [0, 1]] } ] } }
            """);
        var message = Assert.Throws<ConfigurationException>(options.Validate).Message;
        Assert.Contains("$.privacyMasks.VideoSource_1[0].points[1][1]: tilt 95", message);
        Assert.Contains("$.privacyMasks.VideoSource_1[1].name: a name is required", message);
        Assert.Contains("$.privacyMasks.VideoSource_1[1].points: a polygon needs 3 to 32 vertices [pan, tilt], got 1", message);
        Assert.Contains("$.privacyMasks.VideoSource_2[0].points[1][0]: pan -181", message);
    }

    [Theory]
    [InlineData("[{ \"name\": \"a\", \"colour\": \"red\", \"points\": " + Square + " }]", "colour")]
    [InlineData("[{ \"name\": \"a\", \"points\": [[\"5\", 0], [1, 0], [0, 1]] }]", "$.privacyMasks.VideoSource_1[0].points[0][0]")]
    [InlineData("{ \"name\": \"a\" }", "$.privacyMasks.VideoSource_1")]
    public void Wrong_shapes_and_types_name_the_json_path_when_the_file_is_read(string list, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load($"{{ \"privacyMasks\": {{ \"VideoSource_1\": {list} }} }}"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task An_unknown_video_source_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => ServerHarness.StartAsync(configure: o => o with
        {
            PrivacyMasks = new() { ["VideoSource_9"] = [new PrivacyMaskOption { Name = "a", Points = [[0, 0], [1, 0], [0, 1]] }] },
        }));
        Assert.Equal("$.privacyMasks.VideoSource_9: the camera has no video source 'VideoSource_9' (it has VideoSource_1, VideoSource_2)", error.Message);
    }

    [Fact]
    public async Task Serve_refuses_a_bad_mask_with_exit_code_2_and_the_path()
    {
        var config = Write("{ \"privacyMasks\": { \"VideoSource_1\": [ { \"name\": \"a\", \"points\": [[0, 0], [1, 100], [0, 1]] } ] } }");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "camlab.dll"), "serve", "--config", config, "--data", Path.Combine(Path.GetTempPath(), "camlab-never") })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("camlab serve: privacyMasks: $.privacyMasks.VideoSource_1[0].points[1][1]: tilt 100 is outside -90..90 degrees", error);
        }
        finally { File.Delete(config); }
    }
}
