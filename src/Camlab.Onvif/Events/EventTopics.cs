using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>One item of a message description: a SimpleItem (Type is an XSD type QName) or an ElementItem.</summary>
public sealed record ItemDescription(string Name, string Type, bool IsElement = false);

/// <summary>
/// One topic of the camera's topic set (ONVIF core 9.5 "Topic structure"): its path below <c>tns1:</c>, whether
/// it is a property, and the items its messages carry (tt:MessageDescription).
/// </summary>
public sealed record TopicDescription(string Topic, bool IsProperty, IReadOnlyList<ItemDescription> Source, IReadOnlyList<ItemDescription> Data);

/// <summary>
/// The topics GetEventProperties announces. The defaults cover what the camera's domain publishes: PTZ presets
/// and preset tours (PTZ 5.11), video source tampering and motion (Imaging 5.5) and the device's reboot time.
/// Other parts of the product may <see cref="Add"/> their own before the server starts.
/// </summary>
public sealed class EventTopics
{
    private readonly List<TopicDescription> _topics = new();

    public EventTopics()
    {
        var ptzSource = new ItemDescription[] { new("PTZConfigurationToken", "tt:ReferenceToken") };
        var presetData = new ItemDescription[] { new("PresetToken", "tt:ReferenceToken"), new("PresetName", "tt:Name") };
        foreach (var leaf in new[] { "Invoked", "Reached", "Aborted", "Left" })
            Add(new("PTZController/PTZPresets/" + leaf, false, ptzSource, presetData));
        // PTZ 5.11.2 names the element type tt:PTZPresetTour; the schema's type is tt:PresetTour, which is what a client
        // can resolve (and what the element's xsi:type says).
        Add(new("PTZController/PTZPresetTours/Configuration", true,
            [new("ProfileToken", "tt:ReferenceToken"), new("PresetTourToken", "tt:ReferenceToken")],
            [new("StateChange", "xs:boolean"), new("PresetTour", "tt:PresetTour", IsElement: true)]));

        // Imaging 5.5: tampering as detected by the imaging service, signal loss and the basic motion alarm.
        var videoSource = new ItemDescription[] { new("Source", "tt:ReferenceToken") };
        var state = new ItemDescription[] { new("State", "xs:boolean") };
        foreach (var tamper in new[] { "ImageTooBlurry", "ImageTooDark", "ImageTooBright", "GlobalSceneChange" })
            Add(new($"VideoSource/{tamper}/ImagingService", true, videoSource, state));
        Add(new("VideoSource/SignalLoss", true, videoSource, state));
        Add(new("VideoSource/MotionAlarm", true, videoSource, state));
        Add(new(Camlab.Device.Events.CellMotionDetector.Topic, true,
            [new("VideoSourceConfigurationToken", "tt:ReferenceToken"), new("VideoAnalyticsConfigurationToken", "tt:ReferenceToken"), new("Rule", "xs:string")],
            [new("IsMotion", "xs:boolean")]));

        // Core spec 9.11.x monitoring: when the (simulated) device last started.
        Add(new("Monitoring/OperatingTime/LastReboot", true, [], [new("Status", "xs:dateTime")]));
    }

    public IReadOnlyList<TopicDescription> Topics { get { lock (_topics) return _topics.ToList(); } }

    /// <summary>Adds a topic; describing an existing topic again is fine when the description is the same.</summary>
    public void Add(TopicDescription topic)
    {
        lock (_topics)
        {
            if (_topics.FirstOrDefault(t => t.Topic == topic.Topic) is { } existing)
            {
                if (existing.IsProperty == topic.IsProperty && existing.Source.SequenceEqual(topic.Source) && existing.Data.SequenceEqual(topic.Data)) return;
                throw new InvalidOperationException($"topic {topic.Topic} is already described differently");
            }
            _topics.Add(topic);
        }
    }

    /// <summary>Writes wstop:TopicSet: one nested element per path segment, leaves marked wstop:topic="true".</summary>
    public void WriteTopicSet(XmlWriter w)
    {
        w.Start(OnvifNamespaces.WsTopic, "TopicSet");
        WriteLevel(w, Topics.Select(t => (Path: t.Topic.Split('/'), Topic: t)).ToList(), 0);
        w.End();
    }

    private static void WriteLevel(XmlWriter w, List<(string[] Path, TopicDescription Topic)> topics, int depth)
    {
        foreach (var group in topics.Where(t => t.Path.Length > depth).GroupBy(t => t.Path[depth]))
        {
            w.Start(OnvifNamespaces.Topics, group.Key);
            var leaf = group.FirstOrDefault(t => t.Path.Length == depth + 1);
            if (leaf.Topic is not null)
            {
                w.WriteAttributeString("topic", OnvifNamespaces.WsTopic, "true");
                WriteDescription(w, leaf.Topic);
            }
            WriteLevel(w, group.Where(t => t.Path.Length > depth + 1).ToList(), depth + 1);
            w.End();
        }
    }

    private static void WriteDescription(XmlWriter w, TopicDescription topic)
    {
        w.Start(OnvifNamespaces.Schema, "MessageDescription");
        w.Attr("IsProperty", OnvifXml.Bool(topic.IsProperty));
        WriteItems(w, "Source", topic.Source);
        WriteItems(w, "Data", topic.Data);
        w.End();
    }

    private static void WriteItems(XmlWriter w, string name, IReadOnlyList<ItemDescription> items)
    {
        if (items.Count == 0) return;
        w.Start(OnvifNamespaces.Schema, name);
        foreach (var item in items.Where(i => !i.IsElement)) WriteItem(w, "SimpleItemDescription", item);
        foreach (var item in items.Where(i => i.IsElement)) WriteItem(w, "ElementItemDescription", item);
        w.End();
    }

    private static void WriteItem(XmlWriter w, string element, ItemDescription item)
    {
        w.Start(OnvifNamespaces.Schema, element);
        w.Attr("Name", item.Name);
        w.Attr("Type", item.Type);
        w.End();
    }
}
