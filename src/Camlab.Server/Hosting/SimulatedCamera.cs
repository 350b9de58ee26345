using Camlab.Device.Clock;
using Camlab.Device.Events;
using Camlab.Device.IO;
using Camlab.Onvif.DeviceIO;
using Camlab.Device;
using Camlab.Device.Media;
using Camlab.Device.State;
using Camlab.Onvif.Device;
using Camlab.Onvif.Events;
using Camlab.Onvif.Media;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Server.Imaging;
using Camlab.Server.Ptz;
using Camlab.Server.Streaming;
using Camlab.Server.State;

using Camlab.Server.Optics;
using Camlab.Device.Geo;
using Camlab.Rendering.Geometry;
using CameraGeoPose = Camlab.Device.Ptz.Geo.CameraGeoPose;

namespace Camlab.Server.Hosting;

/// <summary>
/// One simulated camera: its identity, state store, clock, event bus, users and the list of ONVIF services it
/// serves, its layout (<see cref="Definition"/>) and media model (<see cref="Media"/>). <see cref="CameraAssembly"/>
/// attaches its parts in dependency order (PTZ, Imaging, the view, <see cref="Seal"/> for Media and Events,
/// privacy masks, video) once, while the camera is built.
/// </summary>
public sealed class SimulatedCamera : IDisposable
{
    private readonly List<IDisposable> _parts = new();

    // Notify to push consumers: one client for every camera of the process; a consumer gets 10 s per attempt.
    private static readonly HttpClient NotifyClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private bool _sealed;

    public SimulatedCamera(int number, CameraDefinition definition, DeviceIdentity identity, IStateStore store, TimeProvider time,
        IEnumerable<UserAccount> fixedUsers, SecurityOptions security, SoapLimits limits, EventsOptions events,
        Func<bool>? discoveryEnabled = null, Action<Exception>? log = null)
    {
        Number = number;
        BasePath = number == 1 ? "" : $"/cameras/{number}";
        Identity = identity;
        Store = store;
        Time = time;
        FactoryReset.Resume(store);
        Clock = new CameraClock(time);
        Events = new EventBus(() => Clock.Offset);
        Definition = definition;
        Media = new MediaProfiles(definition, store);
        Osds = new Device.Media.Osd.CameraOsds(Media, store);
        Settings = new DeviceSettings(store, identity);
        Network = new NetworkConfiguration(store, identity, Clock);
        Users = new UserDirectory(store, fixedUsers);
        Location = new CameraLocation(store, default);
        Topics = new EventTopics();
        EventsService = new EventsService(Events, Topics, Clock, events, new HttpNotificationConsumer(NotifyClient));
        _parts.Add(new CellMotionDetector(Events, source => Media.VideoSourceConfigurations.FirstOrDefault(c => c.SourceToken == source)?.Token));
        Services.Add(new DeviceService(Settings, Users, Services, RequestReboot, discoveryEnabled,
            [.. DeviceNetworkOperations.Create(Network, Protocols, RequestFactoryDefault),
             .. DeviceGeoLocationOperations.Create(() => Location),
             DeviceAuxiliaryOperation.Create(() => Ptz?.Device.Nodes.FirstOrDefault(n => n.Definition.AuxiliaryCommands.Count > 0))]));
        Io = new CameraIo(store, Events, time, RelayOutputTokens, DigitalInputTokens);
        _parts.Add(Io);
        Topics.Add(new(CameraIo.RelayTopic, true, [new("RelayToken", "tt:ReferenceToken")], [new("LogicalState", "tt:RelayLogicalState")]));
        Topics.Add(new(CameraIo.DigitalInputTopic, true, [new("InputToken", "tt:ReferenceToken")], [new("LogicalState", "xs:boolean")]));
        Services.Add(new DeviceIoService(Io, () => Media.VideoSources.Select(s => s.Token).ToList()));
        Endpoint = new SoapEndpoint(Services, Users, Clock, security, BasePath, limits, log);
        PublishLastReboot();
    }

    /// <summary>The DeviceIO relay outputs every camera has.</summary>
    public static readonly IReadOnlyList<string> RelayOutputTokens = ["RelayOutput_1"];

    /// <summary>The DeviceIO digital inputs every camera has (driven by the fault API, <c>forcedConditions</c> and <c>--force</c>).</summary>
    public static readonly IReadOnlyList<string> DigitalInputTokens = ["DigitalInput_1", "DigitalInput_2"];

    /// <summary>1-based; camera 1 is served at <c>/onvif/...</c>, camera n at <c>/cameras/n/onvif/...</c>.</summary>
    public int Number { get; }

    public string BasePath { get; }

    public DeviceIdentity Identity { get; }

    public IStateStore Store { get; }

    /// <summary>The host's clock: motion, timers and durations run on it.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// The camera's wall clock (<see cref="Time"/> plus the offset SetSystemDateAndTime sets): SOAP, UsernameToken
    /// checks and event times read it. Its monotonic timestamps are the host's.
    /// </summary>
    public CameraClock Clock { get; }

    /// <summary>Hostname, DNS, NTP, gateway, interface and clock settings of the device management service.</summary>
    public NetworkConfiguration Network { get; }

    /// <summary>Relay outputs and digital inputs (DeviceIO service); inputs are driven by the fault/IO API.</summary>
    public CameraIo Io { get; }

    /// <summary>The protocols the camera serves with their real ports; the host fills it once it listens.</summary>
    public NetworkProtocols Protocols { get; } = new();

    /// <summary>The camera's in-process event bus: the domain publishes, pull-point subscriptions listen.</summary>
    public EventBus Events { get; }

    public EventTopics Topics { get; }

    public DeviceSettings Settings { get; }

    public UserDirectory Users { get; }

    public OnvifServiceSet Services { get; } = new();

    public EventsService EventsService { get; }

    /// <summary>The camera's layout: sources, PTZ nodes, imaging, encoders, the profiles it starts with.</summary>
    public CameraDefinition Definition { get; }

    /// <summary>The media profiles and configurations (persisted in the camera's store).</summary>
    public MediaProfiles Media { get; }

    /// <summary>The text OSDs of the video source configurations (Media and Media2 OSD operations), drawn by the view state.</summary>
    public Device.Media.Osd.CameraOsds Osds { get; }

    public SoapEndpoint Endpoint { get; }

    /// <summary>
    /// Where the camera stands and its heading (Get/SetGeoLocation): GeoMove, the video channel's location header
    /// and OPF exports read it. Unknown until <see cref="Place"/> seeds it from the configured placement.
    /// </summary>
    public CameraLocation Location { get; private set; }

    /// <summary>How the mount is pitched and rolled; its yaw is <see cref="Location"/>'s heading.</summary>
    public CameraPlacement Placement { get; private set; } = CameraPlacement.Unknown;

    /// <summary>Seeds <see cref="Location"/> from the configured placement (before <see cref="Seal"/>); a value set through the API wins.</summary>
    public void Place(CameraPlacement placement)
    {
        if (_sealed) throw new InvalidOperationException("the camera is sealed");
        Placement = placement;
        Location = new CameraLocation(Store, new CameraLocationValue(placement.Geolocation, placement.Yaw));
    }

    /// <summary>The mount orientation now: the current heading, the placement's pitch and roll.</summary>
    public MountOrientation Mount => new(Location.Current.Heading, Placement.Pitch, Placement.Roll);

    /// <summary>The pose GeoMove aims from now; null while the location is unknown.</summary>
    public CameraGeoPose? GeoPose =>
        Location.Current is { Location: { } l, Heading: var heading } ? new CameraGeoPose(l, heading, Placement.Pitch, Placement.Roll) : null;

    /// <summary>The PTZ part (nodes, tours, GeoMove), set by the host before <see cref="Seal"/>.</summary>
    public CameraPtz? Ptz { get; set; }

    /// <summary>The Imaging part (settings, focus, alarms and their fault-injection switch), set by the host.</summary>
    public CameraImagingPart? Imaging { get; set; }

    /// <summary>The camera's optics and place from its OPF document (the embedded default unless <c>--camera</c>).</summary>
    public CameraOptics Optics { get; set; } = CameraOptics.Default;

    /// <summary>
    /// What the picture shows (pose, optics, imaging, masks, location, faults) from the PTZ and Imaging parts; set by
    /// the assembly.
    /// </summary>
    public ICameraViewState? ViewState { get; set; }

    /// <summary>
    /// Where the analysis of rendered frames reports detections: set by the assembly from the Imaging part (its
    /// alarm state machine); when left null the analysis publishes on <see cref="Events"/> itself.
    /// </summary>
    public IVideoAnalysisReporter? AnalysisReporter { get; set; }

    /// <summary>
    /// The configured and persisted privacy masks, pushed into <see cref="ViewState"/>; set by the assembly after the
    /// view state (null when the view state cannot show masks: the API then answers 404 for the camera).
    /// </summary>
    public Privacy.CameraPrivacyMasks? PrivacyMasks { get; set; }

    /// <summary>The camera's streams and video endpoints; set by the assembly after <see cref="Seal"/>.</summary>
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

    /// <summary>Registers the Media and Media2 services (with the PTZ part's configurations and the server's stream URIs) and Events.</summary>
    public void Seal(IStreamUris? streamUris)
    {
        if (_sealed) return;
        _sealed = true;
        Services.Add(new MediaService(Media, Ptz?.Catalog, streamUris, Onvif.Media.MediaOsdOperations.Create(Osds)));
        var masks = PrivacyMasks is { } privacy ? Onvif.Media2.Media2MaskOperations.Create(new Privacy.MediaMasks(privacy, Media)) : [];
        Services.Add(new Onvif.Media2.Media2Service(Media, Ptz?.Catalog, streamUris,
            new Onvif.Media2.Media2Extras([.. Onvif.Media2.Media2OsdOperations.Create(Osds), .. masks], Osd: true, Mask: masks.Count > 0, SourceMask: masks.Count > 0)));
        _parts.Add(new MediaChangeEvents(Media, Ptz?.Device.Nodes ?? [], Events, Time));
        foreach (var topic in MediaEventTopics.All) Topics.Add(topic);
        Services.Add(EventsService);
    }

    /// <summary>Restarts the simulated camera: motion stops (subscribers), subscriptions end, state reloads.</summary>
    public void Reboot()
    {
        Rebooting?.Invoke(this);
        EventsService.Reset();
        Settings.Reload();
        Network.Reload();
        Io.Reload();
        Users.Reload();
        Media.Reload();
        Osds.Reload();
        Location.Reload();
        PublishLastReboot();
        Rebooted?.Invoke(this);
    }

    // The SystemReboot handler must answer before the camera goes down.
    private void RequestReboot() => _ = Task.Run(Reboot);

    /// <summary>
    /// SetSystemFactoryDefault: every persisted setting of the camera goes (Soft keeps users and network settings),
    /// then the camera reboots and every part reloads its defaults. See <see cref="FactoryReset"/>.
    /// </summary>
    public void FactoryDefault(bool hard)
    {
        FactoryReset.Run(Store, hard);
        Reboot();
    }

    private void RequestFactoryDefault(bool hard) => _ = Task.Run(() => FactoryDefault(hard));

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
