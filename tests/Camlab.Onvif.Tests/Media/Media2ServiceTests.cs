using Camlab.Device.Media;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Media;

/// <summary>
/// Media2 (ver20/media): each operation's success and faults as raw envelopes, following the steps of the public
/// MEDIA2_PTZ helpers (HelperCreateMedia2Profile, HelperMediaProfileConfiguration); answers validated against
/// ../shared/ref/onvif when present.
/// </summary>
public class Media2ServiceTests
{
    private const string Tr2 = "http://www.onvif.org/ver20/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new(uris: new FakeStreamUris());

    private Task<SoapAnswer> Ok(string body) => _device.OkAsync(body);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    private static string Ref(string type, string? token = null) =>
        $"<Configuration><Type>{type}</Type>{(token is null ? "" : $"<Token>{token}</Token>")}</Configuration>";

    private static string Encoder2(string token, string encoding, int width, int height, string attributes = "", string fps = "25") =>
        $"<SetVideoEncoderConfiguration xmlns=\"{Tr2}\"><Configuration token=\"{token}\" {attributes}><Name xmlns=\"{Tt}\">Main</Name><UseCount xmlns=\"{Tt}\">1</UseCount>" +
        $"<Encoding xmlns=\"{Tt}\">{encoding}</Encoding><Resolution xmlns=\"{Tt}\"><Width>{width}</Width><Height>{height}</Height></Resolution>" +
        $"<RateControl xmlns=\"{Tt}\" ConstantBitRate=\"true\"><FrameRateLimit>{fps}</FrameRateLimit><BitrateLimit>2000</BitrateLimit></RateControl>" +
        $"<Quality xmlns=\"{Tt}\">50</Quality></Configuration></SetVideoEncoderConfiguration>";

    [Fact]
    public async Task Capabilities_say_what_is_served()
    {
        var caps = (await Ok($"<GetServiceCapabilities xmlns=\"{Tr2}\"/>")).All("Capabilities").Single();
        Assert.Equal("true", caps.Attribute("SnapshotUri")!.Value);
        Assert.Equal("false", caps.Attribute("OSD")!.Value);
        var profiles = caps.Elements().First();
        Assert.Equal("16", profiles.Attribute("MaximumNumberOfProfiles")!.Value);
        Assert.Equal("VideoSource VideoEncoder PTZ", profiles.Attribute("ConfigurationsSupported")!.Value);
        Assert.Equal("false", caps.Elements().Last().Attribute("RTPMulticast")!.Value);
    }

    [Fact]
    public async Task GetProfiles_filters_by_token_and_type()
    {
        var bare = await Ok($"<GetProfiles xmlns=\"{Tr2}\"/>");
        Assert.Equal(["Profile_1", "Profile_2", "Profile_3"], bare.All("Profiles").Select(p => p.Attribute("token")!.Value));
        Assert.Empty(bare.All("Configurations"));
        var all = await Ok($"<GetProfiles xmlns=\"{Tr2}\"><Token>Profile_1</Token><Type>All</Type></GetProfiles>");
        Assert.Equal(["VideoSource", "VideoEncoder", "PTZ"], all.All("Configurations").Single().Elements().Select(e => e.Name.LocalName));
        // HelperMediaProfileConfiguration asks for PTZ and VideoSource and reads Configurations.PTZ.NodeToken.
        var ptz = await Ok($"<GetProfiles xmlns=\"{Tr2}\"><Type>PTZ</Type><Type>VideoSource</Type></GetProfiles>");
        Assert.Equal(["PtzNode_1", "PtzNode_2"], ptz.All("NodeToken").Select(e => e.Value));
        Assert.Empty(ptz.All("VideoEncoder"));
        await Fault($"<GetProfiles xmlns=\"{Tr2}\"><Token>nope</Token></GetProfiles>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task HelperCreateMedia2Profile_steps_give_a_profile_of_the_wide_node()
    {
        var token = (await Ok($"<CreateProfile xmlns=\"{Tr2}\"><Name>testMedia</Name></CreateProfile>")).Value("Token");
        var sources = await Ok($"<GetVideoSourceConfigurations xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken></GetVideoSourceConfigurations>");
        var found = false;
        foreach (var vsc in sources.All("Configurations").Select(c => c.Attribute("token")!.Value))
        {
            await Ok($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("VideoSource", vsc)}</AddConfiguration>");
            if (!_device.Media.CompatiblePtzConfigurations(token).Contains("PtzConfig_2")) continue;
            await Ok($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("PTZ", "PtzConfig_2")}</AddConfiguration>");
            found = true;
            break;
        }
        Assert.True(found);
        var profile = await Ok($"<GetProfiles xmlns=\"{Tr2}\"><Token>{token}</Token><Type>All</Type></GetProfiles>");
        Assert.Equal(["VideoSource", "PTZ"], profile.All("Configurations").Single().Elements().Select(e => e.Name.LocalName));
        Assert.Equal("PtzNode_2", profile.Value("NodeToken"));

        await Ok($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken><Name>renamed</Name>{Ref("VideoEncoder", "VideoEncoderConfig_3")}</AddConfiguration>");
        Assert.Equal(new MediaProfile(token, "renamed", false, "VideoSourceConfig_2", "VideoEncoderConfig_3", "PtzConfig_2"), _device.Media.Profile(token));
        Assert.StartsWith("rtsp://", (await Ok($"<GetStreamUri xmlns=\"{Tr2}\"><Protocol>RtspUnicast</Protocol><ProfileToken>{token}</ProfileToken></GetStreamUri>")).Value("Uri"));
        await Ok($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("VideoSource")}</RemoveConfiguration>");
        Assert.Equal(new MediaProfile(token, "renamed", false, null, "VideoEncoderConfig_3", null), _device.Media.Profile(token));
        await Ok($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("All")}</RemoveConfiguration>");
        Assert.Equal(new MediaProfile(token, "renamed", false, null, null, null), _device.Media.Profile(token));
        await Ok($"<DeleteProfile xmlns=\"{Tr2}\"><Token>{token}</Token></DeleteProfile>");
        Assert.DoesNotContain(_device.Media.Profiles, p => p.Token == token);
    }

    [Fact]
    public async Task CreateProfile_with_a_configuration_list_applies_whole_or_not_at_all()
    {
        // The encoder is listed before its source: the device applies source, encoder, PTZ in that order.
        var token = (await Ok($"<CreateProfile xmlns=\"{Tr2}\"><Name>full</Name>{Ref("VideoEncoder", "VideoEncoderConfig_2")}{Ref("VideoSource", "VideoSourceConfig_1")}{Ref("PTZ", "PtzConfig_1")}</CreateProfile>")).Value("Token");
        Assert.Equal(new MediaProfile(token, "full", false, "VideoSourceConfig_1", "VideoEncoderConfig_2", "PtzConfig_1"), _device.Media.Profile(token));
        var count = _device.Media.Profiles.Count;
        await Fault($"<CreateProfile xmlns=\"{Tr2}\"><Name>bad</Name>{Ref("VideoSource", "VideoSourceConfig_1")}{Ref("PTZ", "PtzConfig_2")}</CreateProfile>", "env:Receiver ter:Action ter:ConfigurationConflict");
        await Fault($"<CreateProfile xmlns=\"{Tr2}\"><Name>bad</Name>{Ref("VideoSource", "nope")}</CreateProfile>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<CreateProfile xmlns=\"{Tr2}\"><Name>bad</Name>{Ref("AudioSource", "Audio_1")}</CreateProfile>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<CreateProfile xmlns=\"{Tr2}\"><Name>bad</Name>{Ref("VideoSource")}</CreateProfile>", "env:Sender ter:InvalidArgs");
        Assert.Equal(count, _device.Media.Profiles.Count);
        await Fault($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken>{Ref("VideoSource", "VideoSourceConfig_1")}</AddConfiguration>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("VideoEncoder", "VideoEncoderConfig_1")}</RemoveConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<DeleteProfile xmlns=\"{Tr2}\"><Token>Profile_1</Token></DeleteProfile>", "env:Receiver ter:Action ter:DeletionOfFixedProfile");
        await Fault($"<DeleteProfile xmlns=\"{Tr2}\"><Token>nope</Token></DeleteProfile>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task Video_source_configurations_and_options()
    {
        var all = await Ok($"<GetVideoSourceConfigurations xmlns=\"{Tr2}\"/>");
        Assert.Equal(["VideoSourceConfig_1", "VideoSourceConfig_2"], all.All("Configurations").Select(c => c.Attribute("token")!.Value));
        // Profile_1 drives the dome: only the dome's configuration is compatible.
        var compatible = await Ok($"<GetVideoSourceConfigurations xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken></GetVideoSourceConfigurations>");
        Assert.Equal(["VideoSourceConfig_1"], compatible.All("Configurations").Select(c => c.Attribute("token")!.Value));
        await Fault($"<GetVideoSourceConfigurations xmlns=\"{Tr2}\"><ConfigurationToken>nope</ConfigurationToken></GetVideoSourceConfigurations>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        var options = await Ok($"<GetVideoSourceConfigurationOptions xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></GetVideoSourceConfigurationOptions>");
        Assert.Equal("3840", options.All("WidthRange").Single().Elements().First().Value);
        await Ok($"<SetVideoSourceConfiguration xmlns=\"{Tr2}\"><Configuration token=\"VideoSourceConfig_2\"><Name xmlns=\"{Tt}\">Wide</Name><UseCount xmlns=\"{Tt}\">1</UseCount><SourceToken xmlns=\"{Tt}\">VideoSource_2</SourceToken><Bounds xmlns=\"{Tt}\" x=\"0\" y=\"0\" width=\"3840\" height=\"2160\"/></Configuration></SetVideoSourceConfiguration>");
        Assert.Equal("Wide", _device.Media.SourceConfiguration("VideoSourceConfig_2").Name);
        await Fault($"<SetVideoSourceConfiguration xmlns=\"{Tr2}\"><Configuration token=\"VideoSourceConfig_2\"><Name xmlns=\"{Tt}\">Wide</Name><UseCount xmlns=\"{Tt}\">1</UseCount><SourceToken xmlns=\"{Tt}\">VideoSource_1</SourceToken><Bounds xmlns=\"{Tt}\" x=\"0\" y=\"0\" width=\"3840\" height=\"2160\"/></Configuration></SetVideoSourceConfiguration>",
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
    }

    [Fact]
    public async Task Video_encoder_configurations_options_and_H264()
    {
        var options = await Ok($"<GetVideoEncoderConfigurationOptions xmlns=\"{Tr2}\"><ProfileToken>Profile_3</ProfileToken></GetVideoEncoderConfigurationOptions>");
        var byEncoding = options.All("Options").ToDictionary(o => o.Elements().First().Value);
        Assert.Equal(["JPEG", "H264"], byEncoding.Keys);
        Assert.Equal("Baseline Main High", byEncoding["H264"].Attribute("ProfilesSupported")!.Value);
        Assert.Equal("1 1000", byEncoding["H264"].Attribute("GovLengthRange")!.Value);
        Assert.Contains("3840", byEncoding["H264"].Descendants().Where(e => e.Name.LocalName == "Width").Select(e => e.Value));

        await Ok(Encoder2("VideoEncoderConfig_3", "H264", 1280, 720, "GovLength=\"30\" Profile=\"Baseline\""));
        var got = await Ok($"<GetVideoEncoderConfigurations xmlns=\"{Tr2}\"><ConfigurationToken>VideoEncoderConfig_3</ConfigurationToken></GetVideoEncoderConfigurations>");
        var c = got.All("Configurations").Single();
        Assert.Equal(("30", "Baseline"), (c.Attribute("GovLength")!.Value, c.Attribute("Profile")!.Value));
        Assert.Equal("true", got.All("RateControl").Single().Attribute("ConstantBitRate")!.Value);
        Assert.Equal(new VideoEncoderConfiguration("VideoEncoderConfig_3", "Main", 1280, 720, 50, 25, 2000, VideoEncoding.H264, 30, H264Profile.Baseline, true),
            new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store).EncoderConfiguration("VideoEncoderConfig_3"));

        await Fault(Encoder2("VideoEncoderConfig_3", "H265", 1280, 720), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder2("VideoEncoderConfig_3", "H264", 1280, 720, fps: "12.5"), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder2("VideoEncoderConfig_3", "H264", 1280, 720, "Profile=\"Extended\""), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder2("nope", "H264", 1280, 720), "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault(Encoder2("VideoEncoderConfig_1", "H264", 3840, 2160), "env:Receiver ter:Action ter:ConfigurationConflict");

        var instances = await Ok($"<GetVideoEncoderInstances xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetVideoEncoderInstances>");
        Assert.Equal(["JPEG", "H264"], instances.All("Encoding").Select(e => e.Value));
        Assert.Equal("4", instances.Value("Total"));
        await Fault($"<GetVideoEncoderInstances xmlns=\"{Tr2}\"><ConfigurationToken>nope</ConfigurationToken></GetVideoEncoderInstances>", "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task Stream_and_snapshot_uris_and_synchronization_points()
    {
        foreach (var protocol in new[] { "RtspUnicast", "RTSP", "RtspOverHttp" })
            Assert.Equal("rtsp://127.0.0.1:8554/Profile_1", (await Ok($"<GetStreamUri xmlns=\"{Tr2}\"><Protocol>{protocol}</Protocol><ProfileToken>Profile_1</ProfileToken></GetStreamUri>")).Value("Uri"));
        foreach (var protocol in new[] { "RtspMulticast", "RtspsUnicast", "UDP" })
            await Fault($"<GetStreamUri xmlns=\"{Tr2}\"><Protocol>{protocol}</Protocol><ProfileToken>Profile_1</ProfileToken></GetStreamUri>", "env:Sender ter:InvalidArgVal ter:InvalidStreamSetup");
        await Fault($"<GetStreamUri xmlns=\"{Tr2}\"><Protocol>RTSP</Protocol><ProfileToken>nope</ProfileToken></GetStreamUri>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        Assert.EndsWith("/snapshot/Profile_2.jpg", (await Ok($"<GetSnapshotUri xmlns=\"{Tr2}\"><ProfileToken>Profile_2</ProfileToken></GetSnapshotUri>")).Value("Uri"));
        await Fault($"<GetSnapshotUri xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken></GetSnapshotUri>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        var requested = new List<string>();
        _device.Media.SynchronizationPointRequested += requested.Add;
        await Ok($"<SetSynchronizationPoint xmlns=\"{Tr2}\"><ProfileToken>Profile_3</ProfileToken></SetSynchronizationPoint>");
        Assert.Equal(["Profile_3"], requested);
        await Fault($"<SetSynchronizationPoint xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken></SetSynchronizationPoint>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task Without_stream_uris_or_PTZ_the_service_offers_neither()
    {
        var device = new TestDevice(withPtz: false);
        (await device.CallAsync($"<GetStreamUri xmlns=\"{Tr2}\"><Protocol>RTSP</Protocol><ProfileToken>Profile_1</ProfileToken></GetStreamUri>")).AssertFault("env:Receiver ter:ActionNotSupported");
        var caps = await device.OkAsync($"<GetServiceCapabilities xmlns=\"{Tr2}\"/>");
        Assert.Equal("VideoSource VideoEncoder", caps.All("ProfileCapabilities").Single().Attribute("ConfigurationsSupported")!.Value);
        Assert.Equal("false", caps.All("Capabilities").Single().Attribute("SnapshotUri")!.Value);
        await device.FaultAsync($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken>{Ref("PTZ", "PtzConfig_1")}</AddConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_change()
    {
        (await _device.CallAsync($"<GetProfiles xmlns=\"{Tr2}\"><Type>All</Type></GetProfiles>", TestDevice.Viewer)).AssertOk();
        var refused = await _device.CallAsync($"<CreateProfile xmlns=\"{Tr2}\"><Name>x</Name></CreateProfile>", TestDevice.Viewer);
        Assert.Equal("env:Sender ter:NotAuthorized", refused.FaultCodes);
    }
}
