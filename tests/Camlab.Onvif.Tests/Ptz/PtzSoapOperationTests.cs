using System.Xml.Linq;
using Camlab.Device.Ptz;
using Camlab.Onvif.Soap;
using static Camlab.Onvif.Tests.Ptz.PtzSoapRig;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>Every PTZ operation answers a schema-valid response with the domain's state.</summary>
public class PtzSoapOperationTests
{
    private const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";

    [Fact]
    public void GetServiceCapabilities()
    {
        using var rig = new PtzSoapRig();
        var caps = rig.Call("GetServiceCapabilities").Descendants(Tptz + "Capabilities").Single();
        Assert.Equal("true", (string?)caps.Attribute("EFlip"));
        Assert.Equal("true", (string?)caps.Attribute("MoveStatus"));
        Assert.Equal("true", (string?)caps.Attribute("StatusPosition"));
        // No tracker: only the move modes of MoveAndStartTracking, never ObjectID; no GeoMove binding in this rig.
        Assert.Equal("PresetToken PTZVector", (string?)caps.Attribute("MoveAndTrack"));
    }

    [Fact]
    public void GetNodes_and_GetNode()
    {
        using var rig = new PtzSoapRig();
        var nodes = rig.Call("GetNodes").Descendants(Tptz + "PTZNode").ToList();
        Assert.Equal(["PtzNode_1", "PtzNode_2"], nodes.Select(n => (string)n.Attribute("token")!));
        var dome = rig.Call("GetNode", "<tptz:NodeToken>PtzNode_1</tptz:NodeToken>").Descendants(Tptz + "PTZNode").Single();
        Assert.Equal("256", dome.Element(Tt + "MaximumNumberOfPresets")!.Value);
        Assert.Equal(5, dome.Elements(Tt + "AuxiliaryCommands").Count());
        var uris = dome.Descendants(Tt + "URI").Select(u => u.Value).ToList();
        Assert.Contains(PtzSpaces.PanTiltTranslationFov, uris);
        Assert.Contains(PtzSpaces.ZoomPositionMillimeter, uris);
        var digital = rig.Call("GetNode", "<tptz:NodeToken>PtzNode_2</tptz:NodeToken>").Descendants(Tptz + "PTZNode").Single();
        Assert.Equal("true", (string?)digital.Attribute("FixedHomePosition"));
        Assert.Contains(PtzSpaces.PanTiltPositionDigital, digital.Descendants(Tt + "URI").Select(u => u.Value));
        FaultAssert.Is(rig.Fault("GetNode", "<tptz:NodeToken>PtzNode_9</tptz:NodeToken>"), FaultCode.Sender, "InvalidArgVal", "NoEntity");
    }

    [Fact]
    public void Configurations_options_and_compatibility()
    {
        using var rig = new PtzSoapRig();
        var all = rig.Call("GetConfigurations").Descendants(Tptz + "PTZConfiguration").ToList();
        Assert.Equal(["PtzConfig_1", "PtzConfig_2"], all.Select(c => (string)c.Attribute("token")!));
        Assert.Equal("1", all[0].Element(Tt + "UseCount")!.Value);
        var one = rig.Call("GetConfiguration", "<tptz:PTZConfigurationToken>PtzConfig_1</tptz:PTZConfigurationToken>").Descendants(Tptz + "PTZConfiguration").Single();
        Assert.Equal("PtzNode_1", one.Element(Tt + "NodeToken")!.Value);
        Assert.Equal("PT5S", one.Element(Tt + "DefaultPTZTimeout")!.Value);
        Assert.Equal("-INF", one.Element(Tt + "PanTiltLimits")!.Descendants(Tt + "Min").First().Value);
        var options = rig.Call("GetConfigurationOptions", "<tptz:ConfigurationToken>PtzConfig_1</tptz:ConfigurationToken>").Descendants(Tptz + "PTZConfigurationOptions").Single();
        Assert.Equal("1 2 3", (string?)options.Attribute("PTZRamps"));
        Assert.Equal("PT1S", options.Element(Tt + "PTZTimeout")!.Element(Tt + "Min")!.Value);
        Assert.Equal(["OFF", "ON"], options.Descendants(Tt + "EFlip").Elements(Tt + "Mode").Select(m => m.Value));
        rig.Call("GetConfigurationOptions", "<tptz:ConfigurationToken>PtzConfig_2</tptz:ConfigurationToken>");
        var compatible = rig.Call("GetCompatibleConfigurations", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>").Descendants(Tptz + "PTZConfiguration");
        Assert.Equal(["PtzConfig_2"], compatible.Select(c => (string)c.Attribute("token")!));
        FaultAssert.Is(rig.Fault("GetConfiguration", "<tptz:PTZConfigurationToken>X</tptz:PTZConfigurationToken>"), FaultCode.Sender, "InvalidArgVal", "NoConfig");
        FaultAssert.Is(rig.Fault("GetConfigurationOptions", "<tptz:ConfigurationToken>X</tptz:ConfigurationToken>"), FaultCode.Sender, "InvalidArgVal", "NoConfig");
        FaultAssert.Is(rig.Fault("GetCompatibleConfigurations", "<tptz:ProfileToken>X</tptz:ProfileToken>"), FaultCode.Sender, "InvalidArgVal", "NoProfile");
    }

    private const string SetConfig = """
        <tptz:PTZConfiguration token="PtzConfig_1" MoveRamp="3" PresetRamp="1" PresetTourRamp="2">
          <tt:Name>Dome PTZ</tt:Name><tt:UseCount>1</tt:UseCount><tt:NodeToken>PtzNode_1</tt:NodeToken>
          <tt:DefaultAbsolutePantTiltPositionSpace>http://www.onvif.org/ver10/tptz/PanTiltSpaces/SphericalPositionSpaceDegrees</tt:DefaultAbsolutePantTiltPositionSpace>
          <tt:DefaultPTZSpeed><tt:PanTilt x="0.8" y="0.8" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/GenericSpeedSpace"/></tt:DefaultPTZSpeed>
          <tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout>
          <tt:PanTiltLimits><tt:Range><tt:URI>http://www.onvif.org/ver10/tptz/PanTiltSpaces/SphericalPositionSpaceDegrees</tt:URI>
            <tt:XRange><tt:Min>-90</tt:Min><tt:Max>90</tt:Max></tt:XRange><tt:YRange><tt:Min>-INF</tt:Min><tt:Max>INF</tt:Max></tt:YRange></tt:Range></tt:PanTiltLimits>
          <tt:Extension><tt:PTControlDirection><tt:EFlip><tt:Mode>ON</tt:Mode></tt:EFlip><tt:Reverse><tt:Mode>OFF</tt:Mode></tt:Reverse></tt:PTControlDirection></tt:Extension>
        </tptz:PTZConfiguration><tptz:ForcePersistence>true</tptz:ForcePersistence>
        """;

    [Fact]
    public void SetConfiguration_applies_persists_and_refuses_bad_values()
    {
        using var rig = new PtzSoapRig();
        rig.Call("SetConfiguration", SetConfig);
        var c = rig.Dome.Configuration;
        Assert.Equal((3, 1, EFlipMode.On, TimeSpan.FromSeconds(10)), (c.MoveRamp, c.PresetRamp, c.EFlip, c.DefaultTimeout));
        Assert.Equal(new FloatRange(-90, 90), c.PanTiltLimits!.X);
        Assert.Equal(0.8, c.DefaultSpeed.PanTilt!.Value.X, 6);
        Assert.NotNull(rig.Store.Read("ptz/PtzNode_1/configuration.json"));
        var echoed = rig.Call("GetConfiguration", "<tptz:PTZConfigurationToken>PtzConfig_1</tptz:PTZConfigurationToken>");
        Assert.Equal("ON", echoed.Descendants(Tt + "EFlip").Single().Element(Tt + "Mode")!.Value);

        FaultAssert.Is(rig.Fault("SetConfiguration", SetConfig.Replace("MoveRamp=\"3\"", "MoveRamp=\"7\"")), FaultCode.Sender, "InvalidArgVal", "ConfigModify");
        FaultAssert.Is(rig.Fault("SetConfiguration", SetConfig.Replace("PT10S", "PT1H")), FaultCode.Sender, "InvalidArgVal", "ConfigModify");
        FaultAssert.Is(rig.Fault("SetConfiguration", SetConfig.Replace("<tt:Mode>ON</tt:Mode></tt:EFlip>", "<tt:Mode>Extended</tt:Mode></tt:EFlip>")), FaultCode.Sender, "InvalidArgVal", "ConfigModify");
        FaultAssert.Is(rig.Fault("SetConfiguration", SetConfig.Replace("token=\"PtzConfig_1\"", "token=\"Nope\"")), FaultCode.Sender, "InvalidArgVal", "NoConfig");
        FaultAssert.Is(rig.Fault("SetConfiguration", SetConfig.Replace("<tt:Min>-90</tt:Min>", "<tt:Min>-270</tt:Min>")), FaultCode.Sender, "InvalidArgVal", "ConfigModify");
        Assert.Equal(c, rig.Dome.Configuration);
    }

    [Fact]
    public void Moves_and_status()
    {
        using var rig = new PtzSoapRig();
        rig.Call("AbsoluteMove", P1 + """<tptz:Position><tt:PanTilt x="0.5" y="0" /><tt:Zoom x="0.5"/></tptz:Position><tptz:Speed><tt:PanTilt x="1" y="1"/><tt:Zoom x="1"/></tptz:Speed>""");
        rig.Clock.Advance(0.5);
        var status = rig.Call("GetStatus", P1).Descendants(Tptz + "PTZStatus").Single();
        Assert.Equal("MOVING", status.Element(Tt + "MoveStatus")!.Element(Tt + "PanTilt")!.Value);
        Assert.Equal(PtzSpaces.PanTiltPositionGeneric, (string?)status.Element(Tt + "Position")!.Element(Tt + "PanTilt")!.Attribute("space"));
        Assert.Equal("2026-01-01T00:00:00.500Z", status.Element(Tt + "UtcTime")!.Value);
        rig.Clock.Advance(10);
        status = rig.Call("GetStatus", P1).Descendants(Tptz + "PTZStatus").Single();
        Assert.Equal("IDLE", status.Element(Tt + "MoveStatus")!.Element(Tt + "Zoom")!.Value);
        Assert.Equal(0.5, (double)status.Element(Tt + "Position")!.Element(Tt + "PanTilt")!.Attribute("x")!, 6);

        rig.Call("RelativeMove", P1 + """<tptz:Translation><tt:PanTilt x="-0.25" y="0" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/TranslationGenericSpace"/></tptz:Translation>""");
        rig.Clock.Advance(10);
        Assert.Equal(45, rig.Dome.CurrentPose.Pan, 6);
        rig.Call("ContinuousMove", P1 + """<tptz:Velocity><tt:Zoom x="-1"/></tptz:Velocity><tptz:Timeout>PT2S</tptz:Timeout>""");
        rig.Clock.Advance(0.5);
        Assert.Equal("MOVING", rig.Call("GetStatus", P1).Descendants(Tt + "Zoom").Last().Value);
        rig.Call("Stop", P1 + "<tptz:PanTilt>false</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>");
        rig.Clock.Advance(2);
        Assert.Equal("IDLE", rig.Call("GetStatus", P1).Descendants(Tt + "Zoom").Last().Value);
        rig.Call("GetStatus", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>");
    }

    [Fact]
    public void Presets_home_and_auxiliary()
    {
        using var rig = new PtzSoapRig();
        var token = rig.Call("SetPreset", P1 + "<tptz:PresetName>Door</tptz:PresetName>").Descendants(Tptz + "PresetToken").Single().Value;
        Assert.Equal("Preset_1", token);
        var preset = rig.Call("GetPresets", P1).Descendants(Tptz + "Preset").Single();
        Assert.Equal(("Preset_1", "Door"), ((string)preset.Attribute("token")!, preset.Element(Tt + "Name")!.Value));
        Assert.NotNull(preset.Element(Tt + "PTZPosition")!.Element(Tt + "Zoom"));
        rig.Call("SetPreset", P1 + "<tptz:PresetToken>Preset_1</tptz:PresetToken><tptz:PresetName>Gate</tptz:PresetName>");
        rig.Call("GotoPreset", P1 + "<tptz:PresetToken>Preset_1</tptz:PresetToken><tptz:Speed><tt:PanTilt x=\"0.5\" y=\"0.5\"/></tptz:Speed>");
        rig.Clock.Advance(0);
        Assert.Equal(["PTZController/PTZPresets/Invoked", "PTZController/PTZPresets/Reached"], rig.Events.Select(e => e.Topic));
        rig.Call("RemovePreset", P1 + "<tptz:PresetToken>Preset_1</tptz:PresetToken>");
        Assert.Empty(rig.Call("GetPresets", P1).Descendants(Tptz + "Preset"));

        rig.Call("SetHomePosition", P1);
        rig.Call("GotoHomePosition", P1);
        rig.Call("GotoHomePosition", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>");
        var aux = rig.Call("SendAuxiliaryCommand", P1 + "<tptz:AuxiliaryData>tt:IRLamp|Auto</tptz:AuxiliaryData>");
        Assert.Equal("tt:IRLamp|Auto", aux.Descendants(Tptz + "AuxiliaryResponse").Single().Value);
        Assert.Equal("Auto", rig.Dome.AuxiliaryStates["tt:IRLamp"]);
    }

    [Fact]
    public void Extra_operations_join_the_service_and_duplicates_are_refused()
    {
        using var rig = new PtzSoapRig();
        var extra = new SoapOperation("GetPresetTours", AccessClass.ReadMedia, (_, w) => { });
        var service = new Camlab.Onvif.Ptz.PtzService(rig.Service.Catalog, [extra]);
        Assert.Contains(service.Operations, o => o.Name == "GetPresetTours");
        Assert.Equal(22, service.Operations.Count);
        Assert.Throws<ArgumentException>(() => new Camlab.Onvif.Ptz.PtzService(rig.Service.Catalog,
            [new SoapOperation("GetStatus", AccessClass.ReadMedia, (_, _) => { })]));
        Assert.Equal("ptz_service", service.PathSegment);
        Assert.Equal(OnvifNamespaces.Ptz, service.Namespace);
    }
}

public class PtzSchemaGuardTests
{
    // Guards the guard: the rig's validation must reject a PTZ status with elements out of schema order.
    [Camlab.Testing.RequiresSharedFact]
    public void The_validator_rejects_a_misordered_status()
    {
        var xml = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><env:Body>"
            + "<tptz:GetStatusResponse><tptz:PTZStatus><tt:UtcTime>2026-01-01T00:00:00Z</tt:UtcTime><tt:MoveStatus><tt:PanTilt>IDLE</tt:PanTilt></tt:MoveStatus></tptz:PTZStatus></tptz:GetStatusResponse>"
            + "</env:Body></env:Envelope>";
        Assert.NotEmpty(Camlab.Testing.OnvifSchemaValidator.Validate(xml));
    }
}
