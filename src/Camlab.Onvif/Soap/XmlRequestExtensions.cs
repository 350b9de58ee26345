using System.Globalization;
using System.Xml.Linq;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Lenient reading of request elements: children are matched by local name whatever their namespace or
/// order (real clients send both wrong), values are parsed with the invariant culture and schema lexical
/// rules, and anything unreadable becomes <c>ter:InvalidArgs</c> naming the element.
/// </summary>
public static class XmlRequestExtensions
{
    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement RequiredChild(this XElement element, string localName) =>
        element.Child(localName) ?? throw OnvifFaults.InvalidArgs($"{element.Name.LocalName}/{localName} is required");

    public static string? ChildText(this XElement element, string localName) => element.Child(localName)?.Value.Trim();

    public static string RequiredText(this XElement element, string localName) => element.RequiredChild(localName).Value.Trim();

    public static string? Attr(this XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value.Trim();

    public static float? AttrFloat(this XElement element, string localName)
    {
        var text = element.Attr(localName);
        if (text is null) return null;
        return TryParseFloat(text, out var value)
            ? value
            : throw OnvifFaults.InvalidArgs($"attribute {localName} of {element.Name.LocalName} is not a number: '{text}'");
    }

    public static bool? ChildBool(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        return text switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw OnvifFaults.InvalidArgs($"{localName} is not a boolean: '{text}'"),
        };
    }

    public static float? ChildFloat(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        return TryParseFloat(text, out var value) ? value : throw OnvifFaults.InvalidArgs($"{localName} is not a number: '{text}'");
    }

    public static int? ChildInt(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw OnvifFaults.InvalidArgs($"{localName} is not an integer: '{text}'");
    }

    /// <summary>xs:duration (e.g. <c>PT1.5S</c>), as clients send it for Timeout.</summary>
    public static TimeSpan? ChildDuration(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        try { return System.Xml.XmlConvert.ToTimeSpan(text); }
        catch (FormatException) { throw OnvifFaults.InvalidArgs($"{localName} is not an xs:duration: '{text}'"); }
        catch (OverflowException) { throw OnvifFaults.InvalidArgs($"{localName} is out of range: '{text}'"); }
    }

    // xs:float allows INF, -INF and NaN; .NET spells them differently.
    public static bool TryParseFloat(string text, out float value)
    {
        switch (text)
        {
            case "INF": value = float.PositiveInfinity; return true;
            case "-INF": value = float.NegativeInfinity; return true;
            case "NaN": value = float.NaN; return true;
        }
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
