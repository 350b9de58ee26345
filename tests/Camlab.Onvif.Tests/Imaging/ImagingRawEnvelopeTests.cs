using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Onvif.Imaging;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>Raw envelopes in, raw bodies out through the real transport (DESIGN.md: compare raw answers).</summary>
public class ImagingRawEnvelopeTests
{
    private readonly SoapTestClient _soap;

    public ImagingRawEnvelopeTests()
    {
        var clock = new FakeTimeProvider();
        _soap = SoapTestClient.ForServices(clock, [new ImagingService(new CameraImaging(DefaultImagingSources.Create(), new InMemoryStateStore(), clock))]);
    }

    private async Task<(int Status, string Body)> Post(string body)
    {
        var answer = await _soap.CallAsync(body);
        var text = answer.Text;
        var start = text.IndexOf("<env:Body>", StringComparison.Ordinal) + "<env:Body>".Length;
        return (answer.Status, text[start..text.IndexOf("</env:Body>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task GetMoveOptions_of_the_dome()
    {
        var (status, body) = await Post("<GetMoveOptions xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\"><VideoSourceToken>VideoSource_1</VideoSourceToken></GetMoveOptions>");
        Assert.Equal(200, status);
        Assert.Equal(
            "<timg:GetMoveOptionsResponse><timg:MoveOptions>"
            + "<tt:Absolute><tt:Position><tt:Min>0</tt:Min><tt:Max>1</tt:Max></tt:Position><tt:Speed><tt:Min>0.05</tt:Min><tt:Max>1</tt:Max></tt:Speed></tt:Absolute>"
            + "<tt:Relative><tt:Distance><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:Distance><tt:Speed><tt:Min>0.05</tt:Min><tt:Max>1</tt:Max></tt:Speed></tt:Relative>"
            + "<tt:Continuous><tt:Speed><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:Speed></tt:Continuous>"
            + "</timg:MoveOptions></timg:GetMoveOptionsResponse>",
            body);
    }

    [Fact]
    public async Task GetStatus_of_the_idle_dome()
    {
        var (_, body) = await Post("<GetStatus xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\"><VideoSourceToken>VideoSource_1</VideoSourceToken></GetStatus>");
        Assert.Equal("<timg:GetStatusResponse><timg:Status><tt:FocusStatus20><tt:Position>0.95</tt:Position><tt:MoveStatus>IDLE</tt:MoveStatus></tt:FocusStatus20></timg:Status></timg:GetStatusResponse>", body);
    }

    [Fact]
    public async Task GetServiceCapabilities()
    {
        var (_, body) = await Post("<GetServiceCapabilities xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\"/>");
        Assert.Equal("<timg:GetServiceCapabilitiesResponse><timg:Capabilities ImageStabilization=\"true\" Presets=\"true\" AdaptablePreset=\"true\" /></timg:GetServiceCapabilitiesResponse>", body);
    }

    [Fact]
    public async Task An_unknown_source_is_a_sender_fault_with_the_NoSource_subcode()
    {
        var (status, body) = await Post("<GetOptions xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\"><VideoSourceToken>Nope</VideoSourceToken></GetOptions>");
        Assert.Equal(400, status);
        Assert.Contains("<env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:InvalidArgVal</env:Value><env:Subcode><env:Value>ter:NoSource</env:Value>", body);
        Assert.Contains("VideoSource &apos;Nope&apos; does not exist", body.Replace("'", "&apos;"));
    }
}
