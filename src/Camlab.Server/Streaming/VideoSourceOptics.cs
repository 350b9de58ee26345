using Camlab.Device;
using Camlab.Rendering;
using Camlab.Server.Optics;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Streaming;

/// <summary>
/// The default sensors behind the default camera's video sources (sizes as GetVideoSources reports them), from the
/// embedded OPF document (<see cref="CameraOptics.Default"/>): a dome source is the dome at the wide end of its
/// zoom (perspective with mild barrel distortion), a wide source the fixed wide fisheye whose window the digital
/// PTZ node crops. A camera started with <c>--camera</c> uses <see cref="Hosting.SimulatedCamera.Optics"/> instead.
/// </summary>
public static class VideoSourceOptics
{
    public static ICameraProjection Default(string sourceToken) => CameraOptics.Default.Projection(CameraDefinition.Default.KindOf(sourceToken));

    /// <summary>Slightly down, so the ground grid and texture fill the lower half and the horizon labels show.</summary>
    public static ViewPose DefaultPose(VideoSourceKind kind) => kind switch
    {
        VideoSourceKind.Wide => new ViewPose(0, -15),
        _ => new ViewPose(0, -5),
    };
}
