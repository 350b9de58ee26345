using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Camlab.Onvif.Discovery;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>WS-Discovery over real UDP on loopback: unicast Probe and Resolve.</summary>
public class DiscoveryTests
{
    private const string D = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

    private static string Probe(string messageId, string inner) =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"" + D + "\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">" +
        "<s:Header><a:Action>" + D + "/Probe</a:Action><a:MessageID>" + messageId + "</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>" +
        "<s:Body>" + inner + "</s:Body></s:Envelope>";

    private static async Task<List<XDocument>> Exchange(int port, string datagram, int expected)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.UTF8.GetBytes(datagram), new IPEndPoint(IPAddress.Loopback, port));
        var replies = new List<XDocument>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (replies.Count < expected)
        {
            var received = await client.ReceiveAsync(timeout.Token);
            replies.Add(XDocument.Parse(Encoding.UTF8.GetString(received.Buffer)));
        }
        return replies;
    }

    [Fact]
    public async Task Probe_gets_one_ProbeMatch_per_camera_with_reachable_xaddrs()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2, discovery: true);
        var replies = await Exchange(server.Host.DiscoveryPort!.Value, Probe("urn:uuid:1", "<d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>"), 2);
        var origin = server.Host.BaseUri.GetLeftPart(UriPartial.Authority);
        var xaddrs = replies.Select(r => r.Descendants(XName.Get("XAddrs", D)).Single().Value).Order().ToList();
        Assert.Equal([origin + "/cameras/2/onvif/device_service", origin + "/onvif/device_service"], xaddrs);
        foreach (var reply in replies)
        {
            Assert.Single(reply.Descendants(XName.Get("ProbeMatch", D)));
            Assert.Contains("onvif://www.onvif.org/", reply.Descendants(XName.Get("Scopes", D)).Single().Value);
            Assert.Equal("urn:uuid:1", reply.Descendants().Single(e => e.Name.LocalName == "RelatesTo").Value);
        }
    }

    [Fact]
    public async Task Resolve_names_the_one_camera()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2, discovery: true);
        var epr = server.Host.Cameras[1].Identity.EndpointReference;
        var resolve = Probe("urn:uuid:2", $"<d:Resolve><a:EndpointReference><a:Address>{epr}</a:Address></a:EndpointReference></d:Resolve>").Replace("/Probe<", "/Resolve<");
        var reply = (await Exchange(server.Host.DiscoveryPort!.Value, resolve, 1)).Single();
        Assert.Equal(epr, reply.Descendants().First(e => e.Name.LocalName == "Address").Value);
        Assert.EndsWith("/cameras/2/onvif/device_service", reply.Descendants(XName.Get("XAddrs", D)).Single().Value);
    }

    [Fact]
    public void Probe_matching_follows_types_and_rfc3986_scopes()
    {
        var target = new DiscoveryTarget("urn:uuid:x", ["onvif://www.onvif.org/name/Camlab", "onvif://www.onvif.org/location/lab/room1"], "http://h/onvif/device_service", 1);
        XElement Parse(string inner) => WsDiscoveryMessages.Parse(Encoding.UTF8.GetBytes(Probe("urn:uuid:3", inner)))!.Body;
        Assert.True(WsDiscoveryMessages.Matches(Parse("<d:Probe/>"), target));
        Assert.True(WsDiscoveryMessages.Matches(Parse("<d:Probe><d:Scopes>onvif://www.onvif.org/location/lab</d:Scopes></d:Probe>"), target));
        Assert.False(WsDiscoveryMessages.Matches(Parse("<d:Probe><d:Scopes>onvif://www.onvif.org/location/la</d:Scopes></d:Probe>"), target));
        Assert.False(WsDiscoveryMessages.Matches(Parse("<d:Probe><d:Types xmlns:x=\"urn:other\">x:Printer</d:Types></d:Probe>"), target));
        Assert.True(WsDiscoveryMessages.Matches(Parse("<d:Probe><d:Types xmlns:t=\"http://www.onvif.org/ver10/device/wsdl\">t:Device</d:Types></d:Probe>"), target));
        Assert.Null(WsDiscoveryMessages.Parse(Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>")));
    }

    [RequiresSharedFact]
    public void Discovery_messages_validate_against_ws_discovery_schema()
    {
        var target = new DiscoveryTarget("urn:uuid:0a744696-4d75-46bf-ab2a-cdb81caaf912", ["onvif://www.onvif.org/name/Camlab"], "http://127.0.0.1:8080/onvif/device_service", 3);
        OnvifSchemaValidator.AssertValid(Encoding.UTF8.GetString(WsDiscoveryMessages.ProbeMatches(target, "urn:uuid:1", 7, 1)));
        OnvifSchemaValidator.AssertValid(Encoding.UTF8.GetString(WsDiscoveryMessages.ResolveMatches(target, "urn:uuid:1", 7, 2)));
        OnvifSchemaValidator.AssertValid(Encoding.UTF8.GetString(WsDiscoveryMessages.Hello(target, 7, 3)));
        OnvifSchemaValidator.AssertValid(Encoding.UTF8.GetString(WsDiscoveryMessages.Bye(target, 7, 4)));
    }
}

/// <summary>Hello on start and on a scope change, Bye on stop, silence when NonDiscoverable (announcements sent to a test socket).</summary>
public class DiscoveryAnnouncementTests
{
    private static Camlab.Server.Hosting.SimulatedCamera Camera(int number = 1) =>
        new(number, Camlab.Device.CameraDefinition.Default, new Camlab.Onvif.Device.DeviceIdentity("Camlab", "M", "1", "S" + number, "H", "Camlab PTZ " + number, Guid.NewGuid(), "camlab-" + number),
            new Camlab.Device.State.InMemoryStateStore(), TimeProvider.System, [], new Camlab.Onvif.Soap.SecurityOptions(), Camlab.Onvif.Soap.SoapLimits.Default,
            new Camlab.Onvif.Events.EventsOptions(), WithoutVideo);

    // Discovery reads the device core only: PTZ and Imaging as in production, a default picture, no video.
    private static readonly Camlab.Server.Hosting.CameraParts WithoutVideo = new(Camlab.Server.Optics.CameraOptics.Default,
        Camlab.Server.Hosting.CameraPlacement.Unknown, c => new Camlab.Server.Ptz.CameraPtz(c), c => new Camlab.Server.Imaging.CameraImagingPart(c, c.Ptz.Device, []),
        c => new Camlab.Server.Faults.CameraFaults(c, new Random(1)),
        _ => new Camlab.Server.Streaming.DefaultCameraViewState(), c => new Camlab.Server.Streaming.EventBusAnalysisReporter(c.Events), _ => null, _ => null, _ => null);

    private static async Task<XDocument> Next(UdpClient listener)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await listener.ReceiveAsync(timeout.Token);
        return XDocument.Parse(Encoding.UTF8.GetString(received.Buffer));
    }

    private static string Action(XDocument message) => message.Descendants().First(e => e.Name.LocalName == "Action").Value;

    [Fact]
    public async Task Hello_on_start_and_change_Bye_on_stop_nothing_when_non_discoverable()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var camera = Camera();
        var responder = new Camlab.Server.Discovery.WsDiscoveryResponder([camera], _ => "http://127.0.0.1:8080/onvif/device_service", IPAddress.Loopback, 0,
            _ => { }, (IPEndPoint)listener.Client.LocalEndPoint!);
        responder.Start();
        var hello = await Next(listener);
        Assert.EndsWith("/Hello", Action(hello));
        Assert.Equal("1", hello.Descendants().First(e => e.Name.LocalName == "MetadataVersion").Value);

        camera.Settings.AddScopes(["onvif://www.onvif.org/location/roof"]);
        var again = await Next(listener);
        Assert.EndsWith("/Hello", Action(again));
        Assert.Equal("2", again.Descendants().First(e => e.Name.LocalName == "MetadataVersion").Value);
        Assert.Contains("onvif://www.onvif.org/location/roof", again.Descendants().First(e => e.Name.LocalName == "Scopes").Value);

        await responder.StopAsync();
        Assert.EndsWith("/Bye", Action(await Next(listener)));
    }

    [Fact]
    public async Task Non_discoverable_camera_neither_answers_nor_says_bye()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (open, hidden) = (Camera(1), Camera(2));
        hidden.Settings.SetDiscoverable(false);
        var responder = new Camlab.Server.Discovery.WsDiscoveryResponder([open, hidden], c => $"http://127.0.0.1:8080{c.BasePath}/onvif/device_service", IPAddress.Loopback, 0,
            _ => { }, (IPEndPoint)listener.Client.LocalEndPoint!);
        responder.Start();
        var hello = await Next(listener);
        Assert.EndsWith("/Hello", Action(hello));
        Assert.Equal(open.Identity.EndpointReference, hello.Descendants().First(e => e.Name.LocalName == "Address").Value);

        var probe = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><s:Body><d:Probe/></s:Body></s:Envelope>";
        await listener.SendAsync(Encoding.UTF8.GetBytes(probe), new IPEndPoint(IPAddress.Loopback, responder.Port));
        var match = await Next(listener);
        Assert.EndsWith("/ProbeMatches", Action(match));
        Assert.Equal(open.Identity.EndpointReference, match.Descendants().First(e => e.Name.LocalName == "Address").Value);

        await responder.StopAsync();
        var bye = await Next(listener); // had the hidden camera answered, its ProbeMatch would come before this
        Assert.EndsWith("/Bye", Action(bye));
        Assert.Equal(open.Identity.EndpointReference, bye.Descendants().First(e => e.Name.LocalName == "Address").Value);
    }
}
