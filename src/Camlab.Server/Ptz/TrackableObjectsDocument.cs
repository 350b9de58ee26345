using System.Numerics;
using Camlab.Device.Ptz.Tracking;
using Camlab.Rendering;
using Camlab.Server.Hosting;

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

    /// <summary>The pan/tilt (spherical degrees space, PTZ 5.7.1.2) that puts the object in the centre of a node's picture.</summary>
    public sealed record NodeAim(string Node, double Pan, double Tilt, bool Reachable);

    /// <param name="State">"tracking", "moving" (the move before tracking) or "idle".</param>
    /// <param name="LastEnd">Why the last tracking ended: "commanded", "outOfReach" or "ended"; null if none ended.</param>
    public sealed record NodeTracking(string Node, int? ObjectId, string State, string? LastEnd);

    public static TrackableObjectsDocument? For(SimulatedCamera camera)
    {
        if (camera.Ptz is not { TrackableObjects: SceneTrackableObjects objects } ptz) return null;
        var now = camera.Time.GetUtcNow();
        var trackers = ptz.Device.Nodes.Select(n => ptz.Tracker(n.Token)).OfType<ObjectTracker>().ToList();
        var view = camera.Video?.Hub.State;
        var entries = new List<Entry>();
        foreach (var o in objects.Objects)
        {
            var sighting = objects.SightingAt(o.Id, now)!.Value;
            var direction = objects.DirectionAt(o.Id, now)!.Value;
            var aims = trackers.Select(t => new NodeAim(t.Node.Token, Round(direction.Pan), Round(direction.Tilt), t.Node.CanReach(direction.Pan, direction.Tilt))).ToList();
            (double U, double V)? pixel = view is null ? null : Pixel(view.CurrentOptics(ViewSource), view.CurrentPose(ViewSource), sighting.Direction);
            entries.Add(new Entry(o.Id, o.Name, Round(sighting.BearingDeg), Round(sighting.ElevationDeg), Round(sighting.DistanceM), Round(sighting.AngularRadiusDeg),
                aims, pixel is not null, pixel is { } p ? Round(p.U) : null, pixel is { } q ? Round(q.V) : null));
        }
        var nodes = ptz.Device.Nodes.Select(n => ptz.Tracker(n.Token) is { } t
            ? new NodeTracking(n.Token, t.TrackedObjectId, t.TrackedObjectId is null ? "idle" : t.IsMovingFirst ? "moving" : "tracking",
                t.LastEnd is { } end ? char.ToLowerInvariant(end.ToString()[0]) + end.ToString()[1..] : null)
            : new NodeTracking(n.Token, null, "unsupported", null)).ToList();
        return new TrackableObjectsDocument(Round(objects.SceneTime(now).TotalSeconds), entries, nodes);
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
