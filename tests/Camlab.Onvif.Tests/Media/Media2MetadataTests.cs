using Camlab.Device.Media;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Media;

/// <summary>
/// Media2 metadata configurations (Profile T "Configuration of Metadata Profile" and "Metadata Configuration"): raw
/// envelopes for each operation, AddConfiguration/RemoveConfiguration/CreateProfile/GetProfiles with Type=Metadata,
/// and the faults; every answer validated against ../shared/ref/onvif when present.
/// </summary>
public class Media2MetadataTests
{
    private const string Tr2 = "http://www.onvif.org/ver20/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new(uris: new FakeStreamUris { StreamsMetadata = true });

    private Task<SoapAnswer> Ok(string body) => _device.OkAsync(body);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    private static string Ref(string type, string? token) =>
        $"<Configuration><Type>{type}</Type>{(token is null ? "" : $"<Token>{token}</Token>")}</Configuration>";

    [Fact]
    public async Task The_capabilities_name_Metadata_and_a_profile_is_built_with_it()
    {
        var caps = (await Ok($"<GetServiceCapabilities xmlns=\"{Tr2}\"/>")).All("ProfileCapabilities").Single();
        Assert.Equal("VideoSource VideoEncoder PTZ Metadata", caps.Attribute("ConfigurationsSupported")!.Value);

        var created = await Ok($"<CreateProfile xmlns=\"{Tr2}\"><Name>meta</Name>{Ref("VideoSource", "VideoSourceConfig_1")}{Ref("Metadata", "MetadataConfig_1")}</CreateProfile>");
        var token = created.Value("Token");
        Assert.Equal("MetadataConfig_1", _device.Media.Profile(token).MetadataConfigurationToken);
        var listed = (await Ok($"<GetProfiles xmlns=\"{Tr2}\"><Token>{token}</Token><Type>Metadata</Type></GetProfiles>")).All("Configurations").Single();
        Assert.Equal(["Metadata"], listed.Elements().Select(e => e.Name.LocalName));
        var all = (await Ok($"<GetProfiles xmlns=\"{Tr2}\"><Token>{token}</Token><Type>All</Type></GetProfiles>")).All("Configurations").Single();
        Assert.Equal(["VideoSource", "Metadata"], all.Elements().Select(e => e.Name.LocalName));

        await Ok($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>{token}</ProfileToken>{Ref("Metadata", null)}</RemoveConfiguration>");
        Assert.Null(_device.Media.Profile(token).MetadataConfigurationToken);
        await Ok($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_2</ProfileToken>{Ref("Metadata", "MetadataConfig_1")}</AddConfiguration>");
        Assert.Equal("MetadataConfig_1", new MediaProfiles(Camlab.Device.CameraDefinition.Default, _device.Store).Profile("Profile_2").MetadataConfigurationToken);
        await Ok($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_2</ProfileToken>{Ref("All", null)}</RemoveConfiguration>");
        Assert.Null(_device.Media.Profile("Profile_2").MetadataConfigurationToken);
    }

    [Fact]
    public async Task Configurations_are_listed_set_and_their_options_read()
    {
        var one = (await Ok($"<GetMetadataConfigurations xmlns=\"{Tr2}\"><ConfigurationToken>MetadataConfig_1</ConfigurationToken><ProfileToken>Profile_1</ProfileToken></GetMetadataConfigurations>"))
            .All("Configurations").Single();
        Assert.Equal("0", one.Elements().Single(e => e.Name.LocalName == "UseCount").Value);
        Assert.Single((await Ok($"<GetMetadataConfigurations xmlns=\"{Tr2}\"/>")).All("Configurations"));

        await Ok($"<SetMetadataConfiguration xmlns=\"{Tr2}\">{MediaMetadataTests.Configuration("MetadataConfig_1", MediaMetadataTests.MotionFilter, name: "Media2 set")}</SetMetadataConfiguration>");
        Assert.Equal(("Media2 set", "tns1:VideoSource/MotionAlarm"), (_device.Media.Metadata("MetadataConfig_1").Name, _device.Media.Metadata("MetadataConfig_1").TopicFilter));

        var options = (await Ok($"<GetMetadataConfigurationOptions xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken></GetMetadataConfigurationOptions>")).All("Options").Single();
        Assert.Equal("PTZStatusFilterOptions", options.Elements().Single().Name.LocalName);
    }

    [Fact]
    public async Task Faults_carry_the_spec_subcodes_and_change_nothing()
    {
        var before = _device.Store.Read(MediaProfiles.DocumentName);
        await Fault($"<GetMetadataConfigurations xmlns=\"{Tr2}\"><ConfigurationToken>nope</ConfigurationToken></GetMetadataConfigurations>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<GetMetadataConfigurations xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken></GetMetadataConfigurations>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<GetMetadataConfigurationOptions xmlns=\"{Tr2}\"><ConfigurationToken>nope</ConfigurationToken></GetMetadataConfigurationOptions>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<GetMetadataConfigurationOptions xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken></GetMetadataConfigurationOptions>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<SetMetadataConfiguration xmlns=\"{Tr2}\">{MediaMetadataTests.Configuration("nope", "")}</SetMetadataConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<SetMetadataConfiguration xmlns=\"{Tr2}\">{MediaMetadataTests.Configuration("MetadataConfig_1", $"<Analytics xmlns=\"{Tt}\">true</Analytics>")}</SetMetadataConfiguration>",
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
        await Fault($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken>{Ref("Metadata", "nope")}</AddConfiguration>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await Fault($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>nope</ProfileToken>{Ref("Metadata", "MetadataConfig_1")}</AddConfiguration>", "env:Sender ter:InvalidArgVal ter:NoProfile");
        await Fault($"<RemoveConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken>{Ref("Metadata", "MetadataConfig_1")}</RemoveConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        Assert.Equal(before, _device.Store.Read(MediaProfiles.DocumentName));
    }

    [Fact]
    public async Task Without_a_metadata_track_Type_Metadata_names_no_configuration()
    {
        var device = new TestDevice(uris: new FakeStreamUris());
        Assert.Equal("VideoSource VideoEncoder PTZ",
            (await device.OkAsync($"<GetServiceCapabilities xmlns=\"{Tr2}\"/>")).All("ProfileCapabilities").Single().Attribute("ConfigurationsSupported")!.Value);
        await device.FaultAsync($"<AddConfiguration xmlns=\"{Tr2}\"><ProfileToken>Profile_1</ProfileToken>{Ref("Metadata", "MetadataConfig_1")}</AddConfiguration>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        Assert.Equal("env:Receiver ter:ActionNotSupported", (await device.CallAsync($"<GetMetadataConfigurations xmlns=\"{Tr2}\"/>")).FaultCodes);
    }
}
