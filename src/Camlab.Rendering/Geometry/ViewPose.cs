namespace Camlab.Rendering.Geometry;

/// <summary>
/// How the camera body is mounted in the world, as aviation-style angles in degrees in the local
/// East-North-Up frame: <see cref="YawDeg"/> is the compass bearing of the pan-zero direction (clockwise
/// from north), <see cref="PitchDeg"/> raises the pan-zero direction, <see cref="RollDeg"/> lowers the
/// right-hand side. Applied in the order roll, pitch, yaw (world = Yaw·Pitch·Roll·mount).
/// </summary>
public readonly record struct MountOrientation(double YawDeg, double PitchDeg, double RollDeg)
{
    public static MountOrientation Level => default;
}

/// <summary>
/// Where a PTZ head points, in degrees in the mount frame: <see cref="PanDeg"/> clockwise seen from above
/// (0 = the mount's pan-zero direction), <see cref="TiltDeg"/> positive upward (0 = horizon of the mount).
/// This is the "pan/tilt space" privacy masks are drawn in.
/// </summary>
public readonly record struct ViewPose(double PanDeg, double TiltDeg, MountOrientation Mount = default)
{
    public void Validate()
    {
        if (!double.IsFinite(PanDeg) || !double.IsFinite(TiltDeg) || !double.IsFinite(Mount.YawDeg)
            || !double.IsFinite(Mount.PitchDeg) || !double.IsFinite(Mount.RollDeg))
            throw new ArgumentException($"view pose angles must be finite numbers: {this}");
        if (TiltDeg < -90 || TiltDeg > 90)
            throw new ArgumentOutOfRangeException(nameof(TiltDeg), TiltDeg, "tilt must be within [-90, 90] degrees");
    }
}
