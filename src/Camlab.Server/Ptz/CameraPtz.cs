using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.Ptz.Tracking;
using Camlab.Device.Media;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Ptz.Tours;
using Camlab.Server.Hosting;

namespace Camlab.Server.Ptz;

/// <summary>
/// The PTZ part of one simulated camera: the <see cref="PtzDevice"/> (dome and digital window), one preset tour
/// engine per node, GeoMove from the camera's current <see cref="SimulatedCamera.Location"/> (seeded from the configured <see cref="CameraPlacement"/>), the PTZ configuration catalog the
/// Media profiles point to, and the PTZ service. A client command ends a running tour through the node itself
/// (<see cref="PtzNodeTourMechanism"/> hears <see cref="PtzNode.Commanded"/>).
/// <para>
/// SystemReboot: before the camera reloads, tours stop and every node halts and re-reads its state; after it,
/// the tour engines are built again from the store, so the AutoStart tour starts again (PTZ 5.8.8).
/// </para>
/// </summary>
public sealed class CameraPtz : IDisposable
{
    private readonly SimulatedCamera _camera;
    private readonly MediaProfiles _profiles;
    private readonly object _gate = new();
    private Dictionary<string, (PtzNodeTourMechanism Mechanism, PresetTourEngine Engine)> _tours = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GeoMoveBinding?> _geoMove = new(StringComparer.Ordinal);
    private Dictionary<string, ObjectTracker> _trackers = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Adds PTZ to <paramref name="camera"/> while it is built (<see cref="CameraParts"/>); the camera disposes it.</summary>
    /// <param name="lens">The dome's optics; null takes them from the camera's OPF document (<see cref="SimulatedCamera.Optics"/>).</param>
    public CameraPtz(SimulatedCamera camera, ZoomLens? lens = null)
    {
        _camera = camera;
        Device = PtzDevice.Create(camera.Definition, camera.Time, camera.Store, camera.Events, lens ?? camera.Optics.Lens,
            maximumPresetTours: PresetTourOptions.Default.MaximumNumberOfPresetTours);
        _profiles = camera.Media;
        Catalog = new PtzConfigurationCatalog(Device, _profiles);
        foreach (var node in Device.Nodes) _geoMove[node.Token] = PtzNodeGeoMove.Create(node, () => camera.GeoPose);
        StartTours();

        Service = new PtzService(Catalog,
            [.. PresetTourOperations.Create(ToursOf), GeoMoveOperation.Create(GeoMoveOf)],
            node => _geoMove.GetValueOrDefault(node.Token), node => Tracker(node.Token));
        camera.Services.Add(Service);
        camera.Rebooting += _ => BeforeReboot();
        camera.Rebooted += _ => StartTours();
    }

    public PtzDevice Device { get; }

    public PtzConfigurationCatalog Catalog { get; }

    public PtzService Service { get; }

    /// <summary>
    /// Gives every node for which <paramref name="objectsFor"/> has objects an <see cref="ObjectTracker"/> (replacing
    /// earlier ones). From then on MoveAndTrack lists ObjectID (issue 5: only once the renderer provides objects).
    /// </summary>
    public void AttachObjects(Func<PtzNode, ITrackableObjects?> objectsFor)
    {
        ArgumentNullException.ThrowIfNull(objectsFor);
        var trackers = new Dictionary<string, ObjectTracker>(StringComparer.Ordinal);
        foreach (var node in Device.Nodes)
            if (objectsFor(node) is { } objects) trackers[node.Token] = new ObjectTracker(node, objects, _camera.Time);
        Dictionary<string, ObjectTracker> previous;
        lock (_gate)
        {
            if (_disposed)
            {
                previous = trackers;
            }
            else
            {
                previous = _trackers;
                _trackers = trackers;
            }
        }
        foreach (var tracker in previous.Values) tracker.Dispose();
    }

    /// <summary>The object tracker of a node (null: the node cannot track, or no objects are attached).</summary>
    public ObjectTracker? Tracker(string nodeToken)
    {
        lock (_gate) return _trackers.GetValueOrDefault(nodeToken);
    }

    /// <summary>The tour engine of a node (null while the camera reboots).</summary>
    public PresetTourEngine? Tours(string nodeToken)
    {
        lock (_gate) return _tours.TryGetValue(nodeToken, out var t) ? t.Engine : null;
    }

    private PtzProfileBinding<PresetTourEngine> ToursOf(string profileToken) => Resolve(profileToken, node => Tours(node.Token));

    private PtzProfileBinding<GeoMoveBinding> GeoMoveOf(string profileToken) => Resolve(profileToken, node => _geoMove.GetValueOrDefault(node.Token));

    private PtzProfileBinding<T> Resolve<T>(string profileToken, Func<PtzNode, T?> target) where T : class
    {
        PtzNode? node;
        try { node = _profiles.PtzNodeOf(Device, profileToken); }
        catch (MediaException e) when (e.Error == MediaError.NoProfile) { return PtzProfileBinding<T>.NoProfile; }
        return node is null ? PtzProfileBinding<T>.NoPtzProfile : PtzProfileBinding<T>.Of(target(node));
    }

    /// <summary>The media profiles whose PTZ configuration is the node's: the sources of its tour events (5.11.2).</summary>
    private IReadOnlyList<string> ProfilesOf(PtzNode node) =>
        _profiles.Profiles.Where(p => p.PtzConfigurationToken == node.Configuration.Token).Select(p => p.Token).ToList();

    private void StartTours()
    {
        lock (_gate)
        {
            if (_disposed || _tours.Count > 0) return;
            var tours = new Dictionary<string, (PtzNodeTourMechanism, PresetTourEngine)>(StringComparer.Ordinal);
            foreach (var node in Device.Nodes)
            {
                var mechanism = new PtzNodeTourMechanism(node);
                var engine = new PresetTourEngine(node.Token, mechanism, PresetTourOptions.Default, _camera.Store, _camera.Events, _camera.Time,
                    () => ProfilesOf(node), _camera.Random.For($"camera-{_camera.Number}/tour/{node.Token}"));
                tours[node.Token] = (mechanism, engine);
            }
            _tours = tours;
        }
    }

    // Engine before mechanism (the engine listens to the mechanism), mechanism before the node it listens to.
    private void StopTours()
    {
        Dictionary<string, (PtzNodeTourMechanism Mechanism, PresetTourEngine Engine)> tours;
        lock (_gate)
        {
            tours = _tours;
            _tours = new(StringComparer.Ordinal);
        }
        foreach (var (mechanism, engine) in tours.Values)
        {
            engine.Dispose();
            mechanism.Dispose();
        }
    }

    private void BeforeReboot()
    {
        StopTours();
        foreach (var node in Device.Nodes) node.Reload();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        StopTours();
        Dictionary<string, ObjectTracker> trackers;
        lock (_gate)
        {
            trackers = _trackers;
            _trackers = new(StringComparer.Ordinal);
        }
        foreach (var tracker in trackers.Values) tracker.Dispose();
        Device.Dispose();
    }
}
