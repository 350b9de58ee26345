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
    private static readonly Dictionary<string, Func<SimulatedCamera, bool>> ConformanceProbes = new()
    {
        // Every SOAP request is authenticated by UsernameToken or HTTP Digest (SecurityTests, HttpDigestTests).
        ["WS-UsernameToken Authentication"] = _ => true,
        ["HTTP Digest Authentication"] = _ => true,
        // tev filters: TopicExpression and MessageContent on pull points (EventsServiceTests).
        ["TopicFilter"] = c => c.Services.FindOperation(OnvifNamespaces.Events, "CreatePullPointSubscription") is not null,
        ["MessageContentFilter"] = c => c.Services.FindOperation(OnvifNamespaces.Events, "CreatePullPointSubscription") is not null,
        // Announced only where MediaChangeEvents publishes them (Media2ServiceTests, MediaChangeEventsTests).
        ["tns1:Media/ProfileChanged"] = c => c.Topics.Topics.Any(t => t.Topic == "Media/ProfileChanged"),
        ["tns1:Media/ConfigurationChanged"] = c => c.Topics.Topics.Any(t => t.Topic == "Media/ConfigurationChanged"),
        // GetStreamUri is offered only when the RTSP server runs (RtspClientTests: ffprobe over UDP, TCP, HTTP).
        ["Media Streaming RTSP"] = RtspServed,
        ["Video Streaming using RTSP"] = RtspServed,
        ["Streaming over RTP/UDP"] = RtspServed,
        ["Streaming over RTP/RTSP/HTTP/TCP"] = c => RtspServed(c) && Streaming(c) is { RtpRtspTcp: true },
        // RTSP requests are Digest-authenticated against the camera's users (RtspServerTests, RtspClientTests).
        ["RTSP Digest Authentication"] = RtspServed,
        // A profile streams H.264 and the encoder is there (H264StreamingTests: ffprobe sees h264).
        ["H.264 Encoding"] = c => RtspServed(c) && Rendering.H264.OpenH264Library.IsAvailable
            && c.Media.Profiles.Any(p => p.VideoEncoderConfigurationToken is { } e && c.Media.EncoderConfiguration(e).Encoding == Device.Media.VideoEncoding.H264),
    };

    private static bool RtspServed(SimulatedCamera camera) =>
        camera.Services.FindOperation(OnvifNamespaces.Media, "GetStreamUri") is not null && Streaming(camera) is { NoRtspStreaming: false };

    private static Onvif.Media.StreamingCapabilities? Streaming(SimulatedCamera camera) =>
        (camera.Services.FindByNamespace(OnvifNamespaces.Media) as Onvif.Media.MediaService)?.Streaming;

    /// <summary>What of <paramref name="profile"/> the camera does not serve, "Category: requirement" each.</summary>
    private static List<string> Missing(Document document, Profile profile, SimulatedCamera camera) =>
        profile.Categories
            .SelectMany(c => c.Value.Select(r => (Category: c.Key, Requirement: r)))
            .Where(x => !Proven(document, x.Requirement, camera))
            .Select(x => $"{x.Category}: {x.Requirement}")
            .ToList();

    private static bool Proven(Document document, Requirement requirement, SimulatedCamera camera)
    {
        if (requirement.Feature is { } feature) return ConformanceProbes.TryGetValue(feature, out var probe) && probe(camera);
        var ns = document.Services[requirement.Service!];
        return camera.Services.FindOperation(ns, requirement.Operation!) is not null;
    }

    [Camlab.Testing.RequiresSharedFact]
    public async Task A_profile_scope_is_advertised_only_when_every_mandatory_feature_is_served()
    {
        var document = Load();
        await using var server = await ServerHarness.StartAsync();
        var camera = server.Host.Cameras[0];
        var scopes = (await server.Ok("/onvif/device_service", HostSoap.Op("tds:GetScopes")))
            .Descendants().Where(e => e.Name.LocalName == "ScopeItem").Select(e => e.Value.Trim()).ToHashSet();
        foreach (var profile in document.Profiles)
        {
            if (!scopes.Contains(profile.Scope)) continue;
            var missing = Missing(document, profile, camera);
            Assert.True(missing.Count == 0, $"{profile.Scope} is advertised but {profile.Name} lacks:\n  " + string.Join("\n  ", missing));
        }
    }

    [Fact]
    public async Task The_check_names_what_each_profile_still_lacks()
    {
        // The list is data, so the check must be able to fail: today neither profile is complete (no RTSP, no
        // Media2), and the report names those gaps rather than passing vacuously.
        var document = Load();
        await using var server = await ServerHarness.StartAsync();
        var camera = server.Host.Cameras[0];
        var s = Missing(document, document.Profiles.Single(p => p.Name == "Profile S"), camera);
        var t = Missing(document, document.Profiles.Single(p => p.Name == "Profile T"), camera);
        File.WriteAllText("/tmp/missing.txt", "S:\n"+string.Join("\n", s)+"\nT:\n"+string.Join("\n", t));
        // RTSP and H.264 are proven by their probes; the JPEG RTP header extension (pictures over 2040 pixels) is not served.
        Assert.DoesNotContain("Media Streaming: Media Streaming RTSP", s);
        Assert.Contains("Media Streaming: Media Streaming RTSP (JPEG RTP Header Extension)", s);
        Assert.DoesNotContain("Video Streaming: H.264 Encoding", t);
        Assert.DoesNotContain(t, m => m.StartsWith("Configuration of On-Screen Display", StringComparison.Ordinal));
        // Metadata configurations are offered only with an RTSP metadata track, which the server does not stream yet.
        Assert.Contains(s, m => m.StartsWith("Metadata Configuration:", StringComparison.Ordinal));
        Assert.Contains(t, m => m.StartsWith("Metadata Streaming:", StringComparison.Ordinal));
        Assert.DoesNotContain(s, m => m.StartsWith("User Handling:", StringComparison.Ordinal));
        Assert.DoesNotContain(s, m => m == "Capabilities: device:GetCapabilities");
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
