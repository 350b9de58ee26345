using Camlab.Device.Imaging;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Imaging.ImagingSoapHarness;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>Every response of every operation, in every state worth a different shape, against the official XSD.</summary>
public class ImagingSchemaTests
{
    private readonly ImagingSoapHarness _h = new();

    public static TheoryData<string> Sources() => new() { Dome, Wide };

    [RequiresSharedFact]
    public void GetServiceCapabilities_validates() =>
        OnvifSchemaValidator.AssertValid(_h.Call(Op("GetServiceCapabilities")));

    [RequiresSharedTheory]
    [MemberData(nameof(Sources))]
    public void Settings_options_presets_and_focus_responses_validate(string source)
    {
        foreach (var op in new[] { "GetImagingSettings", "GetOptions", "GetMoveOptions", "GetStatus", "GetPresets", "GetCurrentPreset" })
            OnvifSchemaValidator.AssertValid(_h.Call(Op(op, Token(source))));
    }

    [RequiresSharedTheory]
    [MemberData(nameof(Sources))]
    public void Every_preset_s_settings_validate_and_set_responses_validate(string source)
    {
        foreach (var preset in _h.Imaging.Source(source).Presets)
        {
            OnvifSchemaValidator.AssertValid(_h.Call(Op("SetCurrentPreset", Token(source) + $"<timg:PresetToken>{preset.Token}</timg:PresetToken>")));
            OnvifSchemaValidator.AssertValid(_h.Call(Op("GetImagingSettings", Token(source))));
            OnvifSchemaValidator.AssertValid(_h.Call(Op("GetCurrentPreset", Token(source))));
        }
        // With fixed (non-adaptable) presets a change leaves every preset: GetCurrentPreset is empty.
        var h = new ImagingSoapHarness(adaptablePreset: false);
        OnvifSchemaValidator.AssertValid(h.Call(Op("SetImagingSettings", Token(source) + "<timg:ImagingSettings><tt:Brightness>33</tt:Brightness></timg:ImagingSettings>")));
        var empty = h.Call(Op("GetCurrentPreset", Token(source)));
        Assert.Empty(Response(empty).Elements());
        OnvifSchemaValidator.AssertValid(empty);
    }

    [RequiresSharedFact]
    public void Settings_with_every_extension_and_a_two_boundary_auto_adjustment_validate()
    {
        _h.Imaging.Source(Dome).SetSettings(new ImagingSettings
        {
            Focus = new(AutoFocusMode.AUTO, OnceAfterMove: true),
            IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOn, -0.5f, TimeSpan.FromSeconds(2.5)), new(IrCutFilterAutoBoundaryType.ToOff, 0.5f)],
            ImageStabilization = new(ImageStabilizationMode.ON, 10f),
        });
        var response = _h.Call(Op("GetImagingSettings", Token(Dome)));
        OnvifSchemaValidator.AssertValid(response);
        Assert.Contains("AFMode=\"OnceAfterMove\"", response);
        Assert.Contains("<tt:ResponseTime>PT2.5S</tt:ResponseTime>", response);
    }

    [RequiresSharedFact]
    public void Focus_status_while_moving_and_in_fault_validates()
    {
        _h.Call(Op("Move", Token(Dome) + "<timg:Focus><tt:Continuous><tt:Speed>0.5</tt:Speed></tt:Continuous></timg:Focus>"));
        var moving = _h.Call(Op("GetStatus", Token(Dome)));
        Assert.Contains("<tt:MoveStatus>MOVING</tt:MoveStatus>", moving);
        OnvifSchemaValidator.AssertValid(moving);
        _h.Imaging.Source(Dome).InjectFocusMotorFault("focus motor stalled");
        var fault = _h.Call(Op("GetStatus", Token(Dome)));
        Assert.Contains("<tt:Error>focus motor stalled</tt:Error>", fault);
        OnvifSchemaValidator.AssertValid(fault);
    }

    [RequiresSharedFact]
    public void Empty_responses_validate()
    {
        OnvifSchemaValidator.AssertValid(_h.Call(Op("Move", Token(Dome) + "<timg:Focus><tt:Absolute><tt:Position>0.5</tt:Position></tt:Absolute></timg:Focus>")));
        OnvifSchemaValidator.AssertValid(_h.Call(Op("Stop", Token(Dome))));
        OnvifSchemaValidator.AssertValid(_h.Call(Op("SetImagingSettings", Token(Wide) + "<timg:ImagingSettings/><timg:ForcePersistence>true</timg:ForcePersistence>")));
    }

    [RequiresSharedFact]
    public void The_operations_are_exactly_those_of_the_wsdl_port_type()
    {
        var wsdl = System.Xml.Linq.XDocument.Load(Path.Combine(SharedRef.OnvifSchemaDirectory!, "wsdl/ver20/imaging/wsdl/imaging.wsdl"));
        var names = wsdl.Descendants().Where(e => e.Name.LocalName == "portType").Single()
            .Elements().Where(e => e.Name.LocalName == "operation").Select(e => (string)e.Attribute("name")!).Order().ToList();
        Assert.Equal(names, _h.Service.Operations.Select(o => o.Name).Order().ToList());
    }
}
