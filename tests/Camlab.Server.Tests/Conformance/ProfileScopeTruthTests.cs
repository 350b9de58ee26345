using System.Text.Json;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;

namespace Camlab.Server.Tests.Conformance;

/// <summary>
/// A profile scope is a claim: GetScopes may say <c>Profile/Streaming</c> or <c>Profile/T</c> only when the camera
/// serves every mandatory feature that the ONVIF Profiles Conformance Device Test Specification lists for that
/// profile (encoded in profile-mandatory-features.json, which later work extends).
/// </summary>
public class ProfileScopeTruthTests
{
    private sealed record Requirement(string? Service, string? Operation, string? Feature)
    {
        public override string ToString() => Feature ?? $"{Service}:{Operation}";
    }

    private sealed record Profile(string Scope, string Name, Dictionary<string, List<Requirement>> Categories);

    private sealed record Document(Dictionary<string, string> Services, List<Profile> Profiles);

    private static Document Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "profile-mandatory-features.json");
        return JsonSerializer.Deserialize<Document>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>
    /// Features no dispatch registry lists, each with how this camera proves it. A feature missing here is not
    /// proven: add a probe when the feature lands (RTSP, H.264, Media2 events...).
    /// </summary>
    private static readonly Dictionary<string, Func<CameraHost, SimulatedCamera, bool>> ConformanceProbes = new()
    {
        // The host answers Probe/Resolve and sends Hello/Bye (DiscoveryTests), with the camera's scopes.
        ["WS-Discovery"] = (h, _) => h.DiscoveryPort is not null,
        // Push subscriptions deliver Notify over HTTP POST (PushEventsHostTests with a Kestrel consumer).
        ["Notify"] = (_, c) => c.Services.FindOperation(OnvifNamespaces.BaseNotification, "Subscribe") is not null,
        ["MaxPullPoints >= 2"] = (_, c) => c.EventsService.Options.MaxPullPoints >= 2,
        // The picture analysis publishes them (SourceAnalyzer; PictureFollowsCommandsTests), announced in GetEventProperties.
        ["tns1:VideoSource/ImageTooBlurry"] = (_, c) => Topic(c, "VideoSource/ImageTooBlurry"),
        ["tns1:VideoSource/ImageTooDark"] = (_, c) => Topic(c, "VideoSource/ImageTooDark"),
        ["tns1:VideoSource/ImageTooBright"] = (_, c) => Topic(c, "VideoSource/ImageTooBright"),
        ["tns1:VideoSource/GlobalSceneChange"] = (_, c) => Topic(c, "VideoSource/GlobalSceneChange"),
        ["tns1:VideoSource/MotionAlarm"] = (_, c) => Topic(c, "VideoSource/MotionAlarm"),
        // A profile with a metadata configuration streams it as a second RTSP track (RtspMetadataClientTests: ffprobe
        // over UDP, TCP and HTTP, ffmpeg and GStreamer receive it); Media2 offers metadata configurations only then.
        ["Metadata Streaming using RTSP"] = (_, c) => RtspServed(c) && c.Services.FindOperation(OnvifNamespaces.Media2, "GetMetadataConfigurations") is not null,
        // JPEG over 2040 pixels carries the ONVIF JPEG header extension (JpegPacketizerTests, RtspClientTests on the wire).
        ["Media Streaming RTSP (JPEG RTP Header Extension)"] = (_, c) => RtspServed(c),
        // Every SOAP request is authenticated by UsernameToken or HTTP Digest (SecurityTests, HttpDigestTests).
        ["WS-UsernameToken Authentication"] = (_, _) => true,
        ["HTTP Digest Authentication"] = (_, _) => true,
        // tev filters: TopicExpression and MessageContent on pull points (EventsServiceTests).
        ["TopicFilter"] = (_, c) => c.Services.FindOperation(OnvifNamespaces.Events, "CreatePullPointSubscription") is not null,
        ["MessageContentFilter"] = (_, c) => c.Services.FindOperation(OnvifNamespaces.Events, "CreatePullPointSubscription") is not null,
        // Announced only where MediaChangeEvents publishes them (Media2ServiceTests, MediaChangeEventsTests).
        ["tns1:Media/ProfileChanged"] = (_, c) => c.Topics.Topics.Any(t => t.Topic == "Media/ProfileChanged"),
        ["tns1:Media/ConfigurationChanged"] = (_, c) => c.Topics.Topics.Any(t => t.Topic == "Media/ConfigurationChanged"),
        // GetStreamUri is offered only when the RTSP server runs (RtspClientTests: ffprobe over UDP, TCP, HTTP).
        ["Media Streaming RTSP"] = (_, c) => RtspServed(c),
        ["Video Streaming using RTSP"] = (_, c) => RtspServed(c),
        ["Streaming over RTP/UDP"] = (_, c) => RtspServed(c),
        ["Streaming over RTP/RTSP/HTTP/TCP"] = (_, c) => RtspServed(c) && Streaming(c) is { RtpRtspTcp: true },
        // RTSP requests are Digest-authenticated against the camera's users (RtspServerTests, RtspClientTests).
        ["RTSP Digest Authentication"] = (_, c) => RtspServed(c),
        // A profile streams H.264 and the encoder is there (H264StreamingTests: ffprobe sees h264).
        ["H.264 Encoding"] = (_, c) => RtspServed(c) && Rendering.H264.OpenH264Library.IsAvailable
            && c.Media.Profiles.Any(p => p.VideoEncoderConfigurationToken is { } e && c.Media.EncoderConfiguration(e).Encoding == Device.Media.VideoEncoding.H264),
    };

    private static bool Topic(SimulatedCamera camera, string prefix) =>
        camera.Topics.Topics.Any(t => t.Topic == prefix || t.Topic.StartsWith(prefix + "/", StringComparison.Ordinal));

    private static bool RtspServed(SimulatedCamera camera) =>
        camera.Services.FindOperation(OnvifNamespaces.Media, "GetStreamUri") is not null && Streaming(camera) is { NoRtspStreaming: false };

    private static Onvif.Media.StreamingCapabilities? Streaming(SimulatedCamera camera) =>
        (camera.Services.FindByNamespace(OnvifNamespaces.Media) as Onvif.Media.MediaService)?.Streaming;

    /// <summary>What of <paramref name="profile"/> the camera does not serve, "Category: requirement" each.</summary>
    private static List<string> Missing(Document document, Profile profile, CameraHost host, SimulatedCamera camera) =>
        profile.Categories
            .SelectMany(c => c.Value.Select(r => (Category: c.Key, Requirement: r)))
            .Where(x => !Proven(document, x.Requirement, host, camera))
            .Select(x => $"{x.Category}: {x.Requirement}")
            .ToList();

    private static bool Proven(Document document, Requirement requirement, CameraHost host, SimulatedCamera camera)
    {
        if (requirement.Feature is { } feature) return ConformanceProbes.TryGetValue(feature, out var probe) && probe(host, camera);
        var ns = document.Services[requirement.Service!];
        return camera.Services.FindOperation(ns, requirement.Operation!) is not null;
    }

    private static async Task<HashSet<string>> ScopesAsync(ServerHarness server) =>
        (await server.Ok("/onvif/device_service", HostSoap.Op("tds:GetScopes")))
            .Descendants().Where(e => e.Name.LocalName == "ScopeItem").Select(e => e.Value.Trim()).ToHashSet();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_profile_scope_is_advertised_only_when_every_mandatory_feature_is_served(bool discovery)
    {
        var document = Load();
        await using var server = await ServerHarness.StartAsync(cameras: 2, discovery: discovery);
        foreach (var camera in server.Host.Cameras)
        {
            var scopes = camera.Number == 1 ? await ScopesAsync(server) : camera.Settings.AllScopes.ToHashSet();
            foreach (var profile in document.Profiles)
            {
                var missing = Missing(document, profile, server.Host, camera);
                if (scopes.Contains(profile.Scope))
                    Assert.True(missing.Count == 0, $"{profile.Scope} is advertised but {profile.Name} lacks:\n  " + string.Join("\n  ", missing));
                else
                    Assert.True(missing.Count > 0, $"{profile.Name} is served completely, so {profile.Scope} should be advertised");
            }
        }
    }

    [RequiresVideoFact]
    public async Task A_camera_that_streams_and_is_discoverable_claims_profiles_S_and_T()
    {
        await using var server = await ServerHarness.StartAsync(discovery: true);
        var scopes = await ScopesAsync(server);
        Assert.Contains("onvif://www.onvif.org/Profile/Streaming", scopes);
        Assert.Equal(Rendering.H264.OpenH264Library.IsAvailable, scopes.Contains("onvif://www.onvif.org/Profile/T"));
    }

    [Fact]
    public async Task The_check_names_what_each_profile_lacks_when_the_camera_cannot_be_discovered()
    {
        // The list is data, so the check must be able to fail: without --discovery neither profile is complete, and
        // the report names exactly that gap rather than passing vacuously.
        var document = Load();
        await using var server = await ServerHarness.StartAsync();
        var camera = server.Host.Cameras[0];
        var s = Missing(document, document.Profiles.Single(p => p.Name == "Profile S"), server.Host, camera);
        var t = Missing(document, document.Profiles.Single(p => p.Name == "Profile T"), server.Host, camera);
        Assert.Contains("Discovery: WS-Discovery", s);
        Assert.Contains("Discovery: WS-Discovery", t);
        Assert.DoesNotContain(await ScopesAsync(server), scope => scope.Contains("/Profile/", StringComparison.Ordinal));
        if (!Camlab.Server.Streaming.CameraVideo.Available) return; // no RTSP without TurboJPEG: more is missing
        Assert.Equal(["Discovery: WS-Discovery"], s);
        Assert.Equal(Rendering.H264.OpenH264Library.IsAvailable ? ["Discovery: WS-Discovery"] : ["Discovery: WS-Discovery", "Video Streaming: H.264 Encoding"], t);
    }

    [Fact]
    public void Every_requirement_names_a_known_service_or_a_feature()
    {
        var document = Load();
        Assert.Equal(2, document.Profiles.Count);
        foreach (var requirement in document.Profiles.SelectMany(p => p.Categories.Values).SelectMany(r => r))
        {
            Assert.True(requirement.Feature is not null ^ (requirement.Service is not null && requirement.Operation is not null), requirement.ToString());
            if (requirement.Service is not null) Assert.True(document.Services.ContainsKey(requirement.Service), requirement.ToString());
        }
    }
}
