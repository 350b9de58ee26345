namespace Camlab.Rendering.Encoding;

/// <summary>The compression a frame's payload is in.</summary>
public enum VideoCodec
{
    /// <summary>Baseline JPEG: every frame is a key frame.</summary>
    Jpeg,
    /// <summary>H.264 (ITU-T H.264) in Annex B byte stream form: key frames (IDR) carry their SPS and PPS.</summary>
    H264,
}
