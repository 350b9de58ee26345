using System.Text.Json;

namespace Camlab.Opf.Json;

/// <summary>
/// Finds where in the bytes the values named by JSON pointers start, so errors found on the model can be
/// listed in document order. Runs only when a document has errors, and descends only into the subtrees
/// that lead to a wanted pointer.
/// </summary>
internal static class PointerLocator
{
    public static Dictionary<string, long> Locate(ReadOnlySpan<byte> utf8, IEnumerable<string> pointers)
    {
        var wanted = new HashSet<string>(pointers, StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in wanted)
            for (var slash = p.LastIndexOf('/'); slash >= 0; slash = slash == 0 ? -1 : p.LastIndexOf('/', slash - 1))
                prefixes.Add(p[..slash]);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 128 });
        if (reader.Read()) Visit(ref reader, "", wanted, prefixes, found);
        return found;
    }

    private static void Visit(ref Utf8JsonReader reader, string pointer, HashSet<string> wanted, HashSet<string> prefixes, Dictionary<string, long> found)
    {
        if (wanted.Contains(pointer)) found.TryAdd(pointer, reader.TokenStartIndex);
        if (!prefixes.Contains(pointer))
        {
            reader.Skip();
            return;
        }
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var child = pointer + "/" + JsonPath.Escape(reader.GetString()!);
                // A key is located at its name, and a repeated key where it is repeated (the duplicate-key error).
                if (wanted.Contains(child)) found[child] = reader.TokenStartIndex;
                reader.Read();
                Visit(ref reader, child, wanted, prefixes, found);
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                Visit(ref reader, pointer + "/" + index++, wanted, prefixes, found);
        }
    }
}
