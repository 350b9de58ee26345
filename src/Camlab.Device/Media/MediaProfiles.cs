using System.Text.Json;
using System.Text.Json.Nodes;
using Camlab.Device.Ptz;
using Camlab.Device.State;

namespace Camlab.Device.Media;

/// <summary>
/// A camera's media model: the video sources, source and encoder configurations of its <see cref="CameraDefinition"/>,
/// and its profiles — the definition's (fixed) and those created later — with the configurations each carries.
/// Every change is checked whole, written atomically to <see cref="DocumentName"/>, then published; a refused or
/// failed change leaves the profiles as they were.
/// </summary>
public sealed class MediaProfiles
{
    public const string DocumentName = "media/profiles.json";

    /// <summary>Fixed and created profiles together (Media 5.2.1 MaximumNumberOfProfiles).</summary>
    public const int MaximumNumberOfProfiles = 16;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly object _gate = new();
    private readonly IStateStore _store;
    private IReadOnlyList<MediaProfile> _profiles = [];

    public MediaProfiles(CameraDefinition definition, IStateStore store)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        VideoSources = definition.VideoSources.Select(s => new VideoSource(s.Token, s.Width, s.Height, s.Framerate)).ToArray();
        VideoSourceConfigurations = definition.SourceConfigurations.ToArray();
        VideoEncoderConfigurations = definition.EncoderConfigurations;
        PtzConfigurationTokens = definition.PtzSources.Select(s => s.Ptz!.ConfigurationToken).ToArray();
        Reload();
    }

    public CameraDefinition Definition { get; }

    public IReadOnlyList<VideoSource> VideoSources { get; }

    public IReadOnlyList<VideoSourceConfiguration> VideoSourceConfigurations { get; }

    public IReadOnlyList<VideoEncoderConfiguration> VideoEncoderConfigurations { get; }

    /// <summary>The PTZ configurations a profile may carry (one per PTZ node of the definition).</summary>
    public IReadOnlyList<string> PtzConfigurationTokens { get; }

    /// <summary>
    /// Raised after a change is written and published (profiles or configurations), outside the lock, on the
    /// thread that made it; streams re-read the configurations they use and apply them at their next key frame.
    /// </summary>
    public event EventHandler? Changed;

    /// <summary>Raised with a profile token when a client asks for a synchronization point (an I-frame) on its stream.</summary>
    public event Action<string>? SynchronizationPointRequested;

    /// <summary>Media 5.x / Media2 SetSynchronizationPoint: the profile's running streams send a key frame next.</summary>
    public void SetSynchronizationPoint(string profileToken)
    {
        Profile(profileToken);
        SynchronizationPointRequested?.Invoke(profileToken);
    }

    /// <summary>The profiles as they are now (an immutable snapshot).</summary>
    public IReadOnlyList<MediaProfile> Profiles => Volatile.Read(ref _profiles);

    /// <summary>Reads the persisted profiles; the definition's fixed profiles are always there.</summary>
    public void Reload()
    {
        var text = _store.Read(DocumentName);
        var stored = text is null ? null : Parse(text);
        var profiles = new List<MediaProfile>();
        foreach (var fixedProfile in Definition.Profiles)
        {
            var saved = stored?.FirstOrDefault(p => p.Token == fixedProfile.Token);
            var profile = new MediaProfile(fixedProfile.Token, fixedProfile.Name, Fixed: true, fixedProfile.VideoSourceConfigurationToken,
                fixedProfile.VideoEncoderConfigurationToken, fixedProfile.PtzConfigurationToken);
            if (saved is not null) profile = profile with
            {
                VideoSourceConfigurationToken = saved.VideoSourceConfigurationToken,
                VideoEncoderConfigurationToken = saved.VideoEncoderConfigurationToken,
                PtzConfigurationToken = saved.PtzConfigurationToken,
            };
            profiles.Add(Consistent(profile));
        }
        foreach (var saved in stored ?? [])
            if (!saved.Fixed && profiles.Count < MaximumNumberOfProfiles && profiles.All(p => p.Token != saved.Token))
                profiles.Add(Consistent(saved));
        lock (_gate) Volatile.Write(ref _profiles, profiles.ToArray());
    }

    public MediaProfile Profile(string token) =>
        Profiles.FirstOrDefault(p => p.Token == token) ?? throw new MediaException(MediaError.NoProfile, $"no media profile '{token}'");

    public string? PtzConfigurationOf(string profileToken) => Profiles.FirstOrDefault(p => p.Token == profileToken)?.PtzConfigurationToken;

    public VideoSourceConfiguration SourceConfiguration(string token) =>
        VideoSourceConfigurations.FirstOrDefault(c => c.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no video source configuration '{token}'");

    public VideoEncoderConfiguration EncoderConfiguration(string token) =>
        VideoEncoderConfigurations.FirstOrDefault(c => c.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no video encoder configuration '{token}'");

    /// <summary>The video source of a profile (null: it carries no video source configuration).</summary>
    public VideoSource? SourceOf(MediaProfile profile) =>
        profile.VideoSourceConfigurationToken is { } c ? VideoSources.First(s => s.Token == SourceConfiguration(c).SourceToken) : null;

    public int UseCountOfSource(string token) => Profiles.Count(p => p.VideoSourceConfigurationToken == token);

    public int UseCountOfEncoder(string token) => Profiles.Count(p => p.VideoEncoderConfigurationToken == token);

    public int UseCountOfPtz(string token) => Profiles.Count(p => p.PtzConfigurationToken == token);

    /// <summary>
    /// The PTZ node a profile drives: <see cref="MediaError.NoProfile"/> for an unknown profile, null when the
    /// profile carries no PTZ configuration (or one no node of <paramref name="device"/> has).
    /// </summary>
    public PtzNode? PtzNodeOf(PtzDevice device, string profileToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Profile(profileToken).PtzConfigurationToken is { } configuration ? device.FindByConfiguration(configuration) : null;
    }

    /// <summary>The PTZ configurations whose node drives the profile's video source (Media 5.x GetCompatible...).</summary>
    public IReadOnlyList<string> CompatiblePtzConfigurations(string profileToken)
    {
        var source = SourceOf(Profile(profileToken))?.Token;
        return source is null ? [] : PtzConfigurationTokens.Where(t => Definition.SourceOfPtzConfiguration(t) == source).ToList();
    }

    /// <summary>Media 5.2.2 CreateProfile: an empty profile; a null token gets a fresh one.</summary>
    public MediaProfile CreateProfile(string name, string? token = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64) throw new ArgumentException("a profile name is 1..64 characters", nameof(name));
        if (token is not null && (token.Length is 0 or > 64 || token.Any(char.IsControl)))
            throw new ArgumentException("a profile token is 1..64 characters without control characters", nameof(token));
        return Change(profiles =>
        {
            if (profiles.Count >= MaximumNumberOfProfiles)
                throw new MediaException(MediaError.MaxNVTProfiles, $"the camera holds {MaximumNumberOfProfiles} profiles already");
            var chosen = token ?? FreshToken(profiles);
            if (profiles.Any(p => p.Token == chosen)) throw new MediaException(MediaError.ProfileExists, $"media profile '{chosen}' exists already");
            var profile = new MediaProfile(chosen, name, Fixed: false, null, null, null);
            return ([.. profiles, profile], profile);
        });
    }

    /// <summary>Media 5.2.14 DeleteProfile: only a profile the camera was not defined with.</summary>
    public void DeleteProfile(string token) => Change(profiles =>
    {
        var profile = Find(profiles, token);
        if (profile.Fixed) throw new MediaException(MediaError.DeletionOfFixedProfile, $"media profile '{token}' is fixed");
        return (profiles.Where(p => p.Token != token).ToArray(), profile);
    });

    public void AddVideoSourceConfiguration(string profileToken, string configurationToken) => Change(profiles =>
    {
        var profile = Find(profiles, profileToken);
        var configuration = SourceConfiguration(configurationToken);
        if (profile.PtzConfigurationToken is { } ptz && Definition.SourceOfPtzConfiguration(ptz) != configuration.SourceToken)
            throw new MediaException(MediaError.ConfigurationConflict,
                $"profile '{profileToken}' carries PTZ configuration '{ptz}', whose node does not drive video source '{configuration.SourceToken}'");
        if (profile.VideoEncoderConfigurationToken is { } e && !Fits(EncoderConfiguration(e), configuration))
            throw new MediaException(MediaError.ConfigurationConflict,
                $"the encoder of profile '{profileToken}' is larger than video source configuration '{configurationToken}'");
        return Replace(profiles, profile with { VideoSourceConfigurationToken = configurationToken });
    });

    /// <summary>Removes the source configuration (and the PTZ configuration, which has no source to drive then).</summary>
    public void RemoveVideoSourceConfiguration(string profileToken) => Change(profiles =>
        Replace(profiles, Find(profiles, profileToken) with { VideoSourceConfigurationToken = null, PtzConfigurationToken = null }));

    public void AddVideoEncoderConfiguration(string profileToken, string configurationToken) => Change(profiles =>
    {
        var profile = Find(profiles, profileToken);
        var encoder = EncoderConfiguration(configurationToken);
        if (profile.VideoSourceConfigurationToken is not { } s)
            throw new MediaException(MediaError.ConfigurationConflict, $"profile '{profileToken}' has no video source configuration to encode");
        if (!Fits(encoder, SourceConfiguration(s)))
            throw new MediaException(MediaError.ConfigurationConflict,
                $"encoder '{configurationToken}' ({encoder.Width}x{encoder.Height}) is larger than the video source configuration of profile '{profileToken}'");
        return Replace(profiles, profile with { VideoEncoderConfigurationToken = configurationToken });
    });

    public void RemoveVideoEncoderConfiguration(string profileToken) => Change(profiles =>
        Replace(profiles, Find(profiles, profileToken) with { VideoEncoderConfigurationToken = null }));

    public void AddPtzConfiguration(string profileToken, string configurationToken) => Change(profiles =>
    {
        var profile = Find(profiles, profileToken);
        if (!PtzConfigurationTokens.Contains(configurationToken))
            throw new MediaException(MediaError.NoConfig, $"no PTZ configuration '{configurationToken}'");
        if (!CompatiblePtzConfigurations(profileToken).Contains(configurationToken))
            throw new MediaException(MediaError.ConfigurationConflict,
                $"PTZ configuration '{configurationToken}' does not drive the video source of profile '{profileToken}'");
        return Replace(profiles, profile with { PtzConfigurationToken = configurationToken });
    });

    public void RemovePtzConfiguration(string profileToken) => Change(profiles =>
        Replace(profiles, Find(profiles, profileToken) with { PtzConfigurationToken = null }));

    private static bool Fits(VideoEncoderConfiguration encoder, VideoSourceConfiguration source) =>
        encoder.Width <= source.Width && encoder.Height <= source.Height;

    private static MediaProfile Find(IReadOnlyList<MediaProfile> profiles, string token) =>
        profiles.FirstOrDefault(p => p.Token == token) ?? throw new MediaException(MediaError.NoProfile, $"no media profile '{token}'");

    private static (IReadOnlyList<MediaProfile>, MediaProfile) Replace(IReadOnlyList<MediaProfile> profiles, MediaProfile changed) =>
        (profiles.Select(p => p.Token == changed.Token ? changed : p).ToArray(), changed);

    private static string FreshToken(IReadOnlyList<MediaProfile> profiles)
    {
        for (var n = profiles.Count + 1; ; n++)
            if (profiles.All(p => p.Token != $"Profile_{n}")) return $"Profile_{n}";
    }

    // Checks and the write happen under the lock: the new list is published only once it is on disk.
    private MediaProfile Change(Func<IReadOnlyList<MediaProfile>, (IReadOnlyList<MediaProfile> Next, MediaProfile Result)> change)
    {
        MediaProfile result;
        lock (_gate)
        {
            (var next, result) = change(_profiles);
            _store.Write(DocumentName, JsonSerializer.Serialize(new ProfilesDocument(next.ToList()), Json));
            Volatile.Write(ref _profiles, next);
        }
        Changed?.Invoke(this, EventArgs.Empty);
        return result;
    }

    // A stored reference the definition no longer has (the configuration changed) is dropped, not trusted.
    private MediaProfile Consistent(MediaProfile profile)
    {
        var source = VideoSourceConfigurations.FirstOrDefault(c => c.Token == profile.VideoSourceConfigurationToken);
        var encoder = VideoEncoderConfigurations.FirstOrDefault(c => c.Token == profile.VideoEncoderConfigurationToken);
        var ptz = profile.PtzConfigurationToken is { } p && source is not null && Definition.SourceOfPtzConfiguration(p) == source.SourceToken ? p : null;
        return profile with
        {
            VideoSourceConfigurationToken = source?.Token,
            VideoEncoderConfigurationToken = source is not null && encoder is not null && Fits(encoder, source) ? encoder.Token : null,
            PtzConfigurationToken = ptz,
        };
    }

    private List<MediaProfile> Parse(string text)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e) { throw new InvalidDataException($"{DocumentName}: {e.Message}", e); }
        if (root is JsonObject o && o["profiles"] is JsonArray)
            return JsonSerializer.Deserialize<ProfilesDocument>(text, Json)?.Profiles ?? [];
        // The map form, each fixed profile to its PTZ configuration ({ "Profile_1": "PtzConfig_1", ... }), is read too.
        var ptzByProfile = JsonSerializer.Deserialize<Dictionary<string, string?>>(text) ?? new();
        return Definition.Profiles.Select(p => new MediaProfile(p.Token, p.Name, true, p.VideoSourceConfigurationToken, p.VideoEncoderConfigurationToken,
            ptzByProfile.TryGetValue(p.Token, out var saved) ? saved : p.PtzConfigurationToken)).ToList();
    }

    private sealed record ProfilesDocument(List<MediaProfile> Profiles);
}
