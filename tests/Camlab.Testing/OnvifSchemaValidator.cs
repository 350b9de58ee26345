using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace Camlab.Testing;

/// <summary>
/// Validates what Camlab sends against the official ONVIF WSDL/XSD set in <c>../shared/ref/onvif</c>,
/// compiled once per process as that folder's README explains: a resolver that maps every schema URL to the
/// local copy (never the network), <c>wsdl:types</c> schemas re-read with the WSDL's namespace declarations,
/// stand-alone XSDs added by URI, and the wildcards System.Xml rejects under Unique Particle Attribution
/// relaxed from <c>##any</c> to <c>##other</c>. Use it in tests marked <c>[RequiresSharedFact]</c>.
/// </summary>
public static class OnvifSchemaValidator
{
    private const string WsdlNamespace = "http://schemas.xmlsoap.org/wsdl/";
    private const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    private static readonly Lazy<XmlSchemaSet> Compiled = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled set (built on first use; throws when ../shared/ref/onvif is absent).</summary>
    public static XmlSchemaSet Schemas => Compiled.Value;

    /// <summary>
    /// Validates a whole SOAP 1.2 envelope: the envelope against the SOAP schema and the Body's content
    /// strictly (an element the ONVIF schemas do not declare is an error, not a lax skip). Returns the
    /// errors, empty when the envelope is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string envelopeXml)
    {
        var errors = new List<string>();
        XDocument document;
        try { document = XDocument.Parse(envelopeXml); }
        catch (XmlException e) { return [$"not well-formed: {e.Message}"]; }

        var envelope = document.Root!;
        if (envelope.Name != XName.Get("Envelope", Soap12)) errors.Add($"root is {envelope.Name}, not a SOAP 1.2 Envelope");
        var body = envelope.Element(XName.Get("Body", Soap12));
        if (body is null) errors.Add("no env:Body");
        else
        {
            foreach (var element in body.Elements())
            {
                if (element.Name.Namespace == Soap12) continue; // env:Fault is declared by the envelope schema
                var qname = new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName);
                if (!Schemas.GlobalElements.Contains(qname)) errors.Add($"Body element {element.Name} is not declared by the ONVIF schemas");
            }
        }

        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        var islands = UndeclaredIslands(envelopeXml);
        settings.ValidationEventHandler += (_, e) =>
        {
            var at = (e.Exception.LineNumber, e.Exception.LinePosition);
            // Content under a lax wildcard in a namespace no schema describes (the tns1: topic tree of a
            // wstop:TopicSet) cannot be checked; everything else that lax processing skips is reported.
            if (e.Severity == XmlSeverityType.Warning && islands.Any(i => Compare(i.Start, at) <= 0 && Compare(at, i.End) <= 0)) return;
            errors.Add($"{(e.Severity == XmlSeverityType.Warning ? "warning" : "error")} at {at.LineNumber}:{at.LinePosition}: {e.Message}");
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(envelopeXml), settings);
            while (reader.Read()) { }
        }
        catch (XmlException e) { errors.Add($"not well-formed: {e.Message}"); }
        return errors;
    }

    private static int Compare((int Line, int Position) a, (int Line, int Position) b) =>
        a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Position.CompareTo(b.Position);

    /// <summary>Subtrees (start, end positions) rooted at an element whose namespace has no schema in the set.</summary>
    private static List<((int Line, int Position) Start, (int Line, int Position) End)> UndeclaredIslands(string xml)
    {
        var islands = new List<((int, int), (int, int))>();
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var info = (IXmlLineInfo)reader;
        (int, int)? start = null;
        var depth = -1;
        try
        {
            while (reader.Read())
            {
                if (start is null && reader.NodeType == XmlNodeType.Element && reader.NamespaceURI.Length > 0 && !Schemas.Contains(reader.NamespaceURI))
                {
                    start = (info.LineNumber, info.LinePosition);
                    depth = reader.Depth;
                    if (reader.IsEmptyElement) { islands.Add((start.Value, (info.LineNumber, int.MaxValue))); start = null; }
                }
                else if (start is not null && reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    islands.Add((start.Value, (info.LineNumber, info.LinePosition)));
                    start = null;
                }
            }
        }
        catch (XmlException) { } // reported by the validating pass
        return islands;
    }

    /// <summary>Fails the test with every error and the envelope when it does not validate.</summary>
    public static void AssertValid(string envelopeXml)
    {
        var errors = Validate(envelopeXml);
        if (errors.Count == 0) return;
        Assert.Fail("response does not validate against ../shared/ref/onvif:\n  " + string.Join("\n  ", errors) + "\n" + envelopeXml);
    }

    private static XmlSchemaSet Compile()
    {
        var root = SharedRef.OnvifSchemaDirectory
            ?? throw new InvalidOperationException("../shared/ref/onvif is absent; mark the test [RequiresSharedFact]");
        // Spot (URI, line) → how often it was reported: first relaxed to ##other; where an element of another
        // namespace precedes the wildcard (tt:Polygon in axt:MotionRegionConfig) that is still ambiguous, so a
        // spot reported again is relaxed to ##local.
        var relaxed = new Dictionary<(string Uri, int Line), int>();
        // Each pass relaxes the wildcards the compiler reported; a handful of passes reaches a fixpoint.
        for (var pass = 0; pass < 20; pass++)
        {
            var resolver = new LocalSchemaResolver(root, relaxed);
            var set = new XmlSchemaSet { XmlResolver = resolver };
            var upa = new List<(string Uri, int Line)>();
            var other = new List<string>();
            set.ValidationEventHandler += (_, e) =>
            {
                if (e.Severity == XmlSeverityType.Warning) return; // unresolvable optional imports (mpqf) are warnings
                var ex = e.Exception;
                if (e.Message.Contains("content model to become ambiguous", StringComparison.Ordinal) || e.Message.Contains("Unique Particle", StringComparison.Ordinal))
                    upa.Add((ex.SourceUri ?? "", ex.LineNumber));
                else other.Add($"{ex.SourceUri}:{ex.LineNumber}:{ex.LinePosition}: {e.Message}");
            };
            foreach (var uri in StandaloneSchemas(root, resolver)) set.Add(null, uri);
            foreach (var schema in EmbeddedSchemas(root, resolver)) set.Add(schema);
            set.Compile();
            if (other.Count > 0) throw new InvalidOperationException("the ONVIF schema set does not compile:\n" + string.Join("\n", other));
            if (upa.Count == 0) return set;
            foreach (var spot in upa.Distinct())
            {
                var level = relaxed.GetValueOrDefault(spot) + 1;
                if (level > 2) throw new InvalidOperationException("UPA errors persist after relaxing their wildcards:\n" + string.Join("\n", upa));
                relaxed[spot] = level;
            }
        }
        throw new InvalidOperationException("UPA relaxation did not converge");
    }

    // Stand-alone XSDs by URI (3.), so that an import of the same file resolves to the same schema.
    private static IEnumerable<string> StandaloneSchemas(string root, LocalSchemaResolver resolver) =>
        Directory.EnumerateFiles(Path.Combine(root, "wsdl"), "*.xsd", SearchOption.AllDirectories)
            .Select(f => new Uri(f).AbsoluteUri)
            .Append(resolver.Map("https://www.w3.org/2003/05/soap-envelope"))
            .Append(resolver.Map("http://schemas.xmlsoap.org/ws/2005/04/discovery/ws-discovery.xsd"))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static IEnumerable<XmlSchema> EmbeddedSchemas(string root, LocalSchemaResolver resolver)
    {
        var wsdlRoot = Path.Combine(root, "wsdl");

        // Schemas embedded in WSDL types (2.): read in place from the WSDL text, so line numbers (and the UPA
        // spots) are those of the WSDL file; the reader is positioned on each xs:schema with the definitions'
        // namespace declarations in scope.
        // Some services are published twice (ver10/display.wsdl and ver10/display/display.wsdl, event.wsdl and
        // its event-vs.wsdl variant): the canonical copy under a service's wsdl/ folder wins, the second
        // declaration of a target namespace is skipped.
        var wsdls = Directory.EnumerateFiles(wsdlRoot, "*.wsdl", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "extra-vendored"), "*.wsdl"))
            // federatedsearch.wsdl needs the MPEG-7 query schema (mpqf.xsd), which is not vendored.
            .Where(f => Path.GetFileName(f) != "federatedsearch.wsdl")
            .OrderBy(f => f.Contains("/wsdl/wsdl/", StringComparison.Ordinal) || Path.GetDirectoryName(f)!.EndsWith("/wsdl", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(f => Path.GetFileName(f).Contains("-vs", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f, StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in wsdls)
        {
            var uri = new Uri(file).AbsoluteUri;
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = resolver };
            using var reader = XmlReader.Create(new StringReader(resolver.OpenText(uri)), settings, uri);
            while (reader.Read())
            {
                while (reader.NodeType == XmlNodeType.Element && reader.LocalName == "schema" && reader.NamespaceURI == XsdNamespace)
                {
                    var schema = XmlSchema.Read(reader, (_, e) => throw e.Exception)!;
                    schema.SourceUri = uri;
                    if (namespaces.Add(schema.TargetNamespace ?? "")) yield return schema;
                }
            }
        }
    }

    /// <summary>
    /// Maps <c>http(s)://host/path</c> to <c>external/host/path</c> and <c>http://www.onvif.org/verXX/...</c>
    /// to <c>wsdl/verXX/...</c>; refuses everything else. Applies the UPA relaxations to what it hands out.
    /// </summary>
    private sealed class LocalSchemaResolver(string root, IReadOnlyDictionary<(string Uri, int Line), int> relaxed) : XmlResolver
    {
        public string Map(string url)
        {
            var uri = new Uri(url);
            if (uri.IsFile) return uri.AbsoluteUri;
            var path = uri.AbsolutePath.TrimStart('/');
            if (uri.Host == "www.onvif.org")
            {
                if (path.StartsWith("onvif/", StringComparison.Ordinal)) path = path["onvif/".Length..];
                return new Uri(Path.Combine(root, "wsdl", path)).AbsoluteUri;
            }
            if (uri.Host == "www.w3.org" && path == "2009/01/xml.xsd") path = "2001/xml.xsd";
            return new Uri(Path.Combine(root, "external", uri.Host, path)).AbsoluteUri;
        }

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
        {
            var resolved = new Uri(Map((baseUri is null ? new Uri(relativeUri!) : new Uri(baseUri, relativeUri)).AbsoluteUri));
            // extra-vendored/remotediscovery.wsdl imports "./ws-discovery.xsd" beside itself; the copy is in external/.
            if (resolved.IsFile && !File.Exists(resolved.LocalPath) && Path.GetFileName(resolved.LocalPath) == "ws-discovery.xsd")
                return new Uri(Map("http://schemas.xmlsoap.org/ws/2005/04/discovery/ws-discovery.xsd"));
            return resolved;
        }

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile) throw new XmlException($"refusing to fetch {absoluteUri}");
            if (!File.Exists(absoluteUri.LocalPath)) throw new FileNotFoundException($"no local copy of {absoluteUri}", absoluteUri.LocalPath);
            return new MemoryStream(Encoding.UTF8.GetBytes(OpenText(absoluteUri.AbsoluteUri)));
        }

        public string OpenText(string fileUri)
        {
            var text = File.ReadAllText(new Uri(fileUri).LocalPath);
            var spots = relaxed.Where(r => r.Key.Uri == fileUri).ToDictionary(r => r.Key.Line, r => r.Value);
            if (spots.Count == 0) return text;
            // The compiler reports the element whose content model is ambiguous (or the wildcard itself); relax
            // the ##any wildcards at or inside it. Edited line by line so every line number stays the same.
            var document = XDocument.Parse(text, LoadOptions.SetLineInfo);
            var wildcardLines = new Dictionary<int, string>();
            foreach (var element in document.Descendants())
            {
                if (!spots.TryGetValue(((IXmlLineInfo)element).LineNumber, out var level)) continue;
                var wildcards = element.Name == XName.Get("any", XsdNamespace) ? [element] : element.Descendants(XName.Get("any", XsdNamespace));
                foreach (var any in wildcards)
                    if (((string?)any.Attribute("namespace") ?? "##any") is "##any" or "##targetNamespace")
                        wildcardLines[((IXmlLineInfo)any).LineNumber] = level == 1 ? "##other" : "##local";
            }
            var lines = text.Split('\n');
            foreach (var (number, replacement) in wildcardLines)
            {
                var line = lines[number - 1];
                // A few wildcards are ##targetNamespace (tt:Rotate...): same ambiguity, same relaxation.
                lines[number - 1] = line.Contains("\"##any\"", StringComparison.Ordinal) || line.Contains("\"##targetNamespace\"", StringComparison.Ordinal)
                    ? line.Replace("\"##any\"", $"\"{replacement}\"", StringComparison.Ordinal).Replace("\"##targetNamespace\"", $"\"{replacement}\"", StringComparison.Ordinal)
                    : System.Text.RegularExpressions.Regex.Replace(line, @"<(\w+:)?any\b", m => m.Value + $" namespace=\"{replacement}\"");
            }
            return string.Join('\n', lines);
        }
    }
}
