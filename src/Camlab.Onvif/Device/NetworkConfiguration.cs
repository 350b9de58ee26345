using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Camlab.Device.Clock;
using Camlab.Device.State;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>A tt:IPAddress or tt:NetworkHost entry: its type (IPv4, IPv6, DNS) and value.</summary>
public sealed record NetworkHost(string Type, string Value);

/// <summary>An IPv4 address with its prefix, as tt:PrefixedIPv4Address.</summary>
public sealed record PrefixedAddress(string Address, int PrefixLength);

/// <summary>
/// The network and clock settings of the device management service (core spec 8.2, 8.3.x): hostname, DNS, NTP,
/// default gateway, the interface's configuration and the system date and time. A simulated camera cannot
/// change the host's resolver, routes or addresses: those settings are validated, stored, persisted and read
/// back, and documented as such (docs/onvif.md). The clock settings drive <see cref="CameraClock"/>.
/// Every change is validated first and written as one document before it is visible.
/// </summary>
public sealed class NetworkConfiguration
{
    public const string NetworkDocument = "device/network.json";
    public const string ClockDocument = "device/clock.json";
    public const int MaxEntries = 8;

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly DeviceIdentity _identity;
    private Network _network;
    private ClockSettings _clock;

    public NetworkConfiguration(IStateStore store, DeviceIdentity identity, CameraClock clock)
    {
        _store = store;
        _identity = identity;
        Clock = clock;
        (_network, _clock) = Load();
        Clock.SetOffset(_clock.DateTimeType == "Manual" ? TimeSpan.FromTicks(_clock.OffsetTicks) : TimeSpan.Zero);
    }

    public CameraClock Clock { get; }

    /// <summary>Stable per camera (from its UUID), so clients that tell cameras apart by MAC see distinct ones.</summary>
    public string MacAddress => _identity.MacAddress;

    public string Hostname { get { lock (_gate) return _network.Hostname ?? _identity.Hostname; } }

    public Network Current { get { lock (_gate) return _network; } }

    public ClockSettings ClockState { get { lock (_gate) return _clock; } }

    public PosixTimeZone TimeZone => PosixTimeZone.Parse(ClockState.TimeZone);

    /// <summary>Rereads both documents (after a reboot or a factory default).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            (_network, _clock) = Load();
            Clock.SetOffset(_clock.DateTimeType == "Manual" ? TimeSpan.FromTicks(_clock.OffsetTicks) : TimeSpan.Zero);
        }
    }

    public void SetHostname(string name)
    {
        if (!IsHostname(name)) throw OnvifFaults.InvalidArgVal("InvalidHostname", $"'{name}' is not a host name (RFC 1123: labels of letters, digits and '-', at most 63 characters each)");
        UpdateNetwork(n => n with { Hostname = name });
    }

    public void SetDns(bool fromDhcp, IReadOnlyList<string> searchDomains, IReadOnlyList<NetworkHost> manual)
    {
        foreach (var domain in searchDomains)
            if (!IsHostname(domain)) throw OnvifFaults.InvalidArgVal("InvalidDnsName", $"search domain '{domain}' is not a domain name");
        CheckHosts(manual, allowDns: false);
        UpdateNetwork(n => n with { DnsFromDhcp = fromDhcp, SearchDomains = [.. searchDomains], Dns = [.. manual] });
    }

    public void SetNtp(bool fromDhcp, IReadOnlyList<NetworkHost> manual)
    {
        CheckHosts(manual, allowDns: true);
        UpdateNetwork(n => n with { NtpFromDhcp = fromDhcp, Ntp = [.. manual] });
    }

    public void SetGateway(IReadOnlyList<string> ipv4, IReadOnlyList<string> ipv6)
    {
        CheckHosts([.. ipv4.Select(a => new NetworkHost("IPv4", a)), .. ipv6.Select(a => new NetworkHost("IPv6", a))], allowDns: false);
        UpdateNetwork(n => n with { GatewayIPv4 = [.. ipv4], GatewayIPv6 = [.. ipv6] });
    }

    public void SetInterface(bool? enabled, int? mtu, bool? ipv4Enabled, IReadOnlyList<PrefixedAddress>? manual, bool? dhcp)
    {
        if (mtu is { } m && (m < 68 || m > 9000)) throw OnvifFaults.InvalidArgVal("InvalidMtuValue", $"MTU {m} is outside 68..9000");
        foreach (var a in manual ?? [])
        {
            if (!IPAddress.TryParse(a.Address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || a.Address.Count(c => c == '.') != 3)
                throw OnvifFaults.InvalidArgVal("InvalidIPv4Address", $"'{a.Address}' is not an IPv4 address");
            if (a.PrefixLength is < 1 or > 32) throw OnvifFaults.InvalidArgVal("InvalidIPv4Address", $"prefix length {a.PrefixLength} is outside 1..32");
        }
        if (manual is { Count: > MaxEntries }) throw OnvifFaults.InvalidArgVal("InvalidIPv4Address", $"at most {MaxEntries} addresses");
        UpdateNetwork(n => n with
        {
            InterfaceEnabled = enabled ?? n.InterfaceEnabled,
            Mtu = mtu ?? n.Mtu,
            IPv4Enabled = ipv4Enabled ?? n.IPv4Enabled,
            IPv4Manual = manual is null ? n.IPv4Manual : [.. manual],
            IPv4Dhcp = dhcp ?? n.IPv4Dhcp,
        });
    }

    /// <summary>SetSystemDateAndTime: validated as a whole, then persisted, then the clock moves.</summary>
    public void SetDateAndTime(string type, bool daylightSavings, string? tz, DateTimeOffset? utc)
    {
        if (type is not ("Manual" or "NTP")) throw OnvifFaults.InvalidArgs($"DateTimeType '{type}' is not Manual or NTP");
        if (tz is not null && !PosixTimeZone.TryParse(tz, out _, out var error))
            throw OnvifFaults.InvalidArgVal("InvalidTimeZone", error);
        if (type == "Manual" && utc is null) throw OnvifFaults.InvalidArgVal("InvalidDateTime", "a Manual DateTimeType needs UTCDateTime");
        lock (_gate)
        {
            if (type == "NTP" && _network.Ntp.Count == 0 && !_network.NtpFromDhcp)
                throw OnvifFaults.InvalidArgVal("NtpServerUndefined", "set an NTP server (SetNTP) before selecting NTP");
            var offset = type == "Manual" ? utc!.Value - Clock.Host.GetUtcNow() : TimeSpan.Zero;
            var next = new ClockSettings(type, daylightSavings, tz ?? _clock.TimeZone, offset.Ticks);
            _store.Write(ClockDocument, JsonSerializer.Serialize(next));
            _clock = next;
            Clock.SetOffset(offset);
        }
    }

    private void UpdateNetwork(Func<Network, Network> change)
    {
        lock (_gate)
        {
            var next = change(_network);
            _store.Write(NetworkDocument, JsonSerializer.Serialize(next));
            _network = next;
        }
    }

    private (Network, ClockSettings) Load()
    {
        var network = _store.Read(NetworkDocument) is { } n ? JsonSerializer.Deserialize<Network>(n) : null;
        var clock = _store.Read(ClockDocument) is { } c ? JsonSerializer.Deserialize<ClockSettings>(c) : null;
        return (network ?? Network.Default, clock ?? ClockSettings.Default);
    }

    private static void CheckHosts(IReadOnlyList<NetworkHost> hosts, bool allowDns)
    {
        if (hosts.Count > MaxEntries) throw OnvifFaults.InvalidArgs($"at most {MaxEntries} addresses are stored");
        foreach (var host in hosts)
        {
            switch (host.Type)
            {
                case "IPv4" when !(IPAddress.TryParse(host.Value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && host.Value.Count(c => c == '.') == 3):
                    throw OnvifFaults.InvalidArgVal("InvalidIPv4Address", $"'{host.Value}' is not an IPv4 address");
                case "IPv6" when !(IPAddress.TryParse(host.Value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6):
                    throw OnvifFaults.InvalidArgVal("InvalidIPv6Address", $"'{host.Value}' is not an IPv6 address");
                case "DNS" when !allowDns:
                    throw OnvifFaults.InvalidArgs("a DNS name is not allowed here");
                case "DNS" when !IsHostname(host.Value):
                    throw OnvifFaults.InvalidArgVal("InvalidDnsName", $"'{host.Value}' is not a DNS name");
                case "IPv4" or "IPv6" or "DNS":
                    break;
                default:
                    throw OnvifFaults.InvalidArgs($"address type '{host.Type}' is not IPv4, IPv6 or DNS");
            }
        }
    }

    // RFC 1123 2.1: labels of letters, digits and hyphens, 1..63 characters, not starting or ending with '-'.
    private static bool IsHostname(string name) =>
        name.Length is > 0 and <= 253 &&
        name.TrimEnd('.').Split('.').All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    public sealed record Network(
        string? Hostname,
        bool DnsFromDhcp,
        List<string> SearchDomains,
        List<NetworkHost> Dns,
        bool NtpFromDhcp,
        List<NetworkHost> Ntp,
        List<string> GatewayIPv4,
        List<string> GatewayIPv6,
        bool InterfaceEnabled,
        int Mtu,
        bool IPv4Enabled,
        List<PrefixedAddress>? IPv4Manual,
        bool IPv4Dhcp)
    {
        public static Network Default { get; } = new(null, false, [], [], false, [], [], [], true, 1500, true, null, false);
    }

    /// <summary>What SetSystemDateAndTime chose; <see cref="OffsetTicks"/> is camera time minus host time.</summary>
    public sealed record ClockSettings(string DateTimeType, bool DaylightSavings, string TimeZone, long OffsetTicks)
    {
        public static ClockSettings Default { get; } = new("NTP", false, "UTC0", 0);
    }
}
