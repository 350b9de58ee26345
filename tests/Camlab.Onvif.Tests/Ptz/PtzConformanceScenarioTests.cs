using System.Globalization;
using System.Xml.Linq;
using static Camlab.Onvif.Tests.Ptz.PtzSoapRig;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>
/// Scenarios modelled on the public ONVIF PTZ Device Test Specification, driven only through SOAP with the
/// clock advanced between requests (every response is schema-validated by the rig).
/// </summary>
public class PtzConformanceScenarioTests
{
    private sealed record Status(double Pan, double Tilt, double Zoom, string PanTiltMove, string ZoomMove);

    private static Status GetStatus(PtzSoapRig rig, string profile)
    {
        var s = rig.Call("GetStatus", $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>").Descendants(Tptz + "PTZStatus").Single();
        var pt = s.Element(Tt + "Position")!.Element(Tt + "PanTilt")!;
        var z = s.Element(Tt + "Position")!.Element(Tt + "Zoom")!;
        double F(XAttribute a) => double.Parse(a.Value, CultureInfo.InvariantCulture);
        var move = s.Element(Tt + "MoveStatus")!;
        return new(F(pt.Attribute("x")!), F(pt.Attribute("y")!), F(z.Attribute("x")!), move.Element(Tt + "PanTilt")!.Value, move.Element(Tt + "Zoom")!.Value);
    }

    private static string Vec(double x, double y, double z) =>
        $"<tt:PanTilt x=\"{x.ToString(CultureInfo.InvariantCulture)}\" y=\"{y.ToString(CultureInfo.InvariantCulture)}\"/><tt:Zoom x=\"{z.ToString(CultureInfo.InvariantCulture)}\"/>";

    [Theory]
    [InlineData("Profile_1")]
    [InlineData("Profile_3")]
    public void Continuous_move_with_a_one_second_timeout_reports_moving_then_idle(string profile)
    {
        using var rig = new PtzSoapRig();
        var p = $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>";
        if (profile == "Profile_3") rig.Call("AbsoluteMove", p + "<tptz:Position><tt:Zoom x=\"1\"/></tptz:Position>"); // room for the window to pan
        rig.Clock.Advance(10);
        rig.Call("ContinuousMove", p + "<tptz:Velocity><tt:PanTilt x=\"0.2\" y=\"0\"/></tptz:Velocity><tptz:Timeout>PT1S</tptz:Timeout>");
        rig.Clock.Advance(0.5);
        Assert.Equal("MOVING", GetStatus(rig, profile).PanTiltMove);
        rig.Clock.Advance(5);
        Assert.Equal("IDLE", GetStatus(rig, profile).PanTiltMove);
    }

    [Fact]
    public void Stop_reaches_idle()
    {
        using var rig = new PtzSoapRig();
        rig.Call("ContinuousMove", "<tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Velocity>" + Vec(-0.5, 0.5, 0.5) + "</tptz:Velocity>");
        rig.Clock.Advance(1);
        Assert.Equal("MOVING", GetStatus(rig, "Profile_1").ZoomMove);
        rig.Call("Stop", "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>");
        rig.Clock.Advance(2);
        var s = GetStatus(rig, "Profile_1");
        Assert.Equal(("IDLE", "IDLE"), (s.PanTiltMove, s.ZoomMove));
    }

    [Theory]
    [InlineData("Profile_1")]
    [InlineData("Profile_3")]
    public void Absolute_moves_reach_each_limit_of_the_generic_spaces(string profile)
    {
        using var rig = new PtzSoapRig();
        var p = $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>";
        // The digital window can only move its centre once it is smaller than the sensor: zoom in fully first.
        var corners = new[] { (-1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (0.0, 0.0) };
        foreach (var (x, y) in corners)
        {
            var zoom = profile == "Profile_3" ? 1.0 : (x + 1) / 2;
            var (px, py) = profile == "Profile_3" ? (x * (1 - 1.0 / 6), y * (1 - 1.0 / 6)) : (x, y); // window centre range at zoom 6
            rig.Call("AbsoluteMove", p + "<tptz:Position>" + Vec(px, py, zoom) + "</tptz:Position>");
            rig.Clock.Advance(30);
            var s = GetStatus(rig, profile);
            Assert.Equal(("IDLE", "IDLE"), (s.PanTiltMove, s.ZoomMove));
            Assert.Equal(px, Math.Abs(px) == 1 && s.Pan == -px ? px : s.Pan, 5); // ±180° are the same pan
            Assert.Equal(py, s.Tilt, 5);
            Assert.Equal(zoom, s.Zoom, 5);
        }
        Assert.Equal("ter:InvalidPosition", rig.Fault("AbsoluteMove", p + "<tptz:Position>" + Vec(0, 1.01, 0) + "</tptz:Position>").Subcodes[1]);
    }

    [Fact]
    public void A_preset_set_left_and_recalled_returns_to_the_same_position_and_home_too()
    {
        using var rig = new PtzSoapRig();
        const string p = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
        rig.Call("AbsoluteMove", p + "<tptz:Position>" + Vec(0.3, -0.2, 0.4) + "</tptz:Position>");
        rig.Clock.Advance(30);
        var saved = GetStatus(rig, "Profile_1");
        var token = rig.Call("SetPreset", p + "<tptz:PresetName>Scenario</tptz:PresetName>").Descendants(Tptz + "PresetToken").Single().Value;
        rig.Call("SetHomePosition", p);
        rig.Call("RelativeMove", p + "<tptz:Translation>" + Vec(-0.5, 0.3, 0.2) + "</tptz:Translation>");
        rig.Clock.Advance(30);
        Assert.NotEqual(saved.Pan, GetStatus(rig, "Profile_1").Pan, 3);
        rig.Call("GotoPreset", p + $"<tptz:PresetToken>{token}</tptz:PresetToken>");
        rig.Clock.Advance(30);
        var back = GetStatus(rig, "Profile_1");
        Assert.Equal((Math.Round(saved.Pan, 6), Math.Round(saved.Tilt, 6), Math.Round(saved.Zoom, 6)), (Math.Round(back.Pan, 6), Math.Round(back.Tilt, 6), Math.Round(back.Zoom, 6)));
        Assert.Equal(["Invoked", "Reached"], rig.Events.Select(e => e.Topic.Split('/')[^1]));

        rig.Call("ContinuousMove", p + "<tptz:Velocity>" + Vec(0.5, 0.5, -0.5) + "</tptz:Velocity><tptz:Timeout>PT2S</tptz:Timeout>");
        rig.Clock.Advance(10);
        rig.Call("GotoHomePosition", p);
        rig.Clock.Advance(30);
        back = GetStatus(rig, "Profile_1");
        Assert.Equal((Math.Round(saved.Pan, 6), Math.Round(saved.Tilt, 6), Math.Round(saved.Zoom, 6)), (Math.Round(back.Pan, 6), Math.Round(back.Tilt, 6), Math.Round(back.Zoom, 6)));
        Assert.Equal(["Invoked", "Reached", "Left"], rig.Events.Select(e => e.Topic.Split('/')[^1]));
    }

    [Fact]
    public void Every_generic_space_moves_the_dome()
    {
        using var rig = new PtzSoapRig();
        const string p = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
        const string g = "http://www.onvif.org/ver10/tptz/";
        rig.Call("AbsoluteMove", p + $"<tptz:Position><tt:PanTilt x=\"0.5\" y=\"0.8\" space=\"{g}PanTiltSpaces/PositionGenericSpace\"/><tt:Zoom x=\"0.5\" space=\"{g}ZoomSpaces/PositionGenericSpace\"/></tptz:Position>"
            + $"<tptz:Speed><tt:PanTilt x=\"0.5\" y=\"0.5\" space=\"{g}PanTiltSpaces/GenericSpeedSpace\"/><tt:Zoom x=\"0.5\" space=\"{g}ZoomSpaces/ZoomGenericSpeedSpace\"/></tptz:Speed>");
        rig.Clock.Advance(30);
        Assert.Equal((0.5, 0.8, 0.5), (Math.Round(GetStatus(rig, "Profile_1").Pan, 6), Math.Round(GetStatus(rig, "Profile_1").Tilt, 6), Math.Round(GetStatus(rig, "Profile_1").Zoom, 6)));
        rig.Call("RelativeMove", p + $"<tptz:Translation><tt:PanTilt x=\"-0.25\" y=\"-0.1\" space=\"{g}PanTiltSpaces/TranslationGenericSpace\"/><tt:Zoom x=\"-0.25\" space=\"{g}ZoomSpaces/TranslationGenericSpace\"/></tptz:Translation>");
        rig.Clock.Advance(30);
        var s = GetStatus(rig, "Profile_1");
        Assert.Equal((0.25, 0.7, 0.25), (Math.Round(s.Pan, 6), Math.Round(s.Tilt, 6), Math.Round(s.Zoom, 6)));
        rig.Call("ContinuousMove", p + $"<tptz:Velocity><tt:PanTilt x=\"-1\" y=\"0\" space=\"{g}PanTiltSpaces/VelocityGenericSpace\"/><tt:Zoom x=\"1\" space=\"{g}ZoomSpaces/VelocityGenericSpace\"/></tptz:Velocity><tptz:Timeout>PT1S</tptz:Timeout>");
        rig.Clock.Advance(30);
        s = GetStatus(rig, "Profile_1");
        Assert.True(s.Pan < 0.25 && s.Zoom > 0.25, $"moved to {s}");
    }
}
