using System.Text;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Onvif.Media;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Media;

/// <summary>tt:MetadataStream documents as a metadata configuration selects their PTZ status and events; schema-valid.</summary>
public class MetadataStreamWriterTests
{
    private static readonly XNamespace Tt = "http://www.onvif.org/ver10/schema";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly MetadataConfiguration All = new("M", "m", true, true, true, null, false, TimeSpan.FromSeconds(60));
    private static readonly PtzStatus Moving = new(new PtzVector(new PanTiltVector(0.25, -0.5), new ZoomVector(0.75)), MoveStatus.Moving, MoveStatus.Idle, null, Now);
    private static readonly EventMessage Motion = new("VideoSource/MotionAlarm", Now, [new SimpleItem("Source", "VideoSource_1")], [new SimpleItem("State", "true")]);
    private static readonly EventMessage Changed = new("Media/ProfileChanged", Now, [new SimpleItem("Token", "Profile_1")], []);

    private static XElement Parse(byte[] document)
    {
        var text = Encoding.UTF8.GetString(document);
        if (SharedRef.OnvifSchemaDirectory is not null)
            OnvifSchemaValidator.AssertValid("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" + text + "</s:Body></s:Envelope>");
        return XElement.Parse(text);
    }

    [Fact]
    public void PTZ_status_and_every_event()
    {
        var events = new[] { Motion, Changed }.Where(e => MetadataStreamWriter.EventFilter(All)(e.Topic)).ToList();
        var doc = Parse(MetadataStreamWriter.Write(All, Moving, events));
        Assert.Equal(Tt + "MetadataStream", doc.Name);
        var status = doc.Element(Tt + "PTZ")!.Element(Tt + "PTZStatus")!;
        Assert.Equal(("0.25", "-0.5"), (status.Element(Tt + "Position")!.Element(Tt + "PanTilt")!.Attribute("x")!.Value, status.Element(Tt + "Position")!.Element(Tt + "PanTilt")!.Attribute("y")!.Value));
        Assert.Equal("MOVING", status.Element(Tt + "MoveStatus")!.Element(Tt + "PanTilt")!.Value);
        Assert.Equal(["tns1:VideoSource/MotionAlarm", "tns1:Media/ProfileChanged"],
            doc.Descendants().Where(e => e.Name.LocalName == "Topic").Select(e => e.Value));
    }

    [Fact]
    public void The_filters_select_position_only_and_the_motion_topic()
    {
        var configuration = All with { PtzStatus = false, TopicFilter = "tns1:VideoSource/MotionAlarm" };
        var filter = MetadataStreamWriter.EventFilter(configuration);
        Assert.True(filter("VideoSource/MotionAlarm"));
        Assert.False(filter("Media/ProfileChanged"));
        var doc = Parse(MetadataStreamWriter.Write(configuration, Moving, [Motion]));
        var status = doc.Element(Tt + "PTZ")!.Element(Tt + "PTZStatus")!;
        Assert.Equal(["Position", "UtcTime"], status.Elements().Select(e => e.Name.LocalName));

        var none = All with { PtzStatus = false, PtzPosition = false, Events = false };
        Assert.False(MetadataStreamWriter.EventFilter(none)("VideoSource/MotionAlarm"));
        Assert.Empty(Parse(MetadataStreamWriter.Write(none, Moving, [])).Elements());
    }
}
