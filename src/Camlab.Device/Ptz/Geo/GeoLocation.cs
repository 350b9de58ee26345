namespace Camlab.Device.Ptz.Geo;

/// <summary>
/// A WGS84 geodetic position as tt:GeoLocation carries it: latitude and longitude in degrees, elevation in
/// metres above the ellipsoid used as the height of both camera and target (Camlab treats the schema's
/// "above sea level" as ellipsoidal height; both ends use the same datum, so the geoid offset cancels out
/// over the short distances a camera can see).
/// </summary>
public readonly record struct GeoLocation(double Latitude, double Longitude, double Elevation)
{
    /// <summary>Why this is not a position on the earth (NaN, latitude beyond ±90°, longitude beyond ±180°), or null.</summary>
    public string? Problem =>
        !double.IsFinite(Latitude) || Latitude is < -90 or > 90 ? $"latitude {Latitude} is outside −90..90" :
        !double.IsFinite(Longitude) || Longitude is < -180 or > 180 ? $"longitude {Longitude} is outside −180..180" :
        !double.IsFinite(Elevation) ? $"elevation {Elevation} is not a number" :
        null;
}

/// <summary>
/// Where a camera is and how its pan/tilt head is mounted (PTZ Annex B.2.2). <see cref="Yaw"/> is the angle from
/// geographic north to the 0° pan direction, clockwise seen from above. <see cref="Pitch"/> raises the 0° pan
/// direction above the horizon; <see cref="Roll"/> lowers the mount's right side (a head on a leaning pole).
/// All in degrees; pitch and roll are zero for a level mount.
/// </summary>
public readonly record struct CameraGeoPose(GeoLocation Location, double Yaw, double Pitch = 0, double Roll = 0);
