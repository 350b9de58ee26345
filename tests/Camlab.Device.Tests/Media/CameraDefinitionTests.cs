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

    [Fact]
    public void A_domes_head_narrows_its_travel_speeds_and_zoom_and_a_move_stops_at_the_end_of_its_pan()
    {
        var text = Valid.Replace("\"ptz\": { \"node\": \"NA\", \"configuration\": \"PA\" }",
            "\"ptz\": { \"node\": \"NA\", \"configuration\": \"PA\", \"panRange\": [-90, 90], \"tiltRange\": [-60, 10], \"zoomRange\": [10, 40], \"panTiltMaxSpeed\": 50, \"zoomMaxSpeed\": 5 }");
        var d = CameraDefinition.Parse(text);
        var clock = new Camlab.Testing.FakeTimeProvider();
        using var ptz = Camlab.Device.Ptz.PtzDevice.Create(d, clock, new Camlab.Device.State.InMemoryStateStore(), new Camlab.Device.Events.EventBus());
        var node = ptz.Nodes.Single();
        Assert.False(node.Geometry.PanIsEndless);
        Assert.Equal(new Camlab.Device.Ptz.FloatRange(-90, 90), node.Geometry.PanRange);
        Assert.Equal(new Camlab.Device.Ptz.FloatRange(-60, 10), node.Geometry.TiltRange);
        Assert.Equal(new Camlab.Device.Ptz.FloatRange(10, 40), node.Geometry.ZoomRange);
        Assert.Equal(50, node.Definition.Mechanics.PanTiltMaxSpeed);
        Assert.Equal(5, node.Definition.Mechanics.ZoomMaxSpeed);

        // Full speed to the right for a minute: the head stops at 90°, it does not wrap round to the left.
        node.ContinuousMove(new Camlab.Device.Ptz.PtzVector(new Camlab.Device.Ptz.PanTiltVector(1, 0, Camlab.Device.Ptz.PtzSpaces.PanTiltVelocityGeneric), null), TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(90, node.CurrentPose.Pan, 6);
    }

    [Theory]
    [InlineData("\"panRange\": [90, -90]", "video source 'A': ptz.panRange: [90, -90] is not an increasing range within -180..180")]
    [InlineData("\"panRange\": [-90, 90]", "video source 'A': ptz.tiltRange: a pan range narrower than 360° needs a tilt range that stays above the nadir (min ≥ -90), not -180")]
    [InlineData("\"panTiltMaxSpeed\": 0", "video source 'A': ptz.panTiltMaxSpeed: 0 is not in (0, 1000] degrees per second")]
    [InlineData("\"panRange\": [1, 2, 3]", "videoSources[0].ptz.panRange is [min, max], not 3 numbers")]
    public void A_head_that_breaks_a_rule_is_named(string head, string message)
    {
        var text = Valid.Replace("\"configuration\": \"PA\" }", "\"configuration\": \"PA\", " + head + " }");
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => CameraDefinition.Parse(text)).Message);
    }

    [Fact]
    public void Only_a_dome_has_a_head()
    {
        var text = Valid.Replace("\"kind\": \"Wide\", \"imaging\": false, \"configuration\": { \"token\": \"CB\" }",
            "\"kind\": \"Wide\", \"imaging\": false, \"configuration\": { \"token\": \"CB\" }, \"ptz\": { \"node\": \"NB\", \"configuration\": \"PB\", \"panTiltMaxSpeed\": 10 }");
        Assert.Contains("belong to a dome's head", Assert.Throws<ArgumentException>(() => CameraDefinition.Parse(text)).Message);
    }
}
