using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Camlab.Device.Ptz.Geo;

/// <summary>A position on the Universal Transverse Mercator grid.</summary>
public readonly record struct UtmCoordinate(int Zone, bool North, double Easting, double Northing);

/// <summary>
/// WGS84 → UTM through ProjNet: the projection PTZ Annex B.3 suggests for its informative pan/tilt formulas
/// (pan from the grid bearing, tilt from the height difference over the grid distance). Camlab aims with the
/// exact ENU geometry of <see cref="Wgs84"/>; this grid is kept as the spec's reference method and to
/// cross-check it (the two differ by the grid convergence and the curvature drop).
/// </summary>
public static class UtmGrid
{
    private static readonly CoordinateTransformationFactory Factory = new();

    /// <summary>The standard zone of a longitude (Norway/Svalbard exceptions are not applied).</summary>
    public static int ZoneOf(double longitude) => Math.Clamp((int)Math.Floor((longitude + 180) / 6) + 1, 1, 60);

    public static UtmCoordinate Project(GeoLocation p, int? zone = null, bool? north = null)
    {
        var z = zone ?? ZoneOf(p.Longitude);
        var n = north ?? p.Latitude >= 0;
        var transform = Factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(z, n));
        var (easting, northing) = transform.MathTransform.Transform(p.Longitude, p.Latitude);
        return new UtmCoordinate(z, n, easting, northing);
    }

    /// <summary>
    /// Annex B.3: bearing from grid north (degrees, clockwise) and elevation angle of the target, with both
    /// points projected into the camera's zone.
    /// </summary>
    public static (double GridBearing, double Elevation) BearingAndElevation(GeoLocation camera, GeoLocation target)
    {
        var c = Project(camera);
        var t = Project(target, c.Zone, c.North);
        double de = t.Easting - c.Easting, dn = t.Northing - c.Northing;
        var bearing = Wgs84.RadToDeg(Math.Atan2(de, dn));
        var elevation = Wgs84.RadToDeg(Math.Atan2(target.Elevation - camera.Elevation, Math.Sqrt(de * de + dn * dn)));
        return (bearing, elevation);
    }

    /// <summary>Grid convergence at a point: the angle from true north to grid north, clockwise, degrees.</summary>
    public static double Convergence(GeoLocation p, int zone)
    {
        var centralMeridian = zone * 6 - 183;
        return Wgs84.RadToDeg(Math.Atan(Math.Tan(Wgs84.DegToRad(p.Longitude - centralMeridian)) * Math.Sin(Wgs84.DegToRad(p.Latitude))));
    }
}
