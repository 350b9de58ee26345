using System.Xml.Linq;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>
/// A wsnt:TopicExpression in the ConcreteSet dialect (ONVIF core 9.6.3, WS-Topics 7.x): alternatives separated by
/// '|', each a path of QName segments below tns1; '*' matches one segment and a trailing '//.' matches the topic
/// and everything below it. Prefixes are resolved with the request element's namespace declarations.
/// </summary>
public sealed class TopicFilter
{
    public const string ConcreteSetDialect = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet";
    public const string ConcreteDialect = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete";
    public const string SimpleDialect = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple";

    /// <summary>Longest topic expression accepted, in characters (a subscription keeps it).</summary>
    public const int MaxLength = 4096;

    /// <summary>Most '|' alternatives in one expression.</summary>
    public const int MaxAlternatives = 64;

    /// <summary>Most segments in one topic path.</summary>
    public const int MaxSegments = 16;

    private readonly List<(string[] Segments, bool Descendants)> _alternatives;

    private TopicFilter(List<(string[], bool)> alternatives) => _alternatives = alternatives;

    public static TopicFilter Parse(XElement expression)
    {
        var dialect = expression.Attr("Dialect") ?? ConcreteSetDialect;
        if (dialect is not (ConcreteSetDialect or ConcreteDialect or SimpleDialect))
            throw new SoapFaultException(FaultCode.Sender, $"topic expression dialect '{EchoedText.Quote(dialect)}' is not supported", "ter:InvalidArgVal", "wsnt:TopicExpressionDialectUnknownFault");
        var text = expression.Value.Trim();
        if (text.Length > MaxLength) throw Invalid(text, $"longer than {MaxLength} characters");
        if (text.Count(c => c == '|') >= MaxAlternatives) throw Invalid(text, $"more than {MaxAlternatives} alternatives");
        var alternatives = new List<(string[], bool)>();
        foreach (var raw in text.Split('|'))
        {
            var part = raw.Trim();
            var descendants = false;
            if (part.EndsWith("//.", StringComparison.Ordinal)) { descendants = true; part = part[..^3]; }
            else if (part.EndsWith("//*", StringComparison.Ordinal)) { descendants = true; part = part[..^3]; }
            var segments = part.Split('/');
            if (segments.Length > MaxSegments) throw Invalid(text, $"a topic path of more than {MaxSegments} segments");
            if (part.Length == 0 || segments.Any(s => s.Length == 0) || (dialect == SimpleDialect && (segments.Length > 1 || descendants)))
                throw Invalid(text);
            for (var i = 0; i < segments.Length; i++)
            {
                var segment = segments[i];
                var colon = segment.IndexOf(':');
                var local = colon >= 0 ? segment[(colon + 1)..] : segment;
                if (local.Length == 0 || local.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '(' or ')' or ':')) throw Invalid(text);
                if (colon >= 0)
                {
                    var prefix = segment[..colon];
                    var ns = expression.GetNamespaceOfPrefix(prefix)?.NamespaceName;
                    if (ns is null) throw Invalid(text, $"prefix '{prefix}' is not declared");
                    // Only the ONVIF topic namespace holds topics on this device; another namespace matches nothing.
                    segment = ns == OnvifNamespaces.Topics ? local : "\u0000" + segment;
                }
                else if (i == 0 && segment != "*") throw Invalid(text, "the root topic must be qualified (tns1:...)");
                segments[i] = segment;
            }
            alternatives.Add((segments, descendants));
        }
        return new TopicFilter(alternatives);
    }

    public bool Matches(string topic)
    {
        var path = topic.Split('/');
        foreach (var (segments, descendants) in _alternatives)
        {
            if (path.Length < segments.Length || (!descendants && path.Length != segments.Length)) continue;
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++) ok = segments[i] == "*" || segments[i] == path[i];
            if (ok) return true;
        }
        return false;
    }

    private static SoapFaultException Invalid(string text, string? why = null) =>
        new(FaultCode.Sender, $"invalid topic expression '{EchoedText.Quote(text)}'" + (why is null ? "" : ": " + why), "ter:InvalidArgVal", "wsnt:InvalidTopicExpressionFault");
}
