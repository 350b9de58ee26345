using Camlab.Device.Events;
using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Media;

/// <summary>Stream URIs as the RTSP server would give them, for the SOAP tests.</summary>
public sealed class FakeStreamUris : IStreamUris
{
    public string ProtocolsServed => "RTP-Unicast over UDP, TCP, RTSP or HTTP";

    public StreamingCapabilities Streaming => new(false, true, true, false);

    public bool StreamsMetadata { get; init; }

    public string? StreamUri(string cameraBaseUri, MediaProfile profile, string stream, string protocol) =>
        stream == "RTP-Unicast" && protocol is "UDP" or "TCP" or "RTSP" or "HTTP" ? "rtsp://127.0.0.1:8554/" + profile.Token : null;

    public string SnapshotUri(string cameraBaseUri, MediaProfile profile) => cameraBaseUri + "/snapshot/" + profile.Token + ".jpg";
}

/// <summary>
/// Media ver10: the profile and configuration operations, each success and each fault as raw envelopes, every answer
/// validated against ../shared/ref/onvif when present.
/// </summary>
public class MediaConfigurationTests
{
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new(uris: new FakeStreamUris());

    private Task<SoapAnswer> Ok(string body) => _device.OkAsync(body);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    private static string Encoder(string token, string encoding, int width, int height, string extra = "", string name = "Main", int fps = 25, int bitrate = 4000) =>
        $"<SetVideoEncoderConfiguration xmlns=\"{Trt}\"><Configuration token=\"{token}\"><Name xmlns=\"{Tt}\">{name}</Name><UseCount xmlns=\"{Tt}\">1</UseCount>" +
        $"<Encoding xmlns=\"{Tt}\">{encoding}</Encoding><Resolution xmlns=\"{Tt}\"><Width>{width}</Width><Height>{height}</Height></Resolution>" +
        $"<Quality xmlns=\"{Tt}\">60</Quality><RateControl xmlns=\"{Tt}\"><FrameRateLimit>{fps}</FrameRateLimit><EncodingInterval>1</EncodingInterval><BitrateLimit>{bitrate}</BitrateLimit></RateControl>" +
        extra +
        $"<Multicast xmlns=\"{Tt}\"><Address><Type>IPv4</Type><IPv4Address>0.0.0.0</IPv4Address></Address><Port>0</Port><TTL>1</TTL><AutoStart>false</AutoStart></Multicast>" +
        $"<SessionTimeout xmlns=\"{Tt}\">PT60S</SessionTimeout></Configuration><ForcePersistence>true</ForcePersistence></SetVideoEncoderConfiguration>";

    [Fact]
    public async Task A_profile_is_created_configured_and_deleted_as_PTZ_5_1_4s_helper_does()
    {
        // HelperCreateMediaProfile: CreateProfile "testMedia", GetCompatibleVideoSourceConfigurations, each added in turn,
        // the PTZ service's GetCompatibleConfigurations then names the node's configuration, AddPTZConfiguration.
        var created = await Ok($"<CreateProfile xmlns=\"{Trt}\"><Name>testMedia</Name></CreateProfile>");
        var token = created.All("Profile").Single().Attribute("token")!.Value;
        Assert.Equal("false", created.All("Profile").Single().Attribute("fixed")!.Value);
        var compatible = await Ok($"<GetCompatibleVideoSourceConfigurations xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></GetCompatibleVideoSourceConfigurations>");
        Assert.Equal(["VideoSourceConfig_1", "VideoSourceConfig_2"], compatible.All("Configurations").Select(c => c.Attribute("token")!.Value));
        foreach (var vsc in new[] { "VideoSourceConfig_1", "VideoSourceConfig_2" })
            await Ok($"<AddVideoSourceConfiguration xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken><ConfigurationToken>{vsc}</ConfigurationToken></AddVideoSourceConfiguration>");
        Assert.Equal(["PtzConfig_2"], _device.Media.CompatiblePtzConfigurations(token));
        await Ok($"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken><ConfigurationToken>PtzConfig_2</ConfigurationToken></AddPTZConfiguration>");
        var encoders = await Ok($"<GetCompatibleVideoEncoderConfigurations xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></GetCompatibleVideoEncoderConfigurations>");
        Assert.Equal(3, encoders.All("Configurations").Count());
        await Ok($"<AddVideoEncoderConfiguration xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken><ConfigurationToken>VideoEncoderConfig_3</ConfigurationToken></AddVideoEncoderConfiguration>");

        var profile = (await Ok($"<GetProfile xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></GetProfile>")).All("Profile").Single();
        Assert.Equal("testMedia", profile.Elements().First().Value);
        Assert.Equal(["VideoSourceConfiguration", "VideoEncoderConfiguration", "PTZConfiguration"], profile.Elements().Skip(1).Select(e => e.Name.LocalName));
        Assert.Equal("2", (await Ok($"<GetVideoEncoderConfiguration xmlns=\"{Trt}\"><ConfigurationToken>VideoEncoderConfig_3</ConfigurationToken></GetVideoEncoderConfiguration>")).Value("UseCount"));
        Assert.Equal(new MediaProfile(token, "testMedia", false, "VideoSourceConfig_2", "VideoEncoderConfig_3", "PtzConfig_2"),
            new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store).Profile(token));

        await Ok($"<RemoveVideoEncoderConfiguration xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></RemoveVideoEncoderConfiguration>");
        await Ok($"<RemoveVideoSourceConfiguration xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></RemoveVideoSourceConfiguration>");
        Assert.Equal(new MediaProfile(token, "testMedia", false, null, null, null), _device.Media.Profile(token));
        await Ok($"<DeleteProfile xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></DeleteProfile>");
        await Fault($"<GetProfile xmlns=\"{Trt}\"><ProfileToken>{token}</ProfileToken></GetProfile>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task Profile_faults_carry_the_spec_subcodes_and_change_nothing()
    {
        var before = _device.Media.Profiles;
        await Fault($"<CreateProfile xmlns=\"{Trt}\"><Name>again</Name><Token>Profile_1</Token></CreateProfile>", "env:Sender ter:InvalidArgVal ter:ProfileExists");
        await Fault($"<DeleteProfile xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></DeleteProfile>", "env:Receiver ter:Action ter:DeletionOfFixedProfile");
        await Fault($"<DeleteProfile xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></DeleteProfile>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<AddVideoSourceConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>nope</ConfigurationToken></AddVideoSourceConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<AddVideoSourceConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></AddVideoSourceConfiguration>",
            "env:Receiver ter:Action ter:ConfigurationConflict");
        await Fault($"<AddVideoEncoderConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>nope</ConfigurationToken></AddVideoEncoderConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<RemoveVideoEncoderConfiguration xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></RemoveVideoEncoderConfiguration>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<CreateProfile xmlns=\"{Trt}\"><Name></Name></CreateProfile>", "env:Sender ter:InvalidArgs");
        Assert.Equal(before, _device.Media.Profiles);
        for (var i = before.Count; i < MediaProfiles.MaximumNumberOfProfiles; i++)
            await Ok($"<CreateProfile xmlns=\"{Trt}\"><Name>p{i}</Name></CreateProfile>");
        await Fault($"<CreateProfile xmlns=\"{Trt}\"><Name>one too many</Name></CreateProfile>", "env:Receiver ter:Action ter:MaxNVTProfiles");
        var empty = _device.Media.Profiles.Last().Token;
        await Fault($"<AddVideoEncoderConfiguration xmlns=\"{Trt}\"><ProfileToken>{empty}</ProfileToken><ConfigurationToken>VideoEncoderConfig_1</ConfigurationToken></AddVideoEncoderConfiguration>",
            "env:Receiver ter:Action ter:ConfigurationConflict");
        await Fault($"<GetStreamUri xmlns=\"{Trt}\"><StreamSetup><Stream xmlns=\"{Tt}\">RTP-Unicast</Stream><Transport xmlns=\"{Tt}\"><Protocol>RTSP</Protocol></Transport></StreamSetup><ProfileToken>{empty}</ProfileToken></GetStreamUri>",
            "env:Receiver ter:Action ter:IncompleteConfiguration");
        await Fault($"<GetSnapshotUri xmlns=\"{Trt}\"><ProfileToken>{empty}</ProfileToken></GetSnapshotUri>", "env:Receiver ter:Action ter:IncompleteConfiguration");
    }

    [Fact]
    public async Task The_encoder_becomes_H264_within_the_options_and_is_persisted()
    {
        var options = await Ok($"<GetVideoEncoderConfigurationOptions xmlns=\"{Trt}\"><ConfigurationToken>VideoEncoderConfig_1</ConfigurationToken><ProfileToken>Profile_1</ProfileToken></GetVideoEncoderConfigurationOptions>");
        var h264 = options.All("H264").First();
        Assert.Equal(["Baseline", "Main", "High"], h264.Elements().Where(e => e.Name.LocalName == "H264ProfilesSupported").Select(e => e.Value));
        var sizes = h264.Elements().Where(e => e.Name.LocalName == "ResolutionsAvailable").Select(e => e.Elements().First().Value + "x" + e.Elements().Last().Value).ToList();
        Assert.Contains("1280x720", sizes);
        Assert.DoesNotContain("3840x2160", sizes); // Profile_1's dome source is 1920x1080
        Assert.Single(options.All("JPEG").Where(e => e.Parent!.Name.LocalName == "Options"));

        await Ok(Encoder("VideoEncoderConfig_1", "H264", 1280, 720, $"<H264 xmlns=\"{Tt}\"><GovLength>50</GovLength><H264Profile>High</H264Profile></H264>"));
        var got = await Ok($"<GetVideoEncoderConfiguration xmlns=\"{Trt}\"><ConfigurationToken>VideoEncoderConfig_1</ConfigurationToken></GetVideoEncoderConfiguration>");
        Assert.Equal("H264", got.Value("Encoding"));
        Assert.Equal("50", got.Value("GovLength"));
        Assert.Equal("High", got.Value("H264Profile"));
        var reloaded = new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store).EncoderConfiguration("VideoEncoderConfig_1");
        Assert.Equal(new VideoEncoderConfiguration("VideoEncoderConfig_1", "Main", 1280, 720, 60, 25, 4000, VideoEncoding.H264, 50, H264Profile.High), reloaded);
    }

    [Fact]
    public async Task An_encoder_outside_its_options_is_ConfigModify_and_one_too_large_for_its_profiles_conflicts()
    {
        var before = _device.Media.VideoEncoderConfigurations;
        await Fault(Encoder("VideoEncoderConfig_2", "H264", 1000, 1000), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("VideoEncoderConfig_2", "MPEG4", 640, 360), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("VideoEncoderConfig_2", "H264", 640, 360, $"<H264 xmlns=\"{Tt}\"><GovLength>0</GovLength><H264Profile>Main</H264Profile></H264>"), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("VideoEncoderConfig_2", "JPEG", 640, 360, fps: 60), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("VideoEncoderConfig_2", "JPEG", 640, 360, bitrate: 1), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("VideoEncoderConfig_2", "JPEG", 640, 360, name: ""), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Encoder("nope", "JPEG", 640, 360), "env:Sender ter:InvalidArgVal ter:NoConfig");
        // Profile_2 encodes the 1920x1080 dome with it.
        await Fault(Encoder("VideoEncoderConfig_2", "JPEG", 3840, 2160), "env:Receiver ter:Action ter:ConfigurationConflict");
        Assert.Equal(before, _device.Media.VideoEncoderConfigurations);
        Assert.Null(_device.Store.Read(MediaProfiles.DocumentName));
    }

    [Fact]
    public async Task Video_source_configuration_takes_a_new_name_but_keeps_the_whole_source()
    {
        string Set(string name, int width) =>
            $"<SetVideoSourceConfiguration xmlns=\"{Trt}\"><Configuration token=\"VideoSourceConfig_1\"><Name xmlns=\"{Tt}\">{name}</Name><UseCount xmlns=\"{Tt}\">2</UseCount>" +
            $"<SourceToken xmlns=\"{Tt}\">VideoSource_1</SourceToken><Bounds xmlns=\"{Tt}\" x=\"0\" y=\"0\" width=\"{width}\" height=\"1080\"/></Configuration><ForcePersistence>false</ForcePersistence></SetVideoSourceConfiguration>";
        await Ok(Set("Dome view", 1920));
        var got = await Ok($"<GetVideoSourceConfiguration xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetVideoSourceConfiguration>");
        Assert.Equal("Dome view", got.Value("Name"));
        Assert.Equal("Dome view", new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store).SourceConfiguration("VideoSourceConfig_1").Name);
        await Fault(Set("Cropped", 1280), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault($"<GetVideoSourceConfiguration xmlns=\"{Trt}\"><ConfigurationToken>nope</ConfigurationToken></GetVideoSourceConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        var options = await Ok($"<GetVideoSourceConfigurationOptions xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetVideoSourceConfigurationOptions>");
        Assert.Equal("1920", options.All("WidthRange").Single().Elements().Last().Value);
        Assert.Equal(["VideoSource_1"], options.All("VideoSourceTokensAvailable").Select(e => e.Value));
        await Fault($"<GetVideoSourceConfigurationOptions xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></GetVideoSourceConfigurationOptions>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task Guaranteed_instances_and_synchronization_points()
    {
        var answer = await Ok($"<GetGuaranteedNumberOfVideoEncoderInstances xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetGuaranteedNumberOfVideoEncoderInstances>");
        Assert.Equal("4", answer.Value("TotalNumber"));
        Assert.Equal("4", answer.Value("H264"));
        await Fault($"<GetGuaranteedNumberOfVideoEncoderInstances xmlns=\"{Trt}\"><ConfigurationToken>nope</ConfigurationToken></GetGuaranteedNumberOfVideoEncoderInstances>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        var requested = new List<string>();
        _device.Media.SynchronizationPointRequested += requested.Add;
        await Ok($"<SetSynchronizationPoint xmlns=\"{Trt}\"><ProfileToken>Profile_2</ProfileToken></SetSynchronizationPoint>");
        Assert.Equal(["Profile_2"], requested);
        await Fault($"<SetSynchronizationPoint xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></SetSynchronizationPoint>", "env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task Changes_publish_ProfileChanged_and_ConfigurationChanged()
    {
        var messages = new List<EventMessage>();
        using var _ = _device.Bus.Subscribe(messages.Add);
        await Ok($"<CreateProfile xmlns=\"{Trt}\"><Name>n</Name><Token>Night</Token></CreateProfile>");
        await Ok(Encoder("VideoEncoderConfig_2", "JPEG", 640, 360));
        Assert.Equal(["Media/ProfileChanged Night", "Media/ConfigurationChanged VideoEncoderConfig_2 VideoEncoder"],
            messages.Select(m => string.Join(" ", new[] { m.Topic }.Concat(m.Source.Select(s => s.Value)).Concat(m.Data.Select(d => d.Value)))));
        var properties = await Ok("<GetEventProperties xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>");
        Assert.Single(properties.All("ProfileChanged"));
        Assert.Single(properties.All("ConfigurationChanged"));
    }
}
