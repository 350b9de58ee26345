using System.Text;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device;
using Camlab.Device.Events;
using Camlab.Device.Media;
using Camlab.Device.State;
using Camlab.Onvif.Device;
using Camlab.Onvif.Events;
using Camlab.Onvif.Media;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Support;

/// <summary>Writes the PTZ configurations of the default camera's two nodes as the PTZ service would, in short.</summary>
public sealed class FakePtzCatalog : IPtzConfigurationWriter
{

    public void WriteConfigurationContent(XmlWriter w, string token)
    {
        w.WriteAttributeString("token", token);
        w.WriteElementString("Name", OnvifNamespaces.Schema, token);
        w.WriteElementString("UseCount", OnvifNamespaces.Schema, "1");
        w.WriteElementString("NodeToken", OnvifNamespaces.Schema, token == "PtzConfig_1" ? "PtzNode_1" : "PtzNode_2");
    }
}

/// <summary>
/// A camera's SOAP endpoint without a web server: Device, Media (with a PTZ catalog unless told otherwise) and
/// Events over in-memory state and a fake clock; requests are raw envelopes, answers raw bytes.
/// </summary>
public sealed class TestDevice
{
    public const string Admin = "admin";
    public const string AdminPassword = "admin-secret";
    public const string Operator = "op";
    public const string OperatorPassword = "op-secret";
    public const string Viewer = "viewer";
    public const string ViewerPassword = "viewer-secret";

    public static readonly Uri DeviceUri = new("http://127.0.0.1:8080/onvif/device_service");

    public TestDevice(bool withPtz = true, bool authentication = true, IStateStore? store = null, bool withIo = false, IStreamUris? uris = null)
    {
        Uris = uris;
        Store = store ?? new InMemoryStateStore();
        Identity = new DeviceIdentity("Camlab", "Camlab Virtual PTZ", "1.0.0", "CL0000000001", "CLV-PTZ-1", "Camlab PTZ 1",
            Guid.Parse("0a744696-4d75-46bf-ab2a-cdb81caaf912"), "camlab-1");
        Settings = new DeviceSettings(Store, Identity);
        Users = new UserDirectory(Store,
        [
            new UserAccount(Admin, AdminPassword, UserLevel.Administrator),
            new UserAccount(Operator, OperatorPassword, UserLevel.Operator),
            new UserAccount(Viewer, ViewerPassword, UserLevel.User),
        ]);
        Clock = new Camlab.Device.Clock.CameraClock(Time);
        Bus = new EventBus(() => Clock.Offset);
        Network = new NetworkConfiguration(Store, Identity, Clock);
        Protocols.Set(new NetworkProtocol("HTTP", true, [8080]));
        EventFaults = new EventFaults(Clock, new Random(7), "Camlab/Fault");
        Events = new EventsService(Bus, Topics, Clock, new EventsOptions { Push = new PushDeliveryOptions { Retries = 2, FirstRetryDelay = TimeSpan.FromSeconds(1) } }, Consumer,
            faults: EventFaults);
        Location = new Camlab.Device.Geo.CameraLocation(Store, new(new Camlab.Device.Ptz.Geo.GeoLocation(52.52, 13.405, 34), 30));
        Services.Add(new DeviceService(Settings, Users, Services, () => Reboots++, null,
            [.. DeviceNetworkOperations.Create(Network, Protocols, hard => FactoryDefaults.Add(hard)), .. DeviceGeoLocationOperations.Create(() => Location)]));
        Media = new MediaProfiles(withPtz ? CameraDefinition.Default : CameraDefinition.Default.WithoutPtz(), Store);
        Services.Add(new MediaService(Media, withPtz ? new FakePtzCatalog() : null, Uris));
        Services.Add(new Camlab.Onvif.Media2.Media2Service(Media, withPtz ? new FakePtzCatalog() : null, Uris));
        Services.Add(Events);
        MediaEvents = new MediaChangeEvents(Media, [], Bus, Time);
        foreach (var topic in MediaEventTopics.All) Topics.Add(topic);
        // DeviceIO publishes its relay and input states as properties: only the tests that want them get them.
        if (withIo) Io = new Camlab.Device.IO.CameraIo(Store, Bus, Time, ["RelayOutput_1"], ["DigitalInput_1"]);
        if (Io is not null) Services.Add(new Camlab.Onvif.DeviceIO.DeviceIoService(Io, () => Media.VideoSources.Select(s => s.Token).ToList()));
        Endpoint = new SoapEndpoint(Services, Users, Clock, new SecurityOptions { AuthenticationRequired = authentication }, "", null, e => Errors.Add(e));
        Soap = new SoapTestClient(Endpoint, DeviceUri, Clock, PasswordOf, Errors, Admin);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));
    public IStateStore Store { get; }
    public Camlab.Device.Geo.CameraLocation Location { get; }
    public DeviceIdentity Identity { get; }
    public DeviceSettings Settings { get; }
    public UserDirectory Users { get; }
    public EventBus Bus { get; }
    public Camlab.Device.Clock.CameraClock Clock { get; }
    public NetworkConfiguration Network { get; }
    public NetworkProtocols Protocols { get; } = new();
    public List<bool> FactoryDefaults { get; } = new();
    public RecordingConsumer Consumer { get; } = new();
    public Camlab.Device.IO.CameraIo? Io { get; }
    public EventTopics Topics { get; } = new();
    public EventsService Events { get; }
    /// <summary>The event faults between the bus and the subscriptions (seeded: a test's draws repeat).</summary>
    public EventFaults EventFaults { get; }
    public MediaProfiles Media { get; }
    public IStreamUris? Uris { get; }
    public MediaChangeEvents MediaEvents { get; }
    public OnvifServiceSet Services { get; } = new();
    public SoapEndpoint Endpoint { get; }
    public SoapTestClient Soap { get; }
    public int Reboots { get; private set; }
    public List<Exception> Errors { get; } = new();

    public static string Envelope(string body, string? header = null) => SoapMessages.Envelope(body, header);

    /// <summary>A WS-Security UsernameToken with PasswordDigest, created now by our clock unless told otherwise.</summary>
    public string Token(string user, string password, DateTimeOffset? created = null, byte[]? nonce = null) =>
        Soap.Token(user, password, created, nonce);

    public Task<SoapAnswer> PostRawAsync(byte[] body, Uri? uri = null, string? authorization = null, CancellationToken cancel = default) =>
        Soap.PostAsync(body, uri, authorization, cancel);

    /// <summary>Posts a body element as the given user (null: anonymous).</summary>
    public Task<SoapAnswer> CallAsync(string bodyElement, string? user = Admin, Uri? uri = null, CancellationToken cancel = default) =>
        Soap.CallAsync(bodyElement, user, uri, cancel);

    /// <summary>Calls, asserts success and validates the answer against the schemas when ../shared is there.</summary>
    public Task<SoapAnswer> OkAsync(string bodyElement, string? user = Admin) => Soap.OkAsync(bodyElement, user);

    /// <summary>Calls, asserts the fault codes and validates the fault when ../shared is there.</summary>
    public Task FaultAsync(string bodyElement, string codes) => Soap.FaultAsync(bodyElement, codes, Admin);

    /// <summary>An endpoint of this device's users and clock serving <paramref name="operations"/> as one service of <paramref name="ns"/>.</summary>
    public SoapTestClient ClientFor(string ns, IReadOnlyList<SoapOperation> operations) =>
        SoapTestClient.ForOperations(ns, operations, Clock, Users, PasswordOf);

    public static string PasswordOf(string user) => user switch
    {
        Admin => AdminPassword,
        Operator => OperatorPassword,
        Viewer => ViewerPassword,
        _ => "unknown",
    };
}

/// <summary>A push consumer in memory: records every Notify envelope, or fails while <see cref="Failing"/>.</summary>
public sealed class RecordingConsumer : INotificationConsumer
{
    private readonly System.Threading.Channels.Channel<string> _received = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public volatile bool Failing;
    public int Attempts;

    public Task SendAsync(Uri consumer, byte[] envelope, CancellationToken cancel)
    {
        Interlocked.Increment(ref Attempts);
        if (Failing) throw new HttpRequestException("consumer is down");
        _received.Writer.TryWrite(Encoding.UTF8.GetString(envelope));
        return Task.CompletedTask;
    }

    /// <summary>The next Notify envelope (the sender runs on its own task; this waits on I/O, not on simulated time).</summary>
    public async Task<string> NextAsync() => await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public bool TryNext(out string envelope) => _received.Reader.TryRead(out envelope!);
}
