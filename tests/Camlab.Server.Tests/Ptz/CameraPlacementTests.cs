using Camlab.Server.Hosting;

namespace Camlab.Server.Tests.Ptz;

/// <summary>camera.geolocation / camera.yaw from the configuration file to the pose GeoMove aims from.</summary>
public class CameraPlacementTests
{
    private static ServerOptions Load(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "camlab-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        try { return ServerOptions.Load(path); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_configured_geolocation_and_yaw_become_the_GeoMove_pose()
    {
        var options = Load("{ \"camera\": { \"geolocation\": { \"latitude\": 47.3663, \"longitude\": 8.5416, \"altitude\": 436 }, \"yaw\": 45 } }");
        options.Validate();
        var pose = CameraPlacement.From(options.Camera).GeoPose!.Value;
        Assert.Equal(47.3663, pose.Location.Latitude);
        Assert.Equal(8.5416, pose.Location.Longitude);
        Assert.Equal(436, pose.Location.Elevation);
        Assert.Equal(45, pose.Yaw);
        Assert.Equal(0, pose.Pitch);
    }

    [Fact]
    public void Without_a_geolocation_there_is_no_pose()
    {
        Assert.Null(CameraPlacement.From(new ServerOptions().Camera).GeoPose);
        Assert.Null(CameraPlacement.From(Load("{ \"camera\": { \"yaw\": 10 } }").Camera).GeoPose);
    }

    [Theory]
    [InlineData("{ \"camera\": { \"geolocation\": { \"latitude\": 90.5, \"longitude\": 0, \"altitude\": 0 } } }", "latitude")]
    [InlineData("{ \"camera\": { \"geolocation\": { \"latitude\": 0, \"longitude\": -181, \"altitude\": 0 } } }", "longitude")]
    [InlineData("{ \"camera\": { \"yaw\": 400 } }", "yaw")]
    [InlineData("{ \"forcedConditions\": [\"VideoSource_1/ImageTooDark\"] }", "forcedConditions")]
    public void Bad_placement_or_forced_condition_is_a_configuration_error(string json, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(json).Validate());
        Assert.Contains(named, error.Message);
    }
}
