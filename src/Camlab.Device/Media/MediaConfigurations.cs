namespace Camlab.Device.Media;

/// <summary>A physical video input (tt:VideoSource).</summary>
public sealed record VideoSource(string Token, int Width, int Height, float Framerate);

/// <summary>tt:VideoSourceConfiguration: which source, and the window (Bounds) of it the profile uses.</summary>
public sealed record VideoSourceConfiguration(string Token, string Name, string SourceToken, int X, int Y, int Width, int Height);

/// <summary>
/// tt:VideoEncoderConfiguration (Media 5.x) and tr2:VideoEncoder2Configuration: the coding of a profile's stream.
/// <see cref="GovLength"/>, <see cref="H264Profile"/> and <see cref="ConstantBitRate"/> apply to H.264 only;
/// <see cref="BitrateLimit"/> is in kbit/s; <see cref="EncodingInterval"/> keeps every n-th frame (1: all).
/// </summary>
public sealed record VideoEncoderConfiguration(string Token, string Name, int Width, int Height, float Quality, int FrameRateLimit, int BitrateLimit,
    VideoEncoding Encoding = VideoEncoding.Jpeg, int GovLength = 25, H264Profile H264Profile = H264Profile.Main, bool ConstantBitRate = false,
    int EncodingInterval = 1);

/// <summary>The codings Camlab's encoders produce (tt:VideoEncoding, tt:VideoEncodingMimeNames).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<VideoEncoding>))]
public enum VideoEncoding
{
    Jpeg,
    H264,
}

/// <summary>tt:H264Profile values the encoder offers.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<H264Profile>))]
public enum H264Profile
{
    Baseline,
    Main,
    High,
}

/// <summary>A profile of the camera definition: the camera starts with it, and it cannot be deleted (fixed).</summary>
public sealed record MediaProfileDefinition(string Token, string Name, string VideoSourceConfigurationToken, string VideoEncoderConfigurationToken,
    string? PtzConfigurationToken, string? MetadataConfigurationToken = null);

/// <summary>
/// tt:Profile as it is now: the configurations it carries (any may be absent on a profile created empty) and
/// whether it is one of the definition's fixed profiles.
/// </summary>
public sealed record MediaProfile(string Token, string Name, bool Fixed, string? VideoSourceConfigurationToken, string? VideoEncoderConfigurationToken,
    string? PtzConfigurationToken, string? MetadataConfigurationToken = null);
