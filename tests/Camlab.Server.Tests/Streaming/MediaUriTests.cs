using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>Media GetStreamUri/GetSnapshotUri answer the working RTSP and snapshot URLs, with the spec's faults; capabilities and GetNetworkProtocols say what is served.</summary>
public sealed class MediaUriTests
{
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";

    private static string StreamUri(string profile, string protocol = "HTTP", string stream = "RTP-Unicast") =>
        $"<GetStreamUri xmlns=\"{Trt}\"><StreamSetup><Stream xmlns=\"{Tt}\">{stream}</Stream><Transport xmlns=\"{Tt}\"><Protocol>{protocol}</Protocol></Transport></StreamSetup><ProfileToken>{profile}</ProfileToken></GetStreamUri>";

    [Fact]
    public async Task Stream_and_snapshot_uris_are_the_working_urls()
    {
        await using var rig = await StreamingRig.StartAsync();
        var authority = rig.BaseUri.GetLeftPart(UriPartial.Authority);
        var rtspPort = rig.Server.Host.Rtsp!.EndPoint.Port;
        // UDP, TCP (interleaved), RTSP and HTTP (RTSP tunnelled over HTTP, on the RTSP port) all name the RTSP URL.
        foreach (var protocol in new[] { "UDP", "TCP", "RTSP", "HTTP" })
        {
            var stream = (await rig.Server.CallAsync(StreamUri("Profile_2", protocol), "/onvif/media_service")).AssertOk();
            Assert.Equal($"rtsp://127.0.0.1:{rtspPort}/Profile_2", stream.Value("Uri"));
            Assert.Equal("false", stream.Value("InvalidAfterConnect"));
        }
        var snapshot = (await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></GetSnapshotUri>", "/onvif/media_service")).AssertOk();
        Assert.Equal(authority + "/snapshot/Profile_1.jpg", snapshot.Value("Uri"));

        using var response = await rig.Pump(rig.Client.GetAsync(snapshot.Value("Uri")));
        Assert.True(StreamingRig.IsJpeg(await response.Content.ReadAsByteArrayAsync()));
        var capabilities = (await rig.Server.CallAsync($"<GetServiceCapabilities xmlns=\"{Trt}\"/>", "/onvif/media_service")).AssertOk();
        Assert.Contains("SnapshotUri=\"true\"", capabilities.Text);
        foreach (var truth in new[] { "RTPMulticast=\"false\"", "RTP_TCP=\"true\"", "RTP_RTSP_TCP=\"true\"", "NoRTSPStreaming=\"false\"" })
            Assert.Contains(truth, capabilities.Text);
        var device = (await rig.Server.CallAsync($"<GetCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Category>Media</Category></GetCapabilities>")).AssertOk();
        Assert.Equal(["false", "true", "true"], [device.Value("RTPMulticast"), device.Value("RTP_TCP"), device.Value("RTP_RTSP_TCP")]);
        var protocols = (await rig.Server.CallAsync("<GetNetworkProtocols xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")).AssertOk();
        Assert.Contains($"<tt:Name>RTSP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>{rtspPort}</tt:Port>", protocols.Text);
        Assert.Contains($"<tt:Name>HTTP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>{rig.BaseUri.Port}</tt:Port>", protocols.Text);
    }

    [Fact]
    public async Task Unknown_profiles_and_unserved_transports_fault()
    {
        await using var rig = await StreamingRig.StartAsync();
        var noProfile = await rig.Server.CallAsync(StreamUri("Profile_9"), "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoProfile", noProfile.FaultCodes);
        var noSnapshotProfile = await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></GetSnapshotUri>", "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoProfile", noSnapshotProfile.FaultCodes);
        var multicast = await rig.Server.CallAsync(StreamUri("Profile_1", "UDP", "RTP-Multicast"), "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:InvalidStreamSetup", multicast.FaultCodes);
        var unknown = await rig.Server.CallAsync(StreamUri("Profile_1", "SCTP"), "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:InvalidStreamSetup", unknown.FaultCodes);
    }

    [RequiresSharedFact]
    public async Task Responses_validate_against_the_media_schema()
    {
        await using var rig = await StreamingRig.StartAsync();
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync(StreamUri("Profile_1"), "/onvif/media_service")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>Profile_3</ProfileToken></GetSnapshotUri>", "/onvif/media_service")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync(StreamUri("Profile_9"), "/onvif/media_service")).Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync("<GetNetworkProtocols xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync($"<GetServiceCapabilities xmlns=\"{Trt}\"/>", "/onvif/media_service")).AssertOk().Text);
    }
}
