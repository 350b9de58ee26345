using System.Text;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Onvif.Events;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// One tt:MetadataStream document (ONVIF Streaming 5.1.2.1, metadatastream.xsd) as a metadata configuration asks for
/// it: tt:PTZ/tt:PTZStatus with the Position and MoveStatus its PTZ filter selects, and tt:Event with the
/// wsnt:NotificationMessage of each event its topic filter lets through. UTF-8, no XML declaration.
/// </summary>
public static class MetadataStreamWriter
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };

    /// <summary>Whether <paramref name="configuration"/> streams an event of <paramref name="topic"/> (the bus's name, "VideoSource/MotionAlarm").</summary>
    public static Func<string, bool> EventFilter(MetadataConfiguration configuration)
    {
        if (!configuration.Events) return _ => false;
        if (configuration.TopicFilter is not { } text) return _ => true;
        var expression = new XElement(XName.Get("TopicExpression", OnvifNamespaces.BaseNotification),
            new XAttribute(XNamespace.Xmlns + "tns1", OnvifNamespaces.Topics), new XAttribute("Dialect", TopicFilter.ConcreteSetDialect), text);
        return TopicFilter.Parse(expression).Matches;
    }

    /// <param name="ptz">The status of the profile's PTZ node, or null (no node, or PTZ data not wanted).</param>
    /// <param name="events">Events already passed through <see cref="EventFilter"/>.</param>
    public static byte[] Write(MetadataConfiguration configuration, PtzStatus? ptz, IReadOnlyList<EventMessage> events)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            w.WriteStartElement("tt", "MetadataStream", OnvifNamespaces.Schema);
            w.WriteAttributeString("xmlns", "wsnt", null, OnvifNamespaces.BaseNotification);
            w.WriteAttributeString("xmlns", "tns1", null, OnvifNamespaces.Topics);
            if (ptz is not null && (configuration.PtzStatus || configuration.PtzPosition))
            {
                w.Start(OnvifNamespaces.Schema, "PTZ");
                w.Start(OnvifNamespaces.Schema, "PTZStatus");
                if (configuration.PtzPosition) PtzXml.WriteVector(w, OnvifNamespaces.Schema, "Position", ptz.Position);
                if (configuration.PtzStatus)
                {
                    w.Start(OnvifNamespaces.Schema, "MoveStatus");
                    w.Tt("PanTilt", PtzXml.MoveStatusText(ptz.PanTilt));
                    w.Tt("Zoom", PtzXml.MoveStatusText(ptz.Zoom));
                    w.End();
                }
                w.Tt("UtcTime", OnvifXml.DateTime(ptz.UtcTime));
                w.End();
                w.End();
            }
            if (configuration.Events && events.Count > 0)
            {
                w.Start(OnvifNamespaces.Schema, "Event");
                foreach (var message in events) NotificationWriter.Write(w, message);
                w.End();
            }
            w.WriteEndElement();
        }
        return buffer.ToArray();
    }
}
