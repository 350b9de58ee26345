namespace Camlab.Device.Media;

/// <summary>A physical video input (tt:VideoSource).</summary>
public sealed record VideoSource(string Token, int Width, int Height, float Framerate);

/// <summary>tt:VideoSourceConfiguration: which source, and the window (Bounds) of it the profile uses.</summary>
public sealed record VideoSourceConfiguration(string Token, string Name, string SourceToken, int X, int Y, int Width, int Height);

/// <summary>tt:VideoEncoderConfiguration: Camlab encodes JPEG frames (MJPEG and the video channel).</summary>
public sealed record VideoEncoderConfiguration(string Token, string Name, int Width, int Height, float Quality, int FrameRateLimit, int BitrateLimit);

/// <summary>A profile of the camera definition: the camera starts with it, and it cannot be deleted (fixed).</summary>
public sealed record MediaProfileDefinition(string Token, string Name, string VideoSourceConfigurationToken, string VideoEncoderConfigurationToken,
    string? PtzConfigurationToken);

/// <summary>
/// tt:Profile as it is now: the configurations it carries (any may be absent on a profile created empty) and
/// whether it is one of the definition's fixed profiles.
/// </summary>
public sealed record MediaProfile(string Token, string Name, bool Fixed, string? VideoSourceConfigurationToken, string? VideoEncoderConfigurationToken,
    string? PtzConfigurationToken);
