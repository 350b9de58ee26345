namespace Camlab.Opf.Model;

// The spec lists these as closed sets of allowed values. They are kept as strings so that a lenient read
// can keep a value a newer version introduced; IsKnown says whether 1.0 defines it.

/// <summary>Sensor <c>shutter_type</c>: "global" or "rolling".</summary>
public readonly record struct ShutterType(string Value)
{
    public static readonly ShutterType Global = new("global");
    public static readonly ShutterType Rolling = new("rolling");
    public static IReadOnlyList<string> AllowedValues { get; } = ["global", "rolling"];
    public bool IsKnown => AllowedValues.Contains(Value);
    public override string ToString() => Value;
}

/// <summary>Camera <c>model_source</c>: "database", "generic_from_exif", "generic" or "user".</summary>
public readonly record struct ModelSource(string Value)
{
    public static readonly ModelSource Database = new("database");
    public static readonly ModelSource GenericFromExif = new("generic_from_exif");
    public static readonly ModelSource Generic = new("generic");
    public static readonly ModelSource User = new("user");
    public static IReadOnlyList<string> AllowedValues { get; } = ["database", "generic_from_exif", "generic", "user"];
    public bool IsKnown => AllowedValues.Contains(Value);
    public override string ToString() => Value;
}

/// <summary>Camera <c>pixel_type</c>: "uint8", "uint12", "uint16" or "float".</summary>
public readonly record struct PixelType(string Value)
{
    public static readonly PixelType UInt8 = new("uint8");
    public static readonly PixelType UInt12 = new("uint12");
    public static readonly PixelType UInt16 = new("uint16");
    public static readonly PixelType Float = new("float");
    public static IReadOnlyList<string> AllowedValues { get; } = ["uint8", "uint12", "uint16", "float"];
    public bool IsKnown => AllowedValues.Contains(Value);
    public override string ToString() => Value;
}

/// <summary>Capture <c>rig_model_source</c>: "database", "generic", "user" or "not_applicable".</summary>
public readonly record struct RigModelSource(string Value)
{
    public static readonly RigModelSource Database = new("database");
    public static readonly RigModelSource Generic = new("generic");
    public static readonly RigModelSource User = new("user");
    public static readonly RigModelSource NotApplicable = new("not_applicable");
    public static IReadOnlyList<string> AllowedValues { get; } = ["database", "generic", "user", "not_applicable"];
    public bool IsKnown => AllowedValues.Contains(Value);
    public override string ToString() => Value;
}
