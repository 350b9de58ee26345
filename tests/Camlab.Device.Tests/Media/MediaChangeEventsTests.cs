using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Device.Tests.Ptz;

namespace Camlab.Device.Tests.Media;

/// <summary>tns1:Media/ProfileChanged and ConfigurationChanged follow every committed change, and only those.</summary>
public class MediaChangeEventsTests
{
    private static string Describe(Camlab.Device.Events.EventMessage m) =>
        string.Join(" ", new[] { m.Topic }.Concat(m.Source.Select(s => s.Value)).Concat(m.Data.Select(d => d.Value)));

    [Fact]
    public void Profile_configuration_and_PTZ_changes_are_published_refusals_are_not()
    {
        using var rig = new PtzTestRig();
        var media = new MediaProfiles(CameraDefinition.Default, rig.Store);
        using var events = new MediaChangeEvents(media, rig.Device.Nodes, rig.Bus, rig.Clock);
        rig.Events.Clear();

        media.CreateProfile("n", "Night", [new(MediaConfigurationType.VideoSource, "VideoSourceConfig_1")]);
        Assert.Throws<MediaException>(() => media.AddPtzConfiguration("Night", "PtzConfig_2"));
        media.SetVideoSourceConfiguration(media.SourceConfiguration("VideoSourceConfig_1") with { Name = "Dome" });
        media.SetVideoEncoderConfiguration(media.EncoderConfiguration("VideoEncoderConfig_2") with { Encoding = VideoEncoding.H264, H264Profile = H264Profile.Baseline });
        Assert.Throws<MediaException>(() => media.SetVideoEncoderConfiguration(media.EncoderConfiguration("VideoEncoderConfig_2") with { GovLength = 0 }));
        rig.Configure(rig.Dome, c => c with { Name = "Dome PTZ again" });
        media.DeleteProfile("Night");

        Assert.Equal(
        [
            "Media/ProfileChanged Night",
            "Media/ConfigurationChanged VideoSourceConfig_1 VideoSource",
            "Media/ConfigurationChanged VideoEncoderConfig_2 VideoEncoder",
            "Media/ConfigurationChanged PtzConfig_1 PTZ",
            "Media/ProfileChanged Night",
        ], rig.Events.Where(e => e.Topic.StartsWith("Media/", StringComparison.Ordinal)).Select(Describe));
    }

    [Fact]
    public void Configurations_are_persisted_with_the_profiles_and_a_tampered_one_falls_back_to_the_definition()
    {
        var store = new Camlab.Device.State.InMemoryStateStore();
        var media = new MediaProfiles(CameraDefinition.Default, store);
        media.SetVideoEncoderConfiguration(media.EncoderConfiguration("VideoEncoderConfig_1") with { Encoding = VideoEncoding.H264, GovLength = 10 });
        Assert.Equal(10, new MediaProfiles(CameraDefinition.Default, store).EncoderConfiguration("VideoEncoderConfig_1").GovLength);
        store.Write(MediaProfiles.DocumentName, store.Read(MediaProfiles.DocumentName)!.Replace("\"govLength\":10", "\"govLength\":0"));
        Assert.Equal(CameraDefinition.Default.EncoderConfigurations[0], new MediaProfiles(CameraDefinition.Default, store).EncoderConfiguration("VideoEncoderConfig_1"));
    }

    [Fact]
    public void An_offer_without_High_refuses_High()
    {
        var media = new MediaProfiles(CameraDefinition.Default, new Camlab.Device.State.InMemoryStateStore(), new VideoEncoderOffer { H264Profiles = [H264Profile.Baseline] });
        var high = media.EncoderConfiguration("VideoEncoderConfig_1") with { Encoding = VideoEncoding.H264, H264Profile = H264Profile.High };
        Assert.Equal(MediaError.ConfigModify, Assert.Throws<MediaException>(() => media.SetVideoEncoderConfiguration(high)).Error);
        media.SetVideoEncoderConfiguration(high with { H264Profile = H264Profile.Baseline });
    }
}
