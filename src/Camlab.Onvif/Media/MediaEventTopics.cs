using Camlab.Device.Media;
using Camlab.Onvif.Events;

namespace Camlab.Onvif.Media;

/// <summary>The topics <see cref="MediaChangeEvents"/> publishes, as GetEventProperties describes them (Media2 service specification, "Events").</summary>
public static class MediaEventTopics
{
    public static IReadOnlyList<TopicDescription> All { get; } =
    [
        new(MediaChangeEvents.ProfileChangedTopic, false, [new("Token", "tt:ReferenceToken")], []),
        new(MediaChangeEvents.ConfigurationChangedTopic, false, [new("Token", "tt:ReferenceToken")], [new("Type", "xs:string")]),
    ];
}
