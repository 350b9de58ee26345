using Camlab.Device.Media;
using Camlab.Device.State;

namespace Camlab.Device.Tests.Media;

/// <summary>The media model: profiles as data that changes, checked whole, persisted atomically, reloaded.</summary>
public class MediaProfilesTests
{
    private readonly InMemoryStateStore _store = new();

    private MediaProfiles Create() => new(CameraDefinition.Default, _store);

    private static MediaError Refused(Action action) => Assert.Throws<MediaException>(action).Error;

    [Fact]
    public void The_default_camera_starts_with_its_three_fixed_profiles()
    {
        var media = Create();
        Assert.Equal(["Profile_1", "Profile_2", "Profile_3"], media.Profiles.Select(p => p.Token));
        Assert.All(media.Profiles, p => Assert.True(p.Fixed));
        Assert.Equal(["VideoSource_1", "VideoSource_2"], media.VideoSources.Select(s => s.Token));
        Assert.Equal("PtzConfig_1", media.PtzConfigurationOf("Profile_1"));
        Assert.Null(media.PtzConfigurationOf("Profile_2"));
        Assert.Equal(2, media.UseCountOfSource("VideoSourceConfig_1"));
        Assert.Equal(["PtzConfig_1"], media.CompatiblePtzConfigurations("Profile_2"));
    }

    [Fact]
    public void A_created_profile_is_configured_step_by_step_persisted_and_deleted()
    {
        var media = Create();
        var profile = media.CreateProfile("Night", "Night_1");
        Assert.False(profile.Fixed);
        Assert.Null(profile.VideoSourceConfigurationToken);
        media.AddVideoSourceConfiguration("Night_1", "VideoSourceConfig_2");
        media.AddVideoEncoderConfiguration("Night_1", "VideoEncoderConfig_2");
        media.AddPtzConfiguration("Night_1", "PtzConfig_2");

        var reloaded = Create().Profile("Night_1");
        Assert.Equal(new MediaProfile("Night_1", "Night", false, "VideoSourceConfig_2", "VideoEncoderConfig_2", "PtzConfig_2"), reloaded);
        Assert.Equal(2, media.UseCountOfPtz("PtzConfig_2"));

        media.RemoveVideoSourceConfiguration("Night_1");
        Assert.Null(media.Profile("Night_1").PtzConfigurationToken); // a PTZ configuration needs a source to drive
        media.DeleteProfile("Night_1");
        Assert.Equal(MediaError.NoProfile, Refused(() => Create().Profile("Night_1")));
    }

    [Fact]
    public void Refusals_name_the_rule_and_change_nothing()
    {
        var media = Create();
        var before = media.Profiles;
        Assert.Equal(MediaError.NoProfile, Refused(() => media.AddPtzConfiguration("Profile_9", "PtzConfig_1")));
        Assert.Equal(MediaError.NoConfig, Refused(() => media.AddPtzConfiguration("Profile_2", "PtzConfig_7")));
        Assert.Equal(MediaError.ConfigurationConflict, Refused(() => media.AddPtzConfiguration("Profile_1", "PtzConfig_2")));
        Assert.Equal(MediaError.NoConfig, Refused(() => media.AddVideoSourceConfiguration("Profile_1", "VideoSourceConfig_9")));
        // Profile_1 carries the dome's PTZ configuration: the wide source is not driven by it.
        Assert.Equal(MediaError.ConfigurationConflict, Refused(() => media.AddVideoSourceConfiguration("Profile_1", "VideoSourceConfig_2")));
        Assert.Equal(MediaError.ProfileExists, Refused(() => media.CreateProfile("Again", "Profile_1")));
        Assert.Equal(MediaError.DeletionOfFixedProfile, Refused(() => media.DeleteProfile("Profile_1")));
        var empty = media.CreateProfile("Empty");
        Assert.Equal(MediaError.ConfigurationConflict, Refused(() => media.AddVideoEncoderConfiguration(empty.Token, "VideoEncoderConfig_1")));
        media.DeleteProfile(empty.Token);
        Assert.Equal(before, media.Profiles);
        Assert.Equal(before, Create().Profiles);
    }

    [Fact]
    public void An_encoder_larger_than_the_source_conflicts()
    {
        var definition = CameraDefinition.Parse("""
            { "videoSources": [ { "token": "S", "width": 640, "height": 360, "kind": "Wide", "configuration": { "token": "C" } } ],
              "encoders": [ { "token": "E", "width": 640, "height": 360 }, { "token": "Big", "width": 1920, "height": 1080 } ],
              "profiles": [ { "token": "P", "videoSource": "S", "encoder": "E" } ] }
            """);
        var media = new MediaProfiles(definition, _store);
        Assert.Equal(MediaError.ConfigurationConflict, Refused(() => media.AddVideoEncoderConfiguration("P", "Big")));
        Assert.Empty(media.PtzConfigurationTokens);
    }

    [Fact]
    public void The_number_of_profiles_is_bounded()
    {
        var media = Create();
        while (media.Profiles.Count < MediaProfiles.MaximumNumberOfProfiles) media.CreateProfile("More");
        Assert.Equal(MediaError.MaxNVTProfiles, Refused(() => media.CreateProfile("One too many")));
    }

    [Fact]
    public void A_failed_write_changes_nothing()
    {
        var store = new FailingStore();
        var media = new MediaProfiles(CameraDefinition.Default, store);
        store.Fail = true;
        Assert.Throws<IOException>(() => media.RemovePtzConfiguration("Profile_1"));
        Assert.Equal("PtzConfig_1", media.PtzConfigurationOf("Profile_1"));
        Assert.Throws<IOException>(() => media.CreateProfile("Lost"));
        Assert.Equal(3, media.Profiles.Count);
    }

    [Fact]
    public void The_map_document_of_PTZ_configurations_per_profile_still_loads()
    {
        _store.Write(MediaProfiles.DocumentName, """{ "Profile_1": null, "Profile_2": "PtzConfig_1" }""");
        var media = Create();
        Assert.Null(media.PtzConfigurationOf("Profile_1"));
        Assert.Equal("PtzConfig_1", media.PtzConfigurationOf("Profile_2"));
        Assert.Equal("PtzConfig_2", media.PtzConfigurationOf("Profile_3"));
    }

    [Fact]
    public void Stored_references_the_definition_no_longer_has_are_dropped()
    {
        _store.Write(MediaProfiles.DocumentName, """
            { "profiles": [ { "token": "Profile_1", "name": "Main", "fixed": true, "videoSourceConfigurationToken": "VideoSourceConfig_1",
                              "videoEncoderConfigurationToken": "Gone", "ptzConfigurationToken": "PtzConfig_2" } ] }
            """);
        var profile = Create().Profile("Profile_1");
        Assert.Null(profile.VideoEncoderConfigurationToken);
        Assert.Null(profile.PtzConfigurationToken);
    }

    private sealed class FailingStore : IStateStore
    {
        private readonly InMemoryStateStore _inner = new();
        public bool Fail { get; set; }
        public string? Read(string name) => _inner.Read(name);
        public void Write(string name, string content) { if (Fail) throw new IOException("disk full"); _inner.Write(name, content); }
        public void Delete(string name) => _inner.Delete(name);
    }
}
