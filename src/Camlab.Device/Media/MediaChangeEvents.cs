using Camlab.Device.Events;
using Camlab.Device.Ptz;

namespace Camlab.Device.Media;

/// <summary>
/// Publishes the Media2 events (Media2 service specification, "Events"): <c>tns1:Media/ProfileChanged</c> (Source
/// Token) when a profile is created, deleted or its set of configurations changes, and
/// <c>tns1:Media/ConfigurationChanged</c> (Source Token, Data Type: VideoSource, VideoEncoder, Metadata, PTZ) when a
/// configuration's content changes — the PTZ configurations through PTZ SetConfiguration.
/// </summary>
public sealed class MediaChangeEvents : IDisposable
{
    public const string ProfileChangedTopic = "Media/ProfileChanged";
    public const string ConfigurationChangedTopic = "Media/ConfigurationChanged";

    private readonly MediaProfiles _media;
    private readonly IReadOnlyList<PtzNode> _nodes;
    private readonly EventBus _bus;
    private readonly TimeProvider _time;

    public MediaChangeEvents(MediaProfiles media, IEnumerable<PtzNode> nodes, EventBus bus, TimeProvider time)
    {
        _media = media;
        _nodes = nodes.ToArray();
        _bus = bus;
        _time = time;
        _media.Changed += OnMediaChanged;
        foreach (var node in _nodes) node.ConfigurationChanged += OnPtzConfigurationChanged;
    }

    private void OnMediaChanged(object? sender, MediaChangedEventArgs e)
    {
        if (e.Kind == MediaChangeKind.Profile) Publish(ProfileChangedTopic, e.Token, null);
        else Publish(ConfigurationChangedTopic, e.Token, e.Kind switch
        {
            MediaChangeKind.VideoSourceConfiguration => "VideoSource",
            MediaChangeKind.MetadataConfiguration => "Metadata",
            _ => "VideoEncoder",
        });
    }

    private void OnPtzConfigurationChanged(string token) => Publish(ConfigurationChangedTopic, token, "PTZ");

    private void Publish(string topic, string token, string? type) =>
        _bus.Publish(new EventMessage(topic, _time.GetUtcNow(), [new SimpleItem("Token", token)], type is null ? [] : [new SimpleItem("Type", type)]));

    public void Dispose()
    {
        _media.Changed -= OnMediaChanged;
        foreach (var node in _nodes) node.ConfigurationChanged -= OnPtzConfigurationChanged;
    }
}
