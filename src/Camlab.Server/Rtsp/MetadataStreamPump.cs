using Camlab.Device.Events;
using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Onvif.Media;
using Camlab.Rtsp.Media;
using Camlab.Server.Hosting;

namespace Camlab.Server.Rtsp;

/// <summary>
/// The metadata track of one RTSP session (ONVIF Streaming 5.1.2.1): tt:MetadataStream documents as the profile's
/// metadata configuration asks, read again for every document so SetMetadataConfiguration and Add/Remove take effect
/// while the session plays. On start, one document with the PTZ status and the current state of every property event
/// the configuration streams (as a pull point's first messages); then each event the configuration's topic filter
/// lets through, in a document of its own as it is published; and the PTZ status whenever the position or move status
/// changed (checked every <see cref="PtzInterval"/> on the camera clock) and at least every <see cref="PtzHeartbeat"/>.
/// A profile that loses its metadata configuration sends nothing more. Never blocks the publisher: the session queues.
/// </summary>
internal sealed class MetadataStreamPump : IDisposable
{
    /// <summary>How often the PTZ status is looked at.</summary>
    public static readonly TimeSpan PtzInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest time between two PTZ documents of a still camera.</summary>
    public static readonly TimeSpan PtzHeartbeat = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly SimulatedCamera _camera;
    private readonly string _profile;
    private readonly IRtspFrameReceiver _receiver;
    private readonly IDisposable _events;
    private readonly ITimer _timer;
    private (MetadataConfiguration Configuration, Func<string, bool> Filter)? _filter;
    private PtzStatus? _lastPtz;
    private DateTimeOffset _lastPtzSent;
    private bool _disposed;

    public MetadataStreamPump(SimulatedCamera camera, string profile, IRtspFrameReceiver receiver)
    {
        _camera = camera;
        _profile = profile;
        _receiver = receiver;
        lock (_gate)
        {
            if (Configuration() is { } configuration)
                Send(configuration, Ptz(configuration), camera.Events.CurrentProperties(camera.Clock.GetUtcNow()).Where(Filter(configuration)).ToList());
        }
        _events = camera.Events.Subscribe(OnEvent);
        _timer = camera.Time.CreateTimer(_ => OnTick(), null, PtzInterval, PtzInterval);
    }

    private MetadataConfiguration? Configuration()
    {
        var profile = _camera.Media.Profiles.FirstOrDefault(p => p.Token == _profile);
        return profile?.MetadataConfigurationToken is { } token && _camera.Media.MetadataConfigurations.FirstOrDefault(m => m.Token == token) is { } c ? c : null;
    }

    private Func<EventMessage, bool> Filter(MetadataConfiguration configuration)
    {
        if (_filter is not { } cached || !ReferenceEquals(cached.Configuration, configuration))
            _filter = cached = (configuration, MetadataStreamWriter.EventFilter(configuration));
        return m => cached.Filter(m.Topic);
    }

    private PtzStatus? Ptz(MetadataConfiguration configuration)
    {
        if (!configuration.PtzStatus && !configuration.PtzPosition) return null;
        if (_camera.Ptz is not { } ptz) return null;
        PtzNode? node;
        try { node = _camera.Media.PtzNodeOf(ptz.Device, _profile); }
        catch (MediaException) { return null; } // the profile was deleted
        return node?.GetStatus();
    }

    private void OnEvent(EventMessage message)
    {
        lock (_gate)
        {
            if (_disposed || Configuration() is not { } configuration || !Filter(configuration)(message)) return;
            Send(configuration, null, [message]);
        }
    }

    private void OnTick()
    {
        lock (_gate)
        {
            if (_disposed || Configuration() is not { } configuration || Ptz(configuration) is not { } status) return;
            var now = _camera.Clock.GetUtcNow();
            var changed = _lastPtz is not { } last || last.Position != status.Position || last.PanTilt != status.PanTilt || last.Zoom != status.Zoom;
            if (!changed && now - _lastPtzSent < PtzHeartbeat) return;
            Send(configuration, status, []);
        }
    }

    private void Send(MetadataConfiguration configuration, PtzStatus? ptz, IReadOnlyList<EventMessage> events)
    {
        if (ptz is null && events.Count == 0) return;
        var now = _camera.Clock.GetUtcNow();
        if (ptz is not null) (_lastPtz, _lastPtzSent) = (ptz, now);
        _receiver.OnFrame(new RtspFrame(MetadataStreamWriter.Write(configuration, ptz, events), true, now));
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _events.Dispose();
        _timer.Dispose();
    }
}
