using System.Collections.Concurrent;
using Camlab.Rendering;

namespace Camlab.Server.Streaming;

/// <summary>
/// The camera at rest: each video source's default optics and pose (mount yaw from configuration), neutral
/// imaging, no privacy masks unless set, the configured geolocation. Masks and the connection fault can be
/// changed at run time (tests, and the fault-injection hook) so the headers that report them can be seen to change.
/// </summary>
public sealed class DefaultCameraViewState(GeoLocation? location = null, double yawDeg = 0) : ICameraViewState
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<PrivacyMask>> _masks = new();
    private readonly ConcurrentDictionary<string, bool> _lost = new();

    public ICameraProjection CurrentOptics(string sourceToken) => VideoSourceOptics.Default(sourceToken);

    public ViewPose CurrentPose(string sourceToken) => VideoSourceOptics.DefaultPose(sourceToken) with { Mount = new MountOrientation(yawDeg, 0, 0) };

    public CropWindow? CurrentWindow(string sourceToken) => null;

    public ImagingParameters CurrentImaging(string sourceToken) => ImagingParameters.Neutral;

    public IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken) => _masks.GetValueOrDefault(sourceToken) ?? [];

    public GeoLocation? Location(string sourceToken) => location;

    public bool ConnectionLost(string sourceToken) => _lost.GetValueOrDefault(sourceToken);

    public void SetPrivacyMasks(string sourceToken, IReadOnlyList<PrivacyMask> masks) => _masks[sourceToken] = masks.ToArray();

    public void SetConnectionLost(string sourceToken, bool lost) => _lost[sourceToken] = lost;
}
