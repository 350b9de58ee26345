using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Geo;
using Camlab.Device.State;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Ptz.PtzSoapHarness;

namespace Camlab.Onvif.Tests.Ptz.Geo;

/// <summary>GeoMove end to end on the core's dome: SOAP request in, the dome's pan/tilt/zoom on the fake clock out.</summary>
public sealed class PtzNodeGeoMoveTests : IDisposable
{
    private static readonly GeoLocation Pole = new(48.1372, 11.5756, 520);
    private const string Profile = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
    private readonly FakeTimeProvider _clock = new();
    private readonly PtzDevice _device;
    private readonly IReadOnlyList<SoapOperation> _ops;
    private CameraGeoPose? _pose = new CameraGeoPose(Pole, Yaw: 0);

    public PtzNodeGeoMoveTests()
    {
        _device = PtzDevice.CreateDefault(_clock, new InMemoryStateStore(), new EventBus());
        var dome = PtzNodeGeoMove.Create(_device.FindNode("PtzNode_1")!, () => _pose);
        var digital = PtzNodeGeoMove.Create(_device.FindNode("PtzNode_2")!, () => _pose);
        Assert.Null(digital);                                      // no spherical degrees space: no GeoMove
        _ops =
        [
            GeoMoveOperation.Create(profile => profile switch
            {
                "Profile_1" => PtzProfileBinding<GeoMoveBinding>.Of(dome),
                "Profile_3" => PtzProfileBinding<GeoMoveBinding>.Of(digital),
                _ => PtzProfileBinding<GeoMoveBinding>.NoProfile,
            }),
        ];
    }

    public void Dispose() => _device.Dispose();

    private static string Target(GeoLocation p) =>
        FormattableString.Invariant($"<tptz:Target lat=\"{p.Latitude:R}\" lon=\"{p.Longitude:R}\" elevation=\"{p.Elevation:R}\"/>");

    [Fact]
    public void The_dome_turns_to_a_target_north_east_and_below_and_zooms_to_frame_the_area()
    {
        var dome = _device.FindNode("PtzNode_1")!;
        var target = Wgs84.FromEnu(Pole, 200, 200, -40);
        Call(_ops, "GeoMove", Profile + Target(target) + "<tptz:AreaWidth>40</tptz:AreaWidth>");
        Assert.False(dome.IsIdle);
        _clock.Advance(30);
        Assert.True(dome.IsIdle);
        Assert.Equal(45, dome.CurrentPose.Pan, 2);
        Assert.Equal(-Math.Atan(40 / Math.Sqrt(2 * 200 * 200)) * 180 / Math.PI, dome.CurrentPose.Tilt, 2);   // −8.05°
        var lens = ZoomLens.Default;
        var range = Math.Sqrt(2 * 200 * 200 + 40 * 40);
        Assert.Equal(40, 2 * range * Math.Tan(lens.HorizontalFov(dome.CurrentPose.Zoom) * Math.PI / 360), 2);   // 40 m across, at 38 mm

        // 12 m is narrower than the 94 mm end shows at 286 m (16.3 m): the longest focal length is the best there is.
        Call(_ops, "GeoMove", Profile + Target(target) + "<tptz:AreaWidth>12</tptz:AreaWidth>");
        _clock.Advance(30);
        Assert.Equal(lens.FocalMaxMm, dome.CurrentPose.Zoom, 3);
    }

    [Fact]
    public void Yaw_turns_the_pan_and_faults_come_from_the_geometry()
    {
        var dome = _device.FindNode("PtzNode_1")!;
        _pose = new CameraGeoPose(Pole, Yaw: 90);                 // 0° pan looks east
        Call(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Pole, 0, 300, -30)));
        _clock.Advance(30);
        Assert.Equal(-90, dome.CurrentPose.Pan, 2);
        var tiltRange = dome.Geometry.Find(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition)!.YRange!.Value;
        var limits = PtzNodeGeoMove.Limits(dome);
        Assert.Equal(tiltRange.Max, limits.TiltMax);
        Assert.Equal("Sender/ter:InvalidArgVal/ter:UnreachablePosition",
            Fault(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Pole, 0, 10, 100))));   // 84° up: above the dome's tilt range
        Assert.Equal("Sender/ter:InvalidArgVal/ter:GeoMoveNotSupported",
            Fault(_ops, "GeoMove", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" + Target(Pole)));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:InvalidSpeed",
            Fault(_ops, "GeoMove", Profile + Target(Wgs84.FromEnu(Pole, 0, 300, -30)) + "<tptz:Speed><tt:PanTilt x=\"7\" y=\"0\"/></tptz:Speed>"));
        _pose = null;
        Assert.Equal("Sender/ter:InvalidArgVal/ter:GeoLocationUnknown", Fault(_ops, "GeoMove", Profile + Target(Pole)));
    }
}
