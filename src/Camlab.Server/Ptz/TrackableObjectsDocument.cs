using System.Numerics;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tracking;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Ptz;

/// <summary>
/// The answer of <c>GET /api/v1/cameras/{n}/objects</c>: the object IDs MoveAndStartTracking accepts (ONVIF clients
/// normally learn them from analytics metadata, which Camlab does not stream), where each object is now, where
/// each tracking node would point at it, whether VideoSource_1 shows it, and what each node is tracking.
/// </summary>
public sealed record TrackableObjectsDocument(double SceneTime, IReadOnlyList<TrackableObjectsDocument.Entry> Objects, IReadOnlyList<TrackableObjectsDocument.NodeTracking> Nodes)
{
    public const string ViewSource = "VideoSource_1";

    /// <param name="BearingDeg">Clockwise from north, seen from the camera.</param>
    /// <param name="ElevationDeg">Above the horizontal (negative: below, as objects on the ground are).</param>
    /// <param name="InView">True when the object's centre is inside the current picture of <see cref="ViewSource"/>.</param>
    /// <param name="ImageX">Pixel column of its centre in that picture (sensor resolution), when in view.</param>
    /// <param name="ImageY">Pixel row of its centre, when in view.</param>
    public sealed record Entry(int Id, string Name, double BearingDeg, double ElevationDeg, double DistanceM, double AngularRadiusDeg,
        IReadOnlyList<NodeAim> Aim, bool InView, double? ImageX, double? ImageY);

    /// <summary>
    /// The pan/tilt that puts the object in the centre of a node's picture, in <paramref name="Space"/> (the dome's
    /// spherical degrees, PTZ 5.7.1.2; the digital window's 0..1 sensor position, A.2.1); null when the node cannot
    /// see it at all. <paramref name="Reachable"/>: inside the node's range, window and limits now;
    /// <paramref name="InView"/>: inside that node's current picture.
    /// </summary>
    public sealed record NodeAim(string Node, string Space, double? Pan, double? Tilt, bool Reachable, bool InView);

    /// <param name="State">"tracking", "moving" (the move before tracking) or "idle".</param>
    /// <param name="LastEnd">Why the last tracking ended: "commanded", "outOfReach" or "ended"; null if none ended.</param>
    public sealed record NodeTracking(string Node, int? ObjectId, string State, string? LastEnd);

    public static TrackableObjectsDocument? For(SimulatedCamera camera)
    {
        if (camera.Ptz is not { } ptz) return null;
        var trackers = ptz.Device.Nodes.Select(n => ptz.Tracker(n.Token)).OfType<ObjectTracker>().ToList();
        if (trackers.Select(t => t.Objects).OfType<SceneTrackableObjects>().FirstOrDefault() is not { } scene) return null;
        var now = camera.Time.GetUtcNow();
        var view = camera.Video?.Hub.State;
        var entries = new List<Entry>();
        foreach (var o in scene.Objects)
        {
            var sighting = scene.SightingAt(o.Id, now)!.Value;
            var aims = trackers.Select(t => Aim(t, o.Id, now)).ToList();
            (double U, double V)? pixel = view is null ? null : Pixel(view.CurrentOptics(ViewSource), view.CurrentPose(ViewSource), sighting.Direction);
            entries.Add(new Entry(o.Id, o.Name, Round(sighting.BearingDeg), Round(sighting.ElevationDeg), Round(sighting.DistanceM), Round(sighting.AngularRadiusDeg),
                aims, pixel is not null, pixel is { } p ? Round(p.U) : null, pixel is { } q ? Round(q.V) : null));
        }
        var nodes = ptz.Device.Nodes.Select(n => ptz.Tracker(n.Token) is { } t
            ? new NodeTracking(n.Token, t.TrackedObjectId, t.TrackedObjectId is null ? "idle" : t.IsMovingFirst ? "moving" : "tracking",
                t.LastEnd is { } end ? char.ToLowerInvariant(end.ToString()[0]) + end.ToString()[1..] : null)
            : new NodeTracking(n.Token, null, "unsupported", null)).ToList();
        return new TrackableObjectsDocument(Round(scene.SceneTime(now).TotalSeconds), entries, nodes);
    }

    private static NodeAim Aim(ObjectTracker tracker, int objectId, DateTimeOffset now)
    {
        var node = tracker.Node;
        var space = node.Geometry is DomeGeometry ? PtzSpaces.PanTiltPositionDegrees : PtzSpaces.PanTiltPositionDigital;
        if (tracker.Objects.DirectionAt(objectId, now) is not { } d || !double.IsFinite(d.Pan) || !double.IsFinite(d.Tilt))
            return new NodeAim(node.Token, space, null, null, false, false);
        var (x, y) = node.Geometry.PanTiltToSpace(space, d.Pan, d.Tilt);
        return new NodeAim(node.Token, space, Round(x), Round(y), node.CanReach(d.Pan, d.Tilt), tracker.InView(d));
    }

    /// <summary>Where a world direction images in the source's current picture, or null when it is not in it.</summary>
    private static (double U, double V)? Pixel(ICameraProjection optics, ViewPose pose, Vector3 worldDirection)
    {
        var ray = Rotation3.CameraToWorld(pose).Transposed.Apply(worldDirection);
        if (ray.Z <= 0 || !optics.TryProject(ray, out var u, out var v)) return null;
        return u >= 0 && u <= optics.ImageWidth && v >= 0 && v <= optics.ImageHeight ? (u, v) : null;
    }

    private static double Round(double value) => Math.Round(value, 4);
}
