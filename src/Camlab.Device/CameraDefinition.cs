using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device.Media;

namespace Camlab.Device;

/// <summary>What renders a video source: the PTZ dome's zoom lens or the fixed wide lens (the OPF document's two sensors).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VideoSourceKind>))]
public enum VideoSourceKind
{
    /// <summary>The dome's sensor behind its zoom lens and focus motor; its PTZ node is mechanical.</summary>
    Dome,

    /// <summary>The fixed wide sensor behind a fixed-focus lens; its PTZ node is a digital window over it.</summary>
    Wide,
}

/// <summary>The PTZ node that drives a video source, and its one configuration.</summary>
/// <param name="Mechanics">A dome's head as built, where it differs from the default; null: the default head.</param>
public sealed record PtzNodeLayout(string NodeToken, string NodeName, string ConfigurationToken, string ConfigurationName,
    DomeMechanics? Mechanics = null);

/// <summary>
/// What a dome's mechanical head can do, each null for the default (docs/configuration.md, "Camera definition"):
/// pan travel in degrees (null: endless), tilt travel in degrees of the mount (default −180..20, through the nadir),
/// the focal lengths the zoom uses in millimetres (within the OPF lens's; default all of it), and the top speeds —
/// pan/tilt in degrees per second (default 120), zoom in millimetres per second (default a quarter of the focal span).
/// </summary>
public sealed record DomeMechanics(
    Ptz.FloatRange? PanRange = null, Ptz.FloatRange? TiltRange = null, Ptz.FloatRange? ZoomRange = null,
    double? PanTiltMaxSpeed = null, double? ZoomMaxSpeed = null)
{
    /// <summary>The tilt travel of the default dome: from 20° above the horizon down through the nadir to the far horizon.</summary>
    public static Ptz.FloatRange DefaultTilt { get; } = new(-180, 20);

    public const double DefaultPanTiltMaxSpeed = 120;
    public const double MaximumSpeed = 1000;

    /// <summary>The rule each value breaks, as "key: why" (key as the definition spells it); empty when none.</summary>
    public IEnumerable<string> Errors()
    {
        if (PanRange is { } pan)
        {
            if (!(pan.Min >= -180 && pan.Max <= 180 && pan.Min < pan.Max)) yield return FormattableString.Invariant($"panRange: [{pan.Min}, {pan.Max}] is not an increasing range within -180..180");
            else if (pan.Max - pan.Min < 360 && (TiltRange ?? DefaultTilt).Min < -90)
                yield return FormattableString.Invariant($"tiltRange: a pan range narrower than 360° needs a tilt range that stays above the nadir (min ≥ -90), not {(TiltRange ?? DefaultTilt).Min}");
        }
        if (TiltRange is { } tilt && !(tilt.Min >= -180 && tilt.Max <= 90 && tilt.Min < tilt.Max))
            yield return FormattableString.Invariant($"tiltRange: [{tilt.Min}, {tilt.Max}] is not an increasing range within -180..90");
        if (ZoomRange is { } zoom && !(zoom.Min > 0 && zoom.Min < zoom.Max && double.IsFinite(zoom.Max)))
            yield return FormattableString.Invariant($"zoomRange: [{zoom.Min}, {zoom.Max}] is not an increasing range of focal lengths in millimetres");
        if (PanTiltMaxSpeed is { } v && !(v > 0 && v <= MaximumSpeed)) yield return FormattableString.Invariant($"panTiltMaxSpeed: {v} is not in (0, {MaximumSpeed}] degrees per second");
        if (ZoomMaxSpeed is { } z && !(z > 0 && z <= MaximumSpeed)) yield return FormattableString.Invariant($"zoomMaxSpeed: {z} is not in (0, {MaximumSpeed}] millimetres per second");
    }

    /// <summary>Whether the pan travel is all the way round (no pan range, or one 360° wide).</summary>
    public bool PanIsEndless => PanRange is not { } pan || pan.Max - pan.Min >= 360;
}

/// <summary>
/// One video source: its size and rate (tt:VideoSource), what renders it, whether it has an image processor
/// (Imaging service), its one video source configuration (the whole picture), and the PTZ node that drives it.
/// </summary>
public sealed record VideoSourceDefinition(
    string Token, int Width, int Height, float Framerate, VideoSourceKind Kind, bool Imaging,
    VideoSourceConfiguration Configuration, PtzNodeLayout? Ptz);

/// <summary>
/// The one description of a camera's layout: its video sources (each with its PTZ node and imaging), the video
/// encoder configurations and the media profiles it starts with. Every part of a camera (media, PTZ, imaging,
/// rendering, streaming, recording) reads it; <see cref="Default"/> is the embedded <c>default-camera.json</c>,
/// and <c>camera.definition</c> in the configuration replaces it (docs/configuration.md).
/// </summary>
public sealed class CameraDefinition
{
    /// <summary>The configuration file's JSON: camelCase, unknown keys refused, comments and trailing commas allowed.</summary>
    public static readonly JsonSerializerOptions ConfigurationJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<CameraDefinition> Embedded = new(() => From(DefaultDocument()));

    /// <summary>A fresh copy of the embedded <c>default-camera.json</c> document (for a caller that changes a part of it).</summary>
    public static CameraDefinitionDocument DefaultDocument()
    {
        using var stream = typeof(CameraDefinition).Assembly.GetManifestResourceStream("Camlab.Device.default-camera.json")
            ?? throw new InvalidOperationException("the embedded default-camera.json is missing");
        return JsonSerializer.Deserialize<CameraDefinitionDocument>(stream, ConfigurationJson)
            ?? throw new InvalidOperationException("default-camera.json is empty");
    }

    /// <summary>Checks every rule; <see cref="ArgumentException"/> names the first broken one.</summary>
    public CameraDefinition(IReadOnlyList<VideoSourceDefinition> videoSources, IReadOnlyList<VideoEncoderConfiguration> encoderConfigurations,
        IReadOnlyList<MediaProfileDefinition> profiles, IReadOnlyList<MetadataConfiguration>? metadataConfigurations = null,
        IReadOnlyList<RelayLoad>? relayLoads = null)
    {
        VideoSources = videoSources.ToArray();
        EncoderConfigurations = encoderConfigurations.ToArray();
        Profiles = profiles.ToArray();
        MetadataConfigurations = (metadataConfigurations ?? []).ToArray();
        RelayLoads = (relayLoads ?? []).ToArray();
        Validate();
    }

    /// <summary>What the camera's relay outputs switch that the picture shows (DeviceIO relays with a load).</summary>
    public IReadOnlyList<RelayLoad> RelayLoads { get; }

    /// <summary>The default camera: a PTZ dome (VideoSource 1) and a wide fixed camera with a digital window (source 2).</summary>
    public static CameraDefinition Default => Embedded.Value;

    public IReadOnlyList<VideoSourceDefinition> VideoSources { get; }

    public IReadOnlyList<VideoEncoderConfiguration> EncoderConfigurations { get; }

    public IReadOnlyList<MediaProfileDefinition> Profiles { get; }

    /// <summary>The metadata configurations a profile may carry (tt:MetadataConfiguration), as the camera starts.</summary>
    public IReadOnlyList<MetadataConfiguration> MetadataConfigurations { get; }

    public IEnumerable<VideoSourceConfiguration> SourceConfigurations => VideoSources.Select(s => s.Configuration);

    /// <summary>The video sources that have a PTZ node, in definition order.</summary>
    public IEnumerable<VideoSourceDefinition> PtzSources => VideoSources.Where(s => s.Ptz is not null);

    public VideoSourceDefinition? Source(string token) => VideoSources.FirstOrDefault(s => s.Token == token);

    /// <summary>What renders a source (a token the camera does not have renders as a dome picture).</summary>
    public VideoSourceKind KindOf(string sourceToken) => Source(sourceToken)?.Kind ?? VideoSourceKind.Dome;

    /// <summary>The video source a PTZ configuration's node drives (null: no such configuration).</summary>
    public string? SourceOfPtzConfiguration(string configurationToken) =>
        VideoSources.FirstOrDefault(s => s.Ptz?.ConfigurationToken == configurationToken)?.Token;

    /// <summary>The same layout without PTZ nodes (profiles then carry no PTZ configuration).</summary>
    public CameraDefinition WithoutPtz() => new(VideoSources.Select(s => s with { Ptz = null }).ToArray(), EncoderConfigurations,
        Profiles.Select(p => p with { PtzConfigurationToken = null }).ToArray(),
        MetadataConfigurations.Select(m => m with { PtzStatus = false, PtzPosition = false }).ToArray(), RelayLoads);

    /// <summary>Reads a definition document (the shape of <c>camera.definition</c>); every rule is checked.</summary>
    public static CameraDefinition Parse(string json)
    {
        var document = JsonSerializer.Deserialize<CameraDefinitionDocument>(json, ConfigurationJson) ?? throw new ArgumentException("the camera definition is empty");
        return From(document);
    }

    /// <summary>Builds the definition from its JSON document (as the configuration file holds it).</summary>
    public static CameraDefinition From(CameraDefinitionDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sources = (document.VideoSources ?? throw new ArgumentException("videoSources is required")).Select((s, i) =>
        {
            if (s is null) throw new ArgumentException($"videoSources[{i}] is null");
            var token = Required(s.Token, $"videoSources[{i}].token");
            var configuration = s.Configuration ?? throw new ArgumentException($"videoSources[{i}].configuration is required");
            return new VideoSourceDefinition(token, s.Width, s.Height, s.Framerate, s.Kind, s.Imaging,
                new VideoSourceConfiguration(Required(configuration.Token, $"videoSources[{i}].configuration.token"),
                    configuration.Name ?? configuration.Token!, token, 0, 0, s.Width, s.Height),
                s.Ptz is not { } ptz ? null : new PtzNodeLayout(
                    Required(ptz.Node, $"videoSources[{i}].ptz.node"), ptz.NodeName ?? ptz.Node!,
                    Required(ptz.Configuration, $"videoSources[{i}].ptz.configuration"), ptz.ConfigurationName ?? ptz.Configuration!,
                    ptz.Mechanics($"videoSources[{i}].ptz")));
        }).ToArray();
        var encoders = (document.Encoders ?? throw new ArgumentException("encoders is required")).Select((e, i) =>
            e is null ? throw new ArgumentException($"encoders[{i}] is null")
                : new VideoEncoderConfiguration(Required(e.Token, $"encoders[{i}].token"), e.Name ?? e.Token!, e.Width, e.Height, e.Quality, e.FrameRateLimit, e.BitrateLimit,
                    e.Encoding, e.GovLength, e.H264Profile, e.ConstantBitRate, e.EncodingInterval)).ToArray();
        var profiles = (document.Profiles ?? throw new ArgumentException("profiles is required")).Select((p, i) =>
        {
            if (p is null) throw new ArgumentException($"profiles[{i}] is null");
            var source = sources.FirstOrDefault(s => s.Token == p.VideoSource)
                ?? throw new ArgumentException($"profiles[{i}].videoSource '{p.VideoSource}' is not a video source of the definition");
            if (p.Ptz && source.Ptz is null) throw new ArgumentException($"profiles[{i}].ptz: video source '{source.Token}' has no PTZ node");
            return new MediaProfileDefinition(Required(p.Token, $"profiles[{i}].token"), p.Name ?? p.Token!, source.Configuration.Token,
                Required(p.Encoder, $"profiles[{i}].encoder"), p.Ptz ? source.Ptz!.ConfigurationToken : null, p.Metadata);
        }).ToArray();
        var metadata = (document.Metadata ?? []).Select((m, i) =>
            m is null ? throw new ArgumentException($"metadata[{i}] is null")
                : new MetadataConfiguration(Required(m.Token, $"metadata[{i}].token"), m.Name ?? m.Token!, m.PtzStatus, m.PtzPosition, m.Events,
                    string.IsNullOrWhiteSpace(m.TopicFilter) ? null : m.TopicFilter, Analytics: false,
                    TimeSpan.FromSeconds(m.SessionTimeoutSeconds))).ToArray();
        var relays = (document.Relays ?? []).Select((r, i) =>
            r is null ? throw new ArgumentException($"relays[{i}] is null")
                : new RelayLoad(Required(r.Token, $"relays[{i}].token"), r.Drives, Required(r.VideoSource, $"relays[{i}].videoSource"))).ToArray();
        return new CameraDefinition(sources, encoders, profiles, metadata, relays);
    }

    private static string Required(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{path} is required") : value;

    private void Validate()
    {
        if (VideoSources.Count == 0) throw new ArgumentException("a camera has at least one video source");
        if (Profiles.Count == 0) throw new ArgumentException("a camera has at least one media profile");
        Unique(VideoSources.Select(s => s.Token), "video source token");
        Unique(SourceConfigurations.Select(c => c.Token), "video source configuration token");
        Unique(EncoderConfigurations.Select(e => e.Token), "video encoder configuration token");
        Unique(Profiles.Select(p => p.Token), "media profile token");
        Unique(MetadataConfigurations.Select(m => m.Token), "metadata configuration token");
        foreach (var m in MetadataConfigurations)
        {
            if (m.SessionTimeout < TimeSpan.FromSeconds(1) || m.SessionTimeout > TimeSpan.FromHours(1))
                throw new ArgumentException($"metadata configuration '{m.Token}': sessionTimeoutSeconds is not 1..3600");
            if (m.TopicFilter is { Length: > MetadataConfiguration.MaximumTopicFilterLength })
                throw new ArgumentException($"metadata configuration '{m.Token}': topicFilter is longer than {MetadataConfiguration.MaximumTopicFilterLength} characters");
        }
        Unique(RelayLoads.Select(r => r.RelayToken), "relay token");
        foreach (var r in RelayLoads)
        {
            if (Source(r.VideoSource) is null) throw new ArgumentException($"relay '{r.RelayToken}': video source '{r.VideoSource}' is not a video source of the definition");
            if (!Enum.IsDefined(r.Drives)) throw new ArgumentException($"relay '{r.RelayToken}': drives {r.Drives} is not irLamp");
        }
        foreach (var p in Profiles)
            if (p.MetadataConfigurationToken is { } m && MetadataConfigurations.All(c => c.Token != m))
                throw new ArgumentException($"profile '{p.Token}': no metadata configuration '{m}'");
        Unique(PtzSources.Select(s => s.Ptz!.NodeToken), "PTZ node token");
        Unique(PtzSources.Select(s => s.Ptz!.ConfigurationToken), "PTZ configuration token");
        foreach (var s in VideoSources)
        {
            if (s.Width is < 16 or > 16384 || s.Height is < 16 or > 16384) throw new ArgumentException($"video source '{s.Token}': size {s.Width}x{s.Height} is not 16..16384 on each side");
            if (!(s.Framerate is > 0 and <= 120)) throw new ArgumentException($"video source '{s.Token}': framerate {s.Framerate} is not in (0, 120]");
            if (!Enum.IsDefined(s.Kind)) throw new ArgumentException($"video source '{s.Token}': kind {s.Kind} is not dome or wide");
            if (s.Configuration.SourceToken != s.Token) throw new ArgumentException($"video source configuration '{s.Configuration.Token}' names source '{s.Configuration.SourceToken}', not '{s.Token}'");
            if (s.Ptz?.Mechanics is { } mechanics)
            {
                if (s.Kind != VideoSourceKind.Dome) throw new ArgumentException($"video source '{s.Token}': ptz ranges and speeds belong to a dome's head; a {s.Kind} source's node is a digital window");
                if (mechanics.Errors().FirstOrDefault() is { } error) throw new ArgumentException($"video source '{s.Token}': ptz.{error}");
            }
        }
        foreach (var e in EncoderConfigurations)
        {
            if (e.Width < 16 || e.Height < 16) throw new ArgumentException($"encoder '{e.Token}': size {e.Width}x{e.Height} is smaller than 16x16");
            if (!(e.Quality is >= 1 and <= 100)) throw new ArgumentException($"encoder '{e.Token}': quality {e.Quality} is not 1..100");
            if (e.FrameRateLimit is < 1 or > 120) throw new ArgumentException($"encoder '{e.Token}': frameRateLimit {e.FrameRateLimit} is not 1..120");
            if (e.BitrateLimit < 0) throw new ArgumentException($"encoder '{e.Token}': bitrateLimit {e.BitrateLimit} is negative");
            if (!Enum.IsDefined(e.Encoding)) throw new ArgumentException($"encoder '{e.Token}': encoding {e.Encoding} is not JPEG or H264");
            if (e.GovLength is < 1 or > 1000) throw new ArgumentException($"encoder '{e.Token}': govLength {e.GovLength} is not 1..1000");
            if (!Enum.IsDefined(e.H264Profile)) throw new ArgumentException($"encoder '{e.Token}': h264Profile {e.H264Profile} is not Baseline, Main or High");
            if (e.EncodingInterval is < 1 or > 100) throw new ArgumentException($"encoder '{e.Token}': encodingInterval {e.EncodingInterval} is not 1..100");
        }
        foreach (var p in Profiles)
        {
            var configuration = SourceConfigurations.FirstOrDefault(c => c.Token == p.VideoSourceConfigurationToken)
                ?? throw new ArgumentException($"profile '{p.Token}': no video source configuration '{p.VideoSourceConfigurationToken}'");
            var encoder = EncoderConfigurations.FirstOrDefault(e => e.Token == p.VideoEncoderConfigurationToken)
                ?? throw new ArgumentException($"profile '{p.Token}': no encoder '{p.VideoEncoderConfigurationToken}'");
            if (encoder.Width > configuration.Width || encoder.Height > configuration.Height)
                throw new ArgumentException($"profile '{p.Token}': encoder '{encoder.Token}' ({encoder.Width}x{encoder.Height}) is larger than its source ({configuration.Width}x{configuration.Height})");
            if (p.PtzConfigurationToken is { } ptz && SourceOfPtzConfiguration(ptz) != configuration.SourceToken)
                throw new ArgumentException($"profile '{p.Token}': PTZ configuration '{ptz}' does not drive video source '{configuration.SourceToken}'");
        }
    }

    private static void Unique(IEnumerable<string> tokens, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
            if (!seen.Add(token)) throw new ArgumentException($"{what} '{token}' is defined twice");
    }
}

/// <summary>The JSON shape of a camera definition (<c>default-camera.json</c>, <c>camera.definition</c>).</summary>
public sealed record CameraDefinitionDocument
{
    public List<VideoSourceDocument?>? VideoSources { get; init; }
    public List<EncoderDocument?>? Encoders { get; init; }
    public List<ProfileDocument?>? Profiles { get; init; }
    public List<MetadataDocument?>? Metadata { get; init; }
    public List<RelayDocument?>? Relays { get; init; }

    /// <summary>A relay output's load: <c>{ "token": "RelayOutput_1", "drives": "irLamp", "videoSource": "VideoSource_1" }</c>.</summary>
    public sealed record RelayDocument
    {
        public string? Token { get; init; }
        public RelayLoadKind Drives { get; init; } = RelayLoadKind.IrLamp;
        public string? VideoSource { get; init; }
    }

    /// <summary>A tt:MetadataConfiguration: PTZ status/position and events (all, or the topics of <see cref="TopicFilter"/>).</summary>
    public sealed record MetadataDocument
    {
        public string? Token { get; init; }
        public string? Name { get; init; }
        public bool PtzStatus { get; init; } = true;
        public bool PtzPosition { get; init; } = true;
        public bool Events { get; init; } = true;

        /// <summary>A ConcreteSet topic expression ("tns1:VideoSource/MotionAlarm|tns1:Media"); absent: every event.</summary>
        public string? TopicFilter { get; init; }
        public int SessionTimeoutSeconds { get; init; } = 60;
    }

    public sealed record VideoSourceDocument
    {
        public string? Token { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public float Framerate { get; init; } = 25f;
        public VideoSourceKind Kind { get; init; }
        public bool Imaging { get; init; } = true;
        public ConfigurationDocument? Configuration { get; init; }
        public PtzDocument? Ptz { get; init; }
    }

    public sealed record ConfigurationDocument
    {
        public string? Token { get; init; }
        public string? Name { get; init; }
    }

    public sealed record PtzDocument
    {
        public string? Node { get; init; }
        public string? NodeName { get; init; }
        public string? Configuration { get; init; }
        public string? ConfigurationName { get; init; }

        /// <summary>A dome's pan travel <c>[min, max]</c> in degrees; absent: endless.</summary>
        public double[]? PanRange { get; init; }

        /// <summary>A dome's tilt travel <c>[min, max]</c> in degrees of the mount; absent: −180..20.</summary>
        public double[]? TiltRange { get; init; }

        /// <summary>The focal lengths <c>[min, max]</c> in millimetres the dome's zoom uses; absent: the whole OPF lens.</summary>
        public double[]? ZoomRange { get; init; }

        /// <summary>Top pan/tilt speed in degrees per second; absent: 120.</summary>
        public double? PanTiltMaxSpeed { get; init; }

        /// <summary>Top zoom speed in millimetres per second; absent: a quarter of the focal span.</summary>
        public double? ZoomMaxSpeed { get; init; }

        internal DomeMechanics? Mechanics(string path)
        {
            if (PanRange is null && TiltRange is null && ZoomRange is null && PanTiltMaxSpeed is null && ZoomMaxSpeed is null) return null;
            return new DomeMechanics(Range(PanRange, path + ".panRange"), Range(TiltRange, path + ".tiltRange"), Range(ZoomRange, path + ".zoomRange"),
                PanTiltMaxSpeed, ZoomMaxSpeed);
        }

        private static Ptz.FloatRange? Range(double[]? values, string path) => values switch
        {
            null => null,
            [var min, var max] => new Ptz.FloatRange(min, max),
            _ => throw new ArgumentException($"{path} is [min, max], not {values.Length} numbers"),
        };
    }

    public sealed record EncoderDocument
    {
        public string? Token { get; init; }
        public string? Name { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public float Quality { get; init; } = 80f;
        public int FrameRateLimit { get; init; } = 25;
        public int BitrateLimit { get; init; } = 8000;
        public VideoEncoding Encoding { get; init; } = VideoEncoding.Jpeg;
        public int GovLength { get; init; } = 25;
        public H264Profile H264Profile { get; init; } = H264Profile.Main;
        public bool ConstantBitRate { get; init; }
        public int EncodingInterval { get; init; } = 1;
    }

    public sealed record ProfileDocument
    {
        public string? Token { get; init; }
        public string? Name { get; init; }
        public string? VideoSource { get; init; }
        public string? Encoder { get; init; }

        /// <summary>Whether the profile starts with its source's PTZ configuration.</summary>
        public bool Ptz { get; init; }

        /// <summary>The metadata configuration the profile starts with (a token of <c>metadata</c>; absent: none).</summary>
        public string? Metadata { get; init; }
    }
}

/// <summary>What a relay output switches that the picture shows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelayLoadKind>))]
public enum RelayLoadKind
{
    /// <summary>
    /// The infrared illuminator of a video source: while the relay is active the lamp is on, and a night picture (IR cut
    /// filter out) shows the ground near the camera lit, as the PTZ auxiliary <c>tt:IRLamp|On</c> does.
    /// </summary>
    IrLamp,
}

/// <summary>A relay output (DeviceIO token) and the load it switches on a video source.</summary>
public sealed record RelayLoad(string RelayToken, RelayLoadKind Drives, string VideoSource);
