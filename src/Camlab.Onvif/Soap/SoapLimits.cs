namespace Camlab.Onvif.Soap;

/// <summary>
/// What the envelope reader accepts before it refuses a request. ONVIF requests are small (the largest a
/// client sends, SetImagingSettings or a preset tour, is a few KiB), so the defaults leave ample room while
/// keeping one request from costing more than a bounded amount of memory and time.
/// </summary>
public sealed record SoapLimits
{
    /// <summary>Largest request body in bytes (checked before parsing).</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>Deepest element nesting, counting Envelope as 1.</summary>
    public int MaxDepth { get; init; } = 48;

    /// <summary>Largest number of characters in the document (guards against many tiny nodes in UTF-8 bodies).</summary>
    public long MaxCharacters { get; init; } = 1024 * 1024;

    public static SoapLimits Default { get; } = new();
}
