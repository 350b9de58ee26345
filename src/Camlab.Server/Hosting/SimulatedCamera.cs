using Camlab.Device.Events;
using Camlab.Device.State;
using Camlab.Onvif.Device;
using Camlab.Onvif.Events;
using Camlab.Onvif.Media;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Server.Imaging;
using Camlab.Server.Ptz;
using Camlab.Server.Streaming;

using Camlab.Server.Optics;

namespace Camlab.Server.Hosting;

/// <summary>
/// One simulated camera: its identity, state store, clock, event bus, users and the list of ONVIF services it
/// serves. The host builds one per <c>--cameras</c> and attaches its PTZ (<see cref="Ptz"/>: sets
/// <see cref="PtzCatalog"/>, then builds the PTZ service with <see cref="Media"/>) and Imaging (<see cref="Imaging"/>);
/// further parts (video) extend it in the compose hook: add services to <see cref="Services"/> or
/// <see cref="MediaOperations"/>, subscribe to <see cref="Rebooting"/>, hand disposables to <see cref="Own"/>.
/// <see cref="Seal"/> then registers the Media service (with <see cref="MediaOperations"/>) and Events.
/// </summary>
public sealed class SimulatedCamera : IDisposable
{
    private readonly List<IDisposable> _parts = new();
    private bool _sealed;
    private IPtzConfigurationCatalog? _ptzCatalog;
    private MediaProfiles? _media;

    public SimulatedCamera(int number, DeviceIdentity identity, IStateStore store, TimeProvider time,
        IEnumerable<UserAccount> fixedUsers, SecurityOptions security, SoapLimits limits, EventsOptions events,
        Func<bool>? discoveryEnabled = null, Action<Exception>? log = null)
    {
        Number = number;
        BasePath = number == 1 ? "" : $"/cameras/{number}";
        Identity = identity;
        Store = store;
        Time = time;
        Settings = new DeviceSettings(store, identity);
        Users = new UserDirectory(store, fixedUsers);
        Topics = new EventTopics();
        EventsService = new EventsService(Events, Topics, time, events);
        Services.Add(new DeviceService(Settings, Users, Services, RequestReboot, discoveryEnabled, () => NetworkProtocols));
        Endpoint = new SoapEndpoint(Services, Users, time, security, BasePath, limits, log);
        PublishLastReboot();
    }

    /// <summary>1-based; camera 1 is served at <c>/onvif/...</c>, camera n at <c>/cameras/n/onvif/...</c>.</summary>
    public int Number { get; }

    public string BasePath { get; }

    public DeviceIdentity Identity { get; }

    public IStateStore Store { get; }

    public TimeProvider Time { get; }

    /// <summary>The camera's in-process event bus: the domain publishes, pull-point subscriptions listen.</summary>
    public EventBus Events { get; } = new();

    public EventTopics Topics { get; }

    public DeviceSettings Settings { get; }

    public UserDirectory Users { get; }

    public OnvifServiceSet Services { get; } = new();

    public EventsService EventsService { get; }

    /// <summary>
    /// The media profiles, created on first use with the <see cref="PtzCatalog"/> set at that moment (the PTZ
    /// service needs them at construction: set the catalog first, then read this).
    /// </summary>
    public MediaProfiles Media => _media ??= new MediaProfiles(Store, _ptzCatalog);

    public SoapEndpoint Endpoint { get; }

    /// <summary>The PTZ part (nodes, tours, GeoMove), set by the host before <see cref="Seal"/>.</summary>
    public CameraPtz? Ptz { get; set; }

    /// <summary>The Imaging part (settings, focus, alarms and their fault-injection switch), set by the host.</summary>
    public CameraImagingPart? Imaging { get; set; }

    /// <summary>
    /// Set by the PTZ part before <see cref="Media"/> is first read; without it profiles carry no PTZConfiguration
    /// and Add/RemovePTZConfiguration are not offered.
    /// </summary>
    public IPtzConfigurationCatalog? PtzCatalog
    {
        get => _ptzCatalog;
        set
        {
            if (_media is not null) throw new InvalidOperationException("set PtzCatalog before reading Media (the profiles are already built)");
            _ptzCatalog = value;
        }
    }

    /// <summary>
    /// Operations the video part adds to the Media service (GetStreamUri, GetSnapshotUri) before
    /// <see cref="Seal"/>; their handlers read <see cref="Media"/> at request time.
    /// </summary>
    public List<SoapOperation> MediaOperations { get; } = new();

    /// <summary>What Media's capabilities say of RTP/RTSP streaming; the host sets it before <see cref="Seal"/> when RTSP runs.</summary>
    public Onvif.Media.StreamingCapabilities Streaming { get; set; } = Onvif.Media.StreamingCapabilities.None;

    /// <summary>GetNetworkProtocols: HTTP and, when it runs, RTSP, with the ports the host really listens on.</summary>
    public IReadOnlyList<Onvif.Media.NetworkProtocol> NetworkProtocols { get; set; } = [];

    /// <summary>
    /// The PTZ configuration a media profile carries, for PTZ handlers that receive a ProfileToken: null when the
    /// profile has none, <c>ter:InvalidArgVal/ter:NoProfile</c> for an unknown profile.
    /// </summary>
    public string? PtzConfigurationOfProfile(string profileToken)
    {
        Media.Profile(profileToken);
        return Media.PtzConfigurationOf(profileToken);
    }

    /// <summary>The camera's optics and place from its OPF document (the embedded default unless <c>--camera</c>).</summary>
    public CameraOptics Optics { get; set; } = CameraOptics.Default;

    /// <summary>
    /// What the picture shows (pose, optics, imaging, masks, location, faults): set by the PTZ/Imaging parts in the
    /// compose hook; when left null the host uses <see cref="DefaultCameraViewState"/>.
    /// </summary>
    public ICameraViewState? ViewState { get; set; }

    /// <summary>
    /// Where the analysis of rendered frames reports detections: set by the Imaging part in the compose hook (its
    /// alarm state machine); when left null the analysis publishes on <see cref="Events"/> itself.
    /// </summary>
    public IVideoAnalysisReporter? AnalysisReporter { get; set; }

    /// <summary>
    /// The configured and persisted privacy masks, pushed into <see cref="ViewState"/>; set by the host after the
    /// compose hook (null when the view state cannot show masks: the API then answers 404 for the camera).
    /// </summary>
    public Privacy.CameraPrivacyMasks? PrivacyMasks { get; set; }

    /// <summary>The camera's streams and video endpoints; set by the host after <see cref="Seal"/>.</summary>
    public CameraVideo? Video { get; set; }

    /// <summary>
    /// Raised by SystemReboot before the camera's own state reloads: subscribers stop motion and reload what they
    /// persist. Runs on a thread-pool thread after the SystemReboot response has been written.
    /// </summary>
    public event Action<SimulatedCamera>? Rebooting;

    /// <summary>Raised when the reboot is complete.</summary>
    public event Action<SimulatedCamera>? Rebooted;

    /// <summary>A part (PTZ, Imaging) the camera disposes on shutdown, in reverse order of registration.</summary>
    public void Own(IDisposable part) => _parts.Add(part);

    /// <summary>Registers the services whose content depends on the extensions (Media needs the PTZ catalog) and Events.</summary>
    public void Seal()
    {
        if (_sealed) return;
        _sealed = true;
        var media = new MediaService(Media, streaming: Streaming);
        Services.Add(MediaOperations.Count == 0 ? media : media.With([.. MediaOperations]));
        Services.Add(EventsService);
    }

    /// <summary>Restarts the simulated camera: motion stops (subscribers), subscriptions end, state reloads.</summary>
    public void Reboot()
    {
        Rebooting?.Invoke(this);
        EventsService.Reset();
        Settings.Reload();
        Users.Reload();
        _media?.Reload();
        PublishLastReboot();
        Rebooted?.Invoke(this);
    }

    // The SystemReboot handler must answer before the camera goes down.
    private void RequestReboot() => _ = Task.Run(Reboot);

    private void PublishLastReboot()
    {
        var now = Time.GetUtcNow();
        Events.Publish(new EventMessage("Monitoring/OperatingTime/LastReboot", now, [],
            [new SimpleItem("Status", Onvif.Soap.OnvifXml.DateTime(now))], PropertyOperation.Changed));
    }

    /// <summary>Parts first (their timers stop publishing), then the subscriptions end.</summary>
    public void Dispose()
    {
        Video?.Dispose();
        for (var i = _parts.Count - 1; i >= 0; i--) _parts[i].Dispose();
        _parts.Clear();
        EventsService.Reset();
    }
}
