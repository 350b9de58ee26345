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
/// serves, its layout (<see cref="Definition"/>) and media model (<see cref="Media"/>), and its parts. The constructor
/// builds everything in dependency order — the device core, then PTZ, Imaging, the view of the picture, the Media and
/// Events services, privacy masks and video, each from <see cref="CameraParts"/> (<see cref="CameraAssembly"/> supplies
/// them) — and nothing changes afterwards. A step that throws disposes every part built before it.
/// </summary>
public sealed class SimulatedCamera : IDisposable
{
    private readonly List<IDisposable> _parts = new();

    // Notify to push consumers: one client for every camera of the process; a consumer gets 10 s per attempt.
    private static readonly HttpClient NotifyClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    public SimulatedCamera(int number, CameraDefinition definition, DeviceIdentity identity, IStateStore store, TimeProvider time,
        IEnumerable<UserAccount> fixedUsers, SecurityOptions security, SoapLimits limits, EventsOptions events, CameraParts parts,
        Func<bool>? discoveryEnabled = null, Action<Exception>? log = null, HostClock.SeededRandom? random = null)
    {
        Random = random ?? HostClock.SeededRandom.Unseeded;
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
        Protocols = new NetworkProtocols(store);
        Users = new UserDirectory(store, fixedUsers);
        Optics = parts.Optics;
        Placement = parts.Placement;
        // Seeded from the configured placement; a value set through SetGeoLocation wins.
        Location = new CameraLocation(store, new CameraLocationValue(parts.Placement.Geolocation, parts.Placement.Yaw));
        Topics = new EventTopics();
        EventFaults = new EventFaults(Clock, Random.For($"camera-{number}/event-faults"), Camlab.Server.Faults.CameraFaults.Topic);
        _parts.Add(EventFaults);
        EventsService = new EventsService(Events, Topics, Clock, events, new HttpNotificationConsumer(NotifyClient), Random.For($"camera-{number}/subscriptions"),
            EventFaults);
        _parts.Add(new CellMotionDetector(Events, source => Media.VideoSourceConfigurations.FirstOrDefault(c => c.SourceToken == source)?.Token));
        Services.Add(new DeviceService(Settings, Users, Services, RequestReboot, discoveryEnabled,
            [.. DeviceNetworkOperations.Create(Network, Protocols, RequestFactoryDefault),
             .. DeviceGeoLocationOperations.Create(() => Location),
             DeviceAuxiliaryOperation.Create(() => Ptz?.Device.Nodes.FirstOrDefault(n => n.Definition.AuxiliaryCommands.Count > 0))]));
        Io = new CameraIo(store, Events, time, RelayOutputTokens, DigitalInputTokens);
        foreach (var load in definition.RelayLoads)
            if (!RelayOutputTokens.Contains(load.RelayToken))
                throw new ArgumentException($"relay '{load.RelayToken}' of the camera definition is not a relay output of the camera ({string.Join(", ", RelayOutputTokens)})");
        _parts.Add(Io);
        Topics.Add(new(CameraIo.RelayTopic, true, [new("RelayToken", "tt:ReferenceToken")], [new("LogicalState", "tt:RelayLogicalState")]));
        Topics.Add(new(CameraIo.DigitalInputTopic, true, [new("InputToken", "tt:ReferenceToken")], [new("LogicalState", "xs:boolean")]));
        Services.Add(new DeviceIoService(Io, () => Media.VideoSources.Select(s => s.Token).ToList()));
        Endpoint = new SoapEndpoint(Services, Users, Clock, security, BasePath, limits, log);
        PublishLastReboot();
        try
        {
            Ptz = Own(parts.Ptz(this));
            Imaging = Own(parts.Imaging(this));
            Faults = Own(parts.Faults(this));
            ViewState = parts.ViewState(this);
            AnalysisReporter = parts.AnalysisReporter(this);
            // Before the first frame renders (recording starts at once): no picture ever shows what a mask hides; and
            // before the Media services, Media2 serves the masks.
            PrivacyMasks = parts.PrivacyMasks(this);
            var streamUris = parts.StreamUris(this);
            Services.Add(new MediaService(Media, Ptz.Catalog, streamUris, Onvif.Media.MediaOsdOperations.Create(Osds)));
            var masks = PrivacyMasks is { } privacy ? Onvif.Media2.Media2MaskOperations.Create(new Privacy.MediaMasks(privacy, Media)) : [];
            Services.Add(new Onvif.Media2.Media2Service(Media, Ptz.Catalog, streamUris,
                new Onvif.Media2.Media2Extras([.. Onvif.Media2.Media2OsdOperations.Create(Osds), .. masks], Osd: true, Mask: masks.Count > 0, SourceMask: masks.Count > 0)));
            Own(new MediaChangeEvents(Media, Ptz.Device.Nodes, Events, Time));
            foreach (var topic in MediaEventTopics.All) Topics.Add(topic);
            Services.Add(EventsService);
            Video = parts.Video(this);
        }
        catch
        {
            Dispose();
            throw;
        }
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

    /// <summary>The host's random choices (tour order, noise, subscription ids), seeded by <c>--seed</c> (docs/clock.md): ask <c>For("camera-N/purpose")</c>.</summary>
    public HostClock.SeededRandom Random { get; }

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

    /// <summary>
    /// The protocols the camera serves with their real ports (the host fills it once it listens) and, for a camera with
    /// listeners of its own, the ports SetNetworkProtocols stored for the next reboot.
    /// </summary>
    public NetworkProtocols Protocols { get; }

    /// <summary>The camera's in-process event bus: the domain publishes, pull-point subscriptions listen.</summary>
    public EventBus Events { get; }

    public EventTopics Topics { get; }

    public DeviceSettings Settings { get; }

    public UserDirectory Users { get; }

    public OnvifServiceSet Services { get; } = new();

    public EventsService EventsService { get; }

    /// <summary>The event faults (delayed, dropped notifications; early expiry) between the bus and the subscriptions.</summary>
    public EventFaults EventFaults { get; }

    /// <summary>The camera's layout: sources, PTZ nodes, imaging, encoders, the profiles it starts with.</summary>
    public CameraDefinition Definition { get; }

    /// <summary>The media profiles and configurations (persisted in the camera's store).</summary>
    public MediaProfiles Media { get; }

    /// <summary>The text OSDs of the video source configurations (Media and Media2 OSD operations), drawn by the view state.</summary>
    public Device.Media.Osd.CameraOsds Osds { get; }

    public SoapEndpoint Endpoint { get; }

    /// <summary>
    /// Where the camera stands and its heading (Get/SetGeoLocation): GeoMove, the video channel's location header
    /// and OPF exports read it. Seeded from the configured placement.
    /// </summary>
    public CameraLocation Location { get; }

    /// <summary>How the mount is pitched and rolled; its yaw is <see cref="Location"/>'s heading.</summary>
    public CameraPlacement Placement { get; }

    /// <summary>The mount orientation now: the current heading, the placement's pitch and roll.</summary>
    public MountOrientation Mount => new(Location.Current.Heading, Placement.Pitch, Placement.Roll);

    /// <summary>The pose GeoMove aims from now; null while the location is unknown.</summary>
    public CameraGeoPose? GeoPose =>
        Location.Current is { Location: { } l, Heading: var heading } ? new CameraGeoPose(l, heading, Placement.Pitch, Placement.Roll) : null;

    /// <summary>The PTZ part (nodes, tours, GeoMove).</summary>
    public CameraPtz Ptz { get; }

    /// <summary>The Imaging part (settings, focus, alarms and their fault-injection switch).</summary>
    public CameraImagingPart Imaging { get; }

    /// <summary>The fault switch: Imaging conditions, DeviceIO inputs and the scheduled PTZ and network faults (docs/faults.md).</summary>
    public Faults.CameraFaults Faults { get; }

    /// <summary>The camera's optics and place from its OPF document (the embedded default unless <c>--camera</c>).</summary>
    public CameraOptics Optics { get; }

    /// <summary>What the picture shows (pose, optics, imaging, masks, location, faults) from the PTZ and Imaging parts.</summary>
    public ICameraViewState ViewState { get; }

    /// <summary>Where the analysis of rendered frames reports detections (the Imaging part's alarm state machine).</summary>
    public IVideoAnalysisReporter AnalysisReporter { get; }

    /// <summary>
    /// The configured and persisted privacy masks, pushed into <see cref="ViewState"/> (null when the view state
    /// cannot show masks: the API then answers 404 for the camera).
    /// </summary>
    public Privacy.CameraPrivacyMasks? PrivacyMasks { get; }

    /// <summary>The camera's streams and video endpoints.</summary>
    public CameraVideo? Video { get; }

    /// <summary>
    /// Raised by SystemReboot before the camera's own state reloads: subscribers stop motion and reload what they
    /// persist. Runs on a thread-pool thread after the SystemReboot response has been written.
    /// </summary>
    public event Action<SimulatedCamera>? Rebooting;

    /// <summary>Raised when the reboot is complete.</summary>
    public event Action<SimulatedCamera>? Rebooted;

    // A part the camera disposes on shutdown, in reverse order of construction.
    private T Own<T>(T part) where T : IDisposable
    {
        _parts.Add(part);
        return part;
    }

    /// <summary>Restarts the simulated camera: motion stops (subscribers), subscriptions end, state reloads.</summary>
    public void Reboot()
    {
        Rebooting?.Invoke(this);
        EventsService.Reset();
        Settings.Reload();
        Network.Reload();
        Protocols.Reload();
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
