namespace Camlab.Device.Events;

/// <summary>
/// One ElementItem of a message's Data part (core spec, message description: ElementItemDescription), e.g. the
/// tt:PTZPresetTour of PTZPresetTours/Configuration. The domain has no XML: <see cref="Value"/> is a domain
/// object (such as <c>PresetTourSnapshot</c>) that the Events adapter writes with the matching serializer.
/// </summary>
public sealed record ElementItem(string Name, object Value);
