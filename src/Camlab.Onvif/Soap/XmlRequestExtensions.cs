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
            : throw OnvifFaults.InvalidArgs($"attribute {localName} of {element.Name.LocalName} is not a number: '{EchoedText.Quote(text)}'");
    }

    public static bool? ChildBool(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        return text switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw OnvifFaults.InvalidArgs($"{localName} is not a boolean: '{EchoedText.Quote(text)}'"),
        };
    }

    public static float? ChildFloat(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        return TryParseFloat(text, out var value) ? value : throw OnvifFaults.InvalidArgs($"{localName} is not a number: '{EchoedText.Quote(text)}'");
    }

    public static int? ChildInt(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw OnvifFaults.InvalidArgs($"{localName} is not an integer: '{EchoedText.Quote(text)}'");
    }

    /// <summary>
    /// Longest xs:duration a request may carry (a timeout, a stay time, a recurring duration): a year. Anything
    /// longer is no setting a human makes, and added to the camera clock it could overflow it.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>xs:duration (e.g. <c>PT1.5S</c>), as clients send it for Timeout, within ±<see cref="MaxDuration"/>.</summary>
    public static TimeSpan? ChildDuration(this XElement element, string localName)
    {
        var text = element.ChildText(localName);
        if (text is null) return null;
        TimeSpan value;
        try { value = System.Xml.XmlConvert.ToTimeSpan(text); }
        // A lexically valid duration with a field too large for TimeSpan is a FormatException too: out of range.
        catch (FormatException) when (DurationLexical.IsMatch(text)) { throw OutOfRange(localName, text); }
        catch (FormatException) { throw OnvifFaults.InvalidArgs($"{localName} is not an xs:duration: '{EchoedText.Quote(text)}'"); }
        catch (OverflowException) { throw OutOfRange(localName, text); }
        return value.Duration() > MaxDuration ? throw OutOfRange(localName, text) : value;
    }

    // XML Schema 1.1 part 2, 3.3.6.2: the lexical space of xs:duration.
    private static readonly System.Text.RegularExpressions.Regex DurationLexical = new(
        @"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static SoapFaultException OutOfRange(string localName, string text) =>
        new(FaultCode.Sender, $"{localName} '{EchoedText.Quote(text)}' lies outside ±{System.Xml.XmlConvert.ToString(MaxDuration)}", "ter:InvalidArgVal");

    /// <summary>
    /// A ReferenceToken child, verbatim: xs:string does not collapse whitespace, so " Preset_1" names no preset
    /// rather than Preset_1. At most 64 characters (tt:ReferenceToken).
    /// </summary>
    public static string? ChildToken(this XElement element, string localName) =>
        element.Child(localName) is { } child ? Token(localName, child.Value) : null;

    public static string RequiredToken(this XElement element, string localName) =>
        Token(localName, element.RequiredChild(localName).Value);

    /// <summary>A token attribute (e.g. <c>@token</c>), verbatim like <see cref="ChildToken"/>.</summary>
    public static string? AttrToken(this XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName) is { } a ? Token(localName, a.Value) : null;

    public const int MaxTokenLength = 64;

    private static string Token(string localName, string value) => value.Length <= MaxTokenLength
        ? value
        : throw new SoapFaultException(FaultCode.Sender, $"{localName} is longer than {MaxTokenLength} characters (tt:ReferenceToken): '{EchoedText.Quote(value)}'", "ter:InvalidArgVal");

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
