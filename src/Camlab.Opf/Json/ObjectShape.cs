using System.Text;
using System.Text.Json;

namespace Camlab.Opf.Json;

/// <summary>The properties an OPF object defines, in the spec's order, and which of them are required.</summary>
internal sealed class ObjectShape
{
    public const string ExtensionsName = "extensions";

    public ObjectShape(string[] names, params string[] required)
    {
        // Every object of the spec may carry "extensions" (property.schema.json); it is always written last.
        Names = [.. names, ExtensionsName];
        Utf8Names = Names.Select(Encoding.UTF8.GetBytes).ToArray();
        ExtensionsIndex = Names.Length - 1;
        foreach (var r in required) Required |= 1UL << Array.IndexOf(Names, r);
    }

    public string[] Names { get; }
    public byte[][] Utf8Names { get; }
    public int ExtensionsIndex { get; }
    public ulong Required { get; }

    /// <summary>
    /// Index of the property name under the reader, or -1 when this shape does not define it. The search starts
    /// at <paramref name="hint"/> (the index after the previous property): documents usually list properties
    /// in one order, so the first comparison mostly hits.
    /// </summary>
    public int Find(ref Utf8JsonReader reader, int hint)
    {
        var n = Utf8Names.Length;
        for (var k = 0; k < n; k++)
        {
            var i = hint + k;
            if (i >= n) i -= n;
            if (reader.ValueTextEquals(Utf8Names[i])) return i;
        }
        return -1;
    }
}
