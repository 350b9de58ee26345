using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz.Tours;

/// <summary>
/// tt:PresetTour and tt:PTZPresetTourOptions ↔ the tour domain (PTZ 5.8.8). Public so the Events adapter can write
/// the PresetTour ElementItem of PTZPresetTours/Configuration with <see cref="WritePresetTour"/>.
/// </summary>
public static class PresetTourXml
{
    /// <summary>
    /// Writes a tt:PresetTour-typed element: <paramref name="ns"/>:<paramref name="localName"/> with token, Name,
    /// Status (State, CurrentTourSpot), AutoStart, StartingCondition and TourSpots in schema order.
    /// </summary>
    /// <param name="xsiType">
    /// Writes xsi:type="tt:PresetTour": inside a tt:ElementItem (xs:any, lax) there is no global element to
    /// validate against, so the type travels with the element, as the message description declares it.
    /// </param>
    public static void WritePresetTour(XmlWriter writer, PresetTourSnapshot snapshot, string localName = "PresetTour", string ns = OnvifNamespaces.Ptz,
        bool xsiType = false)
    {
        var tour = snapshot.Tour;
        writer.WriteStartElement(localName, ns);
        if (xsiType) writer.WriteAttributeString("type", OnvifNamespaces.XmlSchemaInstance, "tt:PresetTour");
        writer.WriteAttributeString("token", tour.Token);
        if (tour.Name is not null) writer.WriteElementString("Name", OnvifNamespaces.Schema, tour.Name);
        writer.WriteStartElement("Status", OnvifNamespaces.Schema);
        writer.WriteElementString("State", OnvifNamespaces.Schema, snapshot.Status.State.ToString());
        if (snapshot.Status.CurrentSpot is { } current) WriteSpot(writer, "CurrentTourSpot", current);
        writer.WriteEndElement();
        writer.WriteElementString("AutoStart", OnvifNamespaces.Schema, OnvifXml.Bool(tour.AutoStart));
        WriteStartingCondition(writer, tour.StartingCondition);
        foreach (var spot in tour.Spots) WriteSpot(writer, "TourSpot", spot);
        writer.WriteEndElement();
    }

    /// <summary>
    /// Writes <c>tt:ElementItem Name="PresetTour"</c> for an event's <see cref="ElementItem"/> whose value is a
    /// <see cref="PresetTourSnapshot"/> (PTZ 5.11.2), for the Events adapter's notification writer. Returns false,
    /// writing nothing, for any other element item.
    /// </summary>
    public static bool TryWriteElementItem(XmlWriter writer, ElementItem item)
    {
        if (item.Value is not PresetTourSnapshot snapshot) return false;
        writer.WriteStartElement("ElementItem", OnvifNamespaces.Schema);
        writer.WriteAttributeString("Name", item.Name);
        WritePresetTour(writer, snapshot, "PresetTour", OnvifNamespaces.Schema, xsiType: true);
        writer.WriteEndElement();
        return true;
    }

    /// <summary>The content of tptz:Options (tt:PTZPresetTourOptions) for a node.</summary>
    public static void WriteOptions(XmlWriter writer, PresetTourOptions options, ITourMechanism mechanism)
    {
        writer.WriteStartElement("Options", OnvifNamespaces.Ptz);
        writer.WriteElementString("AutoStart", OnvifNamespaces.Schema, OnvifXml.Bool(options.AutoStartSupported));
        writer.WriteStartElement("StartingCondition", OnvifNamespaces.Schema);
        writer.WriteStartElement("RecurringTime", OnvifNamespaces.Schema);
        writer.WriteElementString("Min", OnvifNamespaces.Schema, OnvifXml.Int(options.RecurringTimeMin));
        writer.WriteElementString("Max", OnvifNamespaces.Schema, OnvifXml.Int(options.RecurringTimeMax));
        writer.WriteEndElement();
        WriteDurationRange(writer, "RecurringDuration", options.RecurringDurationMin, options.RecurringDurationMax);
        foreach (var direction in options.Directions) writer.WriteElementString("Direction", OnvifNamespaces.Schema, direction.ToString());
        writer.WriteEndElement();

        writer.WriteStartElement("TourSpot", OnvifNamespaces.Schema);
        writer.WriteStartElement("PresetDetail", OnvifNamespaces.Schema);
        foreach (var token in mechanism.PresetTokens) writer.WriteElementString("PresetToken", OnvifNamespaces.Schema, token);
        writer.WriteElementString("Home", OnvifNamespaces.Schema, OnvifXml.Bool(mechanism.HomeSupported));
        if (mechanism.PanTiltPositionSpace is { } pt)
        {
            PtzXml.WriteSpaceDescription(writer, "PanTiltPositionSpace", pt.Uri, pt.XRange, pt.YRange);
        }
        if (mechanism.ZoomPositionSpace is { } zoom)
        {
            PtzXml.WriteSpaceDescription(writer, "ZoomPositionSpace", zoom.Uri, zoom.XRange, null);
        }
        writer.WriteEndElement();
        WriteDurationRange(writer, "StayTime", options.StayTimeMin, options.StayTimeMax);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// Reads a tt:PresetTour of ModifyPresetTour. Status is ignored (PTZ 5.8.8). Structural problems of the tour's
    /// content (Home false, no or several preset details, an unknown direction) are ter:InvalidPresetTour;
    /// unreadable values are ter:InvalidArgs.
    /// </summary>
    public static PresetTour ReadPresetTour(XElement element)
    {
        var token = element.AttrToken("token");
        if (string.IsNullOrEmpty(token)) throw OnvifFaults.InvalidArgs("PresetTour/@token is required");
        var name = element.ChildText("Name");
        var autoStart = element.ChildBool("AutoStart") ?? throw OnvifFaults.InvalidArgs("PresetTour/AutoStart is required");
        var condition = ReadStartingCondition(element.RequiredChild("StartingCondition"));
        var spots = element.Children("TourSpot").Select((spot, i) => ReadSpot(spot, i + 1)).ToList();
        return new PresetTour(token, name, autoStart, condition, spots);
    }

    private static PresetTourStartingCondition ReadStartingCondition(XElement element)
    {
        bool? random = element.Attr("RandomPresetOrder") switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            var text => throw OnvifFaults.InvalidArgs($"StartingCondition/@RandomPresetOrder is not a boolean: '{text}'"),
        };
        PresetTourDirection? direction = element.ChildText("Direction") switch
        {
            null => null,
            "Forward" => PresetTourDirection.Forward,
            "Backward" => PresetTourDirection.Backward,
            var text => throw InvalidTour($"Direction '{text}' is not supported"),
        };
        return new PresetTourStartingCondition(element.ChildInt("RecurringTime"), element.ChildDuration("RecurringDuration"), direction, random);
    }

    private static TourSpot ReadSpot(XElement element, int index)
    {
        var where = $"TourSpot[{index}]";
        var detail = element.Child("PresetDetail") ?? throw InvalidTour($"{where} has no PresetDetail");
        PtzVector? speed = element.Child("Speed") is { } s ? PtzXml.ReadVector(s) : null;
        var stay = element.ChildDuration("StayTime");
        var choices = detail.Elements().Where(e => e.Name.LocalName is "PresetToken" or "Home" or "PTZPosition" or "TypeExtension").ToList();
        if (choices.Count != 1)
            throw InvalidTour($"{where}/PresetDetail must hold exactly one of PresetToken, Home or PTZPosition");
        var choice = choices[0];
        switch (choice.Name.LocalName)
        {
            case "PresetToken":
                var preset = choice.Value.Trim();
                if (preset.Length == 0) throw InvalidTour($"{where}/PresetDetail/PresetToken is empty");
                return TourSpot.AtPreset(preset, speed, stay);
            case "Home":
                // PTZ 5.8.8: only "true" is valid for Home.
                return detail.ChildBool("Home") == true ? TourSpot.AtHome(speed, stay) : throw InvalidTour($"{where}/PresetDetail/Home must be true");
            case "PTZPosition":
                return TourSpot.AtPosition(PtzXml.ReadVector(choice), speed, stay);
            default:
                throw InvalidTour($"{where}/PresetDetail/TypeExtension is not supported");
        }
    }

    private static void WriteStartingCondition(XmlWriter writer, PresetTourStartingCondition condition)
    {
        writer.WriteStartElement("StartingCondition", OnvifNamespaces.Schema);
        if (condition.RandomPresetOrder is { } random) writer.WriteAttributeString("RandomPresetOrder", OnvifXml.Bool(random));
        if (condition.RecurringTime is { } times) writer.WriteElementString("RecurringTime", OnvifNamespaces.Schema, OnvifXml.Int(times));
        if (condition.RecurringDuration is { } duration) writer.WriteElementString("RecurringDuration", OnvifNamespaces.Schema, OnvifXml.Duration(duration));
        if (condition.Direction is { } direction) writer.WriteElementString("Direction", OnvifNamespaces.Schema, direction.ToString());
        writer.WriteEndElement();
    }

    private static void WriteSpot(XmlWriter writer, string localName, TourSpot spot)
    {
        writer.WriteStartElement(localName, OnvifNamespaces.Schema);
        writer.WriteStartElement("PresetDetail", OnvifNamespaces.Schema);
        switch (spot.Kind)
        {
            case TourSpotKind.Preset: writer.WriteElementString("PresetToken", OnvifNamespaces.Schema, spot.PresetToken); break;
            case TourSpotKind.Home: writer.WriteElementString("Home", OnvifNamespaces.Schema, "true"); break;
            default: PtzXml.WriteVector(writer, OnvifNamespaces.Schema, "PTZPosition", spot.Position!.Value); break;
        }
        writer.WriteEndElement();
        if (spot.Speed is { } speed) PtzXml.WriteVector(writer, OnvifNamespaces.Schema, "Speed", speed);
        if (spot.StayTime is { } stay) writer.WriteElementString("StayTime", OnvifNamespaces.Schema, OnvifXml.Duration(stay));
        writer.WriteEndElement();
    }

    private static void WriteDurationRange(XmlWriter writer, string localName, TimeSpan min, TimeSpan max)
    {
        writer.WriteStartElement(localName, OnvifNamespaces.Schema);
        writer.WriteElementString("Min", OnvifNamespaces.Schema, OnvifXml.Duration(min));
        writer.WriteElementString("Max", OnvifNamespaces.Schema, OnvifXml.Duration(max));
        writer.WriteEndElement();
    }

    private static SoapFaultException InvalidTour(string reason) => OnvifFaults.InvalidArgVal("InvalidPresetTour", reason);
}
