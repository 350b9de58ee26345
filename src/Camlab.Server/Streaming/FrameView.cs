using Camlab.Rendering;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Streaming;

/// <summary>
/// What a frame was rendered from: the source's optics at that moment's zoom, the pose and the window of the sensor
/// image in sensor pixels (the digital node's and the stream's crop). The photogrammetry export describes exactly this.
/// </summary>
public sealed record FrameView(string SourceToken, ICameraProjection Optics, ViewPose Pose, CropWindow Window);
