using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Ptz.Tours;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz.Tours;

/// <summary>tt:PTZVector / tt:PTZSpeed ↔ <see cref="TourVector"/> (PanTilt x/y/space, Zoom x/space attributes).</summary>
internal static class TourVectorXml
{
    public static TourVector Read(XElement element)
    {
        TourPanTilt? panTilt = null;
        TourZoom? zoom = null;
        if (element.Child("PanTilt") is { } pt)
            panTilt = new TourPanTilt(RequiredFloat(pt, "x"), RequiredFloat(pt, "y"), NonEmpty(pt.Attr("space")));
        if (element.Child("Zoom") is { } z)
            zoom = new TourZoom(RequiredFloat(z, "x"), NonEmpty(z.Attr("space")));
        return new TourVector(panTilt, zoom);
    }

    public static void Write(XmlWriter writer, string localName, TourVector vector)
    {
        writer.WriteStartElement(localName, OnvifNamespaces.Schema);
        if (vector.PanTilt is { } pt)
        {
            writer.WriteStartElement("PanTilt", OnvifNamespaces.Schema);
            writer.WriteAttributeString("x", Float(pt.X));
            writer.WriteAttributeString("y", Float(pt.Y));
            if (pt.Space is not null) writer.WriteAttributeString("space", pt.Space);
            writer.WriteEndElement();
        }
        if (vector.Zoom is { } z)
        {
            writer.WriteStartElement("Zoom", OnvifNamespaces.Schema);
            writer.WriteAttributeString("x", Float(z.X));
            if (z.Space is not null) writer.WriteAttributeString("space", z.Space);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>xs:float lexical form (INF, -INF, NaN spelled as the schema wants).</summary>
    public static string Float(double value) => value switch
    {
        double.PositiveInfinity => "INF",
        double.NegativeInfinity => "-INF",
        double.NaN => "NaN",
        _ => ((float)value).ToString("R", CultureInfo.InvariantCulture),
    };

    private static double RequiredFloat(XElement element, string attribute) =>
        element.AttrFloat(attribute) ?? throw OnvifFaults.InvalidArgs($"{element.Name.LocalName}/@{attribute} is required");

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
