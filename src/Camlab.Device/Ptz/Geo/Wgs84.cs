namespace Camlab.Device.Ptz.Geo;

/// <summary>
/// Exact closed-form WGS84 conversions: geodetic → earth-centred earth-fixed (ECEF) → local east-north-up (ENU)
/// at an observer. No flat-earth approximation: a distant target drops below the observer's horizon by the
/// curvature of the ellipsoid (about d²/2R, 7.8 m at 10 km).
/// </summary>
public static class Wgs84
{
    /// <summary>Semi-major axis, metres (NIMA TR8350.2).</summary>
    public const double A = 6378137.0;

    /// <summary>Flattening.</summary>
    public const double F = 1 / 298.257223563;

    /// <summary>First eccentricity squared, e² = f(2 − f).</summary>
    public const double E2 = F * (2 - F);

    public static (double X, double Y, double Z) ToEcef(GeoLocation p)
    {
        var lat = DegToRad(p.Latitude);
        var lon = DegToRad(p.Longitude);
        var sinLat = Math.Sin(lat);
        var n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);   // prime vertical radius of curvature
        var r = (n + p.Elevation) * Math.Cos(lat);
        return (r * Math.Cos(lon), r * Math.Sin(lon), (n * (1 - E2) + p.Elevation) * sinLat);
    }

    /// <summary>The target as seen from the observer: metres east, north and up along the observer's ellipsoid normal.</summary>
    public static (double East, double North, double Up) ToEnu(GeoLocation observer, GeoLocation target)
    {
        var (x0, y0, z0) = ToEcef(observer);
        var (x1, y1, z1) = ToEcef(target);
        double dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
        var lat = DegToRad(observer.Latitude);
        var lon = DegToRad(observer.Longitude);
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat), sinLon = Math.Sin(lon), cosLon = Math.Cos(lon);
        return (
            -sinLon * dx + cosLon * dy,
            -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz,
            cosLat * cosLon * dx + cosLat * sinLon * dy + sinLat * dz);
    }

    /// <summary>ECEF → geodetic, by fixed-point iteration on latitude (converges to below 1e-12 rad in a few steps).</summary>
    public static GeoLocation FromEcef(double x, double y, double z)
    {
        var lon = Math.Atan2(y, x);
        var p = Math.Sqrt(x * x + y * y);
        var lat = Math.Atan2(z, p * (1 - E2));
        double n = A, h = 0;
        for (var i = 0; i < 20; i++)
        {
            var sinLat = Math.Sin(lat);
            n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);
            h = Math.Abs(lat) < Math.PI / 4 ? p / Math.Cos(lat) - n : z / sinLat - n * (1 - E2);
            var next = Math.Atan2(z, p * (1 - E2 * n / (n + h)));
            if (Math.Abs(next - lat) < 1e-14) { lat = next; break; }
            lat = next;
        }
        return new GeoLocation(RadToDeg(lat), RadToDeg(lon), h);
    }

    /// <summary>The geodetic position at an offset east, north and up from the observer (inverse of <see cref="ToEnu"/>).</summary>
    public static GeoLocation FromEnu(GeoLocation observer, double east, double north, double up)
    {
        var (x0, y0, z0) = ToEcef(observer);
        var lat = DegToRad(observer.Latitude);
        var lon = DegToRad(observer.Longitude);
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat), sinLon = Math.Sin(lon), cosLon = Math.Cos(lon);
        var dx = -sinLon * east - sinLat * cosLon * north + cosLat * cosLon * up;
        var dy = cosLon * east - sinLat * sinLon * north + cosLat * sinLon * up;
        var dz = cosLat * north + sinLat * up;
        return FromEcef(x0 + dx, y0 + dy, z0 + dz);
    }

    public static double DegToRad(double degrees) => degrees * Math.PI / 180;

    public static double RadToDeg(double radians) => radians * 180 / Math.PI;
}
