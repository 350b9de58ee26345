using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>
/// Each camera its own device (<c>--port-per-camera</c>, <c>--bind-per-camera</c>): own identity, own address and
/// ports with every path at the root, and everything it reports naming them; SetNetworkProtocols moves its listener at
/// SystemReboot.
/// </summary>
public class OwnListenerTests
{
    private const string Device = "/onvif/device_service";

    // Camera n on 127.0.0.n (all of 127/8 is loopback on Linux), free ports.
    private static Task<ServerHarness> StartAsync(int cameras, bool discovery = false, string? data = null) =>
        ServerHarness.StartAsync(cameras: cameras, discovery: discovery, data: data,
            configure: o => o with { OwnListeners = new OwnListenerOptions { HttpBase = 0, Bind = ["127.0.0.N"] } });

    private static string Own(ServerHarness server, int camera) => server.Host.Listeners[camera].Origin!;

    [RequiresSharedFact]
    public async Task Two_cameras_of_one_host_are_two_devices_each_answering_at_its_own_root()
    {
        await using var server = await StartAsync(cameras: 2);
        var seen = new List<(string Serial, string Uuid, string Mac, string Hostname)>();
        for (var n = 1; n <= 2; n++)
        {
            var origin = Own(server, n);
            Assert.Equal($"127.0.0.{n}", new Uri(origin).Host);
            Assert.NotEqual(server.Host.BaseUri.Port, new Uri(origin).Port);

            var info = await server.Ok(origin + Device, Op("tds:GetDeviceInformation"));
            var interfaces = await server.Ok(origin + Device, Op("tds:GetNetworkInterfaces"));
            var hostname = (await server.Ok(origin + Device, Op("tds:GetHostname"))).Find("Name").Value;
            seen.Add((info.Find("SerialNumber").Value, server.Host.Cameras[n - 1].Identity.EndpointReference, interfaces.Find("HwAddress").Value, hostname));
            // The interface reports the address the camera was reached on: its own.
            Assert.Equal($"127.0.0.{n}", interfaces.Find("Address").Value);

            // Every XAddr is the camera's own origin with the path at the root.
            var services = await server.Ok(origin + Device, Op("tds:GetServices", "<tds:IncludeCapability>false</tds:IncludeCapability>"));
            var xaddrs = services.Descendants().Where(e => e.Name.LocalName == "XAddr").Select(e => e.Value).ToList();
            Assert.NotEmpty(xaddrs);
            Assert.All(xaddrs, x => Assert.StartsWith(origin + "/onvif/", x));
            var capabilities = await server.Ok(origin + Device, Op("tds:GetCapabilities", "<tds:Category>All</tds:Category>"));
            Assert.All(capabilities.Descendants().Where(e => e.Name.LocalName == "XAddr").Select(e => e.Value), x => Assert.StartsWith(origin + "/onvif/", x));

            // The ports it reports are the ones it listens on.
            var protocols = (await server.Ok(origin + Device, Op("tds:GetNetworkProtocols"))).Descendants().Where(e => e.Name.LocalName == "NetworkProtocols")
                .ToDictionary(p => p.Find("Name").Value, p => int.Parse(p.Find("Port").Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new Uri(origin).Port, protocols["HTTP"]);

            if (CameraVideo.Available)
            {
                var rtsp = server.Host.Listeners[n].Rtsp!;
                Assert.Equal(rtsp.EndPoint.Port, protocols["RTSP"]);
                var uri = (await server.Ok(origin + "/onvif/media_service", "<trt:GetStreamUri " + Ns + "><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>" +
                    "<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>Profile_1</trt:ProfileToken></trt:GetStreamUri>")).Find("Uri").Value;
                Assert.Equal($"rtsp://127.0.0.{n}:{rtsp.EndPoint.Port}/Profile_1", uri);
                var snapshot = (await server.Ok(origin + "/onvif/media_service", Op("trt:GetSnapshotUri", "<trt:ProfileToken>Profile_1</trt:ProfileToken>"))).Find("Uri").Value;
                Assert.Equal(origin + "/snapshot/Profile_1.jpg", snapshot);
            }
        }
        Assert.Equal(2, seen.Select(s => s.Serial).Distinct().Count());
        Assert.Equal(2, seen.Select(s => s.Uuid).Distinct().Count());
        Assert.Equal(2, seen.Select(s => s.Mac).Distinct().Count());
        Assert.Equal(2, seen.Select(s => s.Hostname).Distinct().Count());

        // Camera 2's own listener serves camera 2 only: no other camera's paths.
        var other = await server.PostAsync(Own(server, 2) + "/cameras/2" + Device, ServerHarness.Envelope(Op("tds:GetDeviceInformation")));
        Assert.Equal(404, other.Status);
        // The shared listener still serves every camera, at its base path.
        Assert.Equal(seen[1].Serial, (await server.Ok("/cameras/2" + Device, Op("tds:GetDeviceInformation"))).Find("SerialNumber").Value);
    }

    [Fact]
    public async Task A_soap_request_on_a_cameras_own_port_is_counted_under_that_camera()
    {
        await using var server = await StartAsync(cameras: 2);
        await server.Ok(Own(server, 2) + Device, Op("tds:GetDeviceInformation"));
        await server.Ok(Own(server, 2) + Device, Op("tds:GetDeviceInformation"));
        // A wrong password: a fault of the operation the body named.
        Assert.NotEqual(200, (await server.CallAsync(Op("tds:GetDeviceInformation"), path: Own(server, 2) + Device, password: "wrong")).Status);

        var metrics = await Observability.MetricsText.ScrapeAsync(server.Host.BaseUri);
        string[] own = ["camera=\"2\"", "service=\"device_service\"", "operation=\"GetDeviceInformation\""];
        Assert.Equal(3, metrics.Value("camlab_soap_requests_total", own));
        Assert.Equal(1, metrics.Value("camlab_soap_faults_total", own));
        // Nothing of it is counted under camera 1, whose own port was not asked.
        Assert.Null(metrics.Value("camlab_soap_requests_total", "camera=\"1\"", "operation=\"GetDeviceInformation\""));
    }

    [Fact]
    public async Task A_probe_gets_one_match_per_camera_with_its_own_xaddrs()
    {
        await using var server = await StartAsync(cameras: 2, discovery: true);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        const string d = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
        var probe = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"" + d + "\">" +
            "<s:Header><a:Action>" + d + "/Probe</a:Action><a:MessageID>urn:uuid:7</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>" +
            "<s:Body><d:Probe/></s:Body></s:Envelope>";
        await client.SendAsync(Encoding.UTF8.GetBytes(probe), new IPEndPoint(IPAddress.Loopback, server.Host.DiscoveryPort!.Value));
        var matches = new Dictionary<string, string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (matches.Count < 2)
        {
            var reply = XDocument.Parse(Encoding.UTF8.GetString((await client.ReceiveAsync(timeout.Token)).Buffer));
            matches.Add(reply.Descendants().First(e => e.Name.LocalName == "Address").Value, reply.Descendants(XName.Get("XAddrs", d)).Single().Value);
        }
        foreach (var camera in server.Host.Cameras)
            Assert.Equal(Own(server, camera.Number) + Device, matches[camera.Identity.EndpointReference]);
    }

    private static int FreePort(IPAddress address)
    {
        var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static string SetHttp(int port) =>
        Op("tds:SetNetworkProtocols", $"<tds:NetworkProtocols><tt:Name>HTTP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>{port}</tt:Port></tds:NetworkProtocols>");

    private static Dictionary<string, (bool Enabled, int Port)> Protocols(XElement answer) =>
        answer.Descendants().Where(e => e.Name.LocalName == "NetworkProtocols").ToDictionary(p => p.Find("Name").Value,
            p => (p.Find("Enabled").Value == "true", int.Parse(p.Find("Port").Value, System.Globalization.CultureInfo.InvariantCulture)));

    private static string SetHttp(int port, bool enabled) =>
        Op("tds:SetNetworkProtocols", $"<tds:NetworkProtocols><tt:Name>HTTP</tt:Name><tt:Enabled>{(enabled ? "true" : "false")}</tt:Enabled><tt:Port>{port}</tt:Port></tds:NetworkProtocols>");

    // ONVIF Base Device Test Specification DEVICE-2-1-34: set a protocol's port, read it back with GetNetworkProtocols;
    // disable it, read Enabled=false back; restore the original settings.
    [RequiresSharedFact]
    public async Task GetNetworkProtocols_answers_what_SetNetworkProtocols_stored_until_the_reboot_applies_it()
    {
        await using var server = await StartAsync(cameras: 1);
        var camera = server.Host.Cameras[0];
        var origin = Own(server, 1);
        var original = Protocols(await server.Ok(origin + Device, Op("tds:GetNetworkProtocols")));
        Assert.Equal((true, new Uri(origin).Port), original["HTTP"]);

        var port = FreePort(server.Host.Listeners[1].Address);
        await server.Ok(origin + Device, SetHttp(port, enabled: true));
        var set = Protocols(await server.Ok(origin + Device, Op("tds:GetNetworkProtocols")));
        Assert.Equal((true, port), set["HTTP"]);
        if (original.TryGetValue("RTSP", out var rtsp)) Assert.Equal(rtsp, set["RTSP"]); // untouched

        // Disabled: still answered on the port it serves (the change waits for SystemReboot), reported as set.
        await server.Ok(origin + Device, SetHttp(port, enabled: false));
        Assert.Equal((false, port), Protocols(await server.Ok(origin + Device, Op("tds:GetNetworkProtocols")))["HTTP"]);

        // Restoring the original settings leaves nothing pending.
        await server.Ok(origin + Device, SetHttp(original["HTTP"].Port, enabled: true));
        Assert.Empty(camera.Protocols.Pending);
        Assert.Equal(original, Protocols(await server.Ok(origin + Device, Op("tds:GetNetworkProtocols"))));
    }

    [RequiresSharedFact]
    public async Task SetNetworkProtocols_moves_the_camera_to_its_new_port_at_SystemReboot_and_keeps_it_after_a_restart()
    {
        await using var server = await StartAsync(cameras: 2);
        {
            var camera = server.Host.Cameras[1];
            var listener = server.Host.Listeners[2];
            var before = Own(server, 2);

            // A port another listener holds is refused at Set time and nothing is stored.
            var taken = new TcpListener(listener.Address, 0);
            taken.Start();
            try
            {
                Assert.Equal("env:Sender ter:InvalidArgVal ter:PortAlreadyInUse",
                    await server.Fault(before + Device, SetHttp(((IPEndPoint)taken.LocalEndpoint).Port)));
            }
            finally { taken.Stop(); }
            Assert.Null(camera.Protocols.Configured);

            var moved = FreePort(listener.Address);
            await server.Ok(before + Device, SetHttp(moved));
            // Stored and pending: GetNetworkProtocols answers what was set, the camera still serves (and its XAddrs
            // name) the old port until it reboots.
            Assert.Equal(moved, Assert.Single(camera.Protocols.Pending).Ports[0]);
            Assert.Equal(moved, Protocols(await server.Ok(before + Device, Op("tds:GetNetworkProtocols")))["HTTP"].Port);
            Assert.All((await server.Ok(before + Device, Op("tds:GetServices", "<tds:IncludeCapability>false</tds:IncludeCapability>")))
                .Descendants().Where(e => e.Name.LocalName == "XAddr"), x => Assert.StartsWith(before + "/onvif/", x.Value));

            var rebooted = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
            camera.Rebooted += _ => rebooted.TrySetResult(listener.Applied);
            await server.Ok(before + Device, Op("tds:SystemReboot"));
            await (await rebooted.Task.WaitAsync(TimeSpan.FromSeconds(30))).WaitAsync(TimeSpan.FromSeconds(30));

            var after = $"http://{listener.Address}:{moved}";
            Assert.Equal(after, Own(server, 2));
            Assert.Empty(camera.Protocols.Pending);
            var info = await server.Ok(after + Device, Op("tds:GetDeviceInformation"));
            Assert.Equal(camera.Identity.SerialNumber, info.Find("SerialNumber").Value);
            Assert.Equal(moved.ToString(System.Globalization.CultureInfo.InvariantCulture), (await server.Ok(after + Device, Op("tds:GetNetworkProtocols"))).Find("Port").Value);
            Assert.All((await server.Ok(after + Device, Op("tds:GetServices", "<tds:IncludeCapability>false</tds:IncludeCapability>")))
                .Descendants().Where(e => e.Name.LocalName == "XAddr"), x => Assert.StartsWith(after + "/onvif/", x.Value));
            await Assert.ThrowsAsync<HttpRequestException>(() => server.PostAsync(before + Device, ServerHarness.Envelope(Op("tds:GetSystemDateAndTime"))));
            // Camera 1 did not move.
            Assert.Equal(200, (await server.PostAsync(Own(server, 1) + Device, ServerHarness.Envelope(Op("tds:GetSystemDateAndTime")))).Status);

            // Like a real camera it keeps its configured port when the host restarts (the first host lets the port go).
            await listener.DisposeAsync();
            await using var restarted = await StartAsync(cameras: 2, data: server.Data);
            Assert.Equal(moved, restarted.Host.Listeners[2].Http!.Port);
            Assert.Equal(200, (await restarted.PostAsync(Own(restarted, 2) + Device, ServerHarness.Envelope(Op("tds:GetSystemDateAndTime")))).Status);
        }
    }
}
