using System.Text;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests;

/// <summary>Raw envelopes in, raw answers out: dispatch, faults and hardened parsing.</summary>
public class SoapTransportTests
{
    private readonly TestDevice _device = new();

    private Task<SoapAnswer> Raw(string text) => _device.PostRawAsync(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Answers_GetSystemDateAndTime_byte_for_byte()
    {
        var answer = await Raw(TestDevice.Envelope("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"));
        var expected =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><env:Envelope xmlns:ter=\"http://www.onvif.org/ver10/error\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" " +
            "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>" +
            "<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>" +
            "<tt:UTCDateTime><tt:Time><tt:Hour>15</tt:Hour><tt:Minute>9</tt:Minute><tt:Second>26</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>3</tt:Month><tt:Day>14</tt:Day></tt:Date></tt:UTCDateTime>" +
            "<tt:LocalDateTime><tt:Time><tt:Hour>15</tt:Hour><tt:Minute>9</tt:Minute><tt:Second>26</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>3</tt:Month><tt:Day>14</tt:Day></tt:Date></tt:LocalDateTime>" +
            "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>";
        Assert.Equal(200, answer.Status);
        Assert.Equal(expected, answer.Text);
    }

    [Fact]
    public async Task Declares_a_prefix_it_did_not_expect_where_it_is_used_then_on_the_envelope()
    {
        // GetServices with capabilities writes other services' elements (timg:Capabilities...) inside tds.
        var call = "<GetServices xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><IncludeCapability>true</IncludeCapability></GetServices>";
        var first = await Raw(TestDevice.Envelope(call));
        var second = await Raw(TestDevice.Envelope(call));
        Assert.Equal(200, first.Status);
        var envelopeTag = (SoapAnswer a) => a.Text[..a.Text.IndexOf("<env:Body>", StringComparison.Ordinal)];
        Assert.DoesNotContain("xmlns:trt=", envelopeTag(first));
        Assert.Contains("xmlns:trt=", first.Text);
        Assert.Contains("xmlns:trt=", envelopeTag(second));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(second.Text, "xmlns:trt="));
        var parse = (SoapAnswer a) => System.Xml.Linq.XDocument.Parse(a.Text).Descendants().Select(e => e.Name.ToString());
        Assert.Equal(parse(first), parse(second));
    }

    [Fact]
    public async Task Matches_request_elements_by_local_name_whatever_their_prefix()
    {
        var answer = await _device.CallAsync("<x:GetServices xmlns:x=\"http://www.onvif.org/ver10/device/wsdl\"><IncludeCapability>false</IncludeCapability></x:GetServices>");
        answer.AssertOk();
        Assert.Equal(4, answer.All("Service").Count());
    }

    [Fact]
    public async Task Soap11_envelope_gets_VersionMismatch_with_Upgrade_header()
    {
        var answer = await Raw("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");
        Assert.Equal(500, answer.Status);
        Assert.Equal("env:VersionMismatch", answer.FaultCodes);
        Assert.Contains("<env:Upgrade><env:SupportedEnvelope qname=\"env:Envelope\" /></env:Upgrade>", answer.Text);
    }

    [Fact]
    public async Task Unknown_operation_is_ActionNotSupported()
    {
        var answer = await _device.CallAsync("<GetFrobnicator xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>");
        Assert.Equal(500, answer.Status);
        Assert.Equal("env:Receiver ter:ActionNotSupported", answer.FaultCodes);
    }

    [Fact]
    public async Task Operation_of_an_unregistered_service_is_ActionNotSupported()
    {
        var answer = await _device.CallAsync("<GetNodes xmlns=\"http://www.onvif.org/ver20/ptz/wsdl\"/>");
        Assert.Equal("env:Receiver ter:ActionNotSupported", answer.FaultCodes);
    }

    [Theory]
    [InlineData("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>")]
    [InlineData("not xml at all")]
    [InlineData("<a><b></a>")]
    public async Task Malformed_xml_is_a_WellFormed_sender_fault(string text)
    {
        var answer = await Raw(text);
        Assert.Equal(400, answer.Status);
        Assert.Equal("env:Sender ter:WellFormed", answer.FaultCodes);
        Assert.DoesNotContain("   at ", answer.Text); // no stack trace
    }

    [Fact]
    public async Task Envelope_without_body_element_is_a_sender_fault()
    {
        var answer = await Raw("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>");
        Assert.Equal(400, answer.Status);
        Assert.Equal("env:Sender ter:Tag", answer.FaultCodes);
    }

    [Fact]
    public async Task Billion_laughs_is_refused_without_expanding_anything()
    {
        var lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
                  string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">")) +
                  "]>" + TestDevice.Envelope("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\">&lol9;</GetSystemDateAndTime>");
        var answer = await Raw(lol);
        Assert.Equal(400, answer.Status);
        Assert.Equal("env:Sender ter:WellFormed", answer.FaultCodes);
        Assert.Contains("DTD", answer.Text);
    }

    [Fact]
    public async Task External_entity_is_refused()
    {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
                  TestDevice.Envelope("<GetScopes xmlns=\"http://www.onvif.org/ver10/device/wsdl\">&xxe;</GetScopes>");
        var answer = await Raw(xxe);
        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain("root:", answer.Text);
        Assert.Equal("env:Sender ter:WellFormed", answer.FaultCodes);
    }

    [Fact]
    public async Task Oversized_body_is_refused_before_parsing()
    {
        var padding = new string(' ', _device.Endpoint.Limits.MaxBodyBytes);
        var answer = await Raw(TestDevice.Envelope("<GetScopes xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>" + padding));
        Assert.Equal(400, answer.Status);
        Assert.Contains("exceeds the limit", answer.Text);
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        var depth = 10_000;
        var text = TestDevice.Envelope(string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)));
        var answer = await Raw(text);
        Assert.Equal(400, answer.Status);
        Assert.Contains("nesting exceeds", answer.Text);
        // The endpoint still answers normally afterwards.
        (await Raw(TestDevice.Envelope("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"))).AssertOk();
    }

    [Fact]
    public async Task Unknown_mustUnderstand_header_is_a_MustUnderstand_fault()
    {
        var answer = await Raw(TestDevice.Envelope("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
            "<x:Weird s:mustUnderstand=\"true\" xmlns:x=\"urn:weird\"/>"));
        Assert.Equal(500, answer.Status);
        Assert.Equal("env:MustUnderstand", answer.FaultCodes);
    }

    [Fact]
    public async Task Handler_crash_is_a_receiver_fault_without_details()
    {
        var services = new Camlab.Onvif.Soap.OnvifServiceSet();
        services.Add(new CrashingService());
        var endpoint = new Camlab.Onvif.Soap.SoapEndpoint(services, _device.Users, _device.Time, new Camlab.Onvif.Soap.SecurityOptions { AuthenticationRequired = false });
        var response = await endpoint.ProcessAsync(new("POST", "/onvif/x", TestDevice.DeviceUri, Encoding.UTF8.GetBytes(TestDevice.Envelope("<Crash xmlns=\"urn:crash\"/>"))));
        var answer = response.ToAnswer();
        Assert.Equal(500, answer.Status);
        Assert.Equal("env:Receiver ter:Action", answer.FaultCodes);
        Assert.DoesNotContain("secret detail", answer.Text);
    }

    [RequiresSharedFact]
    public async Task Faults_validate_against_the_soap_schema()
    {
        OnvifSchemaValidator.AssertValid((await _device.CallAsync("<GetProfile xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><ProfileToken>nope</ProfileToken></GetProfile>")).Text);
        OnvifSchemaValidator.AssertValid((await Raw("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>")).Text);
    }

    private sealed class CrashingService : Camlab.Onvif.Soap.IOnvifService
    {
        public string Namespace => "urn:crash";
        public string PathSegment => "crash";
        public (int Major, int Minor) Version => (1, 0);
        public IReadOnlyList<Camlab.Onvif.Soap.SoapOperation> Operations =>
            [new("Crash", Camlab.Onvif.Soap.AccessClass.PreAuth, (_, _) => throw new InvalidOperationException("secret detail"))];
        public void WriteCapabilities(System.Xml.XmlWriter writer) { }
    }
}
