using Camlab.Device.Ptz.Geo;
using Camlab.Rendering;
using Camlab.Server.Optics;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Hosting;

/// <summary>
/// Where a camera stands and how its mount is oriented. The configuration's <c>camera.geolocation</c> (with
/// <c>camera.yaw</c>, level mount) wins; without it the OPF document's capture gives geolocation and yaw, pitch
/// and roll (<see cref="CameraOptics"/>). GeoMove (PTZ Annex B) aims from it; without a geolocation it answers
/// GeoLocationUnknown.
/// </summary>
/// <param name="Yaw">Degrees clockwise from geographic north to the dome's 0° pan direction (Annex B.2.2).</param>
/// <param name="Pitch">Degrees the mount raises its 0° pan direction.</param>
/// <param name="Roll">Degrees the mount lowers its right-hand side.</param>
public sealed record CameraPlacement(GeoLocation? Geolocation, double Yaw, double Pitch = 0, double Roll = 0)
{
    public static readonly CameraPlacement Unknown = new(null, 0);

    /// <summary>From the configuration alone (no OPF capture).</summary>
    public static CameraPlacement From(CameraOptions camera) =>
        new(camera.Geolocation is { } g ? new GeoLocation(g.Latitude, g.Longitude, g.Altitude) : null, camera.Yaw);

    /// <summary>
    /// The configuration when it has a geolocation; otherwise the capture's geolocation and mount orientation,
    /// with a configured non-zero <c>camera.yaw</c> still overriding the capture's yaw.
    /// </summary>
    public static CameraPlacement Resolve(CameraOptions camera, CameraOptics optics)
    {
        if (camera.Geolocation is not null) return From(camera);
        var mount = optics.Mount;
        return new CameraPlacement(optics.Geolocation, camera.Yaw != 0 ? camera.Yaw : mount.YawDeg, mount.PitchDeg, mount.RollDeg);
    }

    /// <summary>The orientation the renderer puts the mount in.</summary>
    public MountOrientation Mount => new(Yaw, Pitch, Roll);

    /// <summary>The pose GeoMove aims from.</summary>
    public CameraGeoPose? GeoPose => Geolocation is { } location ? new CameraGeoPose(location, Yaw, Pitch, Roll) : null;
}
