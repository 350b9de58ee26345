using Camlab.Device.Tests.Ptz.Tracking;
using System.Globalization;
using System.Xml.Linq;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Geo;
using Camlab.Device.Ptz.Tracking;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Ptz.PtzSoapRig;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>
/// PTZ 5.3.6 MoveAndStartTracking with ObjectID through the SOAP handlers: capabilities, following an object
/// (checked with GetStatus), the move that comes first, the end of tracking on a client move, and every fault.
/// Every response and fault validates against ../shared/ref/onvif.
/// </summary>
public class ObjectTrackingSoapTests
{
    private const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
    private const int Walker = 1, Still = 2, High = 3;

    private static PathObjects Objects(FakeTimeProvider clock) => new(clock.GetUtcNow(),
        (Walker, "walker", t => (30 + 8 * t, -25 + 2 * Math.Sin(t / 3))),
        (Still, "still", _ => (-20, -5)),
        (High, "high", _ => (0, 45))); // above the dome's tilt range (20°)

    private static PtzSoapRig Rig(Func<CameraGeoPose?>? geo = null) => new(geo, Objects);

    private static string Id(int id) => $"<tptz:ObjectID>{id}</tptz:ObjectID>";

    private static string Degrees(double pan, double tilt) => string.Create(CultureInfo.InvariantCulture,
        $"<tt:PanTilt x=\"{pan}\" y=\"{tilt}\" space=\"{PtzSpaces.PanTiltPositionDegrees}\"/>");

    /// <summary>GetStatus's position (the configuration's default space, generic) as degrees, and the pan/tilt MoveStatus.</summary>
    private static (double Pan, double Tilt, string Moving) Status(PtzSoapRig rig)
    {
        var status = rig.Call("GetStatus", P1).Descendants(Tptz + "PTZStatus").Single();
        var pt = status.Element(Tt + "Position")!.Element(Tt + "PanTilt")!;
        var (pan, tilt) = rig.Dome.Geometry.PanTiltFromSpace((string)pt.Attribute("space")!,
            double.Parse((string)pt.Attribute("x")!, CultureInfo.InvariantCulture), double.Parse((string)pt.Attribute("y")!, CultureInfo.InvariantCulture));
        return (pan, tilt, status.Element(Tt + "MoveStatus")!.Element(Tt + "PanTilt")!.Value);
    }

    private static double Off(PtzSoapRig rig, int id)
    {
        var (pan, tilt, _) = Status(rig);
        var d = rig.Tracker!.Objects.DirectionAt(id, rig.Clock.GetUtcNow())!.Value;
        return ObjectTracker.AngleBetween(pan, tilt, d.Pan, d.Tilt);
    }

    [Fact]
    public void Capabilities_list_ObjectID_once_a_node_tracks()
    {
        using var rig = Rig(() => new CameraGeoPose(new GeoLocation(47.3769, 8.5417, 500), 0));
        var caps = rig.Call("GetServiceCapabilities").Descendants(Tptz + "Capabilities").Single();
        Assert.Equal("PresetToken GeoLocation PTZVector ObjectID", (string?)caps.Attribute("MoveAndTrack"));
        using var plain = Rig();
        Assert.Equal("PresetToken PTZVector ObjectID", (string?)plain.Call("GetServiceCapabilities").Descendants(Tptz + "Capabilities").Single().Attribute("MoveAndTrack"));
    }

    [Fact]
    public void ObjectID_keeps_the_object_in_the_centre()
    {
        using var rig = Rig();
        rig.Call("MoveAndStartTracking", P1 + Id(Walker));
        rig.Clock.Advance(5);
        // The walker turns at up to 8.2°/s; the pursuit (feed-forward plus error/τ) stays within a quarter of what it
        // covers in one cadence. GetStatus's generic position is an xs:float: 180·2⁻²⁴ ≈ 1e-5° more.
        var bound = 8.2 * ObjectTracker.Cadence.TotalSeconds / 4;
        for (var i = 0; i < 40; i++)
        {
            rig.Clock.Advance(0.3);
            var off = Off(rig, Walker);
            Assert.True(off < bound, $"{off:0.###}° off the walker at {5 + 0.3 * (i + 1):0.#} s (bound {bound:0.###}°)");
            Assert.Equal("MOVING", Status(rig).Moving);
        }
        Assert.Equal(Walker, rig.Tracker!.TrackedObjectId);
    }

    [Fact]
    public void A_ContinuousMove_ends_tracking()
    {
        using var rig = Rig();
        rig.Call("MoveAndStartTracking", P1 + Id(Walker));
        rig.Clock.Advance(5);
        rig.Call("ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"-0.5\" y=\"0\"/></tptz:Velocity><tptz:Timeout>PT2S</tptz:Timeout>");
        Assert.Null(rig.Tracker!.TrackedObjectId);
        Assert.Equal(TrackingEnd.Commanded, rig.Tracker.LastEnd);
        rig.Clock.Advance(10);
        Assert.Equal("IDLE", Status(rig).Moving);
        Assert.True(Off(rig, Walker) > 60, "the head went the client's way and stayed");
    }

    [Fact]
    public void TargetPosition_moves_first_then_tracks()
    {
        using var rig = Rig();
        rig.Call("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(-120, -60) + "</tptz:TargetPosition>" +
            "<tptz:Speed><tt:PanTilt x=\"1\" y=\"1\"/></tptz:Speed>" + Id(Still));
        Assert.True(rig.Tracker!.IsMovingFirst);
        rig.Clock.Advance(0.5);
        var (pan, _, _) = Status(rig);
        Assert.True(pan < -5, $"first towards the target position (pan {pan}°), not the object at −20°");
        rig.Clock.Advance(10);
        Assert.False(rig.Tracker.IsMovingFirst);
        // On a still object the head rests once the error is inside the drive's dead band (0.006° per axis).
        Assert.True(Off(rig, Still) < 0.01, $"then onto the object: {Off(rig, Still)}° off");
        Assert.Equal("IDLE", Status(rig).Moving);
        Assert.Equal(Still, rig.Tracker.TrackedObjectId);
    }

    [Fact]
    public void A_preset_then_tracking()
    {
        using var rig = Rig();
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(100, -30, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(10);
        var token = rig.Dome.SetPreset(null, "Gate");
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0, 0, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(10);
        rig.Events.Clear();
        rig.Call("MoveAndStartTracking", P1 + $"<tptz:PresetToken>{token}</tptz:PresetToken>" + Id(Still));
        rig.Clock.Advance(10);
        Assert.Equal(["PTZController/PTZPresets/Invoked", "PTZController/PTZPresets/Reached", "PTZController/PTZPresets/Left"], rig.Events.Select(e => e.Topic));
        Assert.True(Off(rig, Still) < 0.01);
    }

    [Fact]
    public void Without_ObjectID_or_a_move_the_object_nearest_the_centre_is_taken()
    {
        using var rig = Rig();
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(180, 0, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(5);
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:Speed><tt:PanTilt x=\"1\" y=\"1\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "NoObject");
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-10, -5, PtzSpaces.PanTiltPositionDegrees), null));
        rig.Clock.Advance(5);
        rig.Call("MoveAndStartTracking", P1);
        Assert.Equal(Still, rig.Tracker!.TrackedObjectId);
    }

    [Fact]
    public void Faults()
    {
        using var rig = Rig();
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + Id(42)), FaultCode.Sender, "InvalidArgVal", "NoObject");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:ObjectID>99999999999999999999</tptz:ObjectID>"), FaultCode.Sender, "InvalidArgVal", "NoObject");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:ObjectID>car</tptz:ObjectID>"), FaultCode.Sender, "InvalidArgs");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:ObjectID>1.5</tptz:ObjectID>"), FaultCode.Sender, "InvalidArgs");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + Id(High)), FaultCode.Sender, "InvalidArgVal", "InvalidPosition");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" + Id(Walker)), FaultCode.Receiver, "ActionNotSupported", "ObjectIDNotSupported");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", "<tptz:ProfileToken>Profile_2</tptz:ProfileToken>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "NoPTZProfile");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(10, 60) + "</tptz:TargetPosition>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "InvalidPosition");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:PresetToken>missing</tptz:PresetToken>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "NoToken");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:TargetPosition>" + Degrees(10, -10) + "</tptz:TargetPosition>" +
            "<tptz:Speed><tt:PanTilt x=\"7\" y=\"7\"/></tptz:Speed>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:Speed><tt:PanTilt x=\"7\" y=\"7\"/></tptz:Speed>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + "<tptz:Speed><tt:PanTilt x=\"0.5\" y=\"0.5\" space=\"urn:nowhere\"/></tptz:Speed>" + Id(Walker)), FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        Assert.Null(rig.Tracker!.TrackedObjectId);
        Assert.True(rig.Dome.IsIdle, "a refused request moves nothing");
        Assert.Equal(0, rig.Dome.CurrentPose.Pan, 9);

        // A refused request leaves a running tracking alone.
        rig.Call("MoveAndStartTracking", P1 + Id(Still));
        FaultAssert.Is(rig.Fault("MoveAndStartTracking", P1 + Id(42)), FaultCode.Sender, "InvalidArgVal", "NoObject");
        Assert.Equal(Still, rig.Tracker.TrackedObjectId);
    }
}
