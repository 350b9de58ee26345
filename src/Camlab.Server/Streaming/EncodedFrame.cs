using Camlab.Rendering.Encoding;
using Camlab.VideoChannel;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Streaming;

/// <summary>
/// One rendered and encoded picture as every viewer of a render loop receives it, with the facts of the moment it
/// was rendered that the video channel headers and the recorder carry. Immutable: viewers add only their own Video
/// ID, frame count and flag history.
/// </summary>
/// <param name="Payload">The codec's bytes (a JPEG file, an H.264 access unit).</param>
/// <param name="IsKeyFrame">A decoder can start at this frame; every other frame depends on the frames before it back to the last key frame.</param>
/// <param name="CaptureTime">The camera clock when the picture was rendered (it moves with SetSystemDateAndTime).</param>
/// <param name="Size">Source size, the crop of the source and the output size (video channel 0x01).</param>
/// <param name="PrivacyMask">The privacy mask text in force (empty: none).</param>
public sealed record EncodedFrame(
    byte[] Payload,
    VideoCodec Codec,
    bool IsKeyFrame,
    DateTimeOffset CaptureTime,
    long Sequence,
    SizeInfo Size,
    LiveFlags Flags,
    uint MotionAmount,
    string PrivacyMask,
    GeoLocation? Location,
    FramePose Pose)
{
    /// <summary>The optics, pose and sensor window the frame was rendered from (null for frames not rendered by a render loop).</summary>
    public FrameView? View { get; init; }

    /// <summary>
    /// The host clock when the picture was rendered, for pacing: it never jumps when the camera clock is set (backwards
    /// too). <see cref="CaptureTime"/> when not given (recorded frames are paced by the time they were captured).
    /// </summary>
    public DateTimeOffset RenderedAt { get => _renderedAt ?? CaptureTime; init => _renderedAt = value; }

    private readonly DateTimeOffset? _renderedAt;
}

/// <summary>Where the view pointed when a frame was rendered: pan and tilt, the horizontal field of view and the compass bearing of its centre.</summary>
public readonly record struct FramePose(double PanDeg, double TiltDeg, double HorizontalFovDeg, double AzimuthDeg);
