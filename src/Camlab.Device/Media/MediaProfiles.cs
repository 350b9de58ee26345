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
    private readonly IReadOnlyList<VideoSourceConfiguration> _definedSources;
    private readonly IReadOnlyList<VideoEncoderConfiguration> _definedEncoders;
    private readonly IReadOnlyList<MetadataConfiguration> _definedMetadata;
    private MediaState _state;

    /// <param name="offer">What the encoders accept (null: <see cref="VideoEncoderOffer.Default"/>).</param>
    public MediaProfiles(CameraDefinition definition, IStateStore store, VideoEncoderOffer? offer = null)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Offer = offer ?? VideoEncoderOffer.Default;
        VideoSources = definition.VideoSources.Select(s => new VideoSource(s.Token, s.Width, s.Height, s.Framerate)).ToArray();
        _definedSources = definition.SourceConfigurations.ToArray();
        _definedEncoders = definition.EncoderConfigurations;
        _definedMetadata = definition.MetadataConfigurations;
        PtzConfigurationTokens = definition.PtzSources.Select(s => s.Ptz!.ConfigurationToken).ToArray();
        _state = new MediaState([], _definedSources, _definedEncoders, _definedMetadata);
        Reload();
    }

    public CameraDefinition Definition { get; }

    /// <summary>What SetVideoEncoderConfiguration accepts and the options advertise.</summary>
    public VideoEncoderOffer Offer { get; }

    public IReadOnlyList<VideoSource> VideoSources { get; }

    /// <summary>The video source configurations as they are now (the definition's, as last set).</summary>
    public IReadOnlyList<VideoSourceConfiguration> VideoSourceConfigurations => Volatile.Read(ref _state).Sources;

    /// <summary>The video encoder configurations as they are now (the definition's, as last set).</summary>
    public IReadOnlyList<VideoEncoderConfiguration> VideoEncoderConfigurations => Volatile.Read(ref _state).Encoders;

    /// <summary>The metadata configurations as they are now (the definition's, as last set).</summary>
    public IReadOnlyList<MetadataConfiguration> MetadataConfigurations => Volatile.Read(ref _state).Metadata;

    /// <summary>The PTZ configurations a profile may carry (one per PTZ node of the definition).</summary>
    public IReadOnlyList<string> PtzConfigurationTokens { get; }

    /// <summary>
    /// Raised after a change is written and published (profiles or configurations), outside the lock, on the
    /// thread that made it; streams re-read the configurations they use and apply them at their next key frame.
    /// The arguments say what changed: a profile (created, deleted, its configuration set) or a configuration's content.
    /// </summary>
    public event EventHandler<MediaChangedEventArgs>? Changed;

    /// <summary>Raised with a profile token when a client asks for a synchronization point (an I-frame) on its stream.</summary>
    public event Action<string>? SynchronizationPointRequested;

    /// <summary>Media 5.x / Media2 SetSynchronizationPoint: the profile's running streams send a key frame next.</summary>
    public void SetSynchronizationPoint(string profileToken)
    {
        Profile(profileToken);
        SynchronizationPointRequested?.Invoke(profileToken);
    }

    /// <summary>The profiles as they are now (an immutable snapshot).</summary>
    public IReadOnlyList<MediaProfile> Profiles => Volatile.Read(ref _state).Profiles;

    /// <summary>Reads the persisted profiles and configurations; the definition's fixed profiles are always there.</summary>
    public void Reload()
    {
        var text = _store.Read(DocumentName);
        var stored = text is null ? null : Parse(text);
        var sources = _definedSources.Select(d => stored?.VideoSourceConfigurations?.FirstOrDefault(c => c.Token == d.Token) is { } saved && Acceptable(() => CheckSource(saved)) ? saved : d).ToArray();
        var encoders = _definedEncoders.Select(d => stored?.VideoEncoderConfigurations?.FirstOrDefault(c => c.Token == d.Token) is { } saved && Acceptable(() => CheckEncoder(saved)) ? saved : d).ToArray();
        var metadata = _definedMetadata.Select(d => stored?.MetadataConfigurations?.FirstOrDefault(c => c.Token == d.Token) is { } saved && Acceptable(() => CheckMetadata(saved)) ? saved : d).ToArray();
        var profiles = new List<MediaProfile>();
        foreach (var fixedProfile in Definition.Profiles)
        {
            var saved = stored?.Profiles?.FirstOrDefault(p => p.Token == fixedProfile.Token);
            var profile = new MediaProfile(fixedProfile.Token, fixedProfile.Name, Fixed: true, fixedProfile.VideoSourceConfigurationToken,
                fixedProfile.VideoEncoderConfigurationToken, fixedProfile.PtzConfigurationToken, fixedProfile.MetadataConfigurationToken);
            if (saved is not null) profile = profile with
            {
                Name = saved.Name,
                VideoSourceConfigurationToken = saved.VideoSourceConfigurationToken,
                VideoEncoderConfigurationToken = saved.VideoEncoderConfigurationToken,
                PtzConfigurationToken = saved.PtzConfigurationToken,
                MetadataConfigurationToken = saved.MetadataConfigurationToken,
            };
            profiles.Add(Consistent(profile, sources, encoders, metadata));
        }
        foreach (var saved in stored?.Profiles ?? [])
            if (!saved.Fixed && profiles.Count < MaximumNumberOfProfiles && profiles.All(p => p.Token != saved.Token))
                profiles.Add(Consistent(saved, sources, encoders, metadata));
        lock (_gate) Volatile.Write(ref _state, new MediaState(profiles.ToArray(), sources, encoders, metadata));
    }

    public MediaProfile Profile(string token) => Find(Profiles, token);

    public string? PtzConfigurationOf(string profileToken) => Profiles.FirstOrDefault(p => p.Token == profileToken)?.PtzConfigurationToken;

    public VideoSourceConfiguration SourceConfiguration(string token) => FindSource(VideoSourceConfigurations, token);

    public VideoEncoderConfiguration EncoderConfiguration(string token) => FindEncoder(VideoEncoderConfigurations, token);

    public MetadataConfiguration Metadata(string token) => FindMetadata(MetadataConfigurations, token);

    public VideoSource Source(string token) =>
        VideoSources.FirstOrDefault(s => s.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no video source '{token}'");

    /// <summary>The video source of a profile (null: it carries no video source configuration).</summary>
    public VideoSource? SourceOf(MediaProfile profile) =>
        profile.VideoSourceConfigurationToken is { } c ? Source(SourceConfiguration(c).SourceToken) : null;

    public int UseCountOfSource(string token) => Profiles.Count(p => p.VideoSourceConfigurationToken == token);

    public int UseCountOfEncoder(string token) => Profiles.Count(p => p.VideoEncoderConfigurationToken == token);

    public int UseCountOfPtz(string token) => Profiles.Count(p => p.PtzConfigurationToken == token);

    public int UseCountOfMetadata(string token) => Profiles.Count(p => p.MetadataConfigurationToken == token);

    /// <summary>
    /// The metadata configurations the profile may take (Media GetCompatibleMetadataConfigurations): every one — what
    /// a metadata configuration streams does not depend on the profile's video source or encoder.
    /// </summary>
    public IReadOnlyList<MetadataConfiguration> CompatibleMetadataConfigurations(string profileToken)
    {
        var state = Volatile.Read(ref _state);
        Find(state.Profiles, profileToken);
        return state.Metadata;
    }

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

    /// <summary>
    /// The video source configurations the profile may take (Media GetCompatibleVideoSourceConfigurations): those of the
    /// source its PTZ configuration drives, at least as large as its encoder.
    /// </summary>
    public IReadOnlyList<VideoSourceConfiguration> CompatibleSourceConfigurations(string profileToken)
    {
        var state = Volatile.Read(ref _state);
        var profile = Find(state.Profiles, profileToken);
        return state.Sources.Where(c => SourceConflict(state, profile, c) is null).ToList();
    }

    /// <summary>The encoder configurations that fit the profile's video source (none without one).</summary>
    public IReadOnlyList<VideoEncoderConfiguration> CompatibleEncoderConfigurations(string profileToken)
    {
        var state = Volatile.Read(ref _state);
        var profile = Find(state.Profiles, profileToken);
        if (profile.VideoSourceConfigurationToken is not { } s) return [];
        var source = FindSource(state.Sources, s);
        return state.Encoders.Where(e => Fits(e, source)).ToList();
    }

    /// <summary>
    /// The sizes an encoder may take: the offer's standard sizes and the definition's encoder sizes that fit
    /// <paramref name="source"/> (null: the largest video source), largest first.
    /// </summary>
    public IReadOnlyList<Resolution> ResolutionsAvailable(VideoSource? source = null)
    {
        var limitW = source?.Width ?? VideoSources.Max(s => s.Width);
        var limitH = source?.Height ?? VideoSources.Max(s => s.Height);
        return Offer.Resolutions.Concat(_definedEncoders.Select(e => new Resolution(e.Width, e.Height)))
            .Where(r => r.Width <= limitW && r.Height <= limitH).Distinct()
            .OrderByDescending(r => r.Width * r.Height).ThenByDescending(r => r.Width).ToList();
    }

    /// <summary>
    /// The video source that bounds an encoder's options (Media GetVideoEncoderConfigurationOptions): the profile's
    /// source, and the smallest source of the profiles already using the configuration; null: no bound but the
    /// largest source. Unknown tokens are <see cref="MediaError.NoProfile"/> / <see cref="MediaError.NoConfig"/>.
    /// </summary>
    public VideoSource? EncoderLimit(string? configurationToken, string? profileToken)
    {
        var state = Volatile.Read(ref _state);
        var sources = new List<VideoSource>();
        if (profileToken is not null && SourceOf(Find(state.Profiles, profileToken)) is { } own) sources.Add(own);
        if (configurationToken is not null)
        {
            FindEncoder(state.Encoders, configurationToken);
            foreach (var p in state.Profiles.Where(p => p.VideoEncoderConfigurationToken == configurationToken))
                if (SourceOf(p) is { } s) sources.Add(s);
        }
        return sources.Count == 0 ? null : sources.MinBy(s => (long)s.Width * s.Height);
    }

    /// <summary>The highest frame rate an encoder may be limited to: that of the fastest source (null) or of <paramref name="source"/>.</summary>
    public int MaximumFrameRate(VideoSource? source = null) => (int)Math.Floor(source?.Framerate ?? VideoSources.Max(s => s.Framerate));

    /// <summary>Media 5.2.2 CreateProfile: an empty profile; a null token gets a fresh one.</summary>
    public MediaProfile CreateProfile(string name, string? token = null) => CreateProfile(name, token, []);

    /// <summary>
    /// Media2 5.2.1 CreateProfile: a profile with the given configurations (checked and applied in the order video
    /// source, encoder, PTZ, as one change).
    /// </summary>
    public MediaProfile CreateProfile(string name, string? token, IReadOnlyList<ConfigurationRef> configurations)
    {
        CheckName(name, "a profile name");
        if (token is not null && (token.Length is 0 or > 64 || token.Any(char.IsControl)))
            throw new ArgumentException("a profile token is 1..64 characters without control characters", nameof(token));
        return Change(state =>
        {
            if (state.Profiles.Count >= MaximumNumberOfProfiles)
                throw new MediaException(MediaError.MaxNVTProfiles, $"the camera holds {MaximumNumberOfProfiles} profiles already");
            var chosen = token ?? FreshToken(state.Profiles);
            if (state.Profiles.Any(p => p.Token == chosen)) throw new MediaException(MediaError.ProfileExists, $"media profile '{chosen}' exists already");
            var profile = new MediaProfile(chosen, name, Fixed: false, null, null, null);
            state = state with { Profiles = [.. state.Profiles, profile] };
            return Add(state, profile, configurations);
        }, p => new(MediaChangeKind.Profile, p.Token));
    }

    /// <summary>Media 5.2.14 DeleteProfile: only a profile the camera was not defined with.</summary>
    public void DeleteProfile(string token) => Change(state =>
    {
        var profile = Find(state.Profiles, token);
        if (profile.Fixed) throw new MediaException(MediaError.DeletionOfFixedProfile, $"media profile '{token}' is fixed");
        return (state with { Profiles = state.Profiles.Where(p => p.Token != token).ToArray() }, profile);
    }, p => new(MediaChangeKind.Profile, p.Token));

    /// <summary>
    /// Media2 5.2.3 AddConfiguration: each configuration replaces the profile's one of its type (video source, then
    /// encoder, then PTZ); <paramref name="name"/>, when given, renames the profile. All or nothing.
    /// </summary>
    public MediaProfile AddConfigurations(string profileToken, string? name, IReadOnlyList<ConfigurationRef> configurations)
    {
        if (name is not null) CheckName(name, "a profile name");
        return Change(state =>
        {
            var profile = Find(state.Profiles, profileToken);
            if (name is not null) (state, profile) = Replace(state, profile with { Name = name });
            return Add(state, profile, configurations);
        }, p => new(MediaChangeKind.Profile, p.Token));
    }

    /// <summary>
    /// Media2 5.2.4 RemoveConfiguration: each named type leaves the profile (a token, when given, must be the one the
    /// profile carries). Removing the video source removes the PTZ configuration too: it has no source to drive then.
    /// </summary>
    public MediaProfile RemoveConfigurations(string profileToken, IReadOnlyList<ConfigurationRef> configurations) => Change(state =>
    {
        var profile = Find(state.Profiles, profileToken);
        foreach (var reference in configurations)
        {
            var carried = reference.Type switch
            {
                MediaConfigurationType.VideoSource => profile.VideoSourceConfigurationToken,
                MediaConfigurationType.VideoEncoder => profile.VideoEncoderConfigurationToken,
                MediaConfigurationType.Metadata => profile.MetadataConfigurationToken,
                _ => profile.PtzConfigurationToken,
            };
            if (reference.Token is { } t && t != carried)
                throw new MediaException(MediaError.NoConfig, $"profile '{profileToken}' carries no {reference.Type} configuration '{t}'");
            profile = reference.Type switch
            {
                MediaConfigurationType.VideoSource => profile with { VideoSourceConfigurationToken = null, PtzConfigurationToken = null },
                MediaConfigurationType.VideoEncoder => profile with { VideoEncoderConfigurationToken = null },
                MediaConfigurationType.Metadata => profile with { MetadataConfigurationToken = null },
                _ => profile with { PtzConfigurationToken = null },
            };
        }
        return Replace(state, profile);
    }, p => new(MediaChangeKind.Profile, p.Token));

    public void AddVideoSourceConfiguration(string profileToken, string configurationToken) =>
        AddConfigurations(profileToken, null, [new(MediaConfigurationType.VideoSource, configurationToken)]);

    /// <summary>Removes the source configuration (and the PTZ configuration, which has no source to drive then).</summary>
    public void RemoveVideoSourceConfiguration(string profileToken) =>
        RemoveConfigurations(profileToken, [new(MediaConfigurationType.VideoSource, null)]);

    public void AddVideoEncoderConfiguration(string profileToken, string configurationToken) =>
        AddConfigurations(profileToken, null, [new(MediaConfigurationType.VideoEncoder, configurationToken)]);

    public void RemoveVideoEncoderConfiguration(string profileToken) =>
        RemoveConfigurations(profileToken, [new(MediaConfigurationType.VideoEncoder, null)]);

    public void AddPtzConfiguration(string profileToken, string configurationToken) =>
        AddConfigurations(profileToken, null, [new(MediaConfigurationType.Ptz, configurationToken)]);

    public void RemovePtzConfiguration(string profileToken) =>
        RemoveConfigurations(profileToken, [new(MediaConfigurationType.Ptz, null)]);

    public void AddMetadataConfiguration(string profileToken, string configurationToken) =>
        AddConfigurations(profileToken, null, [new(MediaConfigurationType.Metadata, configurationToken)]);

    public void RemoveMetadataConfiguration(string profileToken) =>
        RemoveConfigurations(profileToken, [new(MediaConfigurationType.Metadata, null)]);

    /// <summary>
    /// Media 5.9.x / Media2 5.3.x SetMetadataConfiguration: name, PTZ filter, events and their topic filter, session
    /// timeout; <see cref="MediaError.ConfigModify"/> for what the options do not offer (analytics, PTZ data without a PTZ node).
    /// </summary>
    public void SetMetadataConfiguration(MetadataConfiguration configuration) => Change(state =>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        FindMetadata(state.Metadata, configuration.Token);
        CheckMetadata(configuration);
        return (state with { Metadata = state.Metadata.Select(c => c.Token == configuration.Token ? configuration : c).ToArray() }, configuration);
    }, c => new(MediaChangeKind.MetadataConfiguration, c.Token));

    /// <summary>Whether the camera can stream PTZ status and position (it has a PTZ node).</summary>
    public bool PtzStatusSupported => PtzConfigurationTokens.Count > 0;

    /// <summary>
    /// Media 5.4.x / Media2 5.3.x SetVideoSourceConfiguration: the name may change; the source and the bounds are those
    /// the options offer (the whole picture of its own source, the only window the renderer produces).
    /// </summary>
    public void SetVideoSourceConfiguration(VideoSourceConfiguration configuration) => Change(state =>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        FindSource(state.Sources, configuration.Token);
        CheckSource(configuration);
        return (state with { Sources = state.Sources.Select(c => c.Token == configuration.Token ? configuration : c).ToArray() }, configuration);
    }, c => new(MediaChangeKind.VideoSourceConfiguration, c.Token));

    /// <summary>
    /// Media 5.5.x / Media2 5.3.x SetVideoEncoderConfiguration: every parameter within <see cref="Offer"/>
    /// (<see cref="MediaError.ConfigModify"/> otherwise), and no larger than the source of any profile that uses it
    /// (<see cref="MediaError.ConfigurationConflict"/>).
    /// </summary>
    public void SetVideoEncoderConfiguration(VideoEncoderConfiguration configuration) => Change(state =>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        FindEncoder(state.Encoders, configuration.Token);
        CheckEncoder(configuration);
        foreach (var profile in state.Profiles.Where(p => p.VideoEncoderConfigurationToken == configuration.Token && p.VideoSourceConfigurationToken is not null))
        {
            var source = FindSource(state.Sources, profile.VideoSourceConfigurationToken!);
            if (!Fits(configuration, source))
                throw new MediaException(MediaError.ConfigurationConflict,
                    $"profile '{profile.Token}' uses this encoder on a {source.Width}x{source.Height} source; {configuration.Width}x{configuration.Height} does not fit");
        }
        return (state with { Encoders = state.Encoders.Select(c => c.Token == configuration.Token ? configuration : c).ToArray() }, configuration);
    }, c => new(MediaChangeKind.VideoEncoderConfiguration, c.Token));

    private (MediaState, MediaProfile) Add(MediaState state, MediaProfile profile, IReadOnlyList<ConfigurationRef> configurations)
    {
        foreach (var group in configurations.GroupBy(c => c.Type))
            if (group.Count() > 1) throw new MediaException(MediaError.ConfigurationConflict, $"{group.Key} is named more than once");
        foreach (var reference in configurations.OrderBy(c => c.Type))
        {
            var token = reference.Token ?? throw new MediaException(MediaError.NoConfig, $"a {reference.Type} configuration needs its token");
            switch (reference.Type)
            {
                case MediaConfigurationType.VideoSource:
                    var configuration = FindSource(state.Sources, token);
                    if (SourceConflict(state, profile, configuration) is { } why) throw new MediaException(MediaError.ConfigurationConflict, why);
                    profile = profile with { VideoSourceConfigurationToken = token };
                    break;
                case MediaConfigurationType.VideoEncoder:
                    var encoder = FindEncoder(state.Encoders, token);
                    if (profile.VideoSourceConfigurationToken is not { } s)
                        throw new MediaException(MediaError.ConfigurationConflict, $"profile '{profile.Token}' has no video source configuration to encode");
                    if (!Fits(encoder, FindSource(state.Sources, s)))
                        throw new MediaException(MediaError.ConfigurationConflict,
                            $"encoder '{token}' ({encoder.Width}x{encoder.Height}) is larger than the video source configuration of profile '{profile.Token}'");
                    profile = profile with { VideoEncoderConfigurationToken = token };
                    break;
                case MediaConfigurationType.Metadata:
                    FindMetadata(state.Metadata, token);
                    profile = profile with { MetadataConfigurationToken = token };
                    break;
                default:
                    if (!PtzConfigurationTokens.Contains(token)) throw new MediaException(MediaError.NoConfig, $"no PTZ configuration '{token}'");
                    var driven = profile.VideoSourceConfigurationToken is { } vs ? FindSource(state.Sources, vs).SourceToken : null;
                    if (driven is null || Definition.SourceOfPtzConfiguration(token) != driven)
                        throw new MediaException(MediaError.ConfigurationConflict,
                            $"PTZ configuration '{token}' does not drive the video source of profile '{profile.Token}'");
                    profile = profile with { PtzConfigurationToken = token };
                    break;
            }
        }
        return Replace(state, profile);
    }

    // Why a source configuration cannot join the profile (null: it can).
    private string? SourceConflict(MediaState state, MediaProfile profile, VideoSourceConfiguration configuration)
    {
        if (profile.PtzConfigurationToken is { } ptz && Definition.SourceOfPtzConfiguration(ptz) != configuration.SourceToken)
            return $"profile '{profile.Token}' carries PTZ configuration '{ptz}', whose node does not drive video source '{configuration.SourceToken}'";
        if (profile.VideoEncoderConfigurationToken is { } e && !Fits(FindEncoder(state.Encoders, e), configuration))
            return $"the encoder of profile '{profile.Token}' is larger than video source configuration '{configuration.Token}'";
        return null;
    }

    private void CheckSource(VideoSourceConfiguration c)
    {
        static MediaException Bad(string why) => new(MediaError.ConfigModify, why);
        var defined = _definedSources.FirstOrDefault(d => d.Token == c.Token) ?? throw new MediaException(MediaError.NoConfig, $"no video source configuration '{c.Token}'");
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64) throw Bad("Name must be 1 to 64 characters");
        if (c.SourceToken != defined.SourceToken) throw Bad($"SourceToken must be '{defined.SourceToken}' (VideoSourceTokensAvailable)");
        if ((c.X, c.Y, c.Width, c.Height) != (defined.X, defined.Y, defined.Width, defined.Height))
            throw Bad($"Bounds must be x={defined.X} y={defined.Y} width={defined.Width} height={defined.Height} (BoundsRange): the source is encoded whole");
    }

    private void CheckEncoder(VideoEncoderConfiguration c)
    {
        static MediaException Bad(string why) => new(MediaError.ConfigModify, why);
        if (!_definedEncoders.Any(d => d.Token == c.Token)) throw new MediaException(MediaError.NoConfig, $"no video encoder configuration '{c.Token}'");
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64) throw Bad("Name must be 1 to 64 characters");
        if (!Offer.Encodings.Contains(c.Encoding)) throw Bad($"Encoding {c.Encoding} is not offered ({string.Join(", ", Offer.Encodings)})");
        if (!ResolutionsAvailable().Contains(new Resolution(c.Width, c.Height)))
            throw Bad($"Resolution {c.Width}x{c.Height} is not offered ({string.Join(", ", ResolutionsAvailable())})");
        if (!(c.Quality >= Offer.QualityMin && c.Quality <= Offer.QualityMax)) throw Bad($"Quality {c.Quality} is not {Offer.QualityMin}..{Offer.QualityMax}");
        if (c.FrameRateLimit < 1 || c.FrameRateLimit > MaximumFrameRate()) throw Bad($"FrameRateLimit {c.FrameRateLimit} is not 1..{MaximumFrameRate()}");
        if (c.EncodingInterval < Offer.EncodingIntervalMin || c.EncodingInterval > Offer.EncodingIntervalMax)
            throw Bad($"EncodingInterval {c.EncodingInterval} is not {Offer.EncodingIntervalMin}..{Offer.EncodingIntervalMax}");
        if (c.BitrateLimit < Offer.BitrateMin || c.BitrateLimit > Offer.BitrateMax) throw Bad($"BitrateLimit {c.BitrateLimit} is not {Offer.BitrateMin}..{Offer.BitrateMax} kbit/s");
        if (c.Encoding != VideoEncoding.H264) return;
        if (c.GovLength < Offer.GovLengthMin || c.GovLength > Offer.GovLengthMax) throw Bad($"GovLength {c.GovLength} is not {Offer.GovLengthMin}..{Offer.GovLengthMax}");
        if (!Offer.H264Profiles.Contains(c.H264Profile)) throw Bad($"H264 profile {c.H264Profile} is not offered ({string.Join(", ", Offer.H264Profiles)})");
        if (c.ConstantBitRate && !Offer.ConstantBitRateSupported) throw Bad("ConstantBitRate is not supported");
    }

    private void CheckMetadata(MetadataConfiguration c)
    {
        static MediaException Bad(string why) => new(MediaError.ConfigModify, why);
        if (!_definedMetadata.Any(d => d.Token == c.Token)) throw new MediaException(MediaError.NoConfig, $"no metadata configuration '{c.Token}'");
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64) throw Bad("Name must be 1 to 64 characters");
        if (c.Analytics) throw Bad("Analytics is not offered: the camera has no analytics engine");
        if ((c.PtzStatus || c.PtzPosition) && !PtzStatusSupported) throw Bad("PTZStatus is not offered: the camera has no PTZ node");
        if (c.TopicFilter is { Length: > MetadataConfiguration.MaximumTopicFilterLength })
            throw Bad($"the topic filter is longer than {MetadataConfiguration.MaximumTopicFilterLength} characters");
        if (c.SessionTimeout < TimeSpan.FromSeconds(1) || c.SessionTimeout > TimeSpan.FromHours(1)) throw Bad("SessionTimeout is not PT1S..PT1H");
    }

    private static bool Acceptable(Action check)
    {
        try { check(); return true; }
        catch (MediaException) { return false; }
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64) throw new ArgumentException($"{what} is 1..64 characters", nameof(name));
    }

    private static bool Fits(VideoEncoderConfiguration encoder, VideoSourceConfiguration source) =>
        encoder.Width <= source.Width && encoder.Height <= source.Height;

    private static MediaProfile Find(IReadOnlyList<MediaProfile> profiles, string token) =>
        profiles.FirstOrDefault(p => p.Token == token) ?? throw new MediaException(MediaError.NoProfile, $"no media profile '{token}'");

    private static VideoSourceConfiguration FindSource(IReadOnlyList<VideoSourceConfiguration> sources, string token) =>
        sources.FirstOrDefault(c => c.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no video source configuration '{token}'");

    private static VideoEncoderConfiguration FindEncoder(IReadOnlyList<VideoEncoderConfiguration> encoders, string token) =>
        encoders.FirstOrDefault(c => c.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no video encoder configuration '{token}'");

    private static MetadataConfiguration FindMetadata(IReadOnlyList<MetadataConfiguration> metadata, string token) =>
        metadata.FirstOrDefault(c => c.Token == token) ?? throw new MediaException(MediaError.NoConfig, $"no metadata configuration '{token}'");

    private static (MediaState, MediaProfile) Replace(MediaState state, MediaProfile changed) =>
        (state with { Profiles = state.Profiles.Select(p => p.Token == changed.Token ? changed : p).ToArray() }, changed);

    private static string FreshToken(IReadOnlyList<MediaProfile> profiles)
    {
        for (var n = profiles.Count + 1; ; n++)
            if (profiles.All(p => p.Token != $"Profile_{n}")) return $"Profile_{n}";
    }

    // Checks and the write happen under the lock: the new state is published only once it is on disk, as one
    // document (profiles and configurations together), so a kill at any instant leaves the old or the new state.
    private T Change<T>(Func<MediaState, (MediaState Next, T Result)> change, Func<T, MediaChangedEventArgs> describe)
    {
        T result;
        lock (_gate)
        {
            (var next, result) = change(_state);
            _store.Write(DocumentName, JsonSerializer.Serialize(
                new MediaDocument(next.Profiles.ToList(), next.Sources.ToList(), next.Encoders.ToList(), next.Metadata.ToList()), Json));
            Volatile.Write(ref _state, next);
        }
        Changed?.Invoke(this, describe(result));
        return result;
    }

    // A stored reference the definition no longer has (the configuration changed) is dropped, not trusted.
    private MediaProfile Consistent(MediaProfile profile, IReadOnlyList<VideoSourceConfiguration> sources, IReadOnlyList<VideoEncoderConfiguration> encoders,
        IReadOnlyList<MetadataConfiguration> metadata)
    {
        var source = sources.FirstOrDefault(c => c.Token == profile.VideoSourceConfigurationToken);
        var encoder = encoders.FirstOrDefault(c => c.Token == profile.VideoEncoderConfigurationToken);
        var ptz = profile.PtzConfigurationToken is { } p && source is not null && Definition.SourceOfPtzConfiguration(p) == source.SourceToken ? p : null;
        return profile with
        {
            VideoSourceConfigurationToken = source?.Token,
            VideoEncoderConfigurationToken = encoder is not null && (source is null || Fits(encoder, source)) ? encoder.Token : null,
            PtzConfigurationToken = ptz,
            MetadataConfigurationToken = metadata.Any(m => m.Token == profile.MetadataConfigurationToken) ? profile.MetadataConfigurationToken : null,
        };
    }

    private MediaDocument Parse(string text)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e) { throw new InvalidDataException($"{DocumentName}: {e.Message}", e); }
        if (root is JsonObject o && o["profiles"] is JsonArray)
            return JsonSerializer.Deserialize<MediaDocument>(text, Json) ?? new MediaDocument(null, null, null, null);
        // The map form, each fixed profile to its PTZ configuration ({ "Profile_1": "PtzConfig_1", ... }), is read too.
        var ptzByProfile = JsonSerializer.Deserialize<Dictionary<string, string?>>(text) ?? new();
        return new MediaDocument(Definition.Profiles.Select(p => new MediaProfile(p.Token, p.Name, true, p.VideoSourceConfigurationToken, p.VideoEncoderConfigurationToken,
            ptzByProfile.TryGetValue(p.Token, out var saved) ? saved : p.PtzConfigurationToken, p.MetadataConfigurationToken)).ToList(), null, null, null);
    }

    private sealed record MediaState(IReadOnlyList<MediaProfile> Profiles, IReadOnlyList<VideoSourceConfiguration> Sources,
        IReadOnlyList<VideoEncoderConfiguration> Encoders, IReadOnlyList<MetadataConfiguration> Metadata);

    private sealed record MediaDocument(List<MediaProfile>? Profiles, List<VideoSourceConfiguration>? VideoSourceConfigurations,
        List<VideoEncoderConfiguration>? VideoEncoderConfigurations, List<MetadataConfiguration>? MetadataConfigurations);
}

/// <summary>The kinds of configuration a profile carries (tr2:ConfigurationEnumeration's values Camlab serves).</summary>
public enum MediaConfigurationType
{
    VideoSource,
    VideoEncoder,
    Ptz,
    Metadata,
}

/// <summary>A configuration of a profile named by type and token (tr2:ConfigurationRef); the token is optional on removal.</summary>
public readonly record struct ConfigurationRef(MediaConfigurationType Type, string? Token);

/// <summary>What a change touched: a profile (created, deleted, its set of configurations) or a configuration's content.</summary>
public enum MediaChangeKind
{
    Profile,
    VideoSourceConfiguration,
    VideoEncoderConfiguration,
    MetadataConfiguration,
}

/// <summary>The arguments of <see cref="MediaProfiles.Changed"/>.</summary>
public sealed class MediaChangedEventArgs(MediaChangeKind kind, string token) : EventArgs
{
    public MediaChangeKind Kind { get; } = kind;

    public string Token { get; } = token;
}
