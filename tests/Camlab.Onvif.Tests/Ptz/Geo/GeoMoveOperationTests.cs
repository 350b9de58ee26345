using System.Xml.Linq;
using Camlab.Device.Ptz.Geo;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Ptz.PtzSoapHarness;

namespace Camlab.Onvif.Tests.Ptz.Geo;

public sealed class GeoMoveOperationTests
{
    private static readonly GeoLocation Camera = new(52.52, 13.405, 60);
    private const string Profile = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";

    private CameraGeoPose? _pose = new CameraGeoPose(Camera, Yaw: 30);
    private readonly List<(GeoMoveSolution Solution, XElement? Speed)> _moves = [];
    private readonly IReadOnlyList<SoapOperation> _ops;

    public GeoMoveOperationTests()
    {
        var binding = new GeoMoveBinding(
            () => _pose,
            () => new GeoMoveLimits(-180, 180, -90, 10),
            new GeoZoomModel(0, 1, z => new FieldOfView(60 / (1 + 29 * z), 34 / (1 + 29 * z))),
            () => 0,
            (solution, speed) => _moves.Add((solution, speed)));
        _ops =
        [
            GeoMoveOperation.Create(profile => profile switch
            {
                "Profile_1" => PtzProfileBinding<GeoMoveBinding>.Of(binding),
                "Profile_2" => PtzProfileBinding<GeoMoveBinding>.NoPtzProfile,
                "Profile_3" => PtzProfileBinding<GeoMoveBinding>.Of(null),
                _ => PtzProfileBinding<GeoMoveBinding>.NoProfile,
            }),
        ];
    }

    private static string Target(GeoLocation p) =>
        FormattableString.Invariant($"<tptz:Target lat=\"{p.Latitude:R}\" lon=\"{p.Longitude:R}\" elevation=\"{p.Elevation:R}\"/>");

    [Fact]
    public void Moves_to_the_pan_and_tilt_of_the_target_with_the_zoom_for_the_area()
    {
        var target = Wgs84.FromEnu(Camera, 200, 200, -40);   // north-east, 40 m below
        var response = Call(_ops, "GeoMove", Profile + Target(target) +
            "<tptz:Speed><tt:PanTilt x=\"0.5\" y=\"0.5\"/></tptz:Speed><tptz:AreaWidth>20</tptz:AreaWidth>");
        Assert.Equal(Tptz + "GeoMoveResponse", response.Name);
        var (solution, speed) = Assert.Single(_moves);
        Assert.Equal(45 - 30, solution.Pan, 3);              // the mount's 0° pan points 30° east of north
        Assert.Equal(-Math.Atan(40 / (200 * Math.Sqrt(2))) * 180 / Math.PI, solution.Tilt, 3);
        var need = 2 * Math.Atan(10 / solution.SlantRange) * 180 / Math.PI;
        Assert.Equal((60 / need - 1) / 29, solution.Zoom!.Value, 6);
        Assert.Equal("0.5", (string?)speed!.Element(Tt + "PanTilt")!.Attribute("x"));
    }

    [Fact]
    public void Without_an_area_the_zoom_is_left_alone()
    {
        Call(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Camera, 0, 500, 0)));
        Assert.Null(Assert.Single(_moves).Solution.Zoom);
        Assert.Null(_moves[0].Speed);
    }

    [Fact]
    public void Faults_of_PTZ_5_3_4()
    {
        var reachable = Target(Wgs84.FromEnu(Camera, 0, 500, 0));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoProfile", Fault(_ops, "GeoMove", "<tptz:ProfileToken>x</tptz:ProfileToken>" + reachable));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoPTZProfile", Fault(_ops, "GeoMove", "<tptz:ProfileToken>Profile_2</tptz:ProfileToken>" + reachable));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:GeoMoveNotSupported", Fault(_ops, "GeoMove", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" + reachable));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:UnreachablePosition", Fault(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Camera, 0, 100, 50))));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:UnreachablePosition", Fault(_ops, "GeoMove", Profile + "<tptz:Target lat=\"91\" lon=\"0\" elevation=\"0\"/>"));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, "GeoMove", Profile + "<tptz:Target lat=\"52.5\" lon=\"13.4\"/>"));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, "GeoMove", Profile + "<tptz:Target lat=\"north\" lon=\"13.4\" elevation=\"1\"/>"));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, "GeoMove", Profile));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, "GeoMove", Profile + reachable + "<tptz:AreaHeight>-3</tptz:AreaHeight>"));
        _pose = null;
        Assert.Equal("Sender/ter:InvalidArgVal/ter:GeoLocationUnknown", Fault(_ops, "GeoMove", Profile + reachable));
        Assert.Empty(_moves);
    }

    [RequiresSharedFact]
    public void The_response_is_valid_against_the_official_schema()
    {
        var envelope = Envelope(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Camera, 0, 500, 0)));
        OnvifSchemaValidator.AssertValid(envelope);
    }
}
