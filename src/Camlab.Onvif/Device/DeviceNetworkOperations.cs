using System.Net;
using System.Net.Sockets;
using System.Xml;
using System.Xml.Linq;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// The device management operations over <see cref="NetworkConfiguration"/> (core spec 8.2 network, 8.3 system):
/// hostname, DNS, NTP, interfaces, protocols, default gateway, date and time, WSDL URL and factory default.
/// Access classes as core spec 5.9.4 assigns them.
/// </summary>
public static class DeviceNetworkOperations
{
    public const string InterfaceToken = "eth0";

    /// <summary>Where the device management WSDL is published (core spec 8.3.1 GetWsdlUrl).</summary>
    public const string WsdlUrl = "https://www.onvif.org/ver10/device/wsdl/devicemgmt.wsdl";

    /// <param name="factoryDefault">Resets the camera (true: Hard) and reboots it; called after the response is written.</param>
    public static IReadOnlyList<SoapOperation> Create(NetworkConfiguration config, NetworkProtocols protocols, Action<bool> factoryDefault) =>
    [
        new("GetWsdlUrl", AccessClass.PreAuth, (_, w) => { w.Start(OnvifNamespaces.Device, "GetWsdlUrlResponse"); w.Element(OnvifNamespaces.Device, "WsdlUrl", WsdlUrl); w.End(); }),
        new("GetSystemDateAndTime", AccessClass.PreAuth, (r, w) => GetSystemDateAndTime(config, w)),
        new("SetSystemDateAndTime", AccessClass.WriteSystem, (r, w) => SetSystemDateAndTime(config, r, w)),
        new("GetHostname", AccessClass.PreAuth, (r, w) => GetHostname(config, w)),
        new("SetHostname", AccessClass.WriteSystem, (r, w) => { config.SetHostname(r.Body.RequiredText("Name")); Empty(w, "SetHostnameResponse"); }),
        new("GetDNS", AccessClass.ReadSystem, (r, w) => GetDns(config, w)),
        new("SetDNS", AccessClass.WriteSystem, SetDns(config)),
        new("GetNTP", AccessClass.ReadSystem, (r, w) => GetNtp(config, w)),
        new("SetNTP", AccessClass.WriteSystem, SetNtp(config)),
        new("GetNetworkInterfaces", AccessClass.ReadSystem, (r, w) => GetNetworkInterfaces(config, r, w)),
        new("SetNetworkInterfaces", AccessClass.WriteSystem, (r, w) => SetNetworkInterfaces(config, r, w)),
        new("GetNetworkProtocols", AccessClass.ReadSystem, (r, w) => GetNetworkProtocols(protocols, w)),
        new("SetNetworkProtocols", AccessClass.WriteSystem, (r, w) => SetNetworkProtocols(protocols, r, w)),
        new("GetNetworkDefaultGateway", AccessClass.ReadSystem, (r, w) => GetGateway(config, w)),
        new("SetNetworkDefaultGateway", AccessClass.WriteSystem, SetGateway(config)),
        new("SetSystemFactoryDefault", AccessClass.Unrecoverable, (r, w) => SetSystemFactoryDefault(factoryDefault, r, w)),
    ];

    private static void Empty(XmlWriter w, string name) => w.WriteElementString(name, OnvifNamespaces.Device, "");

    // Core spec 8.3.9: UTC is the camera's clock (host clock + the Manual offset); local time follows the POSIX TZ.
    private static void GetSystemDateAndTime(NetworkConfiguration config, XmlWriter w)
    {
        var now = config.Clock.GetUtcNow();
        var state = config.ClockState;
        var zone = config.TimeZone;
        w.Start(OnvifNamespaces.Device, "GetSystemDateAndTimeResponse");
        w.Start(OnvifNamespaces.Device, "SystemDateAndTime");
        w.Tt("DateTimeType", state.DateTimeType);
        w.Tt("DaylightSavings", state.DaylightSavings);
        w.Start(OnvifNamespaces.Schema, "TimeZone");
        w.Tt("TZ", zone.Text);
        w.End();
        WriteDateTime(w, "UTCDateTime", now.UtcDateTime);
        WriteDateTime(w, "LocalDateTime", zone.ToLocal(now));
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

    private static void SetSystemDateAndTime(NetworkConfiguration config, SoapRequest r, XmlWriter w)
    {
        var type = r.Body.RequiredText("DateTimeType");
        var daylight = r.Body.ChildBool("DaylightSavings") ?? throw OnvifFaults.InvalidArgs("DaylightSavings is required");
        var tz = r.Body.Child("TimeZone")?.ChildText("TZ");
        DateTimeOffset? utc = r.Body.Child("UTCDateTime") is { } dt ? ReadDateTime(dt) : null;
        config.SetDateAndTime(type, daylight, tz, utc);
        Empty(w, "SetSystemDateAndTimeResponse");
    }

    private static DateTimeOffset ReadDateTime(XElement dt)
    {
        var time = dt.RequiredChild("Time");
        var date = dt.RequiredChild("Date");
        int Part(XElement e, string name) => e.ChildInt(name) ?? throw OnvifFaults.InvalidArgVal("InvalidDateTime", $"UTCDateTime has no {name}");
        var (year, month, day, hour, minute, second) = (Part(date, "Year"), Part(date, "Month"), Part(date, "Day"), Part(time, "Hour"), Part(time, "Minute"), Part(time, "Second"));
        if (year is < 1970 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), Math.Clamp(month, 1, 12)) ||
            hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            throw OnvifFaults.InvalidArgVal("InvalidDateTime", $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2} is not a valid UTC date and time");
        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    private static void GetHostname(NetworkConfiguration config, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetHostnameResponse");
        w.Start(OnvifNamespaces.Device, "HostnameInformation");
        w.Tt("FromDHCP", false);
        w.Tt("Name", config.Hostname);
        w.End();
        w.End();
    }

    private static List<NetworkHost> ReadHosts(XElement body, string name) =>
        body.Children(name).Select(h =>
        {
            var type = h.RequiredText("Type");
            var value = type switch
            {
                "IPv4" => h.ChildText("IPv4Address"),
                "IPv6" => h.ChildText("IPv6Address"),
                "DNS" => h.ChildText("DNSname"),
                _ => throw OnvifFaults.InvalidArgs($"address type '{type}' is not IPv4, IPv6 or DNS"),
            } ?? throw OnvifFaults.InvalidArgs($"{name} of type {type} has no address");
            return new NetworkHost(type, value);
        }).ToList();

    private static void WriteHost(XmlWriter w, string element, NetworkHost host)
    {
        w.Start(OnvifNamespaces.Schema, element);
        w.Tt("Type", host.Type);
        w.Tt(host.Type switch { "IPv4" => "IPv4Address", "IPv6" => "IPv6Address", _ => "DNSname" }, host.Value);
        w.End();
    }

    private static void GetDns(NetworkConfiguration config, XmlWriter w)
    {
        var n = config.Current;
        w.Start(OnvifNamespaces.Device, "GetDNSResponse");
        w.Start(OnvifNamespaces.Device, "DNSInformation");
        w.Tt("FromDHCP", n.DnsFromDhcp);
        foreach (var domain in n.SearchDomains) w.Tt("SearchDomain", domain);
        foreach (var host in n.Dns) WriteHost(w, "DNSManual", host);
        w.End();
        w.End();
    }

    private static SoapHandler SetDns(NetworkConfiguration config) => (r, w) =>
    {
        var fromDhcp = r.Body.ChildBool("FromDHCP") ?? throw OnvifFaults.InvalidArgs("FromDHCP is required");
        config.SetDns(fromDhcp, r.Body.Children("SearchDomain").Select(e => e.Value.Trim()).ToList(), ReadHosts(r.Body, "DNSManual"));
        Empty(w, "SetDNSResponse");
    };

    private static void GetNtp(NetworkConfiguration config, XmlWriter w)
    {
        var n = config.Current;
        w.Start(OnvifNamespaces.Device, "GetNTPResponse");
        w.Start(OnvifNamespaces.Device, "NTPInformation");
        w.Tt("FromDHCP", n.NtpFromDhcp);
        foreach (var host in n.Ntp) WriteHost(w, "NTPManual", host);
        w.End();
        w.End();
    }

    private static SoapHandler SetNtp(NetworkConfiguration config) => (r, w) =>
    {
        var fromDhcp = r.Body.ChildBool("FromDHCP") ?? throw OnvifFaults.InvalidArgs("FromDHCP is required");
        config.SetNtp(fromDhcp, ReadHosts(r.Body, "NTPManual"));
        Empty(w, "SetNTPResponse");
    };

    private static void GetGateway(NetworkConfiguration config, XmlWriter w)
    {
        var n = config.Current;
        w.Start(OnvifNamespaces.Device, "GetNetworkDefaultGatewayResponse");
        w.Start(OnvifNamespaces.Device, "NetworkGateway");
        foreach (var a in n.GatewayIPv4) w.Tt("IPv4Address", a);
        foreach (var a in n.GatewayIPv6) w.Tt("IPv6Address", a);
        w.End();
        w.End();
    }

    private static SoapHandler SetGateway(NetworkConfiguration config) => (r, w) =>
    {
        config.SetGateway(r.Body.Children("IPv4Address").Select(e => e.Value.Trim()).ToList(), r.Body.Children("IPv6Address").Select(e => e.Value.Trim()).ToList());
        Empty(w, "SetNetworkDefaultGatewayResponse");
    };

    // One interface. Unless SetNetworkInterfaces stored manual addresses, it reports the address the client reached
    // the camera on — the real listening address, one the client can use.
    private static void GetNetworkInterfaces(NetworkConfiguration config, SoapRequest request, XmlWriter w)
    {
        var n = config.Current;
        var host = request.EndpointUri?.Host;
        var reached = host is not null && IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork ? ip.ToString() : "127.0.0.1";
        var addresses = n.IPv4Manual ?? [new PrefixedAddress(reached, reached.StartsWith("127.", StringComparison.Ordinal) ? 8 : 24)];
        w.Start(OnvifNamespaces.Device, "GetNetworkInterfacesResponse");
        w.Start(OnvifNamespaces.Device, "NetworkInterfaces");
        w.Attr("token", InterfaceToken);
        w.Tt("Enabled", n.InterfaceEnabled);
        w.Start(OnvifNamespaces.Schema, "Info");
        w.Tt("Name", InterfaceToken);
        w.Tt("HwAddress", config.MacAddress);
        w.Tt("MTU", n.Mtu);
        w.End();
        w.Start(OnvifNamespaces.Schema, "IPv4");
        w.Tt("Enabled", n.IPv4Enabled);
        w.Start(OnvifNamespaces.Schema, "Config");
        foreach (var a in addresses)
        {
            w.Start(OnvifNamespaces.Schema, "Manual");
            w.Tt("Address", a.Address);
            w.Tt("PrefixLength", a.PrefixLength);
            w.End();
        }
        w.Tt("DHCP", n.IPv4Dhcp);
        w.End();
        w.End();
        w.End();
        w.End();
    }

    private static void SetNetworkInterfaces(NetworkConfiguration config, SoapRequest r, XmlWriter w)
    {
        var token = r.Body.RequiredToken("InterfaceToken");
        if (token != InterfaceToken) throw OnvifFaults.InvalidArgVal("InvalidNetworkInterface", $"there is no network interface '{token}'");
        var ni = r.Body.RequiredChild("NetworkInterface");
        if (ni.Child("IPv6") is { } v6 && v6.ChildBool("Enabled") == true)
            throw OnvifFaults.InvalidArgVal("IPv6NotSupported", "the interface has no IPv6");
        var v4 = ni.Child("IPv4");
        List<PrefixedAddress>? manual = v4 is null || !v4.Children("Manual").Any() ? null
            : v4.Children("Manual").Select(m => new PrefixedAddress(m.RequiredText("Address"),
                m.ChildInt("PrefixLength") ?? throw OnvifFaults.InvalidArgs("Manual needs PrefixLength"))).ToList();
        config.SetInterface(ni.ChildBool("Enabled"), ni.ChildInt("MTU"), v4?.ChildBool("Enabled"), manual, v4?.ChildBool("DHCP"));
        w.Start(OnvifNamespaces.Device, "SetNetworkInterfacesResponse");
        // The stored configuration is what GetNetworkInterfaces reports; the host's sockets do not change.
        w.Element(OnvifNamespaces.Device, "RebootNeeded", "false");
        w.End();
    }

    private static void GetNetworkProtocols(NetworkProtocols protocols, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetNetworkProtocolsResponse");
        foreach (var p in protocols.Reported)
        {
            w.Start(OnvifNamespaces.Device, "NetworkProtocols");
            w.Tt("Name", p.Name);
            w.Tt("Enabled", p.Enabled);
            foreach (var port in p.Ports) w.Tt("Port", port);
            w.End();
        }
        w.End();
    }

    // On the shared listener (one port serves every camera) a camera cannot move or close it: a request that restates
    // what is served succeeds, any change is refused rather than stored and not applied. A camera with listeners of its
    // own (--port-per-camera) stores the change; the host rebinds them at the next SystemReboot (docs/site.md). The
    // request is checked whole before anything is stored.
    private static void SetNetworkProtocols(NetworkProtocols protocols, SoapRequest r, XmlWriter w)
    {
        var requested = r.Body.Children("NetworkProtocols").ToList();
        if (requested.Count == 0) throw OnvifFaults.InvalidArgs("SetNetworkProtocols needs at least one NetworkProtocols");
        var current = protocols.Current;
        var next = (protocols.Configured ?? current).ToDictionary(p => p.Name);
        foreach (var p in requested)
        {
            var name = p.RequiredText("Name");
            var served = current.FirstOrDefault(c => c.Name == name)
                ?? throw OnvifFaults.InvalidArgVal("ServiceNotSupported", $"the camera does not serve {name}");
            var enabled = p.ChildBool("Enabled") ?? throw OnvifFaults.InvalidArgs($"{name} needs Enabled");
            var ports = p.Children("Port").Select(e => int.TryParse(e.Value.Trim(), out var v) && v is > 0 and < 65536 ? v
                : throw OnvifFaults.InvalidArgs($"'{e.Value}' is not a port")).ToList();
            if (!protocols.Configurable)
            {
                if (enabled != served.Enabled || (ports.Count > 0 && !ports.Order().SequenceEqual(served.Ports.Order())))
                    throw OnvifFaults.InvalidArgVal("PortAlreadyInUse",
                        $"{name} listens on {string.Join(",", served.Ports)} for every camera of this host; start camlab serve with --port-per-camera to give each camera listeners it can move");
                continue;
            }
            if (ports.Count > 1) throw OnvifFaults.InvalidArgs($"{name}: the camera listens on one port per protocol, not {ports.Count}");
            next[name] = new NetworkProtocol(name, enabled, ports.Count == 1 ? ports : next[name].Ports);
        }
        if (!protocols.Configurable)
        {
            Empty(w, "SetNetworkProtocolsResponse");
            return;
        }
        var clash = next.Values.GroupBy(p => p.Ports[0]).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw OnvifFaults.InvalidArgVal("PortAlreadyInUse", $"{string.Join(" and ", clash.Select(p => p.Name))} cannot share port {clash.Key}");
        foreach (var p in next.Values)
        {
            // A port the camera already listens on is its own; any other must be free now (a bind test). One taken
            // between now and the reboot leaves that protocol closed, which the host logs.
            var own = current.Any(c => c.Ports.Contains(p.Ports[0]));
            if (p.Enabled && !own && !protocols.PortAvailable!(p.Ports[0]))
                throw OnvifFaults.InvalidArgVal("PortAlreadyInUse", $"port {p.Ports[0]} for {p.Name} is in use");
        }
        protocols.Configure([.. next.Values]);
        Empty(w, "SetNetworkProtocolsResponse");
    }

    private static void SetSystemFactoryDefault(Action<bool> factoryDefault, SoapRequest r, XmlWriter w)
    {
        var kind = r.Body.RequiredText("FactoryDefault");
        var hard = kind switch
        {
            "Hard" => true,
            "Soft" => false,
            _ => throw OnvifFaults.InvalidArgs($"FactoryDefault '{kind}' is not Hard or Soft"),
        };
        Empty(w, "SetSystemFactoryDefaultResponse");
        factoryDefault(hard);
    }
}
