using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;

namespace Camlab.Server.Streaming;

/// <summary>A stream's output as requested: size, crop of the source, frame rate, and the codec and its quality.</summary>
public sealed record StreamSettings(int Width, int Height, double Fps, int Quality, CropRect? Crop)
{
    /// <summary>The encoder configuration's encoding.</summary>
    public VideoCodec Codec { get; init; }

    /// <summary>The H.264 coding (GOP, profile, rate control) when <see cref="Codec"/> is H.264; its frame rate is replaced by <see cref="Fps"/>.</summary>
    public H264Parameters? H264 { get; init; }

    /// <summary>The render key of these settings on <paramref name="sourceToken"/>: an H.264 encoder runs at the stream's frame rate.</summary>
    public RenderKey KeyOf(string sourceToken) => new(sourceToken, Width, Height, Crop, Codec, Quality,
        Codec == VideoCodec.H264 && H264 is { } h ? h with { FrameRate = Fps } : null);

    public const double MaxFps = 60;

    /// <summary>Slowest rate a viewer may ask for: a frame every ten seconds. Anything slower is no human setting, and
    /// its frame interval (1/fps) would overflow the timers it reaches.</summary>
    public const double MinFps = 0.1;
    public const int MaxDimension = 4096;

    /// <summary>True for a frame rate within <see cref="MinFps"/>..<see cref="MaxFps"/> (false for NaN).</summary>
    public static bool IsFps(double fps) => fps is >= MinFps and <= MaxFps;

    /// <summary>Throws <see cref="StreamRequestException"/> naming the field; a valid setting renders.</summary>
    public void Validate(int sourceWidth, int sourceHeight)
    {
        if (Width is < 16 or > MaxDimension) throw new StreamRequestException("width", $"width {Width} must be within 16..{MaxDimension}");
        if (Height is < 16 or > MaxDimension) throw new StreamRequestException("height", $"height {Height} must be within 16..{MaxDimension}");
        if (!IsFps(Fps)) throw new StreamRequestException("fps", $"fps {Fps.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be within {MinFps}..{MaxFps}");
        if (Quality is < 1 or > 100) throw new StreamRequestException("quality", $"quality {Quality} must be within 1..100");
        if (Codec == VideoCodec.H264)
        {
            if (H264 is not { } h) throw new StreamRequestException("encoding", "an H.264 stream needs its GOV length, profile and rate control");
            if ((h with { FrameRate = Fps }).Check(Width, Height) is { } problem) throw new StreamRequestException(Width % 2 != 0 || Height % 2 != 0 ? "width" : "encoding", problem);
            if (!OpenH264Library.IsAvailable) throw new StreamRequestException("encoding", OpenH264Library.Diagnose()!, unavailable: true);
        }
        if (Crop is { } c)
        {
            if (c.Left < 0 || c.Top < 0 || c.Right > sourceWidth || c.Bottom > sourceHeight || c.Width < 8 || c.Height < 8)
                throw new StreamRequestException("crop",
                    $"crop ({c.Left}, {c.Top})–({c.Right}, {c.Bottom}) must lie within the {sourceWidth}×{sourceHeight} source and be at least 8×8 pixels");
        }
    }
}

/// <summary>A stream request that cannot be served: HTTP 400 (or 404 for <see cref="NotFound"/>) with the field and reason.</summary>
public sealed class StreamRequestException(string field, string message, bool notFound = false, bool unavailable = false) : Exception(message)
{
    public string Field { get; } = field;
    public bool NotFound { get; } = notFound;

    /// <summary>The request is valid but the server cannot serve it now (an encoder library is missing): HTTP 503.</summary>
    public bool Unavailable { get; } = unavailable;
}
