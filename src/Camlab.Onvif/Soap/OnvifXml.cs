using System.Globalization;
using System.Xml;

namespace Camlab.Onvif.Soap;

/// <summary>Small writing helpers in the schema's lexical forms (xs:boolean, xs:dateTime in UTC with Z...).</summary>
public static class OnvifXml
{
    public static string Bool(bool value) => value ? "true" : "false";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Float(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>xs:dateTime in UTC, always ending in Z (never an offset), to the millisecond when needed.</summary>
    public static string DateTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static string Duration(TimeSpan value) => XmlConvert.ToString(value);

    public static void Element(this XmlWriter writer, string ns, string name, string value) =>
        writer.WriteElementString(name, ns, value);

    public static void Tt(this XmlWriter writer, string name, string value) => writer.WriteElementString(name, OnvifNamespaces.Schema, value);

    public static void Tt(this XmlWriter writer, string name, bool value) => writer.WriteElementString(name, OnvifNamespaces.Schema, Bool(value));

    public static void Tt(this XmlWriter writer, string name, long value) => writer.WriteElementString(name, OnvifNamespaces.Schema, Int(value));

    public static void Start(this XmlWriter writer, string ns, string name) => writer.WriteStartElement(name, ns);

    public static void End(this XmlWriter writer) => writer.WriteEndElement();

    public static void Attr(this XmlWriter writer, string name, string value) => writer.WriteAttributeString(name, value);
}
