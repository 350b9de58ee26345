using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Streaming;

/// <summary>Where the camera is on Earth (WGS 84 degrees, metres above mean sea level): the 0x20 location header.</summary>
public readonly record struct GeoLocation(double LatitudeDeg, double LongitudeDeg, double AltitudeM);

/// <summary>
/// THE seam between the camera's domains and the picture: everything a render of one video source depends on,
/// read afresh for every frame. The streaming code only reads it; the PTZ domain answers the pose and optics
/// (pan/tilt, zoom → field of view, the digital node's window), the Imaging domain the imaging parameters and
/// privacy masks, fault injection the connection state. <see cref="DefaultCameraViewState"/> answers the
/// camera's defaults; <see cref="View.DomainViewState"/> plugs the domains in (<see cref="Hosting.CameraAssembly"/>).
/// Implementations must be thread-safe and cheap: they are called by every render loop
/// on every frame.
/// </summary>
public interface ICameraViewState
{
    /// <summary>The sensor model of <paramref name="sourceToken"/> at its current zoom (a narrower field of view when zoomed in).</summary>
    ICameraProjection CurrentOptics(string sourceToken);

    /// <summary>Where the head points, with the mount orientation (yaw from configuration).</summary>
    ViewPose CurrentPose(string sourceToken);

    /// <summary>
    /// The window of the sensor image the source delivers (the digital PTZ node of VideoSource_2 crops one);
    /// null is the whole sensor. A stream's own crop is taken inside this window.
    /// </summary>
    CropWindow? CurrentWindow(string sourceToken);

    ImagingParameters CurrentImaging(string sourceToken);

    /// <summary>Polygons in pan/tilt space blacked out in every output.</summary>
    IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken);

    /// <summary>
    /// The text drawn over the source's picture (its OSDs) at <paramref name="cameraTime"/>, the camera's clock at the
    /// frame's instant (dates and times show it). None by default.
    /// </summary>
    IReadOnlyList<Rendering.Overlay.TextOverlay> Overlays(string sourceToken, DateTimeOffset cameraTime) => [];

    /// <summary>Null when the camera's position is unknown (no 0x20 header is sent).</summary>
    GeoLocation? Location(string sourceToken);

    /// <summary>True while the sensor is disconnected (fault injection): frames freeze and carry CameraConnectionLost.</summary>
    bool ConnectionLost(string sourceToken);

    /// <summary>
    /// Everything one frame of <paramref name="sourceToken"/> depends on, as one value: a render loop takes one per
    /// frame. The default reads the members in turn; a view state over moving parts overrides it so pan/tilt, zoom and
    /// the window come from one instant (<see cref="View.DomainViewState"/>).
    /// </summary>
    ViewSnapshot Snapshot(string sourceToken) => new(CurrentOptics(sourceToken), CurrentPose(sourceToken), CurrentWindow(sourceToken),
        CurrentImaging(sourceToken), PrivacyMasks(sourceToken), Location(sourceToken), ConnectionLost(sourceToken));
}

/// <summary>What a frame of one video source shows, taken at one instant (<see cref="ICameraViewState.Snapshot"/>).</summary>
public sealed record ViewSnapshot(ICameraProjection Optics, ViewPose Pose, CropWindow? Window, ImagingParameters Imaging,
    IReadOnlyList<PrivacyMask> PrivacyMasks, GeoLocation? Location, bool ConnectionLost);
