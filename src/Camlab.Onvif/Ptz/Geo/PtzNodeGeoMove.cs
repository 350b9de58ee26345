using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Onvif.Ptz.Geo;

/// <summary>
/// Builds the <see cref="GeoMoveBinding"/> of a core <see cref="PtzNode"/>: Annex B.2.1 needs the spherical degrees
/// space, so only a node that offers it (the mechanical dome) can GeoMove. The pan/tilt range is that space's range
/// intersected with the configuration's limits; zoom is chosen in the millimetre space from the lens; the move is the
/// node's AbsoluteMove, so speeds, ramps, limits and the "latest command wins" rule are the node's own.
/// </summary>
/// <remarks>
/// Convention (documented in docs/ptz-tours-and-geomove.md): the node's degrees pan grows clockwise seen from above
/// and its tilt is negative below the horizon, the frame <see cref="GeoMovePlanner"/> answers in.
/// </remarks>
public static class PtzNodeGeoMove
{
    /// <param name="pose">The camera's geolocation and mount orientation (null while not configured).</param>
    /// <returns>The binding, or null when the node has no spherical degrees space (GeoMoveNotSupported).</returns>
    public static GeoMoveBinding? Create(PtzNode node, Func<CameraGeoPose?> pose)
    {
        if (node.Geometry.Find(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition) is null) return null;
        GeoZoomModel? zoom = null;
        if (node.Geometry is DomeGeometry { Lens: var lens } && node.Geometry.Find(PtzSpaces.ZoomPositionMillimeter, PtzSpaceGroup.AbsoluteZoomPosition) is not null)
        {
            zoom = new GeoZoomModel(lens.FocalMinMm, lens.FocalMaxMm, f => new FieldOfView(lens.HorizontalFov(f), lens.VerticalFov(f)));
        }
        return new GeoMoveBinding(
            pose,
            () => Limits(node),
            zoom is null ? null : ZoomWithinLimits(node, zoom),
            () => node.CurrentPose.Pan,
            (solution, speedElement) =>
            {
                PtzVector? speed = speedElement is null ? null : PtzXml.ReadVector(speedElement);
                var position = new PtzVector(
                    new PanTiltVector(solution.Pan, solution.Tilt, PtzSpaces.PanTiltPositionDegrees),
                    solution.Zoom is { } mm ? new ZoomVector(mm, PtzSpaces.ZoomPositionMillimeter) : null);
                try { node.AbsoluteMove(position, speed); }
                catch (PtzException e) { throw PtzService.Fault(e); }
            });
    }

    /// <summary>The degrees space's range ∩ the configured pan/tilt limits, in degrees (PTZ 5.2.1: limits in their own space).</summary>
    public static GeoMoveLimits Limits(PtzNode node)
    {
        var geometry = node.Geometry;
        var degrees = geometry.Find(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition)!;
        double panMin = degrees.XRange.Min, panMax = degrees.XRange.Max;
        double tiltMin = degrees.YRange!.Value.Min, tiltMax = degrees.YRange.Value.Max;
        if (node.Configuration.PanTiltLimits is { Y: { } y } limits && geometry.Find(limits.Space, PtzSpaceGroup.AbsolutePanTiltPosition) is not null)
        {
            // Corners of the limit rectangle in degrees; the node's space mappings are monotonic per axis.
            (double Pan, double Tilt) ToDegrees(double x, double yy)
            {
                var (pan, tilt) = geometry.PanTiltFromSpace(limits.Space, x, yy);
                return geometry.PanTiltToSpace(PtzSpaces.PanTiltPositionDegrees, pan, tilt);
            }
            var lo = ToDegrees(Finite(limits.X.Min, limits.X.Max), Finite(y.Min, y.Max));
            var hi = ToDegrees(Finite(limits.X.Max, limits.X.Min), Finite(y.Max, y.Min));
            if (double.IsFinite(limits.X.Min)) panMin = Math.Max(panMin, Math.Min(lo.Pan, hi.Pan));
            if (double.IsFinite(limits.X.Max)) panMax = Math.Min(panMax, Math.Max(lo.Pan, hi.Pan));
            if (double.IsFinite(y.Min)) tiltMin = Math.Max(tiltMin, Math.Min(lo.Tilt, hi.Tilt));
            if (double.IsFinite(y.Max)) tiltMax = Math.Min(tiltMax, Math.Max(lo.Tilt, hi.Tilt));
        }
        return new GeoMoveLimits(panMin, panMax, tiltMin, tiltMax);
    }

    private static GeoZoomModel ZoomWithinLimits(PtzNode node, GeoZoomModel zoom)
    {
        if (node.Configuration.ZoomLimits is not { } limits || node.Geometry.Find(limits.Space, PtzSpaceGroup.AbsoluteZoomPosition) is null) return zoom;
        double min = zoom.MinZoom, max = zoom.MaxZoom;
        if (double.IsFinite(limits.X.Min)) min = Math.Max(min, node.Geometry.ZoomFromSpace(limits.Space, limits.X.Min));
        if (double.IsFinite(limits.X.Max)) max = Math.Min(max, node.Geometry.ZoomFromSpace(limits.Space, limits.X.Max));
        return max >= min ? zoom with { MinZoom = min, MaxZoom = max } : zoom;
    }

    // An infinite bound converts as its opposite bound (or 0): only the finite side of a half-open limit matters.
    private static double Finite(double value, double other) => double.IsFinite(value) ? value : double.IsFinite(other) ? other : 0;
}
