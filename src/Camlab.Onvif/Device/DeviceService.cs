using System.Net;
using System.Xml;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// The ONVIF device management service (tds, ONVIF core 8): time, services and capabilities, identity, scopes,
/// hostname, network interfaces, users, discovery mode and reboot. Stateless handlers over
/// <see cref="DeviceSettings"/>, <see cref="UserDirectory"/> and the camera's <see cref="OnvifServiceSet"/>.
/// </summary>
public sealed class DeviceService : IOnvifService
{
    private readonly DeviceSettings _settings;
    private readonly UserDirectory _users;
    private readonly OnvifServiceSet _services;
    private readonly Action _reboot;
    private readonly Func<bool> _discoveryEnabled;
    private readonly Func<IReadOnlyList<Media.NetworkProtocol>>? _networkProtocols;

    /// <param name="reboot">Restarts the simulated camera; called after the SystemReboot response is written.</param>
    /// <param name="discoveryEnabled">Whether WS-Discovery runs on this host (capabilities report Resolve/Bye).</param>
    /// <param name="networkProtocols">The protocols and ports the host serves (GetNetworkProtocols); null leaves the operation out.</param>
    public DeviceService(DeviceSettings settings, UserDirectory users, OnvifServiceSet services, Action reboot, Func<bool>? discoveryEnabled = null,
        Func<IReadOnlyList<Media.NetworkProtocol>>? networkProtocols = null)
    {
        _networkProtocols = networkProtocols;
        _settings = settings;
        _users = users;
        _services = services;
        _reboot = reboot;
        _discoveryEnabled = discoveryEnabled ?? (() => false);
        Operations =
        [
            new("GetSystemDateAndTime", AccessClass.PreAuth, GetSystemDateAndTime),
            new("GetServices", AccessClass.PreAuth, (r, w) => DeviceCapabilities.WriteGetServices(r, w, _services)),
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetCapabilities", AccessClass.PreAuth, (r, w) => DeviceCapabilities.WriteGetCapabilities(r, w, _services, _discoveryEnabled())),
            new("GetDeviceInformation", AccessClass.ReadSystem, GetDeviceInformation),
            new("GetScopes", AccessClass.ReadSystem, GetScopes),
            new("SetScopes", AccessClass.WriteSystem, SetScopes),
            new("AddScopes", AccessClass.WriteSystem, AddScopes),
            new("RemoveScopes", AccessClass.WriteSystem, RemoveScopes),
            new("GetHostname", AccessClass.ReadSystem, GetHostname),
            new("GetNetworkInterfaces", AccessClass.ReadSystem, GetNetworkInterfaces),
            new("GetDiscoveryMode", AccessClass.ReadSystem, GetDiscoveryMode),
            new("SetDiscoveryMode", AccessClass.WriteSystem, SetDiscoveryMode),
            new("GetUsers", AccessClass.ReadSystemSecret, GetUsers),
            new("CreateUsers", AccessClass.WriteSystem, CreateUsers),
            new("DeleteUsers", AccessClass.WriteSystem, DeleteUsers),
            new("SetUser", AccessClass.WriteSystem, SetUser),
            new("SystemReboot", AccessClass.Unrecoverable, SystemReboot),
            .. networkProtocols is null ? Array.Empty<SoapOperation>() : [new SoapOperation("GetNetworkProtocols", AccessClass.ReadSystem, GetNetworkProtocols)],
        ];
    }

    public string Namespace => OnvifNamespaces.Device;

    public string PathSegment => "device_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    public void WriteCapabilities(XmlWriter writer) => DeviceCapabilities.WriteServiceCapabilities(writer, _discoveryEnabled());

    private void GetServiceCapabilities(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetServiceCapabilitiesResponse");
        DeviceCapabilities.WriteServiceCapabilities(w, _discoveryEnabled());
        w.End();
    }

    // Core spec 8.2.x GetNetworkProtocols: what the host really listens on, with the real ports.
    private void GetNetworkProtocols(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetNetworkProtocolsResponse");
        foreach (var protocol in _networkProtocols!())
        {
            w.Start(OnvifNamespaces.Device, "NetworkProtocols");
            w.Tt("Name", protocol.Name);
            w.Tt("Enabled", protocol.Enabled);
            w.Tt("Port", OnvifXml.Int(protocol.Port));
            w.End();
        }
        w.End();
    }

    // Core spec 8.3.9: the device's clock, which for Camlab is the injected TimeProvider (UTC, no DST).
    private static void GetSystemDateAndTime(SoapRequest request, XmlWriter w)
    {
        var now = request.Time.GetUtcNow().UtcDateTime;
        w.Start(OnvifNamespaces.Device, "GetSystemDateAndTimeResponse");
        w.Start(OnvifNamespaces.Device, "SystemDateAndTime");
        w.Tt("DateTimeType", "Manual");
        w.Tt("DaylightSavings", false);
        w.Start(OnvifNamespaces.Schema, "TimeZone");
        w.Tt("TZ", "UTC0");
        w.End();
        WriteDateTime(w, "UTCDateTime", now);
        WriteDateTime(w, "LocalDateTime", now);
        w.End();
        w.End();
    }

    private static void WriteDateTime(XmlWriter w, string name, DateTime value)
    {
        w.Start(OnvifNamespaces.Schema, name);
        w.Start(OnvifNamespaces.Schema, "Time");
        w.Tt("Hour", value.Hour);
        w.Tt("Minute", value.Minute);
        w.Tt("Second", value.Second);
        w.End();
        w.Start(OnvifNamespaces.Schema, "Date");
        w.Tt("Year", value.Year);
        w.Tt("Month", value.Month);
        w.Tt("Day", value.Day);
        w.End();
        w.End();
    }

    private void GetDeviceInformation(SoapRequest request, XmlWriter w)
    {
        var id = _settings.Identity;
        w.Start(OnvifNamespaces.Device, "GetDeviceInformationResponse");
        w.Element(OnvifNamespaces.Device, "Manufacturer", id.Manufacturer);
        w.Element(OnvifNamespaces.Device, "Model", id.Model);
        w.Element(OnvifNamespaces.Device, "FirmwareVersion", id.FirmwareVersion);
        w.Element(OnvifNamespaces.Device, "SerialNumber", id.SerialNumber);
        w.Element(OnvifNamespaces.Device, "HardwareId", id.HardwareId);
        w.End();
    }

    private void GetScopes(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetScopesResponse");
        foreach (var (scope, kind) in _settings.FixedScopes.Select(s => (s, "Fixed")).Concat(_settings.ConfigurableScopes.Select(s => (s, "Configurable"))))
        {
            w.Start(OnvifNamespaces.Device, "Scopes");
            w.Tt("ScopeDef", kind);
            w.Tt("ScopeItem", scope);
            w.End();
        }
        w.End();
    }

    // SetScopes carries Scopes, AddScopes and RemoveScopes carry ScopeItem; clients mix them up, so both count.
    private static List<string> ScopeList(SoapRequest request) =>
        request.Body.Elements().Where(e => e.Name.LocalName is "Scopes" or "ScopeItem").Select(s => s.Value.Trim()).ToList() is { Count: > 0 } list
            ? list
            : throw OnvifFaults.InvalidArgs($"{request.Body.Name.LocalName} needs at least one ScopeItem");

    private void SetScopes(SoapRequest request, XmlWriter w)
    {
        _settings.SetScopes(ScopeList(request));
        w.WriteElementString("SetScopesResponse", OnvifNamespaces.Device, "");
    }

    private void AddScopes(SoapRequest request, XmlWriter w)
    {
        _settings.AddScopes(ScopeList(request));
        w.WriteElementString("AddScopesResponse", OnvifNamespaces.Device, "");
    }

    private void RemoveScopes(SoapRequest request, XmlWriter w)
    {
        var removed = _settings.RemoveScopes(ScopeList(request));
        w.Start(OnvifNamespaces.Device, "RemoveScopesResponse");
        foreach (var scope in removed) w.Element(OnvifNamespaces.Device, "ScopeItem", scope);
        w.End();
    }

    private void GetHostname(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetHostnameResponse");
        w.Start(OnvifNamespaces.Device, "HostnameInformation");
        w.Tt("FromDHCP", false);
        w.Tt("Name", _settings.Identity.Hostname);
        w.End();
        w.End();
    }

    // The simulated camera has one interface; its address is the one the client reached us on, so what a
    // client reads here is an address it can actually use.
    private void GetNetworkInterfaces(SoapRequest request, XmlWriter w)
    {
        var host = request.EndpointUri?.Host;
        var address = host is not null && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? ip.ToString()
            : "127.0.0.1";
        w.Start(OnvifNamespaces.Device, "GetNetworkInterfacesResponse");
        w.Start(OnvifNamespaces.Device, "NetworkInterfaces");
        w.Attr("token", "eth0");
        w.Tt("Enabled", true);
        w.Start(OnvifNamespaces.Schema, "Info");
        w.Tt("Name", "eth0");
        w.Tt("HwAddress", _settings.Identity.MacAddress);
        w.Tt("MTU", 1500);
        w.End();
        w.Start(OnvifNamespaces.Schema, "IPv4");
        w.Tt("Enabled", true);
        w.Start(OnvifNamespaces.Schema, "Config");
        w.Start(OnvifNamespaces.Schema, "Manual");
        w.Tt("Address", address);
        w.Tt("PrefixLength", address.StartsWith("127.", StringComparison.Ordinal) ? 8 : 24);
        w.End();
        w.Tt("DHCP", false);
        w.End();
        w.End();
        w.End();
        w.End();
    }

    private void GetDiscoveryMode(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetDiscoveryModeResponse");
        w.Element(OnvifNamespaces.Device, "DiscoveryMode", _settings.Discoverable ? "Discoverable" : "NonDiscoverable");
        w.End();
    }

    private void SetDiscoveryMode(SoapRequest request, XmlWriter w)
    {
        var mode = request.Body.RequiredText("DiscoveryMode");
        var discoverable = mode switch
        {
            "Discoverable" => true,
            "NonDiscoverable" => false,
            _ => throw OnvifFaults.InvalidArgs($"DiscoveryMode '{mode}' is not Discoverable or NonDiscoverable"),
        };
        _settings.SetDiscoverable(discoverable);
        w.WriteElementString("SetDiscoveryModeResponse", OnvifNamespaces.Device, "");
    }

    // Passwords are never returned (core spec 8.4.1: "The password is not included").
    private void GetUsers(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetUsersResponse");
        foreach (var user in _users.All)
        {
            w.Start(OnvifNamespaces.Device, "User");
            w.Tt("Username", user.Name);
            w.Tt("UserLevel", user.Level.ToString());
            w.End();
        }
        w.End();
    }

    private static List<UserAccount> ReadUsers(SoapRequest request, bool passwordRequired)
    {
        var users = request.Body.Children("User").Select(u =>
        {
            var name = u.RequiredText("Username");
            var password = u.ChildText("Password");
            if (password is null && passwordRequired) throw OnvifFaults.InvalidArgs($"user '{name}' has no Password");
            var levelText = u.RequiredText("UserLevel");
            if (!Enum.TryParse<UserLevel>(levelText, out var level) || levelText == "Extended")
                throw OnvifFaults.InvalidArgs($"UserLevel '{levelText}' is not supported");
            return new UserAccount(name, password ?? "", level);
        }).ToList();
        return users.Count > 0 ? users : throw OnvifFaults.InvalidArgs($"{request.Body.Name.LocalName} needs at least one User");
    }

    private void CreateUsers(SoapRequest request, XmlWriter w)
    {
        _users.Create(ReadUsers(request, passwordRequired: true));
        w.WriteElementString("CreateUsersResponse", OnvifNamespaces.Device, "");
    }

    private void DeleteUsers(SoapRequest request, XmlWriter w)
    {
        var names = request.Body.Children("Username").Select(u => u.Value.Trim()).ToList();
        if (names.Count == 0) throw OnvifFaults.InvalidArgs("DeleteUsers needs at least one Username");
        _users.Delete(names);
        w.WriteElementString("DeleteUsersResponse", OnvifNamespaces.Device, "");
    }

    private void SetUser(SoapRequest request, XmlWriter w)
    {
        var users = ReadUsers(request, passwordRequired: false);
        // A SetUser without Password keeps the current one (the schema makes Password optional).
        users = users.Select(u => u.Password.Length == 0 && _users.Find(u.Name) is { } current ? u with { Password = current.Password } : u).ToList();
        _users.Set(users);
        w.WriteElementString("SetUserResponse", OnvifNamespaces.Device, "");
    }

    private void SystemReboot(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "SystemRebootResponse");
        w.Element(OnvifNamespaces.Device, "Message", "Rebooting the simulated camera: motion stops and state is reloaded");
        w.End();
        _reboot();
    }
}
