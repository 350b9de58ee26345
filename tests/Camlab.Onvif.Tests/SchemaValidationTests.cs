using Camlab.Device.Events;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests;

/// <summary>
/// Every operation this part implements, called once, its response validated strictly against the official
/// WSDL/XSD set (skipped with a message when ../shared is absent).
/// </summary>
public class SchemaValidationTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";

    public static TheoryData<string, string> Operations() => new()
    {
        { "GetSystemDateAndTime", $"<GetSystemDateAndTime xmlns=\"{Tds}\"/>" },
        { "GetServices(true)", $"<GetServices xmlns=\"{Tds}\"><IncludeCapability>true</IncludeCapability></GetServices>" },
        { "GetServices(false)", $"<GetServices xmlns=\"{Tds}\"><IncludeCapability>false</IncludeCapability></GetServices>" },
        { "GetServiceCapabilities", $"<GetServiceCapabilities xmlns=\"{Tds}\"/>" },
        { "GetCapabilities", $"<GetCapabilities xmlns=\"{Tds}\"><Category>All</Category></GetCapabilities>" },
        { "GetCapabilities(Media)", $"<GetCapabilities xmlns=\"{Tds}\"><Category>Media</Category></GetCapabilities>" },
        { "GetDeviceInformation", $"<GetDeviceInformation xmlns=\"{Tds}\"/>" },
        { "GetScopes", $"<GetScopes xmlns=\"{Tds}\"/>" },
        { "SetScopes", $"<SetScopes xmlns=\"{Tds}\"><Scopes>onvif://www.onvif.org/location/lab</Scopes></SetScopes>" },
        { "AddScopes", $"<AddScopes xmlns=\"{Tds}\"><ScopeItem>onvif://www.onvif.org/location/roof</ScopeItem></AddScopes>" },
        { "RemoveScopes", $"<RemoveScopes xmlns=\"{Tds}\"><ScopeItem>onvif://www.onvif.org/location/anywhere</ScopeItem></RemoveScopes>" },
        { "GetHostname", $"<GetHostname xmlns=\"{Tds}\"/>" },
        { "GetNetworkInterfaces", $"<GetNetworkInterfaces xmlns=\"{Tds}\"/>" },
        { "GetDiscoveryMode", $"<GetDiscoveryMode xmlns=\"{Tds}\"/>" },
        { "SetDiscoveryMode", $"<SetDiscoveryMode xmlns=\"{Tds}\"><DiscoveryMode>NonDiscoverable</DiscoveryMode></SetDiscoveryMode>" },
        { "GetUsers", $"<GetUsers xmlns=\"{Tds}\"/>" },
        { "CreateUsers", $"<CreateUsers xmlns=\"{Tds}\"><User><Username xmlns=\"http://www.onvif.org/ver10/schema\">bob</Username><Password xmlns=\"http://www.onvif.org/ver10/schema\">pw</Password><UserLevel xmlns=\"http://www.onvif.org/ver10/schema\">User</UserLevel></User></CreateUsers>" },
        { "SystemReboot", $"<SystemReboot xmlns=\"{Tds}\"/>" },
        { "GetWsdlUrl", $"<GetWsdlUrl xmlns=\"{Tds}\"/>" },
        { "SetSystemDateAndTime", $"<SetSystemDateAndTime xmlns=\"{Tds}\"><DateTimeType>Manual</DateTimeType><DaylightSavings>false</DaylightSavings><TimeZone><TZ xmlns=\"http://www.onvif.org/ver10/schema\">CET-1CEST,M3.5.0,M10.5.0/3</TZ></TimeZone><UTCDateTime><Time xmlns=\"http://www.onvif.org/ver10/schema\"><Hour>1</Hour><Minute>2</Minute><Second>3</Second></Time><Date xmlns=\"http://www.onvif.org/ver10/schema\"><Year>2030</Year><Month>1</Month><Day>2</Day></Date></UTCDateTime></SetSystemDateAndTime>" },
        { "SetHostname", $"<SetHostname xmlns=\"{Tds}\"><Name>cam</Name></SetHostname>" },
        { "GetDNS", $"<GetDNS xmlns=\"{Tds}\"/>" },
        { "SetDNS", $"<SetDNS xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><DNSManual><Type xmlns=\"http://www.onvif.org/ver10/schema\">IPv4</Type><IPv4Address xmlns=\"http://www.onvif.org/ver10/schema\">10.0.0.53</IPv4Address></DNSManual></SetDNS>" },
        { "GetNTP", $"<GetNTP xmlns=\"{Tds}\"/>" },
        { "SetNTP", $"<SetNTP xmlns=\"{Tds}\"><FromDHCP>false</FromDHCP><NTPManual><Type xmlns=\"http://www.onvif.org/ver10/schema\">DNS</Type><DNSname xmlns=\"http://www.onvif.org/ver10/schema\">pool.ntp.org</DNSname></NTPManual></SetNTP>" },
        { "SetNetworkInterfaces", $"<SetNetworkInterfaces xmlns=\"{Tds}\"><InterfaceToken>eth0</InterfaceToken><NetworkInterface><MTU xmlns=\"http://www.onvif.org/ver10/schema\">1400</MTU></NetworkInterface></SetNetworkInterfaces>" },
        { "GetNetworkProtocols", $"<GetNetworkProtocols xmlns=\"{Tds}\"/>" },
        { "SetNetworkProtocols", $"<SetNetworkProtocols xmlns=\"{Tds}\"><NetworkProtocols><Name xmlns=\"http://www.onvif.org/ver10/schema\">HTTP</Name><Enabled xmlns=\"http://www.onvif.org/ver10/schema\">true</Enabled><Port xmlns=\"http://www.onvif.org/ver10/schema\">8080</Port></NetworkProtocols></SetNetworkProtocols>" },
        { "GetNetworkDefaultGateway", $"<GetNetworkDefaultGateway xmlns=\"{Tds}\"/>" },
        { "SetNetworkDefaultGateway", $"<SetNetworkDefaultGateway xmlns=\"{Tds}\"><IPv4Address>10.0.0.1</IPv4Address></SetNetworkDefaultGateway>" },
        { "SetSystemFactoryDefault", $"<SetSystemFactoryDefault xmlns=\"{Tds}\"><FactoryDefault>Soft</FactoryDefault></SetSystemFactoryDefault>" },
        { "Media.GetServiceCapabilities", $"<GetServiceCapabilities xmlns=\"{Trt}\"/>" },
        { "GetProfiles", $"<GetProfiles xmlns=\"{Trt}\"/>" },
        { "GetProfile", $"<GetProfile xmlns=\"{Trt}\"><ProfileToken>Profile_3</ProfileToken></GetProfile>" },
        { "GetVideoSources", $"<GetVideoSources xmlns=\"{Trt}\"/>" },
        { "GetVideoSourceConfigurations", $"<GetVideoSourceConfigurations xmlns=\"{Trt}\"/>" },
        { "GetVideoEncoderConfigurations", $"<GetVideoEncoderConfigurations xmlns=\"{Trt}\"/>" },
        { "AddPTZConfiguration", $"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_2</ProfileToken><ConfigurationToken>PtzConfig_1</ConfigurationToken></AddPTZConfiguration>" },
        { "RemovePTZConfiguration", $"<RemovePTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></RemovePTZConfiguration>" },
        { "Events.GetServiceCapabilities", "<GetServiceCapabilities xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>" },
        { "GetEventProperties", "<GetEventProperties xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>" },
        { "CreatePullPointSubscription", "<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Filter><TopicExpression xmlns=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\" Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">tns1:PTZController//.</TopicExpression></Filter><InitialTerminationTime>PT60S</InitialTerminationTime></CreatePullPointSubscription>" },
    };

    [RequiresSharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Response_validates(string name, string body)
    {
        var device = new TestDevice();
        var answer = await device.CallAsync(body);
        Assert.True(answer.Status == 200, $"{name}: {answer.Text}");
        OnvifSchemaValidator.AssertValid(answer.Text);
    }

    [RequiresSharedFact]
    public async Task SetUser_and_DeleteUsers_validate()
    {
        var device = new TestDevice();
        (await device.CallAsync($"<CreateUsers xmlns=\"{Tds}\"><User><Username>bob</Username><Password>pw</Password><UserLevel>User</UserLevel></User></CreateUsers>")).AssertOk();
        OnvifSchemaValidator.AssertValid((await device.CallAsync($"<SetUser xmlns=\"{Tds}\"><User><Username>bob</Username><Password>pw2</Password><UserLevel>Operator</UserLevel></User></SetUser>")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await device.CallAsync($"<DeleteUsers xmlns=\"{Tds}\"><Username>bob</Username></DeleteUsers>")).AssertOk().Text);
    }

    [RequiresSharedFact]
    public async Task Pull_point_operations_validate_including_notifications()
    {
        var device = new TestDevice();
        var created = await device.CallAsync("<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>");
        var address = new Uri(created.AssertOk().Value("Address"));
        device.Bus.Publish(new EventMessage("PTZController/PTZPresets/Reached", device.Time.GetUtcNow(),
            [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", "Preset_1"), new("PresetName", "Gate")]));
        device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", device.Time.GetUtcNow(),
            [new("Source", "VideoSource_1")], [new("State", "true")], PropertyOperation.Changed));

        var pulled = await device.CallAsync("<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT5S</Timeout><MessageLimit>10</MessageLimit></PullMessages>", uri: address);
        Assert.Equal(2, pulled.AssertOk().All("NotificationMessage").Count());
        OnvifSchemaValidator.AssertValid(pulled.Text);
        OnvifSchemaValidator.AssertValid((await device.CallAsync("<SetSynchronizationPoint xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>", uri: address)).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await device.CallAsync("<Renew xmlns=\"http://docs.oasis-open.org/wsn/b-2\"><TerminationTime>PT120S</TerminationTime></Renew>", uri: address)).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await device.CallAsync("<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>", uri: address)).AssertOk().Text);
        var fault = await device.CallAsync("<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT5M</Timeout><MessageLimit>100000</MessageLimit></PullMessages>", uri: address);
        OnvifSchemaValidator.AssertValid(fault.Text);
    }
}
