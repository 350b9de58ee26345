using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Device.State;
using Camlab.Device.Tests.Ptz;

namespace Camlab.Device.Tests.Media;

/// <summary>Metadata configurations: from the definition, carried by profiles, set whole or refused, persisted with the profiles.</summary>
public class MetadataConfigurationTests
{
    private readonly InMemoryStateStore _store = new();

    private MediaProfiles Create() => new(CameraDefinition.Default, _store);

    [Fact]
    public void The_default_camera_defines_one_metadata_configuration_no_profile_carries_at_start()
    {
        var media = Create();
        var m = Assert.Single(media.MetadataConfigurations);
        Assert.Equal(new MetadataConfiguration("MetadataConfig_1", "PTZ and events", true, true, true, null, false, TimeSpan.FromSeconds(60)), m);
        Assert.All(media.Profiles, p => Assert.Null(p.MetadataConfigurationToken));
        Assert.Equal(0, media.UseCountOfMetadata("MetadataConfig_1"));
        Assert.Equal([m], media.CompatibleMetadataConfigurations("Profile_2"));
        Assert.Equal(MediaError.NoProfile, Assert.Throws<MediaException>(() => media.CompatibleMetadataConfigurations("nope")).Error);
    }

    [Fact]
    public void Added_set_and_removed_configurations_survive_a_reload()
    {
        var media = Create();
        media.AddMetadataConfiguration("Profile_1", "MetadataConfig_1");
        media.SetMetadataConfiguration(media.Metadata("MetadataConfig_1") with { Name = "Motion only", PtzPosition = false, TopicFilter = "tns1:VideoSource/MotionAlarm" });

        var reloaded = Create();
        Assert.Equal("MetadataConfig_1", reloaded.Profile("Profile_1").MetadataConfigurationToken);
        Assert.Equal(1, reloaded.UseCountOfMetadata("MetadataConfig_1"));
        var m = reloaded.Metadata("MetadataConfig_1");
        Assert.Equal(("Motion only", false, "tns1:VideoSource/MotionAlarm"), (m.Name, m.PtzPosition, m.TopicFilter));

        reloaded.RemoveMetadataConfiguration("Profile_1");
        Assert.Null(Create().Profile("Profile_1").MetadataConfigurationToken);
    }

    [Fact]
    public void Refused_changes_change_nothing()
    {
        var media = Create();
        var before = _store.Read(MediaProfiles.DocumentName);
        var m = media.Metadata("MetadataConfig_1");
        MediaError Refused(Action a) => Assert.Throws<MediaException>(a).Error;
        Assert.Equal(MediaError.ConfigModify, Refused(() => media.SetMetadataConfiguration(m with { Analytics = true })));
        Assert.Equal(MediaError.ConfigModify, Refused(() => media.SetMetadataConfiguration(m with { Name = "" })));
        Assert.Equal(MediaError.ConfigModify, Refused(() => media.SetMetadataConfiguration(m with { SessionTimeout = TimeSpan.Zero })));
        Assert.Equal(MediaError.ConfigModify, Refused(() => media.SetMetadataConfiguration(m with { TopicFilter = new string('a', 2000) })));
        Assert.Equal(MediaError.NoConfig, Refused(() => media.SetMetadataConfiguration(m with { Token = "other" })));
        Assert.Equal(MediaError.NoConfig, Refused(() => media.AddMetadataConfiguration("Profile_1", "other")));
        Assert.Equal(MediaError.NoProfile, Refused(() => media.AddMetadataConfiguration("nope", "MetadataConfig_1")));
        Assert.Equal(before, _store.Read(MediaProfiles.DocumentName));
        Assert.Equal(m, media.Metadata("MetadataConfig_1"));
    }

    [Fact]
    public void A_camera_without_PTZ_refuses_PTZ_status()
    {
        var media = new MediaProfiles(CameraDefinition.Default.WithoutPtz(), _store);
        var m = media.Metadata("MetadataConfig_1");
        Assert.False(m.PtzStatus);
        Assert.Equal(MediaError.ConfigModify, Assert.Throws<MediaException>(() => media.SetMetadataConfiguration(m with { PtzStatus = true })).Error);
    }

    [Fact]
    public void The_definition_refuses_unknown_metadata_of_a_profile()
    {
        var json = """
        { "videoSources": [ { "token": "V", "width": 640, "height": 360, "configuration": { "token": "VC" } } ],
          "encoders": [ { "token": "E", "width": 640, "height": 360 } ],
          "metadata": [ { "token": "M" } ],
          "profiles": [ { "token": "P", "videoSource": "V", "encoder": "E", "metadata": "X" } ] }
        """;
        Assert.Contains("no metadata configuration 'X'", Assert.Throws<ArgumentException>(() => CameraDefinition.Parse(json)).Message);
        var ok = CameraDefinition.Parse(json.Replace("\"metadata\": \"X\"", "\"metadata\": \"M\""));
        Assert.Equal("M", new MediaProfiles(ok, new InMemoryStateStore()).Profile("P").MetadataConfigurationToken);
    }

    [Fact]
    public void Setting_a_metadata_configuration_publishes_ConfigurationChanged_Type_Metadata()
    {
        using var rig = new PtzTestRig();
        var media = new MediaProfiles(CameraDefinition.Default, rig.Store);
        using var events = new MediaChangeEvents(media, rig.Device.Nodes, rig.Bus, rig.Clock);
        rig.Events.Clear();
        media.SetMetadataConfiguration(media.Metadata("MetadataConfig_1") with { Events = false });
        var e = Assert.Single(rig.Events, e => e.Topic == MediaChangeEvents.ConfigurationChangedTopic);
        Assert.Equal(("MetadataConfig_1", "Metadata"), (e.Source[0].Value, e.Data[0].Value));
    }
}
