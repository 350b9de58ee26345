using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media;
using Camlab.Onvif.Events;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// tt:MetadataConfiguration and tt:MetadataConfigurationOptions as Media ver10 and Media2 write and read them. The
/// event filter is a wsnt:TopicExpression (ConcreteSet), kept with the tns1 prefix whatever prefix the client used.
/// </summary>
public static class MetadataXml
{
    /// <summary>The metadata stream is unicast only: the mandatory tt:MulticastConfiguration says no group and no AutoStart.</summary>
    public static void WriteConfiguration(XmlWriter w, string ns, string name, MetadataConfiguration c, int useCount, bool ptzSupported)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        w.Tt("Name", c.Name);
        w.Tt("UseCount", useCount);
        if (ptzSupported)
        {
            w.Start(OnvifNamespaces.Schema, "PTZStatus");
            w.Tt("Status", c.PtzStatus);
            w.Tt("Position", c.PtzPosition);
            w.End();
        }
        if (c.Events)
        {
            w.Start(OnvifNamespaces.Schema, "Events");
            if (c.TopicFilter is { } filter)
            {
                w.Start(OnvifNamespaces.Schema, "Filter");
                w.Start(OnvifNamespaces.BaseNotification, "TopicExpression");
                w.WriteAttributeString("xmlns", "tns1", null, OnvifNamespaces.Topics);
                w.Attr("Dialect", TopicFilter.ConcreteSetDialect);
                w.WriteString(filter);
                w.End();
                w.End();
            }
            w.End();
        }
        w.Tt("Analytics", c.Analytics);
        MediaXml.WriteNoMulticast(w);
        w.Tt("SessionTimeout", OnvifXml.Duration(c.SessionTimeout));
        w.End();
    }

    /// <summary>
    /// Media 5.10.x / Media2 GetMetadataConfigurationOptions: the options are the camera's whatever the configuration
    /// or profile, but unknown tokens are still ter:NoConfig / ter:NoProfile.
    /// </summary>
    public static void WriteOptionsResponse(XmlWriter w, string ns, MediaProfiles profiles, string? configurationToken, string? profileToken)
    {
        MediaFaults.Guard(() =>
        {
            if (configurationToken is not null) profiles.Metadata(configurationToken);
            if (profileToken is not null) profiles.Profile(profileToken);
        });
        w.Start(ns, "GetMetadataConfigurationOptionsResponse");
        WriteOptions(w, ns, profiles.PtzStatusSupported);
        w.End();
    }

    /// <summary>tt:MetadataConfigurationOptions: PTZ status and position when the camera has PTZ; no geo location.</summary>
    public static void WriteOptions(XmlWriter w, string ns, bool ptzSupported)
    {
        w.Start(ns, "Options");
        w.Attr("GeoLocation", "false");
        w.Attr("MaxContentFilterSize", "0");
        w.Start(OnvifNamespaces.Schema, "PTZStatusFilterOptions");
        w.Tt("PanTiltStatusSupported", ptzSupported);
        w.Tt("ZoomStatusSupported", ptzSupported);
        w.Tt("PanTiltPositionSupported", ptzSupported);
        w.Tt("ZoomPositionSupported", ptzSupported);
        w.End();
        w.End();
    }

    /// <summary>
    /// Reads a tt:MetadataConfiguration of a Set request over <paramref name="current"/>. Events present without a
    /// filter stream every event; a filter other than a TopicExpression (MessageContent), analytics modules, sensor
    /// data, compression or multicast AutoStart are refused (ter:ConfigModify): the stream does not do them.
    /// </summary>
    public static MetadataConfiguration ReadConfiguration(XElement e, MetadataConfiguration current)
    {
        var name = e.RequiredText("Name");
        var timeout = e.ChildDuration("SessionTimeout") ?? throw OnvifFaults.InvalidArgs("Configuration/SessionTimeout is required and an xs:duration");
        var ptz = e.Child("PTZStatus");
        var c = current with
        {
            Name = name,
            PtzStatus = ptz?.ChildBool("Status") ?? false,
            PtzPosition = ptz?.ChildBool("Position") ?? false,
            Analytics = e.ChildBool("Analytics") ?? false,
            SessionTimeout = timeout,
            Events = e.Child("Events") is not null,
            TopicFilter = null,
        };
        if (ptz is not null && (ptz.ChildBool("Status") is null || ptz.ChildBool("Position") is null))
            throw OnvifFaults.InvalidArgs("PTZStatus needs Status and Position (xs:boolean)");
        if (e.Child("Events")?.Child("Filter") is { } filter)
        {
            foreach (var part in filter.Elements())
                if (part.Name != XName.Get("TopicExpression", OnvifNamespaces.BaseNotification))
                    throw new MediaException(MediaError.ConfigModify, $"Events/Filter/{part.Name.LocalName}: only a wsnt:TopicExpression filters the metadata stream");
            if (filter.Element(XName.Get("TopicExpression", OnvifNamespaces.BaseNotification)) is { } expression)
                c = c with { TopicFilter = Normalized(expression) };
        }
        if (e.Child("AnalyticsEngineConfiguration") is not null) throw new MediaException(MediaError.ConfigModify, "AnalyticsEngineConfiguration: the camera has no analytics engine");
        if (e.Child("SensorData") is not null) throw new MediaException(MediaError.ConfigModify, "SensorData: the camera streams no sensor data");
        if (e.Attr("CompressionType") is { } compression && compression != "None")
            throw new MediaException(MediaError.ConfigModify, $"CompressionType '{EchoedText.Quote(compression)}' is not offered (None)");
        if (e.Child("Multicast") is { } multicast && multicast.ChildBool("AutoStart") == true)
            throw new MediaException(MediaError.ConfigModify, "Multicast/AutoStart: multicast streaming is not served");
        return c;
    }

    // The expression is checked as a subscription's would be; every segment's prefix is rewritten to tns1, the only
    // topic namespace the camera has (another namespace could never match, so it is refused).
    private static string Normalized(XElement expression)
    {
        TopicFilter.Parse(expression);
        var text = expression.Value.Trim();
        if (text.Length > MetadataConfiguration.MaximumTopicFilterLength)
            throw new MediaException(MediaError.ConfigModify, $"the topic expression is longer than {MetadataConfiguration.MaximumTopicFilterLength} characters");
        var alternatives = text.Split('|').Select(alternative => string.Join('/', alternative.Trim().Split('/').Select(segment =>
        {
            var colon = segment.IndexOf(':');
            if (colon < 0) return segment;
            var ns = expression.GetNamespaceOfPrefix(segment[..colon])?.NamespaceName;
            return ns == OnvifNamespaces.Topics ? "tns1:" + segment[(colon + 1)..]
                : throw new MediaException(MediaError.ConfigModify, $"topic '{EchoedText.Quote(segment)}' is not in the ONVIF topic namespace (tns1)");
        })));
        return string.Join('|', alternatives);
    }
}
