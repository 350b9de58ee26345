using System.Xml.Linq;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;
using static Camlab.Onvif.Tests.Imaging.ImagingSoapHarness;

namespace Camlab.Onvif.Tests.Imaging;

public class ImagingSettingsSoapTests
{
    private readonly ImagingSoapHarness _h = new();

    [Theory]
    [InlineData(Dome)]
    [InlineData(Wide)]
    public void Sending_back_what_GetImagingSettings_returned_changes_nothing(string source)
    {
        _h.Imaging.Source(source).SetCurrentPreset("Preset_Backlight");
        var before = _h.Call(Op("GetImagingSettings", Token(source)));
        var settings = Response(before).Path("ImagingSettings");
        var request = new XElement(XmlTestExtensions.Timg + "SetImagingSettings",
            new XElement(XmlTestExtensions.Timg + "VideoSourceToken", source),
            settings);
        _h.Call(request.ToString(SaveOptions.DisableFormatting));
        Assert.Equal(before, _h.Call(Op("GetImagingSettings", Token(source))));
        Assert.Equal("Preset_Backlight", _h.CallBody(Op("GetCurrentPreset", Token(source))).Path("Preset").Attribute("token")!.Value);
    }

    [Fact]
    public void Every_parameter_written_is_read_back_into_the_same_settings()
    {
        var target = new ImagingSettings
        {
            BacklightCompensation = new(BacklightCompensationMode.ON, 11f),
            Brightness = 12f,
            ColorSaturation = 13f,
            Contrast = 14f,
            Exposure = new(ExposureMode.MANUAL, ExposurePriority.LowNoise, new(0.1f, 0.2f, 0.9f, 0.8f), 100f, 20000f, 1f, 30f, 2f, 20f, 5000f, 6f, 3f),
            Focus = new(AutoFocusMode.MANUAL, 0.3f, 2f, 500f, true),
            IrCutFilter = IrCutFilterMode.OFF,
            Sharpness = 15f,
            WideDynamicRange = new(WideDynamicMode.ON, 16f),
            WhiteBalance = new(WhiteBalanceMode.MANUAL, 17f, 18f),
            ImageStabilization = new(ImageStabilizationMode.AUTO, 19f),
            IrCutFilterAutoAdjustment = [new(IrCutFilterAutoBoundaryType.ToOff, 0.25f, TimeSpan.FromSeconds(7))],
            ToneCompensation = new(ToneCompensationMode.ON, 0.2f),
            Defogging = new(DefoggingMode.AUTO, 0.3f),
            NoiseReduction = new(0.4f),
        };
        var other = new ImagingSoapHarness();
        other.Imaging.Source(Dome).SetSettings(target);
        var xml = Response(other.Call(Op("GetImagingSettings", Token(Dome)))).Path("ImagingSettings");
        _h.Call(new XElement(XmlTestExtensions.Timg + "SetImagingSettings", new XElement(XmlTestExtensions.Timg + "VideoSourceToken", Dome), xml).ToString());
        Assert.True(target.SameAs(_h.Imaging.Source(Dome).Settings), "settings differ after a round trip through XML");
    }

    [Fact]
    public void Requests_are_read_leniently_by_local_name_in_any_order_and_namespace()
    {
        // No prefixes, a foreign namespace for the settings, children out of schema order.
        var body = """
            <SetImagingSettings xmlns="http://www.onvif.org/ver20/imaging/wsdl">
              <ImagingSettings>
                <Sharpness xmlns="urn:some-client">66</Sharpness>
                <Brightness>61</Brightness>
                <Exposure><MaxGain>40</MaxGain><Mode>AUTO</Mode></Exposure>
              </ImagingSettings>
              <VideoSourceToken>VideoSource_1</VideoSourceToken>
            </SetImagingSettings>
            """;
        _h.Call(body);
        var s = _h.Imaging.Source(Dome).Settings;
        Assert.Equal((61f, 66f, 40f), (s.Brightness!.Value, s.Sharpness!.Value, s.Exposure!.MaxGain!.Value));
    }

    [Fact]
    public void A_request_shaped_like_the_npm_onvif_client_s_is_accepted()
    {
        // agsh/onvif's setImagingSettings: default namespaces on every element, and Exposure/Focus carry only
        // the fields the caller set (here no Mode, no AutoFocusMode): the current modes are kept.
        var body = "<SetImagingSettings xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\" >"
            + "<VideoSourceToken  xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\" >VideoSource_1</VideoSourceToken>"
            + "<ImagingSettings xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\" >"
            + "<Brightness xmlns=\"http://www.onvif.org/ver10/schema\">60</Brightness>"
            + "<Exposure  xmlns=\"http://www.onvif.org/ver10/schema\"><MaxGain xmlns=\"http://www.onvif.org/ver10/schema\">42</MaxGain></Exposure>"
            + "<Focus xmlns=\"http://www.onvif.org/ver10/schema\"><DefaultSpeed xmlns=\"http://www.onvif.org/ver10/schema\">0.7</DefaultSpeed></Focus>"
            + "</ImagingSettings></SetImagingSettings>";
        _h.Call(body);
        var s = _h.Imaging.Source(Dome).Settings;
        Assert.Equal((60f, 42f, 0.7f), (s.Brightness!.Value, s.Exposure!.MaxGain!.Value, s.Focus!.DefaultSpeed!.Value));
        Assert.Equal((ExposureMode.AUTO, AutoFocusMode.AUTO), (s.Exposure.Mode, s.Focus.AutoFocusMode));

        // Without a current mode to keep (a fixed-focus source has no Focus) the missing mode is reported.
        var fault = _h.Fault(Op("SetImagingSettings", Token(Wide) + "<timg:ImagingSettings><tt:Focus><tt:DefaultSpeed>0.5</tt:DefaultSpeed></tt:Focus></timg:ImagingSettings>"));
        Assert.Equal(["ter:InvalidArgs"], fault.Subcodes);
        Assert.Contains("Focus/AutoFocusMode", fault.Reason);
    }

    [Fact]
    public void Focus_without_AFMode_turns_once_after_move_off_and_with_it_on()
    {
        var afOn = Op("SetImagingSettings", Token(Dome) + "<timg:ImagingSettings><tt:Focus AFMode=\"OnceAfterMove\"><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus></timg:ImagingSettings>");
        _h.Call(afOn);
        Assert.True(_h.Imaging.Source(Dome).Settings.Focus!.OnceAfterMove);
        _h.Call(Op("SetImagingSettings", Token(Dome) + "<timg:ImagingSettings><tt:Focus><tt:AutoFocusMode>AUTO</tt:AutoFocusMode></tt:Focus></timg:ImagingSettings>"));
        Assert.False(_h.Imaging.Source(Dome).Settings.Focus!.OnceAfterMove);
    }

    [Fact]
    public void Capabilities_report_stabilization_presets_and_adaptable_presets()
    {
        var caps = _h.CallBody(Op("GetServiceCapabilities")).Path("Capabilities");
        Assert.Equal(("true", "true", "true"), (caps.Attribute("ImageStabilization")!.Value, caps.Attribute("Presets")!.Value, caps.Attribute("AdaptablePreset")!.Value));
        var fixedPresets = new ImagingSoapHarness(adaptablePreset: false).CallBody(Op("GetServiceCapabilities")).Path("Capabilities");
        Assert.Equal("false", fixedPresets.Attribute("AdaptablePreset")!.Value);
        Assert.Equal(OnvifNamespaces.Imaging, _h.Service.Namespace);
        Assert.Equal("imaging_service", _h.Service.PathSegment);
    }

    [Fact]
    public void Options_list_device_specific_modes_and_ranges()
    {
        var dome = _h.CallBody(Op("GetOptions", Token(Dome))).Path("ImagingOptions");
        Assert.Equal(100f, dome.F("Brightness", "Max"));
        Assert.Equal(22f, dome.F("Exposure", "Iris", "Max"));
        Assert.Equal("OnceAfterMove", dome.Path("Focus", "Extension", "AFModes").Value);
        Assert.Equal(["ON", "OFF", "AUTO"], dome.Elements(XmlTestExtensions.Tt + "IrCutFilterModes").Select(e => e.Value));
        Assert.Equal("PT30S", dome.Path("Extension", "Extension", "IrCutFilterAutoAdjustment", "ResponseTimeRange", "Max").Value);
        Assert.Equal("true", dome.Path("Extension", "Extension", "Extension", "DefoggingOptions", "Level").Value);

        var wide = _h.CallBody(Op("GetOptions", Token(Wide))).Path("ImagingOptions");
        Assert.Null(wide.Element(XmlTestExtensions.Tt + "Focus"));
        Assert.Null(wide.Path("Exposure").Element(XmlTestExtensions.Tt + "Iris"));
        Assert.Equal(["FrameRate"], wide.Path("Exposure").Elements(XmlTestExtensions.Tt + "Priority").Select(e => e.Value));
        Assert.Null(wide.Path("Extension").Element(XmlTestExtensions.Tt + "ImageStabilization"));
        Assert.Equal("false", wide.Path("Extension", "Extension", "Extension", "ToneCompensationOptions", "Level").Value);
    }

    [Fact]
    public void Presets_are_listed_with_schema_types_and_set_through_soap()
    {
        var presets = _h.CallBody(Op("GetPresets", Token(Dome))).Elements().ToList();
        Assert.True(presets.Count >= 6);
        Assert.All(presets, p => Assert.Equal(XmlTestExtensions.Timg + "Name", p.Elements().Single().Name));
        var night = presets.Single(p => p.Attribute("type")!.Value == "Night");
        _h.Call(Op("SetCurrentPreset", Token(Dome) + $"<timg:PresetToken>{night.Attribute("token")!.Value}</timg:PresetToken>"));
        var current = _h.CallBody(Op("GetCurrentPreset", Token(Dome))).Path("Preset");
        Assert.Equal(night.ToString(), current.ToString());
        Assert.Equal("OFF", _h.CallBody(Op("GetImagingSettings", Token(Dome))).Path("ImagingSettings", "IrCutFilter").Value);
    }
}
