namespace Camlab.Rendering.H264;

/// <summary>The H.264 profile a stream is coded in (profile_idc 66, 77, 100).</summary>
public enum H264CodingProfile
{
    /// <summary>Constrained Baseline (profile_idc 66, constraint_set1): CAVLC, no B slices.</summary>
    Baseline,
    /// <summary>Main (profile_idc 77): CABAC entropy coding.</summary>
    Main,
    /// <summary>High (profile_idc 100): CABAC; OpenH264 writes the High SPS but uses no High-only tool (8×8 transform).</summary>
    High,
}

/// <summary>
/// Everything besides size and quality that makes two H.264 bitstreams of the same pictures identical: the frame rate
/// the rate control and GOP are counted in, the GOP length (frames from one IDR to the next), profile, bitrate limit
/// (kbit/s) and constant (CBR) or variable (VBR) bitrate. Part of a stream's render key, so streams that differ in any
/// of them do not share an encoder.
/// </summary>
public readonly record struct H264Parameters(double FrameRate, int GovLength, H264CodingProfile Profile, int BitrateKbps, bool ConstantBitRate)
{
    public const int MaxGovLength = 1000;

    /// <summary>The largest frame Level 5.2 allows (MaxFS 36 864 macroblocks), which is also OpenH264's limit.</summary>
    public const int MaxMacroblocks = 36_864;

    /// <summary>Null when an encoder can be built for a <paramref name="width"/>×<paramref name="height"/> picture; otherwise why not.</summary>
    public string? Check(int width, int height)
    {
        if (width % 2 != 0 || height % 2 != 0) return $"H.264 4:2:0 needs an even width and height, not {width}×{height}";
        if ((long)((width + 15) / 16) * ((height + 15) / 16) > MaxMacroblocks)
            return $"{width}×{height} exceeds H.264 level 5.2's {MaxMacroblocks} macroblocks per frame";
        if (!(FrameRate is >= 0.1 and <= 60)) return $"frame rate {FrameRate} must be within 0.1..60";
        if (GovLength is < 1 or > MaxGovLength) return $"GOV length {GovLength} must be within 1..{MaxGovLength}";
        if (BitrateKbps is < 8 or > 1_000_000) return $"bitrate limit {BitrateKbps} kbit/s must be within 8..1000000";
        if (!Enum.IsDefined(Profile)) return $"unknown H.264 profile {Profile}";
        return null;
    }
}
