using Camlab.Device.State;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

public class DeviceServiceTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private readonly TestDevice _device = new();

    private static string CreateUser(string name, string password, string level) =>
        $"<CreateUsers xmlns=\"{Tds}\"><User><Username>{name}</Username><Password>{password}</Password><UserLevel>{level}</UserLevel></User></CreateUsers>";

    [Fact]
    public async Task GetServices_lists_exactly_the_registered_services_at_the_address_the_client_used()
    {
        var answer = await _device.CallAsync($"<GetServices xmlns=\"{Tds}\"><IncludeCapability>false</IncludeCapability></GetServices>",
            uri: new Uri("http://10.1.2.3:9000/onvif/device_service"));
        Assert.Equal(
            ["http://www.onvif.org/ver10/device/wsdl", "http://www.onvif.org/ver10/media/wsdl", "http://www.onvif.org/ver20/media/wsdl", "http://www.onvif.org/ver10/events/wsdl"],
            answer.All("Namespace").Select(e => e.Value));
        Assert.Equal(
            ["http://10.1.2.3:9000/onvif/device_service", "http://10.1.2.3:9000/onvif/media_service", "http://10.1.2.3:9000/onvif/media2_service", "http://10.1.2.3:9000/onvif/event_service"],
            answer.All("XAddr").Select(e => e.Value));
        Assert.Empty(answer.All("Capabilities"));
    }

    [Fact]
    public async Task GetCapabilities_omits_unregistered_services_and_refuses_to_name_them()
    {
        var all = await _device.CallAsync($"<GetCapabilities xmlns=\"{Tds}\"><Category>All</Category></GetCapabilities>");
        Assert.Empty(all.All("PTZ"));
        Assert.Empty(all.All("Imaging"));
        Assert.Single(all.All("Media"));
        var ptz = await _device.CallAsync($"<GetCapabilities xmlns=\"{Tds}\"><Category>PTZ</Category></GetCapabilities>");
        Assert.Equal("env:Receiver ter:ActionNotSupported ter:NoSuchService", ptz.FaultCodes);
    }

    [Fact]
    public async Task Users_are_created_persisted_changed_and_deleted()
    {
        (await _device.CallAsync(CreateUser("bob", "pw1", "Operator"))).AssertOk();
        Assert.Contains("bob", (await _device.CallAsync($"<GetUsers xmlns=\"{Tds}\"/>")).All("Username").Select(e => e.Value));
        Assert.Equal(UserLevel.Operator, new UserDirectory(_device.Store, []).Find("bob")!.Level);

        (await _device.CallAsync($"<SetUser xmlns=\"{Tds}\"><User><Username>bob</Username><Password>pw2</Password><UserLevel>User</UserLevel></User></SetUser>")).AssertOk();
        Assert.Equal(new UserAccount("bob", "pw2", UserLevel.User), new UserDirectory(_device.Store, []).Find("bob"));
        // bob can now log in with the new password.
        (await _device.PostRawAsync(System.Text.Encoding.UTF8.GetBytes(TestDevice.Envelope($"<GetScopes xmlns=\"{Tds}\"/>", _device.Token("bob", "pw2"))))).AssertOk();

        (await _device.CallAsync($"<DeleteUsers xmlns=\"{Tds}\"><Username>bob</Username></DeleteUsers>")).AssertOk();
        Assert.Null(new UserDirectory(_device.Store, []).Find("bob"));
    }

    [Fact]
    public async Task GetUsers_never_returns_passwords()
    {
        var answer = await _device.CallAsync($"<GetUsers xmlns=\"{Tds}\"/>");
        Assert.Empty(answer.All("Password"));
        Assert.DoesNotContain(TestDevice.AdminPassword, answer.Text);
    }

    [Theory]
    [InlineData("admin", "x", "User", "env:Sender ter:OperationProhibited ter:UsernameClash")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", "x", "User", "env:Sender ter:OperationProhibited ter:UsernameTooLong")]
    [InlineData("carol", "", "User", "env:Sender ter:OperationProhibited ter:PasswordTooWeak")]
    [InlineData("carol", "x", "Anonymous", "env:Sender ter:OperationProhibited ter:AnonymousNotAllowed")]
    public async Task CreateUsers_faults(string name, string password, string level, string codes)
    {
        var answer = await _device.CallAsync(CreateUser(name, password, level));
        Assert.Equal(codes, answer.FaultCodes);
        Assert.Null(_device.Store.Read(UserDirectory.DocumentName));
    }

    [Fact]
    public async Task CreateUsers_is_all_or_nothing()
    {
        var answer = await _device.CallAsync($"<CreateUsers xmlns=\"{Tds}\"><User><Username>dave</Username><Password>p</Password><UserLevel>User</UserLevel></User>" +
                                             "<User><Username>dave</Username><Password>p</Password><UserLevel>User</UserLevel></User></CreateUsers>");
        Assert.Equal("env:Sender ter:OperationProhibited ter:UsernameClash", answer.FaultCodes);
        Assert.Null(_device.Users.Find("dave"));
    }

    [Fact]
    public async Task Configured_users_are_fixed_and_unknown_users_missing()
    {
        Assert.Equal("env:Sender ter:InvalidArgVal ter:FixedUser", (await _device.CallAsync($"<DeleteUsers xmlns=\"{Tds}\"><Username>admin</Username></DeleteUsers>")).FaultCodes);
        Assert.Equal("env:Sender ter:InvalidArgVal ter:UsernameMissing", (await _device.CallAsync($"<DeleteUsers xmlns=\"{Tds}\"><Username>nobody</Username></DeleteUsers>")).FaultCodes);
        Assert.Equal("env:Sender ter:OperationProhibited ter:FixedUser",
            (await _device.CallAsync($"<SetUser xmlns=\"{Tds}\"><User><Username>admin</Username><Password>x</Password><UserLevel>User</UserLevel></User></SetUser>")).FaultCodes);
    }

    [Fact]
    public async Task Scopes_set_add_remove_persist_and_protect_fixed_scopes()
    {
        (await _device.CallAsync($"<SetScopes xmlns=\"{Tds}\"><Scopes>onvif://www.onvif.org/location/lab</Scopes><Scopes>onvif://www.onvif.org/name/x</Scopes></SetScopes>")).AssertOk();
        (await _device.CallAsync($"<AddScopes xmlns=\"{Tds}\"/>")).AssertFault("env:Sender ter:InvalidArgs");
        (await _device.CallAsync($"<AddScopes xmlns=\"{Tds}\"><ScopeItem>onvif://www.onvif.org/location/roof</ScopeItem></AddScopes>")).AssertOk();
        var scopes = await _device.CallAsync($"<GetScopes xmlns=\"{Tds}\"/>");
        var configurable = scopes.All("Scopes").Where(s => s.Elements().First().Value == "Configurable").Select(s => s.Elements().Last().Value).ToList();
        Assert.Equal(["onvif://www.onvif.org/location/lab", "onvif://www.onvif.org/name/x", "onvif://www.onvif.org/location/roof"], configurable);
        Assert.Equal(configurable, new Camlab.Onvif.Device.DeviceSettings(_device.Store, _device.Identity).ConfigurableScopes);

        var fixedScope = _device.Identity.FixedScopes[0];
        Assert.Equal("env:Sender ter:OperationProhibited ter:FixedScope",
            (await _device.CallAsync($"<RemoveScopes xmlns=\"{Tds}\"><ScopeItem>{fixedScope}</ScopeItem></RemoveScopes>")).FaultCodes);
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoScope",
            (await _device.CallAsync($"<RemoveScopes xmlns=\"{Tds}\"><ScopeItem>onvif://www.onvif.org/location/lab</ScopeItem><ScopeItem>onvif://nope/x</ScopeItem></RemoveScopes>")).FaultCodes);
        Assert.Contains("onvif://www.onvif.org/location/lab", _device.Settings.ConfigurableScopes); // nothing removed
        var removed = await _device.CallAsync($"<RemoveScopes xmlns=\"{Tds}\"><ScopeItem>onvif://www.onvif.org/location/lab</ScopeItem></RemoveScopes>");
        Assert.Equal(["onvif://www.onvif.org/location/lab"], removed.AssertOk().All("ScopeItem").Select(e => e.Value));
    }

    [Fact]
    public async Task Discovery_mode_round_trips_and_persists()
    {
        (await _device.CallAsync($"<SetDiscoveryMode xmlns=\"{Tds}\"><DiscoveryMode>NonDiscoverable</DiscoveryMode></SetDiscoveryMode>")).AssertOk();
        Assert.Equal("NonDiscoverable", (await _device.CallAsync($"<GetDiscoveryMode xmlns=\"{Tds}\"/>")).Value("DiscoveryMode"));
        Assert.False(new Camlab.Onvif.Device.DeviceSettings(_device.Store, _device.Identity).Discoverable);
        (await _device.CallAsync($"<SetDiscoveryMode xmlns=\"{Tds}\"><DiscoveryMode>Sometimes</DiscoveryMode></SetDiscoveryMode>")).AssertFault("env:Sender ter:InvalidArgs");
    }

    [Fact]
    public async Task Network_interface_reports_the_address_the_client_reached()
    {
        var answer = await _device.CallAsync($"<GetNetworkInterfaces xmlns=\"{Tds}\"/>", uri: new Uri("http://192.168.7.20:8080/onvif/device_service"));
        Assert.Equal("192.168.7.20", answer.Value("Address"));
        Assert.Equal(_device.Identity.MacAddress, answer.Value("HwAddress"));
    }

    [Fact]
    public async Task SystemReboot_answers_then_reboots()
    {
        var answer = await _device.CallAsync($"<SystemReboot xmlns=\"{Tds}\"/>");
        answer.AssertOk();
        Assert.Equal(1, _device.Reboots);
    }

    [Fact]
    public async Task Device_information_is_the_identity()
    {
        var answer = await _device.CallAsync($"<GetDeviceInformation xmlns=\"{Tds}\"/>");
        Assert.Equal(["Camlab", "Camlab Virtual PTZ", "1.0.0", "CL0000000001", "CLV-PTZ-1"], answer.Body.Elements().Select(e => e.Value));
    }
}

public static class AnswerAssertions
{
    public static void AssertFault(this SoapAnswer answer, string codes) => Assert.Equal(codes, answer.FaultCodes);
}
