using System.Net;
using System.Text;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>The host over real HTTP on loopback: routing, raw answers, hardening, authentication.</summary>
public class ServerTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";

    [Fact]
    public async Task Healthz_answers_200()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_GetSystemDateAndTime_answer_is_exactly_the_expected_bytes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 4, 1, 2, 3, TimeSpan.Zero));
        await using var server = await ServerHarness.StartAsync(time: time);
        var answer = await server.PostAsync("/onvif/device_service", $"<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetSystemDateAndTime xmlns=\"{Tds}\"/></s:Body></s:Envelope>");
        Assert.Equal(200, answer.Status);
        Assert.Equal("application/soap+xml; charset=utf-8", answer.ContentType);
        Assert.EndsWith(
            "<env:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>" +
            "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time>" +
            "<tt:Date><tt:Year>2026</tt:Year><tt:Month>7</tt:Month><tt:Day>4</tt:Day></tt:Date></tt:UTCDateTime><tt:LocalDateTime><tt:Time><tt:Hour>1</tt:Hour>" +
            "<tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>7</tt:Month><tt:Day>4</tt:Day></tt:Date></tt:LocalDateTime>" +
            "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>", answer.Text);
    }

    [Fact]
    public async Task Http_digest_from_HttpClient_is_accepted()
    {
        await using var server = await ServerHarness.StartAsync();
        using var handler = new HttpClientHandler { Credentials = new NetworkCredential("admin", ServerHarness.AdminPassword), PreAuthenticate = false };
        using var client = new HttpClient(handler) { BaseAddress = server.Host.BaseUri };
        var content = new StringContent(ServerHarness.Envelope($"<GetDeviceInformation xmlns=\"{Tds}\"/>"), Encoding.UTF8, "application/soap+xml");
        var response = await client.PostAsync("/onvif/device_service", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("<tds:Manufacturer>Camlab</tds:Manufacturer>", text);
    }

    [Fact]
    public async Task Hostile_documents_get_faults_and_the_server_stays_healthy()
    {
        await using var server = await ServerHarness.StartAsync();
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" +
                     ServerHarness.Envelope($"<GetScopes xmlns=\"{Tds}\">&c;</GetScopes>");
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>" + ServerHarness.Envelope($"<GetScopes xmlns=\"{Tds}\">&x;</GetScopes>");
        var deep = ServerHarness.Envelope(string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)));
        var huge = ServerHarness.Envelope($"<GetScopes xmlns=\"{Tds}\">" + new string('x', 4 * 1024 * 1024) + "</GetScopes>");
        foreach (var (name, text) in new[] { ("billion laughs", laughs), ("external entity", xxe), ("deep nesting", deep), ("oversized", huge) })
        {
            var answer = await server.PostAsync("/onvif/device_service", text);
            Assert.True(answer.Status == 400, $"{name}: {answer.Status} {answer.Text[..Math.Min(300, answer.Text.Length)]}");
            Assert.StartsWith("env:Sender", answer.FaultCodes);
        }
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/healthz")).StatusCode);
        (await server.CallAsync($"<GetDeviceInformation xmlns=\"{Tds}\"/>")).AssertOk();
    }

    [Fact]
    public async Task Refusals_over_http_carry_the_right_fault()
    {
        await using var server = await ServerHarness.StartAsync();
        var body = $"<GetDeviceInformation xmlns=\"{Tds}\"/>";

        var wrong = await server.PostAsync("/onvif/device_service", ServerHarness.Envelope(body, server.Token("admin", "wrong")));
        Assert.Equal((400, "env:Sender ter:NotAuthorized"), (wrong.Status, wrong.FaultCodes));

        var token = server.Token("admin", ServerHarness.AdminPassword);
        (await server.PostAsync("/onvif/device_service", ServerHarness.Envelope(body, token))).AssertOk();
        var replay = await server.PostAsync("/onvif/device_service", ServerHarness.Envelope(body, token));
        Assert.Equal((400, "env:Sender ter:NotAuthorized"), (replay.Status, replay.FaultCodes));

        var stale = await server.PostAsync("/onvif/device_service", ServerHarness.Envelope(body, server.Token("admin", ServerHarness.AdminPassword, DateTimeOffset.UtcNow.AddMinutes(-10))));
        Assert.Equal((400, "env:Sender ter:NotAuthorized"), (stale.Status, stale.FaultCodes));

        var level = await server.CallAsync($"<SystemReboot xmlns=\"{Tds}\"/>", user: "viewer", password: ServerHarness.ViewerPassword);
        Assert.Equal((400, "env:Sender ter:NotAuthorized"), (level.Status, level.FaultCodes));

        var anonymous = await server.CallAsync(body, user: null);
        Assert.Equal(401, anonymous.Status);
        Assert.Equal(2, anonymous.WwwAuthenticate.Count);
    }

    [Fact]
    public async Task Several_cameras_each_have_their_own_urls_identity_and_state()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 3);
        var first = await server.CallAsync($"<GetDeviceInformation xmlns=\"{Tds}\"/>");
        var third = await server.CallAsync($"<GetDeviceInformation xmlns=\"{Tds}\"/>", "/cameras/3/onvif/device_service");
        Assert.NotEqual(first.AssertOk().Value("SerialNumber"), third.AssertOk().Value("SerialNumber"));

        var services = await server.CallAsync($"<GetServices xmlns=\"{Tds}\"><IncludeCapability>false</IncludeCapability></GetServices>", "/cameras/3/onvif/device_service");
        Assert.All(services.Body.Descendants().Where(e => e.Name.LocalName == "XAddr"), x => Assert.StartsWith(server.Host.BaseUri.GetLeftPart(UriPartial.Authority) + "/cameras/3/onvif/", x.Value));

        (await server.CallAsync($"<SetDiscoveryMode xmlns=\"{Tds}\"><DiscoveryMode>NonDiscoverable</DiscoveryMode></SetDiscoveryMode>", "/cameras/2/onvif/device_service")).AssertOk();
        Assert.False(server.Host.Cameras[1].Settings.Discoverable);
        Assert.True(server.Host.Cameras[0].Settings.Discoverable);
        Assert.True(File.Exists(Path.Combine(server.Data, "camera-2", "device", "settings.json")));
        Assert.False(File.Exists(Path.Combine(server.Data, "camera-1", "device", "settings.json")));
    }

    [Theory]
    [InlineData("/onvif/analytics_service")]
    [InlineData("/cameras/4/onvif/device_service")]
    [InlineData("/cameras/x/onvif/device_service")]
    [InlineData("/nothing")]
    [InlineData("/api/v1/cameras/9/faults")]
    public async Task Unknown_paths_are_404(string path)
    {
        await using var server = await ServerHarness.StartAsync(cameras: 3);
        Assert.Equal(404, (await server.PostAsync(path, ServerHarness.Envelope($"<GetSystemDateAndTime xmlns=\"{Tds}\"/>"))).Status);
    }

    [Theory]
    [InlineData("GET", "/nothing", 404, null, "")]
    [InlineData("POST", "/cameras/4/onvif/device_service", 404, null, "")]
    [InlineData("POST", "/onvif/", 404, null, "")]
    [InlineData("GET", "/api/v1/cameras", 404, null, "")]
    [InlineData("GET", "/cameras/2/onvif/device_service", 405, "POST", "")]
    [InlineData("GET", "/api/v1/cameras/9/faults", 404, null, "{\"error\":\"no such resource: /api/v1/cameras/9/faults\"}")]
    [InlineData("GET", "/api/v1/cameras/1/faults/x", 404, null, "{\"error\":\"no such resource: /api/v1/cameras/1/faults/x\"}")]
    [InlineData("GET", "/api/v1/cameras/1/nothing", 404, null, "{\"error\":\"no such resource: /api/v1/cameras/1/nothing\"}")]
    [InlineData("PUT", "/api/v1/cameras/3/faults", 405, "GET, POST, DELETE", "{\"error\":\"PUT is not allowed\"}")] // before any challenge
    [InlineData("POST", "/api/v1/cameras/1/objects", 405, "GET", "{\"error\":\"POST is not allowed\"}")]
    [InlineData("GET", "/healthz", 200, null, "ok\n")]
    public async Task Paths_and_methods_no_route_serves_get_a_precise_answer(string method, string path, int status, string? allow, string body)
    {
        await using var server = await ServerHarness.StartAsync(cameras: 3);
        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(allow, response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Get_on_a_service_is_405()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.Client.GetAsync("/onvif/device_service");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task First_start_without_users_generates_and_keeps_an_admin_password()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        string password;
        await using (var server = await ServerHarness.StartAsync(users: false, data: data))
        {
            password = server.Host.Users.Users.Single(u => u.Name == "admin").Password;
            Assert.Equal(16, password.Length);
            Assert.Equal(password, File.ReadAllText(Path.Combine(data, "admin-password.txt")).Trim());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "admin-password.txt")));
            (await server.CallAsync($"<GetDeviceInformation xmlns=\"{Tds}\"/>", password: password)).AssertOk();
            Directory.CreateDirectory(data); // keep it for the second start
        }
        // DisposeAsync deleted the folder; a kept folder must give the same password: write it back and restart.
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "admin-password.txt"), password + "\n");
        await using var again = await ServerHarness.StartAsync(users: false, data: data);
        Assert.Equal(password, again.Host.Users.Users.Single().Password);
    }

    [Fact]
    public async Task Identity_survives_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        var first = await ServerHarness.StartAsync(data: data);
        var identity = first.Host.Cameras[0].Identity;
        await first.Host.DisposeAsync();
        await using var second = await ServerHarness.StartAsync(data: data);
        Assert.Equal(identity, second.Host.Cameras[0].Identity);
    }

    [Fact]
    public async Task SystemReboot_raises_the_reboot_hook_and_ends_subscriptions()
    {
        var rebooted = new TaskCompletionSource();
        var rebooting = 0;
        await using var server = await ServerHarness.StartAsync();
        server.Host.Cameras[0].Rebooting += _ => Interlocked.Increment(ref rebooting);
        server.Host.Cameras[0].Rebooted += _ => rebooted.TrySetResult();
        (await server.CallAsync("<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>", "/onvif/event_service")).AssertOk();
        Assert.Equal(1, server.Host.Cameras[0].EventsService.SubscriptionCount);
        (await server.CallAsync($"<SystemReboot xmlns=\"{Tds}\"/>")).AssertOk();
        await rebooted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, rebooting);
        Assert.Equal(0, server.Host.Cameras[0].EventsService.SubscriptionCount);
    }

    [RequiresSharedFact]
    public async Task Responses_over_http_validate()
    {
        await using var server = await ServerHarness.StartAsync();
        OnvifSchemaValidator.AssertValid((await server.CallAsync($"<GetCapabilities xmlns=\"{Tds}\"><Category>All</Category></GetCapabilities>")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await server.CallAsync("<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>", "/onvif/media_service")).AssertOk().Text);
    }
}

public class SimulatedCameraCompositionTests
{
    [Fact]
    public async Task Profiles_carry_the_PTZ_configurations_of_the_definition()
    {
        await using var server = await ServerHarness.StartAsync();
        var camera = server.Host.Cameras[0];
        Assert.Equal("PtzConfig_1", camera.Media.PtzConfigurationOf("Profile_1"));
        Assert.Null(camera.Media.PtzConfigurationOf("Profile_2"));
        Assert.Same(camera.Ptz!.Device.FindNode("PtzNode_1"), camera.Media.PtzNodeOf(camera.Ptz.Device, "Profile_1"));
        var refusal = Assert.Throws<Camlab.Device.Media.MediaException>(() => camera.Media.PtzNodeOf(camera.Ptz.Device, "Profile_9"));
        Assert.Equal(Camlab.Device.Media.MediaError.NoProfile, refusal.Error);
        var profiles = await server.CallAsync("<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>", "/onvif/media_service");
        Assert.Equal(2, profiles.AssertOk().Body.Descendants().Count(e => e.Name.LocalName == "PTZConfiguration"));
        var caps = await server.CallAsync("<GetServiceCapabilities xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>", "/onvif/media_service", user: null);
        Assert.Equal(Camlab.Server.Streaming.CameraVideo.Available ? "true" : "false", caps.AssertOk().Body.Elements().First().Attribute("SnapshotUri")!.Value);
    }
}

/// <summary>
/// The host wires the real PTZ and Imaging parts into every camera: GetServices and GetCapabilities advertise
/// them, profiles carry their PTZ configurations, their operations answer over HTTP.
/// </summary>
public class FullCameraCompositionTests
{
    [Fact]
    public async Task PTZ_and_Imaging_are_part_of_every_camera()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2);
        Assert.All(server.Host.Cameras, c => Assert.NotNull(c.Ptz));
        Assert.All(server.Host.Cameras, c => Assert.NotNull(c.Imaging));
        var services = await server.CallAsync("<GetServices xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><IncludeCapability>true</IncludeCapability></GetServices>", user: null);
        var namespaces = services.AssertOk().Body.Descendants().Where(e => e.Name.LocalName == "Namespace").Select(e => e.Value).ToList();
        Assert.Contains("http://www.onvif.org/ver20/ptz/wsdl", namespaces);
        Assert.Contains("http://www.onvif.org/ver20/imaging/wsdl", namespaces);
        var caps = await server.CallAsync("<GetCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Category>PTZ</Category></GetCapabilities>", user: null);
        Assert.EndsWith("/onvif/ptz_service", caps.AssertOk().Value("XAddr"));
        var profiles = await server.CallAsync("<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>", "/onvif/media_service");
        Assert.Equal(2, profiles.AssertOk().Body.Descendants().Count(e => e.Name.LocalName == "PTZConfiguration"));
        var nodes = await server.CallAsync("<GetNodes xmlns=\"http://www.onvif.org/ver20/ptz/wsdl\"/>", "/onvif/ptz_service");
        Assert.Contains("PtzNode_1", nodes.AssertOk().Text);
        if (Camlab.Testing.SharedRef.OnvifSchemaDirectory is not null)
        {
            Camlab.Testing.OnvifSchemaValidator.AssertValid(services.Text);
            Camlab.Testing.OnvifSchemaValidator.AssertValid(profiles.Text);
        }
    }
}
