using System.Numerics;

namespace Camlab.Rendering.Geometry;

/// <summary>
/// A 3×3 rotation (row-major) between frames. World frame: x = East, y = North, z = Up. Camera frame:
/// x right, y down, z forward. At pan = tilt = 0 on a level mount the camera looks north.
/// </summary>
public readonly record struct Rotation3(
    double M00, double M01, double M02, double M10, double M11, double M12, double M20, double M21, double M22)
{
    public static Rotation3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Camera axes at rest: right → East, down → −Up, forward → North.</summary>
    public static Rotation3 CameraToLevelMount => new(1, 0, 0, 0, 0, 1, 0, -1, 0);

    /// <summary>Rotation about +Up that turns North toward East by <paramref name="deg"/> (compass-clockwise).</summary>
    public static Rotation3 Heading(double deg)
    {
        double c = Math.Cos(deg * Math.PI / 180), s = Math.Sin(deg * Math.PI / 180);
        return new(c, s, 0, -s, c, 0, 0, 0, 1);
    }

    /// <summary>Rotation about +East that raises North toward Up.</summary>
    public static Rotation3 Elevation(double deg)
    {
        double c = Math.Cos(deg * Math.PI / 180), s = Math.Sin(deg * Math.PI / 180);
        return new(1, 0, 0, 0, c, -s, 0, s, c);
    }

    /// <summary>Rotation about +North that lowers East toward −Up.</summary>
    public static Rotation3 Bank(double deg)
    {
        double c = Math.Cos(deg * Math.PI / 180), s = Math.Sin(deg * Math.PI / 180);
        return new(c, 0, s, 0, 1, 0, -s, 0, c);
    }

    public static Rotation3 operator *(Rotation3 a, Rotation3 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20, a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21, a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20, a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21, a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20, a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21, a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);

    public Rotation3 Transposed => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    public Vector3 Apply(Vector3 v) => new(
        (float)(M00 * v.X + M01 * v.Y + M02 * v.Z),
        (float)(M10 * v.X + M11 * v.Y + M12 * v.Z),
        (float)(M20 * v.X + M21 * v.Y + M22 * v.Z));

    /// <summary>Camera frame → mount frame for a PTZ head at (pan, tilt).</summary>
    public static Rotation3 CameraToMount(double panDeg, double tiltDeg) => Heading(panDeg) * Elevation(tiltDeg) * CameraToLevelMount;

    /// <summary>Mount frame → world frame.</summary>
    public static Rotation3 MountToWorld(MountOrientation m) => Heading(m.YawDeg) * Elevation(m.PitchDeg) * Bank(m.RollDeg);

    public static Rotation3 CameraToWorld(ViewPose pose) => MountToWorld(pose.Mount) * CameraToMount(pose.PanDeg, pose.TiltDeg);
}

/// <summary>Direction ↔ (bearing, elevation) in degrees; bearing clockwise from +y (north), elevation above the xy plane.</summary>
public static class SphericalDirection
{
    public static Vector3 FromAngles(double bearingDeg, double elevationDeg)
    {
        double b = bearingDeg * Math.PI / 180, e = elevationDeg * Math.PI / 180;
        return new Vector3((float)(Math.Cos(e) * Math.Sin(b)), (float)(Math.Cos(e) * Math.Cos(b)), (float)Math.Sin(e));
    }

    public static (double BearingDeg, double ElevationDeg) ToAngles(Vector3 d)
    {
        double bearing = Math.Atan2(d.X, d.Y) * 180 / Math.PI;
        double elevation = Math.Atan2(d.Z, Math.Sqrt((double)d.X * d.X + (double)d.Y * d.Y)) * 180 / Math.PI;
        return (bearing, elevation);
    }
}
