namespace Camlab.Device.Media;

/// <summary>A picture size an encoder may be configured to (tt:VideoResolution).</summary>
public readonly record struct Resolution(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}

/// <summary>
/// What Camlab's encoders accept, in one place: the options Media GetVideoEncoderConfigurationOptions and Media2
/// advertise and the rules SetVideoEncoderConfiguration checks are both read from here, so a value is offered exactly
/// when it is accepted. The encoder side adjusts <see cref="Default"/> (e.g. the H.264 profiles its library really
/// produces); a camera may be given another offer.
/// </summary>
public sealed record VideoEncoderOffer
{
    /// <summary>The codings offered, in the order the options list them.</summary>
    public IReadOnlyList<VideoEncoding> Encodings { get; init; } = [VideoEncoding.Jpeg, VideoEncoding.H264];

    /// <summary>The H.264 profiles the encoder produces (tt:H264Profile, ProfilesSupported).</summary>
    public IReadOnlyList<H264Profile> H264Profiles { get; init; } = [H264Profile.Baseline, H264Profile.Main, H264Profile.High];

    /// <summary>Standard sizes; a source offers those that fit it, plus the sizes its definition's encoders use.</summary>
    public IReadOnlyList<Resolution> Resolutions { get; init; } =
        [new(3840, 2160), new(2560, 1440), new(1920, 1080), new(1280, 720), new(1024, 576), new(640, 360), new(320, 180)];

    public int QualityMin { get; init; } = 1;
    public int QualityMax { get; init; } = 100;

    /// <summary>GovLength (frames between key frames) for H.264.</summary>
    public int GovLengthMin { get; init; } = 1;
    public int GovLengthMax { get; init; } = 1000;

    /// <summary>EncodingInterval: every n-th frame of the source is encoded.</summary>
    public int EncodingIntervalMin { get; init; } = 1;
    public int EncodingIntervalMax { get; init; } = 100;

    /// <summary>BitrateLimit in kbit/s.</summary>
    public int BitrateMin { get; init; } = 64;
    public int BitrateMax { get; init; } = 40000;

    /// <summary>Whether H.264 may be asked for a constant bit rate (Media2 ConstantBitRateSupported).</summary>
    public bool ConstantBitRateSupported { get; init; } = true;

    /// <summary>Encoder instances each video source guarantees at once (GetGuaranteedNumberOfVideoEncoderInstances).</summary>
    public int GuaranteedInstancesPerSource { get; init; } = 4;

    public static VideoEncoderOffer Default { get; } = new();
}
