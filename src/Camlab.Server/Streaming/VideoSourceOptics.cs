using Camlab.Rendering;
using Camlab.Server.Optics;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Streaming;

/// <summary>
/// The default sensors behind the media layout's video sources (sizes as GetVideoSources reports them), from the
/// embedded OPF document (<see cref="CameraOptics.Default"/>): VideoSource_1 is the dome at the wide end of its
/// zoom (perspective with mild barrel distortion), VideoSource_2 the fixed wide fisheye whose window the digital
/// PTZ node crops. A camera started with <c>--camera</c> uses <see cref="Hosting.SimulatedCamera.Optics"/> instead.
/// </summary>
public static class VideoSourceOptics
{
    public static ICameraProjection Default(string sourceToken) => CameraOptics.Default.Projection(sourceToken);

    /// <summary>Slightly down, so the ground grid and texture fill the lower half and the horizon labels show.</summary>
    public static ViewPose DefaultPose(string sourceToken) => sourceToken switch
    {
        "VideoSource_2" => new ViewPose(0, -15),
        _ => new ViewPose(0, -5),
    };
}
