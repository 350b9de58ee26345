using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;

namespace Camlab.Server.Hosting;

/// <summary>
/// Everything <c>camlab serve</c> can be told, with its defaults. The JSON configuration file uses the same
/// names (camelCase); command-line options override it. docs/configuration.md lists every key.
/// </summary>
public sealed record ServerOptions
{
    public string Http { get; init; } = "127.0.0.1:8080";
    public string Data { get; init; } = "./camlab-data";
    public int Cameras { get; init; } = 1;

    /// <summary>
    /// The most cameras one host runs: 1,000 idle cameras start and hold within issue 19's budget (docs/performance.md,
    /// "Idle cameras"), and with <c>--port-per-camera</c> the RTSP ports (the HTTP base + 1000 unless told) of 1,000
    /// cameras still do not meet their HTTP ports. A larger site is several hosts (docs/deploy.md).
    /// </summary>
    public const int MaxCameras = 1000;

    /// <summary>The older name of <see cref="Faults"/>: both lists apply, this one first.</summary>
    public List<string> ForcedConditions { get; init; } = new();

    /// <summary>
    /// Faults every camera starts with, e.g. <c>VideoSource_1/ImageTooDark=true</c> or
    /// <c>PTZNode_1/MotorStall=on;axis=pan;after=30s;for=10s</c> (docs/faults.md).
    /// </summary>
    public List<string> Faults { get; init; } = new();

    /// <summary>Faults from <c>--fault</c>/<c>--force</c> (not a configuration key): they apply after the file's.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<string> CommandLineFaults { get; init; } = new();

    /// <summary>Every start-up fault instruction with where it was given: a JSON path of the file, or the CLI option.</summary>
    public IReadOnlyList<(string Path, string Text)> FaultInstructions() =>
    [
        .. ForcedConditions.Select((t, i) => ($"$.forcedConditions[{i}]", t)),
        .. Faults.Select((t, i) => ($"$.faults[{i}]", t)),
        .. CommandLineFaults.Select(t => ($"--fault '{t}'", t)),
    ];
    public AuthOptions Auth { get; init; } = new();
    public List<UserOption> Users { get; init; } = new();
    public DiscoveryOptions Discovery { get; init; } = new();
    public SoapOptions Soap { get; init; } = new();
    public EventOptions Events { get; init; } = new();
    public DeviceOptions Device { get; init; } = new();
    public CameraOptions Camera { get; init; } = new();

    /// <summary>Continuous recording per media profile (docs/recording.md); <c>--no-recording</c> turns it off.</summary>
    public Recording.RecordingOptions Recording { get; init; } = new();

    /// <summary>
    /// Privacy masks of every camera by video source token (docs/configuration.md, "Privacy masks"): polygons in
    /// pan/tilt degrees. They seed the cameras; a list set over the HTTP API is persisted and wins over them.
    /// </summary>
    public Dictionary<string, List<Privacy.PrivacyMaskOption?>?> PrivacyMasks { get; init; } = new();

    /// <summary>The RTSP server (docs/streaming.md, "RTSP"); <c>--rtsp HOST:PORT</c> sets <see cref="RtspOptions.Listen"/>.</summary>
    public RtspOptions Rtsp { get; init; } = new();

    /// <summary>The host's clock: the system's, or a manual one the tester moves (docs/clock.md); <c>--clock</c>, <c>--clock-start</c>.</summary>
    public HostClock.ClockOptions Clock { get; init; } = new();

    /// <summary>
    /// Drives every random choice of the host (tour order, sensor noise, RTP SSRC and sequence numbers, subscription
    /// ids, device UUIDs, fault jitter) through <see cref="Random"/>; null (the default) is unpredictable (docs/clock.md).
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>The host's random generators, seeded by <see cref="Seed"/>: ask it <c>For("purpose")</c>.</summary>
    public HostClock.SeededRandom Random() => Seed is { } seed ? new HostClock.SeededRandom(seed) : HostClock.SeededRandom.Unseeded;

    /// <summary>
    /// The cameras of a site file (<c>--site</c>, docs/site.md), each with its own layout, optics, place, scene, users,
    /// presets, tours and faults; null: <see cref="Cameras"/> cameras made from <see cref="Camera"/>. Not a key of the
    /// configuration file: the site file is its own document.
    /// </summary>
    [JsonIgnore]
    public Site.SiteDocument? Site { get; init; }

    /// <summary>These options with the host settings of <paramref name="site"/> (its <c>clock</c> and <c>seed</c>) in place of the configuration's.</summary>
    public ServerOptions WithSiteHost(Site.SiteDocument site) => this with
    {
        Clock = site.Clock ?? Clock,
        Seed = site.Seed ?? Seed,
    };

    /// <summary>Listeners of each camera's own, every path at the root (docs/site.md); off by default.</summary>
    public OwnListenerOptions OwnListeners { get; init; } = new();

    /// <summary><c>/metrics</c> (docs/deploy.md, "Metrics"); <c>--metrics-anonymous</c> sets <see cref="MetricsOptions.Anonymous"/>.</summary>
    public MetricsOptions Metrics { get; init; } = new();

    /// <summary>An equirectangular JPEG (twice as wide as tall) to render instead of the generated default scene.</summary>
    public string? Scene { get; init; }

    // The camera definition is part of this file: one JSON dialect for both.
    private static readonly JsonSerializerOptions Json = CameraDefinition.ConfigurationJson;

    /// <summary>Reads a configuration file; a bad file is an error naming the JSON path, never a silent default.</summary>
    public static ServerOptions Load(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (Camlab.Opf.Json.Utf8Validation.FirstInvalidByte(bytes) is var bad and >= 0)
                throw new ConfigurationException($"{path}: not UTF-8: {Camlab.Opf.Json.Utf8Validation.Describe(bytes, bad)}");
            return JsonSerializer.Deserialize<ServerOptions>(bytes, Json) ?? new ServerOptions();
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path}: {e.Message}");
        }
    }

    public IPEndPoint ParseHttp() => ParseEndPoint("--http", Http);

    /// <summary>
    /// Where RTSP listens: <see cref="RtspOptions.Listen"/>, else the HTTP host on port 8554 — or on a free port when
    /// HTTP asks for one (port 0), so servers started side by side (tests, several instances) do not collide.
    /// </summary>
    public IPEndPoint ParseRtsp()
    {
        if (Rtsp.Listen is { } listen) return ParseEndPoint("--rtsp", listen);
        var http = ParseHttp();
        return new IPEndPoint(http.Address, http.Port == 0 ? 0 : RtspOptions.DefaultPort);
    }

    private static IPEndPoint ParseEndPoint(string option, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw new ConfigurationException($"{option} '{text}' is not HOST:PORT (port 0..65535)");
        var host = text[..colon].Trim('[', ']');
        if (host == "localhost") return new IPEndPoint(IPAddress.Loopback, port);
        if (!IPAddress.TryParse(host, out var address))
            throw new ConfigurationException($"{option} host '{host}' is not an IP address (or localhost)");
        return new IPEndPoint(address, port);
    }

    public void Validate()
    {
        if (Cameras is < 1 or > MaxCameras) throw new ConfigurationException($"cameras must be between 1 and {MaxCameras}, not {Cameras}");
        if (Site is not null && Site.Cameras.Count != Cameras)
            throw new ConfigurationException($"the site file has {Site.Cameras.Count} cameras; --cameras {Cameras} says otherwise (leave --cameras out with --site)");
        if (Auth.CreatedSkewSeconds is < 1 or > 86_400) throw new ConfigurationException("auth.createdSkewSeconds must be within 1..86400");
        if (Auth.DigestNonceLifetimeSeconds is < 1 or > 86_400) throw new ConfigurationException("auth.digestNonceLifetimeSeconds must be within 1..86400");
        try { Auth.ToHttpAuthOptions().Validate(); }
        catch (ArgumentException e) { throw new ConfigurationException(e.Message); }
        if (Soap.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024) throw new ConfigurationException("soap.maxBodyBytes must be within 1024..67108864");
        if (Soap.MaxDepth is < 8 or > 256) throw new ConfigurationException("soap.maxDepth must be within 8..256");
        foreach (var user in Users) user.ToAccount();
        var faultErrors = new List<string>();
        foreach (var (path, text) in FaultInstructions())
        {
            try { Camlab.Server.Faults.CameraFaults.CheckSyntax(text ?? throw new Imaging.FaultInstructionException("an instruction is a string, not null", null)); }
            catch (Imaging.FaultInstructionException e) { faultErrors.Add($"{path}: {e.Message}"); }
        }
        if (faultErrors.Count > 0) throw new ConfigurationException("faults: " + string.Join("; ", faultErrors));
        ParsePrivacyMasks();
        Clock.Validate();
        Camera.Validate();
        Recording.Validate();
        Rtsp.Validate();
        ParseHttp();
        ParseRtsp();
        OwnListeners.Validate(Cameras, ParseHttp());
    }

    /// <summary>The configured masks, checked; every mistake is reported at once, each with its JSON path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Privacy.PrivacyMaskDefinition>> ParsePrivacyMasks()
    {
        var errors = new List<string>();
        var masks = new Dictionary<string, IReadOnlyList<Privacy.PrivacyMaskDefinition>>(StringComparer.Ordinal);
        foreach (var (token, list) in PrivacyMasks)
        {
            var path = "$.privacyMasks" + (token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? "." + token : $"['{token}']");
            if (Privacy.PrivacyMaskDefinition.Parse(list, path, errors) is { } parsed) masks[token] = parsed;
        }
        if (errors.Count > 0) throw new ConfigurationException("privacyMasks: " + string.Join("; ", errors));
        return masks;
    }

    public SecurityOptions ToSecurityOptions() => new()
    {
        AuthenticationRequired = Auth.Enabled,
        CreatedSkew = TimeSpan.FromSeconds(Auth.CreatedSkewSeconds),
        DigestNonceLifetime = TimeSpan.FromSeconds(Auth.DigestNonceLifetimeSeconds),
        Realm = Auth.Realm,
        Http = Auth.ToHttpAuthOptions(),
    };

    public SoapLimits ToSoapLimits() => new() { MaxBodyBytes = Soap.MaxBodyBytes, MaxDepth = Soap.MaxDepth };
}

public sealed record AuthOptions
{
    /// <summary>False is <c>--no-auth</c>: every caller is an Administrator. Never the default.</summary>
    public bool Enabled { get; init; } = true;
    public int CreatedSkewSeconds { get; init; } = 300;
    public int DigestNonceLifetimeSeconds { get; init; } = 300;
    public string Realm { get; init; } = "Camlab";

    /// <summary>HTTP schemes offered, preferred first: Digest-SHA-256, Digest-MD5, Basic.</summary>
    public List<string> HttpSchemes { get; init; } = [.. new HttpAuthOptions().Schemes];

    /// <summary>Offer Basic to non-loopback clients too (it sends the password in clear).</summary>
    public bool BasicOverNetwork { get; init; }

    public int MaxFailuresPerAddress { get; init; } = new HttpAuthOptions().MaxFailuresPerAddress;
    public int MaxFailuresPerUser { get; init; } = new HttpAuthOptions().MaxFailuresPerUser;
    public int FailureWindowSeconds { get; init; } = 60;
    public int LockoutSeconds { get; init; } = 60;

    public HttpAuthOptions ToHttpAuthOptions() => new()
    {
        Schemes = HttpSchemes,
        BasicOverNetwork = BasicOverNetwork,
        MaxFailuresPerAddress = MaxFailuresPerAddress,
        MaxFailuresPerUser = MaxFailuresPerUser,
        FailureWindow = TimeSpan.FromSeconds(Math.Clamp(FailureWindowSeconds, 0, 86_400 * 2)),
        Lockout = TimeSpan.FromSeconds(Math.Clamp(LockoutSeconds, 0, 86_400 * 2)),
    };
}

public sealed record UserOption
{
    public string Name { get; init; } = "";
    public string Password { get; init; } = "";
    public string Level { get; init; } = "Administrator";

    public UserAccount ToAccount()
    {
        if (Name.Length == 0 || Name.Contains(':')) throw new ConfigurationException($"user name '{Name}' is empty or contains ':'");
        if (Password.Length == 0) throw new ConfigurationException($"user '{Name}' has an empty password");
        if (!Enum.TryParse<UserLevel>(Level, ignoreCase: true, out var level) || level == UserLevel.Anonymous)
            throw new ConfigurationException($"user '{Name}': level '{Level}' is not Administrator, Operator or User");
        return new UserAccount(Name, Password, level);
    }

    /// <summary><c>NAME:PASSWORD[:LEVEL]</c> from <c>--user</c>.</summary>
    public static UserOption Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) throw new ConfigurationException($"--user '{text}' is not NAME:PASSWORD[:LEVEL]");
        return new UserOption { Name = parts[0], Password = parts[1], Level = parts.Length == 3 ? parts[2] : "Administrator" };
    }
}

/// <summary>How <c>/metrics</c> is served.</summary>
public sealed record MetricsOptions
{
    /// <summary>
    /// True serves <c>/metrics</c> without authentication, for a scraper that cannot answer Digest on a network that is
    /// already closed to others (a pod network with a NetworkPolicy). By default it needs a camera user, like every
    /// other HTTP endpoint.
    /// </summary>
    public bool Anonymous { get; init; }
}

public sealed record RtspOptions
{
    public const int DefaultPort = 8554;

    /// <summary>HOST:PORT (<c>--rtsp</c>); null: the HTTP host on 8554 (a free port when HTTP's is 0).</summary>
    public string? Listen { get; init; }

    /// <summary>The even UDP port of the RTP/RTCP pair; 0 picks a free pair.</summary>
    public int RtpPort { get; init; }

    /// <summary>Session header <c>timeout</c>: a session without RTSP, RTCP or TCP traffic this long is torn down.</summary>
    public int SessionTimeoutSeconds { get; init; } = 60;

    /// <summary>RTSP sessions per camera; past it SETUP answers 453 Not Enough Bandwidth.</summary>
    public int MaxSessionsPerCamera { get; init; } = 32;

    /// <summary>Largest RTP packet in bytes (RTP header included).</summary>
    public int Mtu { get; init; } = 1400;

    public void Validate()
    {
        if (SessionTimeoutSeconds is < 1 or > 3600) throw new ConfigurationException($"rtsp.sessionTimeoutSeconds {SessionTimeoutSeconds} must be within 1..3600");
        if (MaxSessionsPerCamera is < 1 or > 1000) throw new ConfigurationException($"rtsp.maxSessionsPerCamera {MaxSessionsPerCamera} must be within 1..1000");
        if (Mtu is < 576 or > 65000) throw new ConfigurationException($"rtsp.mtu {Mtu} must be within 576..65000");
        if (RtpPort != 0 && (RtpPort % 2 != 0 || RtpPort is < 1024 or > 65534)) throw new ConfigurationException($"rtsp.rtpPort {RtpPort} must be 0 or an even port within 1024..65534");
    }
}

public sealed record DiscoveryOptions
{
    public bool Enabled { get; init; }
    public int Port { get; init; } = 3702;
}

public sealed record SoapOptions
{
    public int MaxBodyBytes { get; init; } = SoapLimits.Default.MaxBodyBytes;
    public int MaxDepth { get; init; } = SoapLimits.Default.MaxDepth;
}

public sealed record EventOptions
{
    public int MaxPullPoints { get; init; } = 32;
    public int MaxTimeoutSeconds { get; init; } = 600;
    public int MaxMessageLimit { get; init; } = 1000;
    public int DefaultTerminationSeconds { get; init; } = 600;
}

public sealed record DeviceOptions
{
    public string Manufacturer { get; init; } = "Camlab";
    public string Model { get; init; } = "Camlab Virtual PTZ";
    public string FirmwareVersion { get; init; } = "1.0.0";
    public string HardwareId { get; init; } = "CLV-PTZ-1";
    public string Location { get; init; } = "anywhere";
}

/// <summary>
/// Every simulated camera's optics and place: an OPF input-cameras document (<see cref="Opf"/>, else the embedded
/// default) gives the sensors and, from its capture, a geolocation and mount orientation; <see cref="Geolocation"/>
/// and <see cref="Yaw"/> here win over the capture (docs/optics.md).
/// </summary>
public sealed record CameraOptions
{
    /// <summary>Path of an OPF input-cameras document (<c>--camera</c>); null uses the embedded default camera.</summary>
    public string? Opf { get; init; }

    /// <summary>WGS 84 position carried in the video channel's 0x20 location header; null sends none.</summary>
    public GeolocationOption? Geolocation { get; init; }

    /// <summary>Compass bearing of the pan-zero direction, degrees clockwise from north (with <see cref="Geolocation"/>, or when set).</summary>
    public double Yaw { get; init; }

    /// <summary>
    /// The layout of every simulated camera (video sources, their PTZ nodes and imaging, encoders, profiles); null
    /// uses <see cref="CameraDefinition.Default"/>. docs/configuration.md, "Camera definition".
    /// </summary>
    public CameraDefinitionDocument? Definition { get; init; }

    /// <summary>The camera definition, every rule checked; a broken one is a <see cref="ConfigurationException"/>.</summary>
    public CameraDefinition ToDefinition()
    {
        if (Definition is null) return CameraDefinition.Default;
        try { return CameraDefinition.From(Definition); }
        catch (ArgumentException e) { throw new ConfigurationException("camera.definition: " + e.Message); }
    }

    public void Validate()
    {
        ToDefinition();
        if (!double.IsFinite(Yaw) || Yaw < -360 || Yaw > 360) throw new ConfigurationException($"camera.yaw {Yaw} must be within -360..360 degrees");
        if (Geolocation is { } g)
        {
            if (!(g.Latitude >= -90 && g.Latitude <= 90)) throw new ConfigurationException($"camera.geolocation.latitude {g.Latitude} must be within -90..90");
            if (!(g.Longitude >= -180 && g.Longitude <= 180)) throw new ConfigurationException($"camera.geolocation.longitude {g.Longitude} must be within -180..180");
            if (!double.IsFinite(g.Altitude) || Math.Abs(g.Altitude) > 20_000_000) throw new ConfigurationException($"camera.geolocation.altitude {g.Altitude} must be a finite height in metres");
        }
    }
}

public sealed record GeolocationOption
{
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    /// <summary>Metres above mean sea level.</summary>
    public double Altitude { get; init; }
}

/// <summary>A configuration or command-line mistake; the message says which setting and why.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
