using System.Text.Json;
using Camlab.Device.State;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>A physical video input (tt:VideoSource).</summary>
public sealed record VideoSource(string Token, int Width, int Height, float Framerate);

/// <summary>tt:VideoSourceConfiguration: which source, and the window (Bounds) of it the profile uses.</summary>
public sealed record VideoSourceConfiguration(string Token, string Name, string SourceToken, int X, int Y, int Width, int Height);

/// <summary>tt:VideoEncoderConfiguration: Camlab encodes JPEG frames (MJPEG and the video channel).</summary>
public sealed record VideoEncoderConfiguration(string Token, string Name, int Width, int Height, float Quality, int FrameRateLimit, int BitrateLimit);

/// <summary>tt:Profile as Camlab composes it; the PTZ configuration token is mutable state.</summary>
public sealed record MediaProfile(string Token, string Name, string VideoSourceConfigurationToken, string VideoEncoderConfigurationToken, string? DefaultPtzConfigurationToken);

/// <summary>
/// The default camera's media layout, with the token conventions every issue shares: VideoSource_1 (PTZ dome,
/// 1920×1080) and VideoSource_2 (fixed wide 3840×2160), Profile_1 (main), Profile_2 (640×360 sub stream of
/// VideoSource_1) and Profile_3 (VideoSource_2). Which PTZ configuration each profile carries is persisted.
/// </summary>
public sealed class MediaProfiles
{
    public const string DocumentName = "media/profiles.json";

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly IPtzConfigurationCatalog? _ptz;
    private Dictionary<string, string?> _ptzByProfile = new();

    public MediaProfiles(IStateStore store, IPtzConfigurationCatalog? ptz)
    {
        _store = store;
        _ptz = ptz;
        Reload();
    }

    public IReadOnlyList<VideoSource> VideoSources { get; } =
    [
        new("VideoSource_1", 1920, 1080, 25f),
        new("VideoSource_2", 3840, 2160, 25f),
    ];

    public IReadOnlyList<VideoSourceConfiguration> VideoSourceConfigurations { get; } =
    [
        new("VideoSourceConfig_1", "PTZ dome", "VideoSource_1", 0, 0, 1920, 1080),
        new("VideoSourceConfig_2", "Wide fixed", "VideoSource_2", 0, 0, 3840, 2160),
    ];

    public IReadOnlyList<VideoEncoderConfiguration> VideoEncoderConfigurations { get; } =
    [
        new("VideoEncoderConfig_1", "Main JPEG", 1920, 1080, 80f, 25, 8000),
        new("VideoEncoderConfig_2", "Sub JPEG", 640, 360, 70f, 15, 1500),
        new("VideoEncoderConfig_3", "Wide window JPEG", 1920, 1080, 80f, 25, 8000),
    ];

    public IReadOnlyList<MediaProfile> Profiles { get; } =
    [
        new("Profile_1", "Main", "VideoSourceConfig_1", "VideoEncoderConfig_1", "PtzConfig_1"),
        new("Profile_2", "Sub", "VideoSourceConfig_1", "VideoEncoderConfig_2", null),
        new("Profile_3", "Wide", "VideoSourceConfig_2", "VideoEncoderConfig_3", "PtzConfig_2"),
    ];

    public IPtzConfigurationCatalog? PtzCatalog => _ptz;

    public void Reload()
    {
        var text = _store.Read(DocumentName);
        var stored = text is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(text);
        var map = new Dictionary<string, string?>();
        foreach (var profile in Profiles)
        {
            var token = stored is not null && stored.TryGetValue(profile.Token, out var saved) ? saved : profile.DefaultPtzConfigurationToken;
            // Without a PTZ catalog (or with a token it no longer knows) a profile carries no PTZConfiguration.
            map[profile.Token] = _ptz is not null && token is not null && _ptz.ConfigurationTokens.Contains(token) ? token : null;
        }
        lock (_gate) _ptzByProfile = map;
    }

    public MediaProfile Profile(string token) =>
        Profiles.FirstOrDefault(p => p.Token == token) ?? throw OnvifFaults.InvalidArgVal("NoProfile", $"no media profile '{token}'");

    public string? PtzConfigurationOf(string profileToken) { lock (_gate) return _ptzByProfile.GetValueOrDefault(profileToken); }

    public VideoSourceConfiguration SourceConfiguration(string token) => VideoSourceConfigurations.First(c => c.Token == token);

    public VideoEncoderConfiguration EncoderConfiguration(string token) => VideoEncoderConfigurations.First(c => c.Token == token);

    public int UseCountOfSource(string token) => Profiles.Count(p => p.VideoSourceConfigurationToken == token);

    public int UseCountOfEncoder(string token) => Profiles.Count(p => p.VideoEncoderConfigurationToken == token);

    /// <summary>The PTZ configurations whose node drives the profile's video source (Media 5.x GetCompatible...).</summary>
    public IReadOnlyList<string> CompatiblePtzConfigurations(string profileToken)
    {
        var ptz = _ptz ?? throw new InvalidOperationException("no PTZ catalog");
        var source = SourceConfiguration(Profile(profileToken).VideoSourceConfigurationToken).SourceToken;
        return ptz.ConfigurationTokens.Where(t => ptz.VideoSourceTokenOf(t) == source).ToList();
    }

    public void AddPtzConfiguration(string profileToken, string configurationToken)
    {
        var ptz = _ptz ?? throw new InvalidOperationException("no PTZ catalog");
        Profile(profileToken);
        if (!ptz.ConfigurationTokens.Contains(configurationToken))
            throw OnvifFaults.InvalidArgVal("NoConfig", $"no PTZ configuration '{configurationToken}'");
        if (!CompatiblePtzConfigurations(profileToken).Contains(configurationToken))
            throw OnvifFaults.Action("ConfigurationConflict", $"PTZ configuration '{configurationToken}' does not drive the video source of profile '{profileToken}'");
        Set(profileToken, configurationToken);
    }

    public void RemovePtzConfiguration(string profileToken)
    {
        Profile(profileToken);
        Set(profileToken, null);
    }

    private void Set(string profileToken, string? configurationToken)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, string?>(_ptzByProfile) { [profileToken] = configurationToken };
            _store.Write(DocumentName, JsonSerializer.Serialize(next));
            _ptzByProfile = next;
        }
    }
}
