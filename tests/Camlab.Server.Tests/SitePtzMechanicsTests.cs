using System.Globalization;
using System.Xml.Linq;
using Camlab.Server.Site;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>
/// A site file's PTZ mechanics (docs/site.md, "Models and heads"): a fixed camera has no mechanical node, a dome's
/// ranges and top speeds are exactly what GetNodes, GetConfigurationOptions and the moves it accepts say; every bad
/// value is reported with its path.
/// </summary>
public sealed class SitePtzMechanicsTests : IDisposable
{
    private readonly TempFolder _folder = new("camlab-site-");

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write($"site-{Guid.NewGuid():N}.yaml", text);

    private const string Site = """
        cameras:
          - name: Yard fixed
            model: fixed
          - name: Corner dome
            model: dome
            ptz: { panRange: [-90, 90], tiltRange: [-60, 10], zoomRange: [4.7, 47], panTiltMaxSpeed: 80, zoomMaxSpeed: 12 }
            presets: [ { name: Door, pan: 45, tilt: -30, zoom: 0.5 } ]
        """;

    private const string Degrees = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/SphericalPositionSpaceDegrees";

    // (XRange, YRange) of the space with that URI in the element group (AbsolutePanTiltPositionSpace, ...).
    private static (double Min, double Max, double? YMin, double? YMax) Space(XElement spaces, string group, string uri)
    {
        var space = spaces.Descendants().Single(e => e.Name.LocalName == group && e.Elements().Single(u => u.Name.LocalName == "URI").Value == uri);
        double D(XElement e, string range, string end) => double.Parse(e.Elements().Single(x => x.Name.LocalName == range).Elements().Single(x => x.Name.LocalName == end).Value, CultureInfo.InvariantCulture);
        var hasY = space.Elements().Any(x => x.Name.LocalName == "YRange");
        return (D(space, "XRange", "Min"), D(space, "XRange", "Max"), hasY ? D(space, "YRange", "Min") : null, hasY ? D(space, "YRange", "Max") : null);
    }

    private static void Near((double Min, double Max, double? YMin, double? YMax) actual, double min, double max, double? yMin = null, double? yMax = null)
    {
        Assert.Equal(min, actual.Min, 3);
        Assert.Equal(max, actual.Max, 3);
        if (yMin is null) return;
        Assert.Equal(yMin.Value, actual.YMin!.Value, 3);
        Assert.Equal(yMax!.Value, actual.YMax!.Value, 3);
    }

    [RequiresSharedFact]
    public async Task A_fixed_camera_has_no_mechanical_node_and_a_domes_nodes_options_and_moves_follow_its_head()
    {
        var document = SiteFile.Load(Write(Site));
        await using var server = await ServerHarness.StartAsync(cameras: 2, configure: o => o with { Site = document });

        // The fixed camera: one source, one node, and that node is the digital window (no degrees, no millimetres).
        var fixedNodes = (await server.Ok("/onvif/ptz_service", Op("tptz:GetNodes"))).Descendants().Where(e => e.Name.LocalName == "PTZNode").ToList();
        var window = Assert.Single(fixedNodes);
        Assert.DoesNotContain(window.Descendants().Where(e => e.Name.LocalName == "URI"), u => u.Value.Contains("Degrees", StringComparison.Ordinal) || u.Value.Contains("Millimeter", StringComparison.Ordinal));
        Assert.Contains(window.Descendants().Where(e => e.Name.LocalName == "URI"), u => u.Value.EndsWith("DigitalPositionSpace", StringComparison.Ordinal));
        Assert.Single((await server.Ok("/onvif/media_service", Op("trt:GetVideoSources"))).Descendants().Where(e => e.Name.LocalName == "VideoSources"));
        // GetServices advertises PTZ for it because its digital window is a PTZ node: what it serves.
        Assert.Contains((await server.Ok("/onvif/device_service", Op("tds:GetServices", "<tds:IncludeCapability>false</tds:IncludeCapability>")))
            .Descendants().Where(e => e.Name.LocalName == "Namespace"), n => n.Value == "http://www.onvif.org/ver20/ptz/wsdl");

        // The dome: its node and its configuration's options say the head's ranges and top speeds, exactly.
        var nodes = await server.Ok("/cameras/2/onvif/ptz_service", Op("tptz:GetNode", "<tptz:NodeToken>PtzNode_1</tptz:NodeToken>"));
        var options = await server.Ok("/cameras/2/onvif/ptz_service", Op("tptz:GetConfigurationOptions", "<tptz:ConfigurationToken>PtzConfig_1</tptz:ConfigurationToken>"));
        foreach (var answer in new[] { nodes, options })
        {
            Near(Space(answer, "AbsolutePanTiltPositionSpace", Degrees), -90, 90, -60, 10);
            Near(Space(answer, "AbsoluteZoomPositionSpace", "http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionSpaceMillimeter"), 4.7, 47);
            Near(Space(answer, "PanTiltSpeedSpace", "http://www.onvif.org/ver10/tptz/PanTiltSpaces/SpeedSpaceDegrees"), 0, 80);
            Near(Space(answer, "ContinuousPanTiltVelocitySpace", "http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocitySpaceDegrees"), -80, 80, -80, 80);
            Near(Space(answer, "ZoomSpeedSpace", "http://www.onvif.org/ver10/tptz/ZoomSpaces/SpeedSpaceMillimeter"), 0, 12);
        }
        // The wide source of the dome model keeps its own digital window, untouched by the dome's head.
        var wide = await server.Ok("/cameras/2/onvif/ptz_service", Op("tptz:GetNode", "<tptz:NodeToken>PtzNode_2</tptz:NodeToken>"));
        Assert.DoesNotContain(wide.Descendants().Where(e => e.Name.LocalName == "URI"), u => u.Value == Degrees);

        // What is advertised is what is served: beyond the pan range is refused, inside it is reached.
        string Move(double pan, double tilt) => Op("tptz:AbsoluteMove", P1 + string.Create(CultureInfo.InvariantCulture,
            $"<tptz:Position><tt:PanTilt x=\"{pan}\" y=\"{tilt}\" space=\"{Degrees}\"/></tptz:Position>"));
        Assert.Contains("ter:InvalidPosition", await server.Fault("/cameras/2/onvif/ptz_service", Move(120, -10)));
        Assert.Contains("ter:InvalidPosition", await server.Fault("/cameras/2/onvif/ptz_service", Move(30, -70)));
        await server.Ok("/cameras/2/onvif/ptz_service", Move(89, -59));

        // A preset's zoom 0..1 spans the head's zoom range: 0.5 of 4.7..47 mm.
        var node = server.Host.Cameras[1].Ptz.Device.FindNode("PtzNode_1")!;
        Assert.Equal((4.7 + 47) / 2, Assert.Single(node.GetPresets()).Pose.Zoom, 3);
    }

    [Fact]
    public void Every_bad_model_and_head_value_is_reported_with_its_path_and_nothing_is_returned()
    {
        var path = Write("""
            cameras:
              - model: fixed
                ptz: { panTiltMaxSpeed: 100 }
              - model: dome
                ptz: { panRange: [90, -90], zoomRange: [1, 200], panTiltMaxSpeed: 0, zoomMaxSpeed: fast, spin: 3, tiltRange: [-60] }
              - model: dome
                ptz: { panRange: [-90, 90] }
              - model: cupola
              - model: dome
                definition: { videoSources: [] }
              - model: dome
                ptz: { panRange: [-90, 90], tiltRange: [-90, 20] }
                presets: [ { name: Back, pan: 170, tilt: -10 } ]
            """);
        var errors = Assert.Throws<SiteFileException>(() => SiteFile.Load(path)).Errors;
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Contains("$.cameras[0].ptz", paths);                      // a fixed camera has no head
        Assert.Contains("$.cameras[1].ptz.panRange", paths);             // min above max
        Assert.Contains("$.cameras[1].ptz.zoomRange[0]", paths);         // beyond the lens, both ends
        Assert.Contains("$.cameras[1].ptz.zoomRange[1]", paths);
        Assert.Contains("$.cameras[1].ptz.panTiltMaxSpeed", paths);
        Assert.Contains("$.cameras[1].ptz.zoomMaxSpeed", paths);
        Assert.Contains("$.cameras[1].ptz.spin", paths);
        Assert.Contains("$.cameras[1].ptz.tiltRange", paths);            // not [min, max]
        Assert.Contains("$.cameras[2].ptz.tiltRange", paths);            // a bounded pan cannot tilt through the nadir
        Assert.Contains("$.cameras[3].model", paths);
        Assert.Contains("$.cameras[4].model", paths);                    // a model or a definition, not both
        Assert.Contains("$.cameras[5].presets[0].pan", paths);           // outside the head's pan range
        Assert.Contains(errors, e => e.Path == "$.cameras[1].ptz.zoomRange[1]" && e.Message.Contains("200", StringComparison.Ordinal));
    }

    [Fact]
    public void Site_init_writes_domes_with_heads_and_some_fixed_cameras_that_validate()
    {
        var site = SiteInit.Create(new SiteInit.Options(Cameras: 10, Latitude: 55.6761, Longitude: 12.5683));
        var document = SiteFile.Load(Write(SiteInit.ToYaml(site)));
        var heads = document.Cameras.Select(c => c.Camera.Definition!.VideoSources!.Select(v => v!.Ptz).FirstOrDefault(p => p?.PanTiltMaxSpeed is not null)).ToList();
        Assert.Equal(2, heads.Count(h => h is null)); // cameras 5 and 10 are fixed
        Assert.All(heads.Where(h => h is not null), h => Assert.Equal([-90.0, 20.0], h!.TiltRange!));
        Assert.Contains(heads, h => h?.ZoomRange is not null);
        Assert.Contains(heads, h => h is not null && h.ZoomRange is null);
    }

    [Fact]
    public async Task A_configured_zoom_range_beyond_the_opf_lens_stops_the_start_with_its_rule()
    {
        var document = Camlab.Device.CameraDefinition.DefaultDocument();
        document = document with
        {
            VideoSources = document.VideoSources!.Select((v, i) => i == 0 ? v! with { Ptz = v.Ptz! with { ZoomRange = [1, 200] } } : v).ToList(),
        };
        var error = await Assert.ThrowsAsync<Camlab.Server.Hosting.ConfigurationException>(() =>
            ServerHarness.StartAsync(configure: o => o with { Camera = o.Camera with { Definition = document } }));
        Assert.Contains("ptz.zoomRange 1..200 mm is not within the lens's", error.Message, StringComparison.Ordinal);
    }
}
