using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

/// <summary>
/// Writers and lenient readers of the shared PTZ schema types (tt:PTZVector, tt:PTZSpeed, tt:PTZConfiguration,
/// tt:PTZNode, tt:PTZConfigurationOptions, tt:PTZStatus, tt:PTZPreset), for every service that carries them
/// (PTZ, Media, the preset tours). Element order follows onvif.xsd / common.xsd exactly; floats are written in
/// xs:float lexical form (INF, -INF).
/// </summary>
public static class PtzXml
{
    private const string Tt = OnvifNamespaces.Schema;

    public static string Float(double value) => XmlConvert.ToString(value);

    // ---- vectors --------------------------------------------------------------------------------------------

    /// <summary>Writes a tt:PTZVector or tt:PTZSpeed named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static void WriteVector(XmlWriter w, string ns, string name, PtzVector vector)
    {
        w.WriteStartElement(name, ns);
        if (vector.PanTilt is { } pt)
        {
            w.WriteStartElement("PanTilt", Tt);
            w.WriteAttributeString("x", Float(pt.X));
            w.WriteAttributeString("y", Float(pt.Y));
            if (pt.Space is not null) w.WriteAttributeString("space", pt.Space);
            w.WriteEndElement();
        }
        if (vector.Zoom is { } z)
        {
            w.WriteStartElement("Zoom", Tt);
            w.WriteAttributeString("x", Float(z.X));
            if (z.Space is not null) w.WriteAttributeString("space", z.Space);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>Reads a tt:PTZVector / tt:PTZSpeed leniently; a missing or unreadable x/y is ter:InvalidArgs.</summary>
    public static PtzVector ReadVector(XElement element)
    {
        PanTiltVector? panTilt = null;
        ZoomVector? zoom = null;
        if (element.Child("PanTilt") is { } pt)
            panTilt = new PanTiltVector(
                pt.AttrFloat("x") ?? throw OnvifFaults.InvalidArgs("PanTilt/@x is required"),
                pt.AttrFloat("y") ?? throw OnvifFaults.InvalidArgs("PanTilt/@y is required"),
                NullIfEmpty(pt.Attr("space")));
        if (element.Child("Zoom") is { } z)
            zoom = new ZoomVector(z.AttrFloat("x") ?? throw OnvifFaults.InvalidArgs("Zoom/@x is required"), NullIfEmpty(z.Attr("space")));
        return new PtzVector(panTilt, zoom);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // ---- spaces ----------------------------------------------------------------------------------------------

    private static readonly (PtzSpaceGroup Group, string Element)[] SpaceElements =
    [
        (PtzSpaceGroup.AbsolutePanTiltPosition, "AbsolutePanTiltPositionSpace"),
        (PtzSpaceGroup.AbsoluteZoomPosition, "AbsoluteZoomPositionSpace"),
        (PtzSpaceGroup.RelativePanTiltTranslation, "RelativePanTiltTranslationSpace"),
        (PtzSpaceGroup.RelativeZoomTranslation, "RelativeZoomTranslationSpace"),
        (PtzSpaceGroup.ContinuousPanTiltVelocity, "ContinuousPanTiltVelocitySpace"),
        (PtzSpaceGroup.ContinuousZoomVelocity, "ContinuousZoomVelocitySpace"),
        (PtzSpaceGroup.PanTiltSpeed, "PanTiltSpeedSpace"),
        (PtzSpaceGroup.ZoomSpeed, "ZoomSpeedSpace"),
    ];

    /// <summary>tt:PTZSpaces, grouped in the schema's order.</summary>
    public static void WriteSpaces(XmlWriter w, string name, IReadOnlyList<PtzSpaceDescription> spaces)
    {
        w.WriteStartElement(name, Tt);
        foreach (var (group, element) in SpaceElements)
            foreach (var space in spaces.Where(s => s.Group == group))
                WriteSpaceDescription(w, element, space.Uri, space.XRange, space.YRange);
        w.WriteEndElement();
    }

    /// <summary>tt:Space1DDescription or tt:Space2DDescription (when <paramref name="y"/> is given).</summary>
    public static void WriteSpaceDescription(XmlWriter w, string name, string uri, FloatRange x, FloatRange? y)
    {
        w.WriteStartElement(name, Tt);
        w.WriteElementString("URI", Tt, uri);
        WriteRange(w, "XRange", x);
        if (y is { } yr) WriteRange(w, "YRange", yr);
        w.WriteEndElement();
    }

    public static void WriteRange(XmlWriter w, string name, FloatRange range)
    {
        w.WriteStartElement(name, Tt);
        w.WriteElementString("Min", Tt, Float(range.Min));
        w.WriteElementString("Max", Tt, Float(range.Max));
        w.WriteEndElement();
    }

    // ---- node ------------------------------------------------------------------------------------------------

    /// <summary>tt:PTZNode (PTZ 5.1.1).</summary>
    /// <param name="geoMove">The node accepts GeoMove (tt:PTZNode/@GeoMove, PTZ 5.1).</param>
    public static void WriteNode(XmlWriter w, string ns, string name, PtzNode node, bool geoMove = false)
    {
        var d = node.Definition;
        w.WriteStartElement(name, ns);
        w.WriteAttributeString("token", d.Token);
        w.WriteAttributeString("FixedHomePosition", OnvifXml.Bool(d.FixedHomePosition));
        if (geoMove) w.WriteAttributeString("GeoMove", "true");
        w.WriteElementString("Name", Tt, d.Name);
        WriteSpaces(w, "SupportedPTZSpaces", node.Geometry.Spaces);
        w.WriteElementString("MaximumNumberOfPresets", Tt, OnvifXml.Int(d.MaximumNumberOfPresets));
        w.WriteElementString("HomeSupported", Tt, OnvifXml.Bool(d.HomeSupported));
        foreach (var command in d.AuxiliaryCommands) w.WriteElementString("AuxiliaryCommands", Tt, command);
        if (d.MaximumNumberOfPresetTours > 0)
        {
            w.WriteStartElement("Extension", Tt);
            w.WriteStartElement("SupportedPresetTour", Tt);
            w.WriteElementString("MaximumNumberOfPresetTours", Tt, OnvifXml.Int(d.MaximumNumberOfPresetTours));
            foreach (var op in new[] { "Start", "Stop", "Pause" }) w.WriteElementString("PTZPresetTourOperation", Tt, op);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    /// <summary>A whole tt:PTZConfiguration element named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static void WriteConfiguration(XmlWriter w, string ns, string name, PtzConfiguration c, int useCount, bool hasControlDirection)
    {
        w.WriteStartElement(name, ns);
        WriteConfigurationContent(w, c, useCount, hasControlDirection);
        w.WriteEndElement();
    }

    /// <summary>The attributes and children of a tt:PTZConfiguration (the caller writes the element itself).</summary>
    public static void WriteConfigurationContent(XmlWriter w, PtzConfiguration c, int useCount, bool hasControlDirection)
    {
        w.WriteAttributeString("token", c.Token);
        w.WriteAttributeString("MoveRamp", OnvifXml.Int(c.MoveRamp));
        w.WriteAttributeString("PresetRamp", OnvifXml.Int(c.PresetRamp));
        w.WriteAttributeString("PresetTourRamp", OnvifXml.Int(c.PresetTourRamp));
        w.WriteElementString("Name", Tt, c.Name);
        w.WriteElementString("UseCount", Tt, OnvifXml.Int(useCount));
        w.WriteElementString("NodeToken", Tt, c.NodeToken);
        void Uri(string element, string? value) { if (value is not null) w.WriteElementString(element, Tt, value); }
        Uri("DefaultAbsolutePantTiltPositionSpace", c.DefaultAbsolutePanTiltPositionSpace); // sic, as onvif.xsd spells it
        Uri("DefaultAbsoluteZoomPositionSpace", c.DefaultAbsoluteZoomPositionSpace);
        Uri("DefaultRelativePanTiltTranslationSpace", c.DefaultRelativePanTiltTranslationSpace);
        Uri("DefaultRelativeZoomTranslationSpace", c.DefaultRelativeZoomTranslationSpace);
        Uri("DefaultContinuousPanTiltVelocitySpace", c.DefaultContinuousPanTiltVelocitySpace);
        Uri("DefaultContinuousZoomVelocitySpace", c.DefaultContinuousZoomVelocitySpace);
        WriteVector(w, Tt, "DefaultPTZSpeed", c.DefaultSpeed);
        w.WriteElementString("DefaultPTZTimeout", Tt, OnvifXml.Duration(c.DefaultTimeout));
        if (c.PanTiltLimits is { } ptl)
        {
            w.WriteStartElement("PanTiltLimits", Tt);
            WriteSpaceDescription(w, "Range", ptl.Space, ptl.X, ptl.Y ?? new FloatRange(double.NegativeInfinity, double.PositiveInfinity));
            w.WriteEndElement();
        }
        if (c.ZoomLimits is { } zl)
        {
            w.WriteStartElement("ZoomLimits", Tt);
            WriteSpaceDescription(w, "Range", zl.Space, zl.X, null);
            w.WriteEndElement();
        }
        if (hasControlDirection)
        {
            w.WriteStartElement("Extension", Tt);
            w.WriteStartElement("PTControlDirection", Tt);
            w.WriteStartElement("EFlip", Tt);
            w.WriteElementString("Mode", Tt, c.EFlip == EFlipMode.On ? "ON" : "OFF");
            w.WriteEndElement();
            w.WriteStartElement("Reverse", Tt);
            w.WriteElementString("Mode", Tt, c.Reverse == ReverseMode.On ? "ON" : "OFF");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
    }

    /// <summary>
    /// Reads a tt:PTZConfiguration leniently over <paramref name="current"/>: what the request omits keeps its
    /// current value; values the schema cannot hold are ter:InvalidArgs, values the node refuses ter:ConfigModify.
    /// </summary>
    public static PtzConfiguration ReadConfiguration(XElement e, PtzConfiguration current)
    {
        static PtzConfiguration Ramp(XElement e, string name, PtzConfiguration c, Func<PtzConfiguration, int, PtzConfiguration> set)
        {
            var text = e.Attr(name);
            if (text is null) return c;
            return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? set(c, v)
                : throw OnvifFaults.InvalidArgs($"{name} is not an integer: '{text}'");
        }
        var c = current with
        {
            Name = e.ChildText("Name") ?? current.Name,
            NodeToken = e.ChildToken("NodeToken") ?? current.NodeToken,
            DefaultAbsolutePanTiltPositionSpace = e.ChildText("DefaultAbsolutePantTiltPositionSpace") ?? e.ChildText("DefaultAbsolutePanTiltPositionSpace") ?? current.DefaultAbsolutePanTiltPositionSpace,
            DefaultAbsoluteZoomPositionSpace = e.ChildText("DefaultAbsoluteZoomPositionSpace") ?? current.DefaultAbsoluteZoomPositionSpace,
            DefaultRelativePanTiltTranslationSpace = e.ChildText("DefaultRelativePanTiltTranslationSpace") ?? current.DefaultRelativePanTiltTranslationSpace,
            DefaultRelativeZoomTranslationSpace = e.ChildText("DefaultRelativeZoomTranslationSpace") ?? current.DefaultRelativeZoomTranslationSpace,
            DefaultContinuousPanTiltVelocitySpace = e.ChildText("DefaultContinuousPanTiltVelocitySpace") ?? current.DefaultContinuousPanTiltVelocitySpace,
            DefaultContinuousZoomVelocitySpace = e.ChildText("DefaultContinuousZoomVelocitySpace") ?? current.DefaultContinuousZoomVelocitySpace,
            DefaultTimeout = e.ChildDuration("DefaultPTZTimeout") ?? current.DefaultTimeout,
        };
        if (e.Child("DefaultPTZSpeed") is { } speed)
        {
            var v = ReadVector(speed);
            c = c with { DefaultSpeed = new PtzVector(v.PanTilt ?? current.DefaultSpeed.PanTilt, v.Zoom ?? current.DefaultSpeed.Zoom) };
        }
        if (e.Child("PanTiltLimits")?.Child("Range") is { } ptr)
            c = c with { PanTiltLimits = new SpaceLimits(ptr.RequiredText("URI"), ReadRange(ptr.RequiredChild("XRange")), ReadRange(ptr.RequiredChild("YRange"))) };
        if (e.Child("ZoomLimits")?.Child("Range") is { } zr)
            c = c with { ZoomLimits = new SpaceLimits(zr.RequiredText("URI"), ReadRange(zr.RequiredChild("XRange"))) };
        c = Ramp(e, "MoveRamp", c, (x, v) => x with { MoveRamp = v });
        c = Ramp(e, "PresetRamp", c, (x, v) => x with { PresetRamp = v });
        c = Ramp(e, "PresetTourRamp", c, (x, v) => x with { PresetTourRamp = v });
        if (e.Child("Extension")?.Child("PTControlDirection") is { } direction)
        {
            if (direction.Child("EFlip")?.ChildText("Mode") is { } eflip)
                c = c with { EFlip = eflip switch { "ON" => EFlipMode.On, "OFF" => EFlipMode.Off, _ => throw OnvifFaults.InvalidArgVal("ConfigModify", $"EFlip mode '{eflip}' is not supported") } };
            if (direction.Child("Reverse")?.ChildText("Mode") is { } reverse)
                c = c with { Reverse = reverse switch { "ON" => ReverseMode.On, "OFF" => ReverseMode.Off, _ => throw OnvifFaults.InvalidArgVal("ConfigModify", $"Reverse mode '{reverse}' is not supported") } };
        }
        return c;
    }

    private static FloatRange ReadRange(XElement e) => new(
        e.ChildFloat("Min") ?? throw OnvifFaults.InvalidArgs($"{e.Name.LocalName}/Min is required"),
        e.ChildFloat("Max") ?? throw OnvifFaults.InvalidArgs($"{e.Name.LocalName}/Max is required"));

    /// <summary>tt:PTZConfigurationOptions (PTZ 5.2.4).</summary>
    public static void WriteConfigurationOptions(XmlWriter w, string ns, string name, PtzConfigurationOptions o)
    {
        w.WriteStartElement(name, ns);
        w.WriteAttributeString("PTZRamps", string.Join(' ', o.Ramps.Select(r => OnvifXml.Int(r))));
        WriteSpaces(w, "Spaces", o.Spaces);
        w.WriteStartElement("PTZTimeout", Tt);
        w.WriteElementString("Min", Tt, OnvifXml.Duration(o.TimeoutMin));
        w.WriteElementString("Max", Tt, OnvifXml.Duration(o.TimeoutMax));
        w.WriteEndElement();
        if (o.EFlipModes.Count > 0 || o.ReverseModes.Count > 0)
        {
            w.WriteStartElement("PTControlDirection", Tt);
            if (o.EFlipModes.Count > 0)
            {
                w.WriteStartElement("EFlip", Tt);
                foreach (var m in o.EFlipModes) w.WriteElementString("Mode", Tt, m == EFlipMode.On ? "ON" : "OFF");
                w.WriteEndElement();
            }
            if (o.ReverseModes.Count > 0)
            {
                w.WriteStartElement("Reverse", Tt);
                foreach (var m in o.ReverseModes) w.WriteElementString("Mode", Tt, m == ReverseMode.On ? "ON" : "OFF");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    // ---- status and presets ----------------------------------------------------------------------------------

    /// <summary>tt:PTZStatus (PTZ 5.3.7): Position, MoveStatus, UtcTime.</summary>
    public static void WriteStatus(XmlWriter w, string ns, string name, PtzStatus status)
    {
        w.WriteStartElement(name, ns);
        WriteVector(w, Tt, "Position", status.Position);
        w.WriteStartElement("MoveStatus", Tt);
        w.WriteElementString("PanTilt", Tt, MoveStatusText(status.PanTilt));
        w.WriteElementString("Zoom", Tt, MoveStatusText(status.Zoom));
        w.WriteEndElement();
        if (status.Error is not null) w.WriteElementString("Error", Tt, status.Error);
        w.WriteElementString("UtcTime", Tt, OnvifXml.DateTime(status.UtcTime));
        w.WriteEndElement();
    }

    public static string MoveStatusText(MoveStatus status) => status switch
    {
        MoveStatus.Moving => "MOVING",
        MoveStatus.Idle => "IDLE",
        _ => "UNKNOWN",
    };

    /// <summary>tt:PTZPreset with its position in the configuration's default absolute spaces.</summary>
    public static void WritePreset(XmlWriter w, string ns, string name, string token, string presetName, PtzVector position)
    {
        w.WriteStartElement(name, ns);
        w.WriteAttributeString("token", token);
        w.WriteElementString("Name", Tt, presetName);
        WriteVector(w, Tt, "PTZPosition", position);
        w.WriteEndElement();
    }
}
