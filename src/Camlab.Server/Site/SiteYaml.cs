using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Camlab.Server.Site;

/// <summary>
/// A YAML site file as the JSON it stands for (YamlDotNet's representation model), so both spellings have one schema
/// and one validator. Plain scalars follow the YAML 1.2 core schema (null, true/false, integers, floats); quoted
/// ones are strings. Anchors and aliases are refused (an alias repeats a subtree: a small file could stand for an
/// enormous one), as are nesting deeper than <see cref="MaxDepth"/> and more than one document.
/// </summary>
public static class SiteYaml
{
    public const int MaxDepth = 64;

    /// <summary>The JSON of <paramref name="text"/>, or the error (with line and column) that stops it.</summary>
    public static JsonNode? ToJson(string text, out SiteError? error)
    {
        error = null;
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            error = new SiteError("$", $"not YAML: {e.InnerException?.Message ?? e.Message} (line {e.Start.Line}, column {e.Start.Column})");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            error = new SiteError("$", $"a site file holds one YAML document, not {stream.Documents.Count}");
            return null;
        }
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        try { return Convert(stream.Documents[0].RootNode, "$", 0, seen); }
        catch (SiteYamlException e)
        {
            error = e.Error;
            return null;
        }
    }

    private static JsonNode? Convert(YamlNode node, string path, int depth, HashSet<YamlNode> seen)
    {
        if (depth > MaxDepth) throw new SiteYamlException(path, $"nested deeper than {MaxDepth} levels");
        if (!seen.Add(node) || !node.Anchor.IsEmpty)
            throw new SiteYamlException(path, $"anchors and aliases are not supported (line {node.Start.Line})");
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                        throw new SiteYamlException(path, $"a key must be a plain name (line {keyNode.Start.Line})");
                    var child = path + "." + key;
                    if (obj.ContainsKey(key)) throw new SiteYamlException(child, $"the key appears twice (line {keyNode.Start.Line})");
                    obj[key] = Convert(value, child, depth + 1, seen);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence.Children) array.Add(Convert(item, $"{path}[{i++}]", depth + 1, seen));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar, path);
            default:
                throw new SiteYamlException(path, $"unsupported YAML node (line {node.Start.Line})");
        }
    }

    // YAML 1.2 core schema, 10.3.2: the plain scalars that are not strings.
    private static JsonNode? Scalar(YamlScalarNode scalar, string path)
    {
        var text = scalar.Value ?? "";
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value != "tag:yaml.org,2002:str")
            throw new SiteYamlException(path, $"YAML tags are not supported ('{scalar.Tag.Value}', line {scalar.Start.Line})");
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if ((char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private sealed class SiteYamlException(string path, string message) : Exception(message)
    {
        public SiteError Error { get; } = new(path, message);
    }
}
