using Camlab.Rendering;

namespace Camlab.Server.Streaming;

/// <summary>
/// The default sensors behind the media layout's video sources (sizes as GetVideoSources reports them):
/// VideoSource_1 is the dome at its widest zoom (60° horizontal), VideoSource_2 the fixed wide camera (100°)
/// whose window the digital PTZ node crops. The OPF camera model replaces these when the integrator wires it.
/// </summary>
public static class VideoSourceOptics
{
    private static readonly PerspectiveProjection Dome = PerspectiveProjection.FromHorizontalFov(1920, 1080, 60);
    private static readonly PerspectiveProjection Wide = PerspectiveProjection.FromHorizontalFov(3840, 2160, 100);

    public static ICameraProjection Default(string sourceToken) => sourceToken switch
    {
        "VideoSource_2" => Wide,
        _ => Dome,
    };

    /// <summary>Slightly down, so the ground grid and texture fill the lower half and the horizon labels show.</summary>
    public static ViewPose DefaultPose(string sourceToken) => sourceToken switch
    {
        "VideoSource_2" => new ViewPose(0, -15),
        _ => new ViewPose(0, -5),
    };
}
