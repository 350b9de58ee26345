using System.Text.Json;

namespace Camlab.Opf.Model;

/// <summary>
/// What every OPF object shares: the optional <c>extensions</c> object and the properties this version
/// does not know. The schemas never set <c>additionalProperties: false</c>, so unknown properties are
/// valid and are written back verbatim, next to the known property they followed.
/// </summary>
public abstract class OpfObject
{
    /// <summary>The <c>extensions</c> object, or null when the property is absent.</summary>
    public ExtensionSet? Extensions { get; set; }

    private List<UnknownProperty>? _unknownProperties;

    /// <summary>Properties this version does not define, in the order they were read.</summary>
    public List<UnknownProperty> UnknownProperties => _unknownProperties ??= [];

    /// <summary>True when there is at least one unknown property (without allocating the list).</summary>
    public bool HasUnknownProperties => _unknownProperties is { Count: > 0 };
}

/// <summary>
/// A property the specification does not define. <see cref="After"/> names the known property it followed
/// in the source (null when it came first), which is where the canonical writer puts it back.
/// </summary>
public sealed record UnknownProperty(string Name, JsonElement Value, string? After);

/// <summary>One vendor extension: its name (<c>VENDOR_extname</c>) and its value, kept verbatim.</summary>
public sealed record Extension(string Name, JsonElement Value);

/// <summary>The members of an <c>extensions</c> object, in document order.</summary>
public sealed class ExtensionSet : List<Extension>
{
    public ExtensionSet() { }
    public ExtensionSet(IEnumerable<Extension> extensions) : base(extensions) { }

    /// <summary>The value of the named extension, or null.</summary>
    public JsonElement? this[string name]
    {
        get
        {
            foreach (var e in this)
                if (e.Name == name) return e.Value;
            return null;
        }
    }
}
