using Camlab.Device.Clock;
using Camlab.Device.Events;
using Camlab.Onvif.Device;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests;

/// <summary>Time, network settings, protocols, WSDL URL and factory default of the device management service, raw envelopes.</summary>
public class DeviceManagementTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new();

    private static string SetDateTime(string type, string? tz, string? utc) =>
        $"<SetSystemDateAndTime xmlns=\"{Tds}\"><DateTimeType>{type}</DateTimeType><DaylightSavings>false</DaylightSavings>" +
        (tz is null ? "" : $"<TimeZone><TZ xmlns=\"{Tt}\">{tz}</TZ></TimeZone>") + (utc ?? "") + "</SetSystemDateAndTime>";

    private static string Utc(int y, int mo, int d, int h, int mi, int s) =>
        $"<UTCDateTime><Time xmlns=\"{Tt}\"><Hour>{h}</Hour><Minute>{mi}</Minute><Second>{s}</Second></Time>" +
        $"<Date xmlns=\"{Tt}\"><Year>{y}</Year><Month>{mo}</Month><Day>{d}</Day></Date></UTCDateTime>";

    private static DateTime Read(SoapAnswer answer, string name)
    {
        var dt = answer.All(name).Single();
        int V(string n) => int.Parse(dt.Descendants().Single(e => e.Name.LocalName == n).Value);
        return new DateTime(V("Year"), V("Month"), V("Day"), V("Hour"), V("Minute"), V("Second"));
    }

    private Task<SoapAnswer> Ok(string body) => _device.OkAsync(body);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    [Fact]
    public async Task Manual_time_moves_the_camera_clock_soap_and_event_times_by_one_offset()
    {
        var host = _device.Time.GetUtcNow();
        await Ok(SetDateTime("Manual", "CET-1CEST,M3.5.0,M10.5.0/3", Utc(2030, 7, 1, 12, 0, 0)));
        _device.Time.Advance(TimeSpan.FromSeconds(10));
        var answer = await Ok($"<GetSystemDateAndTime xmlns=\"{Tds}\"/>");
        Assert.Equal("Manual", answer.Value("DateTimeType"));
        Assert.Equal(new DateTime(2030, 7, 1, 12, 0, 10), Read(answer, "UTCDateTime"));
        Assert.Equal(new DateTime(2030, 7, 1, 14, 0, 10), Read(answer, "LocalDateTime")); // CEST, UTC+2
        var offset = _device.Clock.Offset;
        Assert.Equal(new DateTimeOffset(2030, 7, 1, 12, 0, 0, TimeSpan.Zero) - host, offset);
        // The host clock, which motion runs on, did not move.
        Assert.Equal(host + TimeSpan.FromSeconds(10), _device.Time.GetUtcNow());

        // An event published on the host clock is delivered on the camera's.
        var created = await _device.CallAsync("<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>");
        var address = new Uri(created.AssertOk().Value("Address"));
        Assert.StartsWith("2030-07-01T12:00:10", created.Value("CurrentTime"));
        _device.Bus.Publish(new EventMessage("PTZController/PTZPresets/Reached", _device.Time.GetUtcNow(), [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", "Preset_1")]));
        var pulled = await _device.CallAsync("<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT0S</Timeout><MessageLimit>10</MessageLimit></PullMessages>", uri: address);
        Assert.Contains(pulled.AssertOk().All("Message"), m => m.Attribute("UtcTime")?.Value.StartsWith("2030-07-01T12:00:10", StringComparison.Ordinal) == true);

        // Persisted: a camera started on the same store keeps the offset.
        var reloaded = new NetworkConfiguration(_device.Store, _device.Identity, new CameraClock(_device.Time));
        Assert.Equal(offset, reloaded.Clock.Offset);
        Assert.Equal("CET-1CEST,M3.5.0,M10.5.0/3", reloaded.ClockState.TimeZone);
    }

    [Fact]
    public async Task Winter_local_time_uses_the_standard_offset_and_NTP_follows_the_host()
    {
        await Ok($"<SetNTP xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><NTPManual><Type xmlns=\"{Tt}\">DNS</Type><DNSname xmlns=\"{Tt}\">pool.ntp.org</DNSname></NTPManual></SetNTP>");
        await Ok(SetDateTime("Manual", "CET-1CEST,M3.5.0,M10.5.0/3", Utc(2030, 1, 15, 8, 30, 0)));
        Assert.Equal(new DateTime(2030, 1, 15, 9, 30, 0), Read(await Ok($"<GetSystemDateAndTime xmlns=\"{Tds}\"/>"), "LocalDateTime"));
        await Ok(SetDateTime("NTP", null, null));
        Assert.Equal(TimeSpan.Zero, _device.Clock.Offset);
        Assert.Equal(_device.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"),
            Read(await Ok($"<GetSystemDateAndTime xmlns=\"{Tds}\"/>"), "UTCDateTime").ToString("yyyy-MM-dd HH:mm:ss"));
    }

    [Theory]
    [InlineData("Manual", "Mars+99", true, "env:Sender ter:InvalidArgVal ter:InvalidTimeZone")]
    [InlineData("Manual", "CET-1CEST,M13.5.0,M10.5.0", true, "env:Sender ter:InvalidArgVal ter:InvalidTimeZone")]
    [InlineData("Manual", null, false, "env:Sender ter:InvalidArgVal ter:InvalidDateTime")]
    [InlineData("NTP", null, false, "env:Sender ter:InvalidArgVal ter:NtpServerUndefined")]
    [InlineData("Sundial", null, true, "env:Sender ter:InvalidArgs")]
    public async Task SetSystemDateAndTime_faults_change_nothing(string type, string? tz, bool withTime, string codes)
    {
        await Fault(SetDateTime(type, tz, withTime ? Utc(2030, 1, 1, 0, 0, 0) : null), codes);
        Assert.Equal(TimeSpan.Zero, _device.Clock.Offset);
        Assert.Null(_device.Store.Read(NetworkConfiguration.ClockDocument));
    }

    [Fact]
    public async Task An_impossible_date_is_InvalidDateTime()
    {
        await Fault(SetDateTime("Manual", null, Utc(2030, 2, 30, 0, 0, 0)), "env:Sender ter:InvalidArgVal ter:InvalidDateTime");
        await Fault(SetDateTime("Manual", null, Utc(2030, 1, 1, 24, 0, 0)), "env:Sender ter:InvalidArgVal ter:InvalidDateTime");
    }

    [Fact]
    public async Task Hostname_dns_ntp_and_gateway_are_stored_persisted_and_read_back()
    {
        await Ok($"<SetHostname xmlns=\"{Tds}\"><Name>gate-cam</Name></SetHostname>");
        Assert.Equal("gate-cam", (await Ok($"<GetHostname xmlns=\"{Tds}\"/>")).Value("Name"));
        await Ok($"<SetDNS xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><SearchDomain>lab.example</SearchDomain>" +
                 $"<DNSManual><Type xmlns=\"{Tt}\">IPv4</Type><IPv4Address xmlns=\"{Tt}\">10.0.0.53</IPv4Address></DNSManual></SetDNS>");
        var dns = await Ok($"<GetDNS xmlns=\"{Tds}\"/>");
        Assert.Equal(["lab.example"], dns.All("SearchDomain").Select(e => e.Value));
        Assert.Equal("10.0.0.53", dns.Value("IPv4Address"));
        await Ok($"<SetNTP xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><NTPManual><Type xmlns=\"{Tt}\">IPv4</Type><IPv4Address xmlns=\"{Tt}\">10.0.0.123</IPv4Address></NTPManual></SetNTP>");
        Assert.Equal("10.0.0.123", (await Ok($"<GetNTP xmlns=\"{Tds}\"/>")).Value("IPv4Address"));
        await Ok($"<SetNetworkDefaultGateway xmlns=\"{Tds}\"><IPv4Address>10.0.0.1</IPv4Address></SetNetworkDefaultGateway>");
        Assert.Equal("10.0.0.1", (await Ok($"<GetNetworkDefaultGateway xmlns=\"{Tds}\"/>")).Value("IPv4Address"));

        var reloaded = new NetworkConfiguration(_device.Store, _device.Identity, new CameraClock(_device.Time)).Current;
        Assert.Equal(("gate-cam", "10.0.0.53", "10.0.0.123", "10.0.0.1"), (reloaded.Hostname, reloaded.Dns[0].Value, reloaded.Ntp[0].Value, reloaded.GatewayIPv4[0]));
    }

    [Fact]
    public async Task Network_setting_faults_change_nothing()
    {
        await Fault($"<SetHostname xmlns=\"{Tds}\"><Name>-bad_name</Name></SetHostname>", "env:Sender ter:InvalidArgVal ter:InvalidHostname");
        await Fault($"<SetDNS xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><DNSManual><Type xmlns=\"{Tt}\">IPv4</Type><IPv4Address xmlns=\"{Tt}\">10.0.0.300</IPv4Address></DNSManual></SetDNS>",
            "env:Sender ter:InvalidArgVal ter:InvalidIPv4Address");
        await Fault($"<SetNTP xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><NTPManual><Type xmlns=\"{Tt}\">IPv6</Type><IPv6Address xmlns=\"{Tt}\">fe80::zz</IPv6Address></NTPManual></SetNTP>",
            "env:Sender ter:InvalidArgVal ter:InvalidIPv6Address");
        await Fault($"<SetNTP xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><NTPManual><Type xmlns=\"{Tt}\">DNS</Type><DNSname xmlns=\"{Tt}\">bad..name</DNSname></NTPManual></SetNTP>",
            "env:Sender ter:InvalidArgVal ter:InvalidDnsName");
        await Fault($"<SetNetworkDefaultGateway xmlns=\"{Tds}\"><IPv4Address>1.2.3</IPv4Address></SetNetworkDefaultGateway>", "env:Sender ter:InvalidArgVal ter:InvalidIPv4Address");
        await Fault($"<SetNetworkInterfaces xmlns=\"{Tds}\"><InterfaceToken>wlan0</InterfaceToken><NetworkInterface/></SetNetworkInterfaces>",
            "env:Sender ter:InvalidArgVal ter:InvalidNetworkInterface");
        await Fault($"<SetNetworkInterfaces xmlns=\"{Tds}\"><InterfaceToken>eth0</InterfaceToken><NetworkInterface><MTU xmlns=\"{Tt}\">10</MTU></NetworkInterface></SetNetworkInterfaces>",
            "env:Sender ter:InvalidArgVal ter:InvalidMtuValue");
        Assert.Null(_device.Store.Read(NetworkConfiguration.NetworkDocument));
    }

    [Fact]
    public async Task Network_interface_configuration_is_stored_and_the_mac_is_the_cameras()
    {
        var before = await Ok($"<GetNetworkInterfaces xmlns=\"{Tds}\"/>");
        Assert.Equal("127.0.0.1", before.Value("Address"));
        var set = await Ok($"<SetNetworkInterfaces xmlns=\"{Tds}\"><InterfaceToken>eth0</InterfaceToken><NetworkInterface><MTU xmlns=\"{Tt}\">1400</MTU>" +
                           $"<IPv4 xmlns=\"{Tt}\"><Manual><Address>192.168.50.10</Address><PrefixLength>24</PrefixLength></Manual><DHCP>false</DHCP></IPv4></NetworkInterface></SetNetworkInterfaces>");
        Assert.Equal("false", set.Value("RebootNeeded"));
        var after = await Ok($"<GetNetworkInterfaces xmlns=\"{Tds}\"/>");
        Assert.Equal(("192.168.50.10", "1400", _device.Identity.MacAddress), (after.Value("Address"), after.Value("MTU"), after.Value("HwAddress")));
    }

    [Fact]
    public async Task Network_protocols_are_the_served_ones_and_cannot_be_moved_by_one_camera()
    {
        var protocols = await Ok($"<GetNetworkProtocols xmlns=\"{Tds}\"/>");
        Assert.Equal(("HTTP", "true", "8080"), (protocols.Value("Name"), protocols.Value("Enabled"), protocols.Value("Port")));
        await Ok($"<SetNetworkProtocols xmlns=\"{Tds}\"><NetworkProtocols><Name xmlns=\"{Tt}\">HTTP</Name><Enabled xmlns=\"{Tt}\">true</Enabled><Port xmlns=\"{Tt}\">8080</Port></NetworkProtocols></SetNetworkProtocols>");
        await Fault($"<SetNetworkProtocols xmlns=\"{Tds}\"><NetworkProtocols><Name xmlns=\"{Tt}\">HTTP</Name><Enabled xmlns=\"{Tt}\">true</Enabled><Port xmlns=\"{Tt}\">81</Port></NetworkProtocols></SetNetworkProtocols>",
            "env:Sender ter:InvalidArgVal ter:PortAlreadyInUse");
        await Fault($"<SetNetworkProtocols xmlns=\"{Tds}\"><NetworkProtocols><Name xmlns=\"{Tt}\">HTTPS</Name><Enabled xmlns=\"{Tt}\">true</Enabled><Port xmlns=\"{Tt}\">443</Port></NetworkProtocols></SetNetworkProtocols>",
            "env:Sender ter:InvalidArgVal ter:ServiceNotSupported");
    }

    [Fact]
    public async Task Wsdl_url_and_time_are_pre_auth_and_settings_need_an_administrator()
    {
        Assert.Equal(DeviceNetworkOperations.WsdlUrl, (await _device.CallAsync($"<GetWsdlUrl xmlns=\"{Tds}\"/>", user: null)).AssertOk().Value("WsdlUrl"));
        (await _device.CallAsync($"<GetHostname xmlns=\"{Tds}\"/>", user: null)).AssertOk();
        Assert.Equal("env:Sender ter:NotAuthorized", (await _device.CallAsync($"<GetDNS xmlns=\"{Tds}\"/>", user: null)).FaultCodes);
        Assert.Equal("env:Sender ter:NotAuthorized", (await _device.CallAsync($"<SetHostname xmlns=\"{Tds}\"><Name>x</Name></SetHostname>", user: TestDevice.Operator)).FaultCodes);
        Assert.Equal("env:Sender ter:NotAuthorized", (await _device.CallAsync($"<SetSystemFactoryDefault xmlns=\"{Tds}\"><FactoryDefault>Hard</FactoryDefault></SetSystemFactoryDefault>", user: TestDevice.Operator)).FaultCodes);
        Assert.Empty(_device.FactoryDefaults);
    }

    [Fact]
    public async Task Factory_default_answers_then_resets()
    {
        await Ok($"<SetSystemFactoryDefault xmlns=\"{Tds}\"><FactoryDefault>Soft</FactoryDefault></SetSystemFactoryDefault>");
        await Fault($"<SetSystemFactoryDefault xmlns=\"{Tds}\"><FactoryDefault>Medium</FactoryDefault></SetSystemFactoryDefault>", "env:Sender ter:InvalidArgs");
        Assert.Equal([false], _device.FactoryDefaults);
    }

    [Theory]
    [InlineData("UTC0", true)]
    [InlineData("EST5EDT,M3.2.0,M11.1.0", true)]
    [InlineData("<+0530>-5:30", true)]
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", true)]
    [InlineData("JST-9", true)]
    [InlineData("", false)]
    [InlineData("U0", false)]
    [InlineData("CET", false)]
    [InlineData("CET-1CEST,M3.5.0", false)]
    [InlineData("CET-1CEST,M3.6.0,M10.5.0", false)]
    [InlineData("CET-25", false)]
    public void Posix_time_zones_are_validated(string tz, bool valid) => Assert.Equal(valid, PosixTimeZone.TryParse(tz, out _, out _));

    [Fact]
    public void Southern_hemisphere_daylight_saving_wraps_the_year()
    {
        var sydney = PosixTimeZone.Parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
        Assert.True(sydney.IsDaylightSaving(new DateTimeOffset(2030, 1, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(sydney.IsDaylightSaving(new DateTimeOffset(2030, 7, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTime(2030, 7, 10, 10, 0, 0), sydney.ToLocal(new DateTimeOffset(2030, 7, 10, 0, 0, 0, TimeSpan.Zero)));
    }
}
