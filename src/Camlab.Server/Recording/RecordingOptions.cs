namespace Camlab.Server.Recording;

/// <summary>
/// The configuration key <c>recording</c>: which media profiles the camera records continuously, at what frame
/// rate, signed or not, and how much it keeps (docs/configuration.md). Recording a profile renders it continuously,
/// so the default is one profile at a modest rate.
/// </summary>
public sealed record RecordingOptions
{
    /// <summary>False is <c>--no-recording</c>: nothing is recorded (existing recordings can still be played back).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Media profile tokens recorded continuously (by default the default camera's first profile).</summary>
    public List<string> Profiles { get; init; } = [Device.CameraDefinition.Default.Profiles[0].Token];

    /// <summary>Frames per second recorded (an H.264 profile is encoded for the recorder at this rate, with whole GOPs).</summary>
    public double Fps { get; init; } = 5;

    /// <summary>Sign ranges of frames with the recording's ECDSA P-256 key (docs/recording.md).</summary>
    public bool Signing { get; init; } = true;

    /// <summary>Segments older than this are deleted; null keeps them regardless of age.</summary>
    public double? MaxAgeHours { get; init; } = 24;

    /// <summary>The oldest segments are deleted while one profile's recording exceeds this; null for no limit.</summary>
    public double? MaxGigabytes { get; init; } = 2;

    public const double MaxFps = 30;

    /// <summary>Ten years: a longer retention is no setting anyone makes, and would overflow the clock arithmetic.</summary>
    public const double MaxAgeHoursLimit = 10 * 366 * 24;

    /// <summary>A petabyte per profile.</summary>
    public const double MaxGigabytesLimit = 1024 * 1024;

    /// <summary>Throws <see cref="Hosting.ConfigurationException"/> naming the key.</summary>
    public void Validate()
    {
        if (Fps is not (>= Streaming.StreamSettings.MinFps and <= MaxFps)) throw new Hosting.ConfigurationException($"recording.fps {Fps} must be within {Streaming.StreamSettings.MinFps}..{MaxFps}");
        if (MaxAgeHours is { } age && age is not (> 0 and <= MaxAgeHoursLimit)) throw new Hosting.ConfigurationException($"recording.maxAgeHours {age} must be within (0, {MaxAgeHoursLimit}] (or null)");
        if (MaxGigabytes is { } gb && gb is not (> 0 and <= MaxGigabytesLimit)) throw new Hosting.ConfigurationException($"recording.maxGigabytes {gb} must be within (0, {MaxGigabytesLimit}] (or null)");
        foreach (var profile in Profiles)
            if (!IsSafeToken(profile)) throw new Hosting.ConfigurationException($"recording.profiles: '{profile}' is not a profile token (letters, digits, '_' and '-')");
        if (Profiles.Distinct(StringComparer.Ordinal).Count() != Profiles.Count) throw new Hosting.ConfigurationException("recording.profiles lists a profile twice");
    }

    /// <summary>The recorder options these settings give.</summary>
    public Camlab.Recording.RecorderOptions ToRecorderOptions() => new()
    {
        Signing = Signing,
        MaxAge = MaxAgeHours is { } h ? TimeSpan.FromHours(h) : null,
        MaxBytes = MaxGigabytes is { } g ? (long)(g * 1024 * 1024 * 1024) : null,
    };

    /// <summary>Profile tokens name directories: only these characters, so none can leave the recordings folder.</summary>
    public static bool IsSafeToken(string token) =>
        token.Length is > 0 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
