using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Hosting;

/// <summary>
/// Where a camera stands and where its pan zero points, from the configuration's <c>camera.geolocation</c> and
/// <c>camera.yaw</c> keys. GeoMove (PTZ Annex B) aims from it; without a geolocation it answers GeoLocationUnknown.
/// </summary>
/// <param name="Yaw">Degrees clockwise from geographic north to the dome's 0° pan direction (Annex B.2.2).</param>
public sealed record CameraPlacement(GeoLocation? Geolocation, double Yaw)
{
    public static readonly CameraPlacement Unknown = new(null, 0);

    public static CameraPlacement From(CameraOptions camera) =>
        new(camera.Geolocation is { } g ? new GeoLocation(g.Latitude, g.Longitude, g.Altitude) : null, camera.Yaw);

    /// <summary>The pose GeoMove aims from; the dome is mounted level (no pitch, no roll).</summary>
    public CameraGeoPose? GeoPose => Geolocation is { } location ? new CameraGeoPose(location, Yaw) : null;
}
