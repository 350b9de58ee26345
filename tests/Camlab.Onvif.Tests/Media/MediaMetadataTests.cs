using Camlab.Device.Media;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Media;

/// <summary>
/// Media ver10 metadata configurations (Media 5.9, 5.10): each operation's success and faults as raw envelopes, every
/// answer validated against ../shared/ref/onvif when present; offered only when the streams carry a metadata track.
/// </summary>
public class MediaMetadataTests
{
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new(uris: new FakeStreamUris { StreamsMetadata = true });

    private Task<SoapAnswer> Ok(string body) => _device.OkAsync(body);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    internal static string Configuration(string token, string inner, string name = "Motion and PTZ", string timeout = "PT60S") =>
        $"<Configuration token=\"{token}\"><Name xmlns=\"{Tt}\">{name}</Name><UseCount xmlns=\"{Tt}\">0</UseCount>{inner}" +
        $"<Multicast xmlns=\"{Tt}\"><Address><Type>IPv4</Type><IPv4Address>0.0.0.0</IPv4Address></Address><Port>0</Port><TTL>1</TTL><AutoStart>false</AutoStart></Multicast>" +
        $"<SessionTimeout xmlns=\"{Tt}\">{timeout}</SessionTimeout></Configuration>";

    private static string Set(string configuration) =>
        $"<SetMetadataConfiguration xmlns=\"{Trt}\">{configuration}<ForcePersistence>true</ForcePersistence></SetMetadataConfiguration>";

    internal const string MotionFilter =
        "<PTZStatus xmlns=\"" + Tt + "\"><Status>true</Status><Position>true</Position></PTZStatus>" +
        "<Events xmlns=\"" + Tt + "\"><Filter><wsnt:TopicExpression xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:ev=\"http://www.onvif.org/ver10/topics\" " +
        "Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">ev:VideoSource/MotionAlarm</wsnt:TopicExpression></Filter></Events>" +
        "<Analytics xmlns=\"" + Tt + "\">false</Analytics>";

    [Fact]
    public async Task A_metadata_configuration_is_listed_added_to_a_profile_set_and_removed()
    {
        var all = await Ok($"<GetMetadataConfigurations xmlns=\"{Trt}\"/>");
        var listed = all.All("Configurations").Single();
        Assert.Equal("MetadataConfig_1", listed.Attribute("token")!.Value);
        Assert.Equal(["Name", "UseCount", "PTZStatus", "Events", "Analytics", "Multicast", "SessionTimeout"], listed.Elements().Select(e => e.Name.LocalName));
        var compatible = await Ok($"<GetCompatibleMetadataConfigurations xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></GetCompatibleMetadataConfigurations>");
        Assert.Equal(["MetadataConfig_1"], compatible.All("Configurations").Select(c => c.Attribute("token")!.Value));

        await Ok($"<AddMetadataConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>MetadataConfig_1</ConfigurationToken></AddMetadataConfiguration>");
        var profile = (await Ok($"<GetProfile xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></GetProfile>")).All("Profile").Single();
        Assert.Equal(["Name", "VideoSourceConfiguration", "VideoEncoderConfiguration", "PTZConfiguration", "MetadataConfiguration"], profile.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("1", (await Ok($"<GetMetadataConfiguration xmlns=\"{Trt}\"><ConfigurationToken>MetadataConfig_1</ConfigurationToken></GetMetadataConfiguration>")).Value("UseCount"));

        await Ok(Set(Configuration("MetadataConfig_1", MotionFilter, timeout: "PT30S")));
        var set = (await Ok($"<GetMetadataConfiguration xmlns=\"{Trt}\"><ConfigurationToken>MetadataConfig_1</ConfigurationToken></GetMetadataConfiguration>")).All("Configuration").Single();
        Assert.Equal("tns1:VideoSource/MotionAlarm", set.Descendants().Single(e => e.Name.LocalName == "TopicExpression").Value);
        Assert.Equal("PT30S", set.Elements().Single(e => e.Name.LocalName == "SessionTimeout").Value);
        var stored = new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store);
        Assert.Equal(new MetadataConfiguration("MetadataConfig_1", "Motion and PTZ", true, true, true, "tns1:VideoSource/MotionAlarm", false, TimeSpan.FromSeconds(30)),
            stored.Metadata("MetadataConfig_1"));
        Assert.Equal("MetadataConfig_1", stored.Profile("Profile_1").MetadataConfigurationToken);

        // No Events element: no events streamed; no PTZStatus: no PTZ data.
        await Ok(Set(Configuration("MetadataConfig_1", "")));
        Assert.Equal((false, false, false), (_device.Media.Metadata("MetadataConfig_1").Events, _device.Media.Metadata("MetadataConfig_1").PtzStatus,
            _device.Media.Metadata("MetadataConfig_1").PtzPosition));

        await Ok($"<RemoveMetadataConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></RemoveMetadataConfiguration>");
        Assert.Null(_device.Media.Profile("Profile_1").MetadataConfigurationToken);
    }

    [Fact]
    public async Task The_options_offer_PTZ_status_and_position_when_the_camera_has_PTZ()
    {
        var options = (await Ok($"<GetMetadataConfigurationOptions xmlns=\"{Trt}\"><ConfigurationToken>MetadataConfig_1</ConfigurationToken><ProfileToken>Profile_1</ProfileToken></GetMetadataConfigurationOptions>"))
            .All("Options").Single();
        Assert.Equal(["true", "true", "true", "true"], options.Elements().Single().Elements().Select(e => e.Value));
        Assert.Equal("false", options.Attribute("GeoLocation")!.Value);
        await Ok($"<GetMetadataConfigurationOptions xmlns=\"{Trt}\"/>");

        var withoutPtz = new TestDevice(withPtz: false, uris: new FakeStreamUris { StreamsMetadata = true });
        var none = (await withoutPtz.OkAsync($"<GetMetadataConfigurationOptions xmlns=\"{Trt}\"/>")).All("Options").Single();
        Assert.Equal(["false", "false", "false", "false"], none.Elements().Single().Elements().Select(e => e.Value));
        var listed = (await withoutPtz.OkAsync($"<GetMetadataConfigurations xmlns=\"{Trt}\"/>")).All("Configurations").Single();
        Assert.DoesNotContain(listed.Elements(), e => e.Name.LocalName == "PTZStatus");
        await withoutPtz.FaultAsync(Set(Configuration("MetadataConfig_1", $"<PTZStatus xmlns=\"{Tt}\"><Status>true</Status><Position>false</Position></PTZStatus>")),
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
    }

    [Fact]
    public async Task Faults_carry_the_spec_subcodes_and_change_nothing()
    {
        var before = _store();
        await Fault($"<GetMetadataConfiguration xmlns=\"{Trt}\"><ConfigurationToken>nope</ConfigurationToken></GetMetadataConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<GetCompatibleMetadataConfigurations xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></GetCompatibleMetadataConfigurations>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<AddMetadataConfiguration xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken><ConfigurationToken>MetadataConfig_1</ConfigurationToken></AddMetadataConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<AddMetadataConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>nope</ConfigurationToken></AddMetadataConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<RemoveMetadataConfiguration xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></RemoveMetadataConfiguration>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<GetMetadataConfigurationOptions xmlns=\"{Trt}\"><ConfigurationToken>nope</ConfigurationToken></GetMetadataConfigurationOptions>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<GetMetadataConfigurationOptions xmlns=\"{Trt}\"><ProfileToken>nope</ProfileToken></GetMetadataConfigurationOptions>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault(Set(Configuration("nope", "")), "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault(Set(Configuration("MetadataConfig_1", $"<Analytics xmlns=\"{Tt}\">true</Analytics>")), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Set(Configuration("MetadataConfig_1", "", timeout: "PT0S")), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Set(Configuration("MetadataConfig_1", "", name: "")), "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Set(Configuration("MetadataConfig_1",
            $"<Events xmlns=\"{Tt}\"><Filter><wsnt:MessageContent xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" Dialect=\"http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter\">boolean(//tt:SimpleItem)</wsnt:MessageContent></Filter></Events>")),
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault(Set(Configuration("MetadataConfig_1",
            $"<Events xmlns=\"{Tt}\"><Filter><wsnt:TopicExpression xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:x=\"urn:other\" Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">x:Other</wsnt:TopicExpression></Filter></Events>")),
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault($"<SetMetadataConfiguration xmlns=\"{Trt}\">{Configuration("MetadataConfig_1", "")}</SetMetadataConfiguration>", "env:Sender ter:InvalidArgs");
        Assert.Equal(before, _store());
    }

    [Fact]
    public async Task Without_a_metadata_track_no_metadata_operation_is_offered()
    {
        var device = new TestDevice(uris: new FakeStreamUris());
        var answer = await device.CallAsync($"<GetMetadataConfigurations xmlns=\"{Trt}\"/>");
        Assert.Equal("env:Receiver ter:ActionNotSupported", answer.FaultCodes);
        device.Media.AddMetadataConfiguration("Profile_1", "MetadataConfig_1");
        var profile = (await device.OkAsync($"<GetProfile xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></GetProfile>")).All("Profile").Single();
        Assert.DoesNotContain(profile.Elements(), e => e.Name.LocalName == "MetadataConfiguration");
    }

    private string? _store() => _device.Store.Read(MediaProfiles.DocumentName);
}
