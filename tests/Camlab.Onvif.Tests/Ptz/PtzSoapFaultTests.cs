using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>Every fault the PTZ specification lists for the operations Camlab implements, with its codes.</summary>
public class PtzSoapFaultTests
{
    private const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
    private const string NoSuchProfile = "<tptz:ProfileToken>Profile_9</tptz:ProfileToken>";
    private const string NoPtz = "<tptz:ProfileToken>Profile_2</tptz:ProfileToken>";

    public static TheoryData<string, string> ProfileOperations => new()
    {
        { "AbsoluteMove", "<tptz:Position><tt:Zoom x=\"0\"/></tptz:Position>" },
        { "RelativeMove", "<tptz:Translation><tt:Zoom x=\"0\"/></tptz:Translation>" },
        { "ContinuousMove", "<tptz:Velocity><tt:Zoom x=\"0\"/></tptz:Velocity>" },
        { "Stop", "" },
        { "GetStatus", "" },
        { "GetPresets", "" },
        { "SetPreset", "" },
        { "RemovePreset", "<tptz:PresetToken>Preset_1</tptz:PresetToken>" },
        { "GotoPreset", "<tptz:PresetToken>Preset_1</tptz:PresetToken>" },
        { "GotoHomePosition", "" },
        { "SetHomePosition", "" },
        { "SendAuxiliaryCommand", "<tptz:AuxiliaryData>tt:Wiper|On</tptz:AuxiliaryData>" },
    };

    [Theory]
    [MemberData(nameof(ProfileOperations))]
    public void NoProfile_and_NoPTZProfile(string operation, string rest)
    {
        using var rig = new PtzSoapRig();
        FaultAssert.Is(rig.Fault(operation, NoSuchProfile + rest), FaultCode.Sender, "InvalidArgVal", "NoProfile");
        FaultAssert.Is(rig.Fault(operation, NoPtz + rest), FaultCode.Sender, "InvalidArgVal", "NoPTZProfile");
    }

    [Fact]
    public void Move_faults()
    {
        using var rig = new PtzSoapRig();
        FaultAssert.Is(rig.Fault("AbsoluteMove", P1 + "<tptz:Position><tt:PanTilt x=\"0\" y=\"0\" space=\"http://www.onvif.org/ver10/tptz/PanTiltSpaces/DigitalPositionSpace\"/></tptz:Position>"),
            FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("AbsoluteMove", P1 + "<tptz:Position><tt:PanTilt x=\"1.2\" y=\"0\"/></tptz:Position>"), FaultCode.Sender, "InvalidArgVal", "InvalidPosition");
        FaultAssert.Is(rig.Fault("AbsoluteMove", P1 + "<tptz:Position><tt:Zoom x=\"0.5\"/></tptz:Position><tptz:Speed><tt:Zoom x=\"2\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("AbsoluteMove", P1 + "<tptz:Position><tt:Zoom x=\"0.5\"/></tptz:Position><tptz:Speed><tt:Zoom x=\"1\" space=\"http://www.onvif.org/ver10/tptz/ZoomSpaces/NormalizedDigitalSpeedSpace\"/></tptz:Speed>"),
            FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("RelativeMove", P1 + "<tptz:Translation><tt:PanTilt x=\"0\" y=\"-1.5\"/></tptz:Translation>"), FaultCode.Sender, "InvalidArgVal", "InvalidTranslation");
        FaultAssert.Is(rig.Fault("RelativeMove", P1 + "<tptz:Translation><tt:Zoom x=\"0.1\" space=\"http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace\"/></tptz:Translation>"), FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("RelativeMove", P1 + "<tptz:Translation><tt:Zoom x=\"0.1\"/></tptz:Translation><tptz:Speed><tt:PanTilt x=\"-1\" y=\"0\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"2\" y=\"0\"/></tptz:Velocity>"), FaultCode.Sender, "InvalidArgVal", "InvalidVelocity");
        FaultAssert.Is(rig.Fault("ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"1\" y=\"0\"/></tptz:Velocity><tptz:Timeout>PT0.5S</tptz:Timeout>"), FaultCode.Sender, "InvalidArgVal", "TimeoutNotSupported");
        FaultAssert.Is(rig.Fault("ContinuousMove", P1 + "<tptz:Velocity><tt:Zoom x=\"1\" space=\"http://www.onvif.org/ver10/tptz/ZoomSpaces/TranslationGenericSpace\"/></tptz:Velocity>"), FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"abc\" y=\"0\"/></tptz:Velocity>"), FaultCode.Sender, "InvalidArgs");
        FaultAssert.Is(rig.Fault("AbsoluteMove", P1), FaultCode.Sender, "InvalidArgs");
        Assert.True(rig.Dome.IsIdle); // nothing moved
    }

    [Fact]
    public void Preset_and_home_faults()
    {
        using var rig = new PtzSoapRig();
        rig.Call("SetPreset", P1 + "<tptz:PresetName>A</tptz:PresetName>");
        FaultAssert.Is(rig.Fault("SetPreset", P1 + "<tptz:PresetName>A</tptz:PresetName>"), FaultCode.Sender, "InvalidArgVal", "PresetExist");
        FaultAssert.Is(rig.Fault("SetPreset", P1 + "<tptz:PresetName>" + new string('n', 65) + "</tptz:PresetName>"), FaultCode.Sender, "InvalidArgVal", "InvalidPresetName");
        FaultAssert.Is(rig.Fault("SetPreset", P1 + "<tptz:PresetToken>Preset_7</tptz:PresetToken>"), FaultCode.Sender, "InvalidArgVal", "NoToken");
        FaultAssert.Is(rig.Fault("GotoPreset", P1 + "<tptz:PresetToken>Preset_7</tptz:PresetToken>"), FaultCode.Sender, "InvalidArgVal", "NoToken");
        FaultAssert.Is(rig.Fault("GotoPreset", P1 + "<tptz:PresetToken>Preset_1</tptz:PresetToken><tptz:Speed><tt:PanTilt x=\"3\" y=\"0\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("GotoPreset", P1 + "<tptz:PresetToken>Preset_1</tptz:PresetToken><tptz:Speed><tt:PanTilt x=\"0.1\" y=\"0\" space=\"urn:nope\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "SpaceNotSupported");
        FaultAssert.Is(rig.Fault("RemovePreset", P1 + "<tptz:PresetToken>Preset_7</tptz:PresetToken>"), FaultCode.Sender, "InvalidArgVal", "NoToken");
        rig.Call("ContinuousMove", P1 + "<tptz:Velocity><tt:PanTilt x=\"1\" y=\"0\"/></tptz:Velocity>");
        FaultAssert.Is(rig.Fault("SetPreset", P1), FaultCode.Receiver, "Action", "MovingPTZ");
        rig.Clock.Advance(20);
        for (var i = 1; i < 256; i++) rig.Dome.SetPreset();
        FaultAssert.Is(rig.Fault("SetPreset", P1), FaultCode.Receiver, "Action", "TooManyPresets");

        FaultAssert.Is(rig.Fault("GotoHomePosition", P1), FaultCode.Sender, "InvalidArgVal", "NoHomePosition");
        rig.Call("SetHomePosition", P1);
        FaultAssert.Is(rig.Fault("GotoHomePosition", P1 + "<tptz:Speed><tt:Zoom x=\"-0.5\"/></tptz:Speed>"), FaultCode.Sender, "InvalidArgVal", "InvalidSpeed");
        FaultAssert.Is(rig.Fault("SetHomePosition", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>"), FaultCode.Receiver, "Action", "CannotOverwriteHome");
    }

    [Fact]
    public void Auxiliary_faults()
    {
        using var rig = new PtzSoapRig();
        FaultAssert.Is(rig.Fault("SendAuxiliaryCommand", P1 + "<tptz:AuxiliaryData>tt:Heater|On</tptz:AuxiliaryData>"), FaultCode.Receiver, "ActionNotSupported", "AuxiliaryDataNotSupported");
        FaultAssert.Is(rig.Fault("SendAuxiliaryCommand", "<tptz:ProfileToken>Profile_3</tptz:ProfileToken><tptz:AuxiliaryData>tt:Wiper|On</tptz:AuxiliaryData>"), FaultCode.Receiver, "ActionNotSupported", "AuxiliaryDataNotSupported");
        Assert.Empty(rig.Dome.AuxiliaryStates);
    }
}
