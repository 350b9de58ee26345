using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Geo;
using Camlab.Onvif.Soap;
using static Camlab.Onvif.Tests.Ptz.PtzSoapRig;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>PTZ 5.3.6 MoveAndStartTracking: the move part by preset, position and geolocation, with its faults.</summary>
public class MoveAndStartTrackingTests
{
    private const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
    private static readonly GeoLocation Camera = new(47.3769, 8.5417, 500);

    private static string Degrees(double pan, double tilt) =>
        $"<tt:PanTilt x=\"{pan.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" y=\"{tilt.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" space=\"{PtzSpaces.PanTiltPositionDegrees}\"/>";

    private static string Geo(GeoLocation g) => FormattableString.Invariant(
        $"<tptz:GeoLocation lat=\"{g.Latitude:R}\" lon=\"{g.Longitude:R}\" elevation=\"{g.Elevation:R}\"/>");

    private static PtzPose Pose(PtzSoapRig rig) => rig.Dome.CurrentPose;

    [Fact]
    public void Capabilities_list_the_move_modes_and_never_ObjectID()
    {
        using var rig = new PtzSoapRig(() => new CameraGeoPose(Camera, 0));
        var caps = rig.Call("GetServiceCapabilities").Descendants(Tptz + "Capabilities").Single();
        Assert.Equal("PresetToken GeoLocation PTZVector", (string?)caps.Attribute("MoveAndTrack"));
        var nodes = rig.Call("GetNodes").Descendants(Tptz + "PTZNode").ToDictionary(n => (string)n.Attribute("token")!);
        Assert.Equal("true", (string?)nodes["PtzNode_1"].Attribute("GeoMove"));
        Assert.Null(nodes["PtzNode_2"].Attribute("GeoMove"));
    }

    [Fact]
    public void Preset_mode_recalls_the_preset()
    {
        using var rig = new PtzSoapRig();
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(45, -20, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
        var token = rig.Dome.SetPreset(null, "Gate");
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-60, -10, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(20);
        rig.Events.Clear();

        rig.Call("MoveAndStartTracking", P1 + $"<tptz:PresetToken>{token}</tptz:PresetToken>");
        Assert.False(rig.Dome.IsIdle);
        rig.Clock.Advance(20);
        Assert.Equal(45, Pose(rig).Pan, 6);
        Assert.Equal(-20, Pose(rig).Tilt, 6);
        Assert.Equal(["PTZController/PTZPresets/Invoked", "PTZController/PTZPresets/Reached"], rig.Events.Select(e => e.Topic));
    }

    [Fact]
    public void Position_mode_moves_at_the_requested_speed()
    {
        using var rig = new PtzSoapRig();
        rig.Call("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(90, -30) + "</tptz:TargetPosition>" +
            "<tptz:Speed><tt:PanTilt x=\"0.1\" y=\"0.1\"/></tptz:Speed>");
        rig.Clock.Advance(2);
        var slow = Pose(rig).Pan;
        rig.Clock.Advance(120);
        Assert.Equal(90, Pose(rig).Pan, 6);
        Assert.Equal(-30, Pose(rig).Tilt, 6);

        using var fast = new PtzSoapRig();
        fast.Call("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(90, -30) + "</tptz:TargetPosition>" +
            "<tptz:Speed><tt:PanTilt x=\"1\" y=\"1\"/></tptz:Speed>");
        fast.Clock.Advance(2);
        Assert.True(Pose(fast).Pan > slow, $"speed 1 reaches {Pose(fast).Pan}° after 2 s, speed 0.1 only {slow}°");
    }

    [Fact]
    public void GeoLocation_mode_aims_at_the_target()
    {
        // Yaw 30°: a target due east (bearing 90°) is at pan 60°; 100 m away and 100 m lower is tilt −45° (nearly).
        using var rig = new PtzSoapRig(() => new CameraGeoPose(Camera, 30));
        rig.Call("MoveAndStartTracking", P1 + Geo(Wgs84.FromEnu(Camera, 100, 0, -100)));
        rig.Clock.Advance(30);
        Assert.Equal(60, Pose(rig).Pan, 3);
        Assert.Equal(-45, Pose(rig).Tilt, 1);
    }

    [Fact]
    public void Faults()
    {
        using var rig = new PtzSoapRig(() => new CameraGeoPose(Camera, 0));
        var target = "<tptz:TargetPosition>" + Degrees(10, -10) + "</tptz:TargetPosition>";
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", "<tptz:ProfileToken>nope</tptz:ProfileToken>" + target), FaultCode.Sender, "InvalidArgVal", "NoProfile");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", "<tptz:ProfileToken>Profile_2</tptz:ProfileToken>" + target), FaultCode.Sender, "InvalidArgVal", "NoPTZProfile");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + target + "<tptz:ObjectID>7</tptz:ObjectID>"), FaultCode.Receiver, "ActionNotSupported", "ObjectIDNotSupported");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1), FaultCode.Receiver, "ActionNotSupported", "ObjectIDNotSupported");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + target + "<tptz:PresetToken>1</tptz:PresetToken>"), FaultCode.Sender, "InvalidArgs");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:PresetToken>missing</tptz:PresetToken>"), FaultCode.Sender, "InvalidArgVal", "NoToken");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(10, 60) + "</tptz:TargetPosition>"), FaultCode.Sender, "InvalidArgVal", "InvalidPosition");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + target + "<tptz:Speed><tt:PanTilt x=\"7\" y=\"7\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:TargetPosition><tt:PanTilt x=\"0\" y=\"0\" space=\"urn:nowhere\"/></tptz:TargetPosition>"), FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" + Geo(Camera)), FaultCode.Sender, "InvalidArgVal", "GeoMoveNotSupported");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + Geo(Wgs84.FromEnu(Camera, 0, 100, 50))), FaultCode.Sender, "InvalidArgVal", "UnreachablePosition");
        Assert.True(rig.Dome.IsIdle, "a refused request moves nothing");
        Assert.Equal(0, Pose(rig).Pan, 9);

        using var unplaced = new PtzSoapRig(() => null);
        FaultAssert.Is(unplaced.Fault("MoveAndStartTracking", P1 + Geo(Camera)), FaultCode.Sender, "InvalidArgVal", "GeoLocationUnknown");
    }
}
