using Camlab.VideoChannel;

namespace Camlab.Server.Streaming;

/// <summary>
/// One rendered and encoded picture as every viewer of a render loop receives it, with the per-source facts the
/// video channel headers carry. Immutable: viewers add only their own Video ID, frame count and flag history.
/// </summary>
public sealed record SharedFrame(
    byte[] Jpeg,
    DateTimeOffset Time,
    long Sequence,
    SizeInfo Size,
    LiveFlags Flags,
    uint MotionAmount,
    string PrivacyMask,
    GeoLocation? Location,
    double AzimuthDeg)
{
    /// <summary>The optics, pose and sensor window the frame was rendered from (null for frames not rendered by a render loop).</summary>
    public FrameView? View { get; init; }
}
