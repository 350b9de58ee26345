namespace Camlab.Device.Events;

/// <summary>Property operation of an ONVIF property event (core spec, "Property events").</summary>
public enum PropertyOperation { Initialized, Changed, Deleted }

/// <summary>One SimpleItem of a message's Source, Key or Data part. Values are already in their XML lexical form.</summary>
public readonly record struct SimpleItem(string Name, string Value);

/// <summary>
/// A notification as the domain publishes it, independent of SOAP. <see cref="Topic"/> is the ONVIF topic path
/// without prefix, e.g. <c>PTZController/PTZPresets/Reached</c> or
/// <c>VideoSource/ImageTooBlurry/ImagingService</c>; the Events service maps it under <c>tns1:</c>.
/// </summary>
public sealed record EventMessage(
    string Topic,
    DateTimeOffset UtcTime,
    IReadOnlyList<SimpleItem> Source,
    IReadOnlyList<SimpleItem> Data,
    PropertyOperation? Operation = null,
    IReadOnlyList<SimpleItem>? Key = null)
{
    /// <summary>ElementItems of the Data part, after its SimpleItems (empty for most topics).</summary>
    public IReadOnlyList<ElementItem> DataElements { get; init; } = [];

    public bool IsProperty => Operation is not null;

    /// <summary>Identity of a property instance: topic plus its source items (what SetSynchronizationPoint re-sends).</summary>
    public string PropertyKey => Topic + "|" + string.Join(";", Source.Select(s => s.Name + "=" + s.Value));
}
