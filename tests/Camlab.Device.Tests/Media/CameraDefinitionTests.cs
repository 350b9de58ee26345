namespace Camlab.Device.Tests.Media;

/// <summary>The camera's layout: the embedded default, and every rule a configured definition must keep.</summary>
public class CameraDefinitionTests
{
    private const string Valid = """
        { "videoSources": [
            { "token": "A", "width": 1920, "height": 1080, "kind": "Dome", "configuration": { "token": "CA" }, "ptz": { "node": "NA", "configuration": "PA" } },
            { "token": "B", "width": 1280, "height": 720, "kind": "Wide", "imaging": false, "configuration": { "token": "CB" } } ],
          "encoders": [ { "token": "E", "width": 640, "height": 360 } ],
          "profiles": [ { "token": "P1", "videoSource": "A", "encoder": "E", "ptz": true }, { "token": "P2", "videoSource": "B", "encoder": "E" } ] }
        """;

    [Fact]
    public void The_default_is_a_dome_and_a_wide_source_with_a_node_each()
    {
        var d = CameraDefinition.Default;
        Assert.Equal([VideoSourceKind.Dome, VideoSourceKind.Wide], d.VideoSources.Select(s => s.Kind));
        Assert.Equal(["PtzNode_1", "PtzNode_2"], d.PtzSources.Select(s => s.Ptz!.NodeToken));
        Assert.Equal("VideoSource_2", d.SourceOfPtzConfiguration("PtzConfig_2"));
        Assert.Equal(["Profile_1", "Profile_2", "Profile_3"], d.Profiles.Select(p => p.Token));
    }

    [Fact]
    public void A_valid_definition_builds_nodes_and_imaging_from_its_sources()
    {
        var d = CameraDefinition.Parse(Valid);
        using var ptz = Camlab.Device.Ptz.PtzDevice.Create(d, new Camlab.Testing.FakeTimeProvider(), new Camlab.Device.State.InMemoryStateStore(), new Camlab.Device.Events.EventBus());
        Assert.Equal(["NA"], ptz.Nodes.Select(n => n.Token));
        Assert.Equal("A", ptz.Nodes[0].Definition.VideoSourceToken);
        var imaging = Camlab.Device.Imaging.DefaultImagingSources.Create(d);
        Assert.NotNull(imaging.Single(i => i.Token == "A").Options);
        Assert.Null(imaging.Single(i => i.Token == "B").Options);
    }

    [Theory]
    [InlineData("\"token\": \"CB\"", "\"token\": \"CA\"", "video source configuration token 'CA' is defined twice")]
    [InlineData("\"videoSource\": \"B\"", "\"videoSource\": \"C\"", "profiles[1].videoSource 'C' is not a video source of the definition")]
    [InlineData("\"videoSource\": \"B\", \"encoder\": \"E\" }", "\"videoSource\": \"B\", \"encoder\": \"E\", \"ptz\": true }", "profiles[1].ptz: video source 'B' has no PTZ node")]
    [InlineData("\"width\": 640, \"height\": 360", "\"width\": 4000, \"height\": 360", "profile 'P1': encoder 'E' (4000x360) is larger than its source (1920x1080)")]
    [InlineData("\"width\": 1280, \"height\": 720", "\"width\": 1280, \"height\": 0", "video source 'B': size 1280x0 is not 16..16384 on each side")]
    [InlineData("\"token\": \"P2\"", "\"token\": \"P1\"", "media profile token 'P1' is defined twice")]
    public void A_broken_rule_is_named(string find, string replace, string message)
    {
        var text = Valid.Replace(find, replace);
        Assert.NotEqual(Valid, text);
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => CameraDefinition.Parse(text)).Message);
    }
}
