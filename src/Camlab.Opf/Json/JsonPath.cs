using System.Text;

namespace Camlab.Opf.Json;

/// <summary>
/// The path from the document root to the value being read or checked. Kept as segments and turned into an
/// RFC 6901 pointer only when an error needs one, so a valid document costs no pointer strings.
/// </summary>
internal sealed class JsonPath
{
    private readonly List<(string? Name, int Index)> _segments = new(16);

    public void Push(string name) => _segments.Add((name, -1));
    public void Push(int index) => _segments.Add((null, index));
    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString() => Build(null, -1);

    /// <summary>The pointer of a child of the current value.</summary>
    public string Child(string name) => Build(name, -1);
    public string Child(int index) => Build(null, index);

    private string Build(string? childName, int childIndex)
    {
        var sb = new StringBuilder();
        foreach (var (name, index) in _segments) Append(sb, name, index);
        if (childName is not null || childIndex >= 0) Append(sb, childName, childIndex);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string? name, int index)
    {
        sb.Append('/');
        if (name is null) sb.Append(index);
        else sb.Append(Escape(name));
    }

    /// <summary>RFC 6901: "~" becomes "~0" and "/" becomes "~1".</summary>
    public static string Escape(string name) =>
        name.Contains('~') || name.Contains('/') ? name.Replace("~", "~0").Replace("/", "~1") : name;
}
