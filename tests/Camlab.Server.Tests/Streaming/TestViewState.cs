using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Tests.Streaming;

/// <summary>A view state a test steers: pose, imaging, masks, location and the connection fault.</summary>
internal sealed class TestViewState : ICameraViewState
{
    public ViewPose Pose { get; set; } = new(0, -5);
    public ImagingParameters Imaging { get; set; } = ImagingParameters.Neutral;
    public IReadOnlyList<PrivacyMask> Masks { get; set; } = [];
    public GeoLocation? Where { get; set; } = new(55.6761, 12.5683, 14.5);
    public bool Lost { get; set; }
    /// <summary>The OSD text drawn at a camera time (a clock OSD, say); none when null.</summary>
    public Func<DateTimeOffset, IReadOnlyList<Camlab.Rendering.Overlay.TextOverlay>>? Osd { get; set; }

    public ICameraProjection CurrentOptics(string sourceToken) => VideoSourceOptics.Default(sourceToken);
    public ViewPose CurrentPose(string sourceToken) => Pose;
    public CropWindow? CurrentWindow(string sourceToken) => null;
    public ImagingParameters CurrentImaging(string sourceToken) => Imaging;
    public IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken) => Masks;
    public GeoLocation? Location(string sourceToken) => Where;
    public bool ConnectionLost(string sourceToken) => Lost;
    public IReadOnlyList<Camlab.Rendering.Overlay.TextOverlay> Overlays(string sourceToken, DateTimeOffset cameraTime) => Osd?.Invoke(cameraTime) ?? [];
}
