using Camlab.Onvif.Soap;
using static Camlab.Onvif.Tests.Imaging.ImagingSoapHarness;

namespace Camlab.Onvif.Tests.Imaging;

public class ImagingFaultTests
{
    private readonly ImagingSoapHarness _h = new();

    /// <summary>Each operation that takes a VideoSourceToken, with the rest of a valid request.</summary>
    public static TheoryData<string, string> Operations() => new()
    {
        { "GetImagingSettings", "" },
        { "SetImagingSettings", "<timg:ImagingSettings><tt:Brightness>10</tt:Brightness></timg:ImagingSettings>" },
        { "GetOptions", "" },
        { "Move", "<timg:Focus><tt:Absolute><tt:Position>0.5</tt:Position></tt:Absolute></timg:Focus>" },
        { "GetMoveOptions", "" },
        { "Stop", "" },
        { "GetStatus", "" },
        { "GetPresets", "" },
        { "GetCurrentPreset", "" },
        { "SetCurrentPreset", "<timg:PresetToken>Preset_Night</timg:PresetToken>" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void An_unknown_video_source_is_Sender_InvalidArgVal_NoSource(string operation, string rest)
    {
        var fault = _h.Fault(Op(operation, Token("VideoSource_42") + rest));
        Assert.Equal(FaultCode.Sender, fault.Code);
        Assert.Equal(["ter:InvalidArgVal", "ter:NoSource"], fault.Subcodes);
        Assert.Contains("VideoSource_42", fault.Reason);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void A_source_without_imaging_is_Receiver_ActionNotSupported_NoImagingForSource(string operation, string rest)
    {
        var fault = _h.Fault(Op(operation, Token(Analog) + rest));
        Assert.Equal(FaultCode.Receiver, fault.Code);
        Assert.Equal(["ter:ActionNotSupported", "ter:NoImagingForSource"], fault.Subcodes);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void A_missing_video_source_token_is_InvalidArgs(string operation, string rest)
    {
        var fault = _h.Fault(Op(operation, rest));
        Assert.Equal(["ter:InvalidArgs"], fault.Subcodes);
        Assert.Contains("VideoSourceToken", fault.Reason);
    }

    [Theory]
    [InlineData("<tt:Brightness>100.01</tt:Brightness>", "Brightness")]
    [InlineData("<tt:Exposure><tt:Mode>AUTO</tt:Mode><tt:MinGain>20</tt:MinGain><tt:MaxGain>10</tt:MaxGain></tt:Exposure>", "Exposure/MaxGain")]
    [InlineData("<tt:Exposure><tt:Mode>auto</tt:Mode></tt:Exposure>", "Exposure/Mode")]
    [InlineData("<tt:IrCutFilter>NIGHT</tt:IrCutFilter>", "IrCutFilter")]
    [InlineData("<tt:Focus AFMode=\"OnceAfterZoom\"><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus>", "Focus/AFMode")]
    [InlineData("<tt:Extension><tt:ImageStabilization><tt:Mode>Extended</tt:Mode></tt:ImageStabilization></tt:Extension>", "ImageStabilization/Mode")]
    [InlineData("<tt:Extension><tt:Extension><tt:Extension><tt:NoiseReduction><tt:Level>-0.1</tt:Level></tt:NoiseReduction></tt:Extension></tt:Extension></tt:Extension>", "NoiseReduction/Level")]
    public void Invalid_settings_are_Sender_InvalidArgVal_SettingsInvalid_naming_the_field(string settings, string field)
    {
        var before = _h.Call(Op("GetImagingSettings", Token(Dome)));
        var fault = _h.Fault(Op("SetImagingSettings", Token(Dome) + $"<timg:ImagingSettings>{settings}</timg:ImagingSettings>"));
        Assert.Equal(FaultCode.Sender, fault.Code);
        Assert.Equal(["ter:InvalidArgVal", "ter:SettingsInvalid"], fault.Subcodes);
        Assert.StartsWith(field + ":", fault.Reason);
        Assert.Equal(before, _h.Call(Op("GetImagingSettings", Token(Dome))));
    }

    [Theory]
    [InlineData("<timg:ImagingSettings><tt:Brightness>bright</tt:Brightness></timg:ImagingSettings>", "Brightness")]
    [InlineData("<timg:ImagingSettings><tt:Exposure><tt:Window left=\"0\" top=\"0\" right=\"1\"/><tt:Mode>AUTO</tt:Mode></tt:Exposure></timg:ImagingSettings>", "bottom")]
    [InlineData("<timg:ImagingSettings/><timg:ForcePersistence>yes</timg:ForcePersistence>", "ForcePersistence")]
    [InlineData("", "ImagingSettings")]
    public void Unreadable_requests_are_InvalidArgs(string rest, string named)
    {
        var fault = _h.Fault(Op("SetImagingSettings", Token(Dome) + rest));
        Assert.Equal(["ter:InvalidArgs"], fault.Subcodes);
        Assert.Contains(named, fault.Reason);
    }

    [Fact]
    public void An_unknown_preset_token_is_SettingsInvalid()
    {
        var fault = _h.Fault(Op("SetCurrentPreset", Token(Dome) + "<timg:PresetToken>Preset_Moon</timg:PresetToken>"));
        Assert.Equal(["ter:InvalidArgVal", "ter:SettingsInvalid"], fault.Subcodes);
    }

    [Theory]
    [InlineData("<tt:Absolute><tt:Position>1.5</tt:Position></tt:Absolute>", "Focus/Absolute/Position")]
    [InlineData("<tt:Relative><tt:Distance>0.1</tt:Distance><tt:Speed>9</tt:Speed></tt:Relative>", "Focus/Relative/Speed")]
    [InlineData("<tt:Continuous><tt:Speed>-2</tt:Speed></tt:Continuous>", "Focus/Continuous/Speed")]
    [InlineData("", "Focus")]
    public void A_move_outside_the_move_options_is_SettingsInvalid(string focus, string field)
    {
        var fault = _h.Fault(Op("Move", Token(Dome) + $"<timg:Focus>{focus}</timg:Focus>"));
        Assert.Equal(["ter:InvalidArgVal", "ter:SettingsInvalid"], fault.Subcodes);
        Assert.StartsWith(field + ":", fault.Reason);
    }

    [Fact]
    public void Continuous_without_speed_is_InvalidArgs()
    {
        var fault = _h.Fault(Op("Move", Token(Dome) + "<timg:Focus><tt:Continuous/></timg:Focus>"));
        Assert.Equal(["ter:InvalidArgs"], fault.Subcodes);
    }

    [Fact]
    public void Focus_moves_on_a_fixed_focus_lens_are_ActionNotSupported_and_its_move_options_are_empty()
    {
        foreach (var op in new[] { Op("Move", Token(Wide) + "<timg:Focus><tt:Absolute><tt:Position>0.5</tt:Position></tt:Absolute></timg:Focus>"), Op("Stop", Token(Wide)) })
        {
            var fault = _h.Fault(op);
            Assert.Equal(FaultCode.Receiver, fault.Code);
            Assert.Equal(["ter:ActionNotSupported"], fault.Subcodes);
        }
        Assert.Empty(_h.CallBody(Op("GetMoveOptions", Token(Wide))).Path("MoveOptions").Elements());
        Assert.Empty(_h.CallBody(Op("GetStatus", Token(Wide))).Path("Status").Elements());
    }

    [Fact]
    public void A_move_while_the_motor_is_in_fault_is_Receiver_Action()
    {
        _h.Imaging.Source(Dome).InjectFocusMotorFault("stalled");
        var fault = _h.Fault(Op("Move", Token(Dome) + "<timg:Focus><tt:Absolute><tt:Position>0.5</tt:Position></tt:Absolute></timg:Focus>"));
        Assert.Equal(FaultCode.Receiver, fault.Code);
        Assert.Equal(["ter:Action"], fault.Subcodes);
        Assert.Contains("stalled", fault.Reason);
    }

    [Fact]
    public void Access_classes_follow_the_specification()
    {
        var access = _h.Service.Operations.ToDictionary(o => o.Name, o => o.Access);
        Assert.Equal(AccessClass.PreAuth, access["GetServiceCapabilities"]);
        foreach (var read in new[] { "GetImagingSettings", "GetOptions", "GetMoveOptions", "GetStatus", "GetPresets", "GetCurrentPreset" })
            Assert.Equal(AccessClass.ReadMedia, access[read]);
        foreach (var write in new[] { "SetImagingSettings", "Move", "Stop", "SetCurrentPreset" })
            Assert.Equal(AccessClass.Actuate, access[write]);
        Assert.Throws<SoapFaultException>(() => _h.Call(Op("SetImagingSettings", Token(Dome) + "<timg:ImagingSettings/>"), UserLevel.User));
    }
}
