using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Imaging.ImagingSoapHarness;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>
/// A scenario modelled on the public ONVIF Imaging Test Specification: settings and options, invalid settings,
/// focus moves with status and stop, and the tampering/motion properties. Each step goes through raw SOAP and
/// every response is validated against the official schemas.
/// </summary>
public class ImagingConformanceTests
{
    private readonly ImagingSoapHarness _h = new();

    private string Call(string body)
    {
        var response = _h.Call(body);
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(response);
        return response;
    }

    private XElement Body(string body) => Response(Call(body));

    /// <summary>Pairs of (settings path, options path) for every ranged parameter.</summary>
    private static readonly (string[] Setting, string[] Option)[] Ranged =
    [
        (["Brightness"], ["Brightness"]), (["ColorSaturation"], ["ColorSaturation"]), (["Contrast"], ["Contrast"]), (["Sharpness"], ["Sharpness"]),
        (["BacklightCompensation", "Level"], ["BacklightCompensation", "Level"]),
        (["WideDynamicRange", "Level"], ["WideDynamicRange", "Level"]),
        (["WhiteBalance", "CrGain"], ["WhiteBalance", "YrGain"]), (["WhiteBalance", "CbGain"], ["WhiteBalance", "YbGain"]),
        (["Exposure", "MinExposureTime"], ["Exposure", "MinExposureTime"]), (["Exposure", "MaxExposureTime"], ["Exposure", "MaxExposureTime"]),
        (["Exposure", "MinGain"], ["Exposure", "MinGain"]), (["Exposure", "MaxGain"], ["Exposure", "MaxGain"]),
        (["Exposure", "MinIris"], ["Exposure", "MinIris"]), (["Exposure", "MaxIris"], ["Exposure", "MaxIris"]),
        (["Exposure", "ExposureTime"], ["Exposure", "ExposureTime"]), (["Exposure", "Gain"], ["Exposure", "Gain"]), (["Exposure", "Iris"], ["Exposure", "Iris"]),
        (["Focus", "DefaultSpeed"], ["Focus", "DefaultSpeed"]), (["Focus", "NearLimit"], ["Focus", "NearLimit"]), (["Focus", "FarLimit"], ["Focus", "FarLimit"]),
        (["Extension", "ImageStabilization", "Level"], ["Extension", "ImageStabilization", "Level"]),
    ];

    [Theory]
    [InlineData(Dome)]
    [InlineData(Wide)]
    public void Current_settings_lie_within_GetOptions(string source)
    {
        foreach (var preset in _h.Imaging.Source(source).Presets.Select(p => p.Token).Prepend(null))
        {
            if (preset is not null) Call(Op("SetCurrentPreset", Token(source) + $"<timg:PresetToken>{preset}</timg:PresetToken>"));
            var settings = Body(Op("GetImagingSettings", Token(source))).Path("ImagingSettings");
            var options = Body(Op("GetOptions", Token(source))).Path("ImagingOptions");
            var checkedCount = 0;
            foreach (var (s, o) in Ranged)
            {
                var value = TryPath(settings, s);
                if (value is null) continue;
                var range = TryPath(options, o);
                Assert.True(range is not null, $"{string.Join("/", s)} is set but GetOptions has no range for it");
                var v = XmlConvert.ToSingle(value.Value);
                Assert.InRange(v, range!.F("Min"), range.F("Max"));
                checkedCount++;
            }
            Assert.True(checkedCount >= 12);
            foreach (var (s, o) in new[] { ("IrCutFilter", "IrCutFilterModes") })
                Assert.Contains(settings.Path(s).Value, options.Elements().Where(e => e.Name.LocalName == o).Select(e => e.Value));
            foreach (var mode in new[] { "BacklightCompensation", "Exposure", "WideDynamicRange", "WhiteBalance" })
                Assert.Contains(settings.Path(mode, "Mode").Value, options.Path(mode).Elements().Where(e => e.Name.LocalName == "Mode").Select(e => e.Value));
        }
    }

    [Theory]
    [InlineData("Brightness", "<tt:Brightness>{0}</tt:Brightness>")]
    [InlineData("Contrast", "<tt:Contrast>{0}</tt:Contrast>")]
    [InlineData("ColorSaturation", "<tt:ColorSaturation>{0}</tt:ColorSaturation>")]
    [InlineData("Sharpness", "<tt:Sharpness>{0}</tt:Sharpness>")]
    public void Invalid_SetImagingSettings_fails_with_SettingsInvalid_and_changes_nothing(string parameter, string template)
    {
        var options = Body(Op("GetOptions", Token(Dome))).Path("ImagingOptions");
        var before = Call(Op("GetImagingSettings", Token(Dome)));
        foreach (var outside in new[] { options.F(parameter, "Max") + 1, options.F(parameter, "Min") - 1 })
        {
            // A valid change next to the invalid one must not be applied either.
            var settings = "<tt:BacklightCompensation><tt:Mode>ON</tt:Mode></tt:BacklightCompensation>"
                + string.Format(template, XmlConvert.ToString(outside));
            var fault = _h.Fault(Op("SetImagingSettings", Token(Dome) + $"<timg:ImagingSettings>{settings}</timg:ImagingSettings>"));
            Assert.Equal(["ter:InvalidArgVal", "ter:SettingsInvalid"], fault.Subcodes);
            Assert.Equal(before, Call(Op("GetImagingSettings", Token(Dome))));
        }
    }

    [Fact]
    public void Focus_absolute_relative_and_continuous_with_status_and_stop()
    {
        var options = Body(Op("GetMoveOptions", Token(Dome))).Path("MoveOptions");
        Assert.NotNull(options.Path("Absolute", "Position"));

        // Absolute to the middle of the range at the slowest speed.
        var mid = (options.F("Absolute", "Position", "Min") + options.F("Absolute", "Position", "Max")) / 2;
        Call(Op("Move", Token(Dome) + $"<timg:Focus><tt:Absolute><tt:Position>{XmlConvert.ToString(mid)}</tt:Position><tt:Speed>{XmlConvert.ToString(options.F("Absolute", "Speed", "Max"))}</tt:Speed></tt:Absolute></timg:Focus>"));
        Assert.Equal("MOVING", Status().Path("MoveStatus").Value);
        Assert.Equal("MANUAL", Body(Op("GetImagingSettings", Token(Dome))).Path("ImagingSettings", "Focus", "AutoFocusMode").Value);
        _h.Clock.Advance(2);
        Assert.Equal("IDLE", Status().Path("MoveStatus").Value);
        Assert.Equal(mid, Status().F("Position"), 5);

        // Relative towards near by a tenth.
        Call(Op("Move", Token(Dome) + "<timg:Focus><tt:Relative><tt:Distance>-0.1</tt:Distance></tt:Relative></timg:Focus>"));
        _h.Clock.Advance(2);
        Assert.Equal(mid - 0.1f, Status().F("Position"), 5);

        // Continuous, then Stop.
        Call(Op("Move", Token(Dome) + "<timg:Focus><tt:Continuous><tt:Speed>0.1</tt:Speed></tt:Continuous></timg:Focus>"));
        _h.Clock.Advance(1);
        Assert.Equal("MOVING", Status().Path("MoveStatus").Value);
        var p = Status().F("Position");
        Call(Op("Stop", Token(Dome)));
        _h.Clock.Advance(1);
        Assert.Equal("IDLE", Status().Path("MoveStatus").Value);
        Assert.InRange(Status().F("Position"), p, p + 0.01f);
    }

    private XElement Status() => Body(Op("GetStatus", Token(Dome))).Path("Status", "FocusStatus20");

    [Fact]
    public void Tampering_and_motion_properties_are_published_with_the_5_5_message_description()
    {
        var bus = new EventBus();
        var received = new List<EventMessage>();
        using var _ = bus.Subscribe(received.Add);
        var alarms = new VideoSourceAlarms(bus, _h.Clock, _h.Imaging.VideoSources, _h.Imaging.ImagingSources);
        alarms.Start();
        Assert.Equal(6 + 6 + 2, received.Count);

        received.Clear();
        foreach (var condition in Enum.GetValues<VideoSourceCondition>())
            alarms.ForceCondition(Dome, condition, true);
        Assert.Equal(
            ["VideoSource/ImageTooBlurry/ImagingService", "VideoSource/ImageTooDark/ImagingService", "VideoSource/ImageTooBright/ImagingService",
             "VideoSource/GlobalSceneChange/ImagingService", "VideoSource/SignalLoss", "VideoSource/MotionAlarm"],
            received.Select(m => m.Topic));
        Assert.All(received, m =>
        {
            Assert.Equal(PropertyOperation.Changed, m.Operation);
            Assert.Equal([new SimpleItem("Source", Dome)], m.Source);
            Assert.Equal([new SimpleItem("State", "true")], m.Data);
        });
        // A new subscriber (or SetSynchronizationPoint) gets the current states.
        Assert.Contains(bus.CurrentProperties(_h.Clock.GetUtcNow()),
            m => m.Topic == "VideoSource/MotionAlarm" && m.Source[0].Value == Dome && m.Data[0].Value == "true" && m.Operation == PropertyOperation.Initialized);
    }

    private static XElement? TryPath(XElement e, string[] names)
    {
        foreach (var n in names)
        {
            e = e.Elements().FirstOrDefault(c => c.Name.LocalName == n)!;
            if (e is null) return null;
        }
        return e;
    }
}
