using System.Net;
using System.Xml.Linq;
using Camlab.Rendering.Jpeg;
using Camlab.Testing;
using Camlab.Server.Hosting;
using Camlab.Server.Tests.Streaming;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>
/// A camera whose layout comes from <c>camera.definition</c> in the configuration file: three video sources with
/// tokens of their own — a dome with a mechanical PTZ node, a wide source without PTZ, a small wide source with a
/// digital window — is served whole, with no code knowing those tokens.
/// </summary>
public class ThreeSourceCameraTests
{
    private const string Config = """
        {
          "camera": {
            "definition": {
              "videoSources": [
                { "token": "Front", "width": 1920, "height": 1080, "kind": "Dome",
                  "configuration": { "token": "FrontConfig", "name": "Front dome" },
                  "ptz": { "node": "FrontNode", "nodeName": "Front dome", "configuration": "FrontPtz" } },
                { "token": "Yard", "width": 3840, "height": 2160, "kind": "Wide",
                  "configuration": { "token": "YardConfig" } },
                { "token": "Gate", "width": 1280, "height": 720, "framerate": 15, "kind": "Wide",
                  "configuration": { "token": "GateConfig" },
                  "ptz": { "node": "GateNode", "configuration": "GatePtz" } }
              ],
              "encoders": [
                { "token": "Small", "width": 640, "height": 360, "quality": 70, "frameRateLimit": 10, "bitrateLimit": 1000 }
              ],
              "profiles": [
                { "token": "FrontMain", "videoSource": "Front", "encoder": "Small", "ptz": true },
                { "token": "YardMain", "videoSource": "Yard", "encoder": "Small" },
                { "token": "GateMain", "videoSource": "Gate", "encoder": "Small", "ptz": true }
              ]
            }
          }
        }
        """;

    private static readonly string[] Sources = ["Front", "Yard", "Gate"];
    private static readonly string[] Profiles = ["FrontMain", "YardMain", "GateMain"];

    private static ServerOptions Configured(ServerOptions options)
    {
        var path = Path.Combine(Path.GetTempPath(), "camlab-three-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, Config);
        try { return options with { Camera = ServerOptions.Load(path).Camera }; }
        finally { File.Delete(path); }
    }

    [RequiresSharedFact]
    public async Task Media_PTZ_and_Imaging_serve_every_source_of_the_definition()
    {
        await using var server = await ServerHarness.StartAsync(configure: Configured);

        var sources = await server.Ok("/onvif/media_service", Op("trt:GetVideoSources"));
        Assert.Equal(Sources, sources.Elements().Select(e => e.Attribute("token")!.Value));
        Assert.Equal(["1920", "3840", "1280"], sources.Elements().Select(e => e.Find("Width").Value));

        var profiles = await server.Ok("/onvif/media_service", Op("trt:GetProfiles"));
        Assert.Equal(Profiles, profiles.Elements().Select(e => e.Attribute("token")!.Value));
        Assert.Equal(["FrontConfig", "YardConfig", "GateConfig"], profiles.Elements().Select(e => e.Find("VideoSourceConfiguration").Attribute("token")!.Value));
        Assert.Equal(["FrontPtz", "GatePtz"], profiles.Descendants(Tt + "PTZConfiguration").Select(e => e.Attribute("token")!.Value));

        var nodes = await server.Ok("/onvif/ptz_service", Op("tptz:GetNodes"));
        Assert.Equal(["FrontNode", "GateNode"], nodes.Elements().Select(e => e.Attribute("token")!.Value));
        // The dome moves in degrees; the gate's digital window in 0..1 of its own 1280x720 picture.
        await server.Ok("/onvif/ptz_service", Op("tptz:AbsoluteMove",
            "<tptz:ProfileToken>GateMain</tptz:ProfileToken><tptz:Position><tt:PanTilt x=\"0.1\" y=\"-0.1\"/><tt:Zoom x=\"1\"/></tptz:Position>"));
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoPTZProfile",
            await server.Fault("/onvif/ptz_service", Op("tptz:GetStatus", "<tptz:ProfileToken>YardMain</tptz:ProfileToken>")));

        foreach (var source in Sources)
            await server.Ok("/onvif/imaging_service", Op("timg:GetImagingSettings", $"<timg:VideoSourceToken>{source}</timg:VideoSourceToken>"));
        // Only the dome has a focus motor.
        Assert.NotEmpty((await server.Ok("/onvif/imaging_service", Op("timg:GetMoveOptions", "<timg:VideoSourceToken>Front</timg:VideoSourceToken>"))).Find("MoveOptions").Elements());
        Assert.Empty((await server.Ok("/onvif/imaging_service", Op("timg:GetMoveOptions", "<timg:VideoSourceToken>Gate</timg:VideoSourceToken>"))).Find("MoveOptions").Elements());
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoSource",
            await server.Fault("/onvif/imaging_service", Op("timg:GetImagingSettings", "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>")));
    }

    [RequiresVideoFact]
    public async Task Every_profile_streams_and_snapshots_its_own_source()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false, configure: Configured);
        using var decoder = new JpegDecoder();
        foreach (var profile in Profiles)
        {
            using var response = await rig.Pump(rig.Client.GetAsync($"/snapshot/{profile}.jpg"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var picture = decoder.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((640, 360), (picture.Width, picture.Height));

            var stream = await rig.CreateStreamAsync(new { profile });
            Assert.Equal(profile, stream.GetProperty("profile").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/snapshot/Profile_1.jpg")).StatusCode);
    }

    [Fact]
    public async Task A_definition_that_breaks_a_rule_stops_the_start_with_its_path()
    {
        var broken = Config.Replace("\"encoder\": \"Small\", \"ptz\": true", "\"encoder\": \"Big\", \"ptz\": true");
        Assert.NotEqual(Config, broken);
        var path = Path.Combine(Path.GetTempPath(), "camlab-broken-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, broken);
        try
        {
            var camera = ServerOptions.Load(path).Camera;
            var e = await Assert.ThrowsAsync<ConfigurationException>(() => ServerHarness.StartAsync(configure: o => o with { Camera = camera }));
            Assert.Equal("camera.definition: profile 'FrontMain': no encoder 'Big'", e.Message);
        }
        finally { File.Delete(path); }
    }
}
