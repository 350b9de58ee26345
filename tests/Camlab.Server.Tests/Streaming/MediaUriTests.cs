using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>Media GetStreamUri/GetSnapshotUri answer the working MJPEG and snapshot URLs, with the spec's faults.</summary>
public sealed class MediaUriTests
{
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";

    private static string StreamUri(string profile, string protocol = "HTTP") =>
        $"<GetStreamUri xmlns=\"{Trt}\"><StreamSetup><Stream xmlns=\"{Tt}\">RTP-Unicast</Stream><Transport xmlns=\"{Tt}\"><Protocol>{protocol}</Protocol></Transport></StreamSetup><ProfileToken>{profile}</ProfileToken></GetStreamUri>";

    [Fact]
    public async Task Stream_and_snapshot_uris_are_the_working_urls()
    {
        await using var rig = await StreamingRig.StartAsync();
        var authority = rig.BaseUri.GetLeftPart(UriPartial.Authority);
        var stream = (await rig.Server.CallAsync(StreamUri("Profile_2"), "/onvif/media_service")).AssertOk();
        Assert.Equal(authority + "/mjpeg/Profile_2", stream.Value("Uri"));
        Assert.Equal("false", stream.Value("InvalidAfterConnect"));
        var snapshot = (await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></GetSnapshotUri>", "/onvif/media_service")).AssertOk();
        Assert.Equal(authority + "/snapshot/Profile_1.jpg", snapshot.Value("Uri"));

        using var response = await rig.Pump(rig.Client.GetAsync(snapshot.Value("Uri")));
        Assert.True(StreamingRig.IsJpeg(await response.Content.ReadAsByteArrayAsync()));
        var capabilities = (await rig.Server.CallAsync($"<GetServiceCapabilities xmlns=\"{Trt}\"/>", "/onvif/media_service")).AssertOk();
        Assert.Contains("SnapshotUri=\"true\"", capabilities.Text);
    }

    [Fact]
    public async Task Unknown_profiles_and_unserved_transports_fault()
    {
        await using var rig = await StreamingRig.StartAsync();
        var noProfile = await rig.Server.CallAsync(StreamUri("Profile_9"), "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoProfile", noProfile.FaultCodes);
        var noSnapshotProfile = await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></GetSnapshotUri>", "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:NoProfile", noSnapshotProfile.FaultCodes);
        var rtsp = await rig.Server.CallAsync(StreamUri("Profile_1", "RTSP"), "/onvif/media_service");
        Assert.Equal("env:Sender ter:InvalidArgVal ter:InvalidStreamSetup", rtsp.FaultCodes);
    }

    [RequiresSharedFact]
    public async Task Responses_validate_against_the_media_schema()
    {
        await using var rig = await StreamingRig.StartAsync();
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync(StreamUri("Profile_1"), "/onvif/media_service")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>Profile_3</ProfileToken></GetSnapshotUri>", "/onvif/media_service")).AssertOk().Text);
        OnvifSchemaValidator.AssertValid((await rig.Server.CallAsync(StreamUri("Profile_9"), "/onvif/media_service")).Text);
    }
}
