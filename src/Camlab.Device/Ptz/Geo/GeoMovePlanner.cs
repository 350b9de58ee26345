namespace Camlab.Device.Ptz.Geo;

/// <summary>
/// The pan/tilt range a GeoMove must stay inside, in the spherical degrees space (PTZ Annex B.2.1): the node's
/// range intersected with the configured limits. ±infinity means unlimited. <see cref="EFlip"/> allows the
/// flipped pose (P+180, −180−T) of PTZ 5.7.1.2 when the direct one is out of range.
/// </summary>
public sealed record GeoMoveLimits(double PanMin, double PanMax, double TiltMin, double TiltMax, bool EFlip = false)
{
    public static readonly GeoMoveLimits Unlimited =
        new(double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
}

/// <summary>A field of view in degrees (tt:FieldOfView hfov/vfov).</summary>
public readonly record struct FieldOfView(double Horizontal, double Vertical);

/// <summary>
/// How zoom maps to field of view on this node: a zoom range (in the node's absolute zoom space) and the field of
/// view at a zoom value, non-increasing as zoom grows (optics of the core PTZ model).
/// </summary>
public sealed record GeoZoomModel(double MinZoom, double MaxZoom, Func<double, FieldOfView> FieldOfViewAt);

/// <summary>
/// Where to point: pan and tilt in the camera's degrees (pan from the mount's heading, clockwise; tilt negative
/// below the mount's horizon), the zoom that frames the requested area (null: leave zoom alone), and the
/// target's distance.
/// </summary>
public sealed record GeoMoveSolution(double Pan, double Tilt, double? Zoom, double SlantRange, double HorizontalRange, bool Flipped);

/// <summary>
/// PTZ 5.3.4 / Annex B: turns a target geolocation into a pan/tilt/zoom for a geolocated camera. The target is
/// taken to the camera's local east-north-up frame (exact WGS84, <see cref="Wgs84"/>), rotated into the mount's
/// frame by yaw, pitch and roll, and read off as azimuth and elevation.
/// </summary>
public static class GeoMovePlanner
{
    /// <summary>Closer than this the direction to the target is meaningless.</summary>
    public const double MinimumRange = 0.01;

    /// <param name="pose">The camera's geolocation and mount orientation; null when not configured.</param>
    /// <param name="areaWidth">Metres to frame across the line of sight (AreaWidth), or null.</param>
    /// <param name="areaHeight">Metres to frame (AreaHeight), or null. With neither, zoom is not changed.</param>
    /// <param name="currentPan">The present pan, to pick the nearest equivalent pan on a head that turns past 360°.</param>
    /// <exception cref="GeoMoveException">GeoLocationUnknown, UnreachablePosition.</exception>
    public static GeoMoveSolution Solve(
        CameraGeoPose? pose,
        GeoLocation target,
        GeoMoveLimits limits,
        GeoZoomModel? zoom = null,
        double? areaWidth = null,
        double? areaHeight = null,
        double currentPan = 0)
    {
        if (pose is not { } camera)
            throw new GeoMoveException(GeoMoveFault.GeoLocationUnknown, "the camera's geolocation is not configured");
        if (camera.Location.Problem is { } own)
            throw new GeoMoveException(GeoMoveFault.GeoLocationUnknown, "the camera's geolocation is invalid: " + own);
        if (target.Problem is { } problem)
            throw new GeoMoveException(GeoMoveFault.UnreachablePosition, "the target is not on the earth: " + problem);
        if (areaWidth is { } w && !(w > 0 && double.IsFinite(w))) throw new ArgumentOutOfRangeException(nameof(areaWidth), w, "must be a positive number of metres");
        if (areaHeight is { } h && !(h > 0 && double.IsFinite(h))) throw new ArgumentOutOfRangeException(nameof(areaHeight), h, "must be a positive number of metres");

        var (east, north, up) = Wgs84.ToEnu(camera.Location, target);
        var (forward, right, mountUp) = ToMount(east, north, up, camera);
        var horizontal = Math.Sqrt(forward * forward + right * right);
        var slant = Math.Sqrt(horizontal * horizontal + mountUp * mountUp);
        if (slant < MinimumRange)
            throw new GeoMoveException(GeoMoveFault.UnreachablePosition, "the target is where the camera is");

        var pan = Wgs84.RadToDeg(Math.Atan2(right, forward));
        var tilt = Wgs84.RadToDeg(Math.Atan2(mountUp, horizontal));
        var flipped = false;
        if (!FitPan(pan, limits, currentPan, out var fitted) || !InTilt(tilt, limits))
        {
            // E-flip (PTZ 5.7.1.2): the same line of sight as (P+180, −180−T) on a head that tilts past the nadir.
            var flipTilt = tilt < 0 ? -180 - tilt : 180 - tilt;
            if (limits.EFlip && InTilt(flipTilt, limits) && FitPan(pan + 180, limits, currentPan, out var flipPan))
            {
                (fitted, tilt, flipped) = (flipPan, flipTilt, true);
            }
            else
            {
                throw new GeoMoveException(GeoMoveFault.UnreachablePosition,
                    $"the target needs pan {pan:0.###}° tilt {tilt:0.###}°, outside pan {limits.PanMin}..{limits.PanMax}° tilt {limits.TiltMin}..{limits.TiltMax}°");
            }
        }

        double? zoomValue = zoom is not null && (areaWidth is not null || areaHeight is not null)
            ? ZoomFor(zoom, slant, areaWidth, areaHeight)
            : null;
        return new GeoMoveSolution(fitted, tilt, zoomValue, slant, horizontal, flipped);
    }

    /// <summary>
    /// ENU → mount frame (forward = 0° pan, right, up): heading by yaw (clockwise from north), then the mount's
    /// pitch about its right axis, then its roll about its forward axis (intrinsic Z-Y-X, as aircraft attitudes).
    /// </summary>
    public static (double Forward, double Right, double Up) ToMount(double east, double north, double up, CameraGeoPose pose)
    {
        double yaw = Wgs84.DegToRad(pose.Yaw), pitch = Wgs84.DegToRad(pose.Pitch), roll = Wgs84.DegToRad(pose.Roll);
        var f = east * Math.Sin(yaw) + north * Math.Cos(yaw);
        var r = east * Math.Cos(yaw) - north * Math.Sin(yaw);
        var u = up;
        (f, u) = (f * Math.Cos(pitch) + u * Math.Sin(pitch), -f * Math.Sin(pitch) + u * Math.Cos(pitch));
        (r, u) = (r * Math.Cos(roll) - u * Math.Sin(roll), r * Math.Sin(roll) + u * Math.Cos(roll));
        return (f, r, u);
    }

    /// <summary>
    /// The largest zoom (narrowest view) whose field of view still holds the area at the target's range; the widest
    /// zoom when even that is too narrow. The area is taken square to the line of sight.
    /// </summary>
    public static double ZoomFor(GeoZoomModel model, double range, double? areaWidth, double? areaHeight)
    {
        var needH = areaWidth is { } w ? Wgs84.RadToDeg(2 * Math.Atan(w / (2 * range))) : 0;
        var needV = areaHeight is { } h ? Wgs84.RadToDeg(2 * Math.Atan(h / (2 * range))) : 0;
        bool Fits(double z)
        {
            var fov = model.FieldOfViewAt(z);
            return fov.Horizontal >= needH && fov.Vertical >= needV;
        }

        if (Fits(model.MaxZoom)) return model.MaxZoom;
        if (!Fits(model.MinZoom)) return model.MinZoom;
        double lo = model.MinZoom, hi = model.MaxZoom;   // Fits(lo), !Fits(hi)
        for (var i = 0; i < 60 && hi - lo > 1e-12 * Math.Max(1, Math.Abs(hi)); i++)
        {
            var mid = (lo + hi) / 2;
            if (Fits(mid)) lo = mid; else hi = mid;
        }
        return lo;
    }

    private static bool InTilt(double tilt, GeoMoveLimits limits) => tilt >= limits.TiltMin && tilt <= limits.TiltMax;

    /// <summary>Picks, among pan ± k·360°, the value inside the limits nearest the current pan.</summary>
    private static bool FitPan(double pan, GeoMoveLimits limits, double currentPan, out double fitted)
    {
        pan = Math.IEEERemainder(pan, 360);   // −180..180
        fitted = double.NaN;
        var best = double.PositiveInfinity;
        for (var k = -2; k <= 2; k++)
        {
            var candidate = pan + 360 * k;
            if (candidate < limits.PanMin || candidate > limits.PanMax) continue;
            var distance = Math.Abs(candidate - currentPan);
            if (distance < best) (best, fitted) = (distance, candidate);
        }
        return !double.IsNaN(fitted);
    }
}
