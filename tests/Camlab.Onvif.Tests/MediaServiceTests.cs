using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

public class MediaServiceTests
{
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";

    [Fact]
    public async Task Profiles_follow_the_token_conventions()
    {
        var device = new TestDevice();
        var answer = await device.CallAsync($"<GetProfiles xmlns=\"{Trt}\"/>");
        var profiles = answer.AssertOk().All("Profiles").ToList();
        Assert.Equal(["Profile_1", "Profile_2", "Profile_3"], profiles.Select(p => p.Attribute("token")!.Value));
        string Child(int i, string name) => profiles[i].Elements().First(e => e.Name.LocalName == name).Attribute("token")?.Value ?? "";
        Assert.Equal(["VideoSourceConfig_1", "VideoSourceConfig_1", "VideoSourceConfig_2"], Enumerable.Range(0, 3).Select(i => Child(i, "VideoSourceConfiguration")));
        Assert.Equal("PtzConfig_1", Child(0, "PTZConfiguration"));
        Assert.DoesNotContain(profiles[1].Elements(), e => e.Name.LocalName == "PTZConfiguration");
        Assert.Equal("PtzConfig_2", Child(2, "PTZConfiguration"));
        var sub = profiles[1].Descendants().First(e => e.Name.LocalName == "Resolution");
        Assert.Equal("640x360", sub.Elements().First().Value + "x" + sub.Elements().Last().Value);
        Assert.Equal(["VideoSource_1", "VideoSource_2"], (await device.CallAsync($"<GetVideoSources xmlns=\"{Trt}\"/>")).All("VideoSources").Select(v => v.Attribute("token")!.Value));
    }

    [Fact]
    public async Task Unknown_profile_is_NoProfile()
    {
        var answer = await new TestDevice().CallAsync($"<GetProfile xmlns=\"{Trt}\"><ProfileToken>Profile_9</ProfileToken></GetProfile>");
        Assert.Equal(400, answer.Status);
        answer.AssertFault("env:Sender ter:InvalidArgVal ter:NoProfile");
    }

    [Fact]
    public async Task PTZ_configuration_is_added_removed_and_persisted()
    {
        var device = new TestDevice();
        (await device.CallAsync($"<RemovePTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken></RemovePTZConfiguration>")).AssertOk();
        Assert.Null(new MediaProfiles(Camlab.Device.CameraDefinition.Default, device.Store).PtzConfigurationOf("Profile_1"));
        (await device.CallAsync($"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_2</ProfileToken><ConfigurationToken>PtzConfig_1</ConfigurationToken></AddPTZConfiguration>")).AssertOk();
        Assert.Equal("PtzConfig_1", new MediaProfiles(Camlab.Device.CameraDefinition.Default, device.Store).PtzConfigurationOf("Profile_2"));
    }

    [Fact]
    public async Task PTZ_configuration_of_another_video_source_conflicts_and_changes_nothing()
    {
        var device = new TestDevice();
        var answer = await device.CallAsync($"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>PtzConfig_2</ConfigurationToken></AddPTZConfiguration>");
        answer.AssertFault("env:Receiver ter:Action ter:ConfigurationConflict");
        Assert.Equal("PtzConfig_1", device.Media.PtzConfigurationOf("Profile_1"));
        (await device.CallAsync($"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>PtzConfig_7</ConfigurationToken></AddPTZConfiguration>"))
            .AssertFault("env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task Without_a_PTZ_catalog_profiles_have_no_PTZ_and_the_operations_are_not_offered()
    {
        var device = new TestDevice(withPtz: false);
        var profiles = await device.CallAsync($"<GetProfiles xmlns=\"{Trt}\"/>");
        Assert.Empty(profiles.All("PTZConfiguration"));
        (await device.CallAsync($"<AddPTZConfiguration xmlns=\"{Trt}\"><ProfileToken>Profile_1</ProfileToken><ConfigurationToken>PtzConfig_1</ConfigurationToken></AddPTZConfiguration>"))
            .AssertFault("env:Receiver ter:ActionNotSupported");
    }

    [Fact]
    public async Task Stream_and_snapshot_uris_are_not_offered_yet()
    {
        var device = new TestDevice();
        (await device.CallAsync($"<GetStreamUri xmlns=\"{Trt}\"/>")).AssertFault("env:Receiver ter:ActionNotSupported");
        (await device.CallAsync($"<GetSnapshotUri xmlns=\"{Trt}\"/>")).AssertFault("env:Receiver ter:ActionNotSupported");
        var caps = await device.CallAsync($"<GetServiceCapabilities xmlns=\"{Trt}\"/>");
        Assert.Equal("false", caps.Body.Elements().First().Attribute("SnapshotUri")!.Value);
    }
}
