using System.Collections.Concurrent;
using Camlab.Rendering;
using Camlab.Server.Optics;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Streaming;

/// <summary>
/// The camera at rest: each video source's OPF optics at its widest and default pose (mount from the placement), neutral
/// imaging, no privacy masks unless set, the configured geolocation. Masks and the connection fault can be
/// changed at run time (tests, and the fault-injection hook) so the headers that report them can be seen to change.
/// </summary>
public sealed class DefaultCameraViewState(GeoLocation? location, MountOrientation mount, CameraOptics optics, Device.CameraDefinition definition)
    : ICameraViewState, IPrivacyMaskTarget
{
    public DefaultCameraViewState(GeoLocation? location = null, double yawDeg = 0)
        : this(location, new MountOrientation(yawDeg, 0, 0), CameraOptics.Default, Device.CameraDefinition.Default)
    {
    }

    private readonly ConcurrentDictionary<string, IReadOnlyList<PrivacyMask>> _masks = new();
    private readonly ConcurrentDictionary<string, bool> _lost = new();

    public ICameraProjection CurrentOptics(string sourceToken) => optics.Projection(definition.KindOf(sourceToken));

    public ViewPose CurrentPose(string sourceToken) => VideoSourceOptics.DefaultPose(definition.KindOf(sourceToken)) with { Mount = mount };

    public CropWindow? CurrentWindow(string sourceToken) => null;

    public ImagingParameters CurrentImaging(string sourceToken) => ImagingParameters.Neutral;

    public IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken) => _masks.GetValueOrDefault(sourceToken) ?? [];

    public GeoLocation? Location(string sourceToken) => location;

    public bool ConnectionLost(string sourceToken) => _lost.GetValueOrDefault(sourceToken);

    public void SetPrivacyMasks(string sourceToken, IReadOnlyList<PrivacyMask> masks) => _masks[sourceToken] = masks.ToArray();

    public void SetConnectionLost(string sourceToken, bool lost) => _lost[sourceToken] = lost;
}
