using System.Numerics;
using Camlab.Device.Ptz.Tracking;
using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Server.Ptz;

/// <summary>
/// The renderer's moving scene objects as one PTZ node's tracker sees them. The scene time of an instant is the
/// time since the render hub's epoch (the same <see cref="TimeProvider"/> drives both, so the tracked object is the
/// one drawn). Each sighting's world direction becomes the node's frame the way the renderer makes the picture:
/// for the dome (<see cref="ForDome"/>) through the mount (<see cref="Rotation3.MountToWorld"/>: pan from the
/// mount's pan-zero direction, tilt above its horizon); for the digital window (<see cref="ForWindow"/>) through the
/// wide source's projection at its fixed pose, as the window centre that has the object in the middle.
/// </summary>
public sealed class SceneTrackableObjects : ITrackableObjects
{
    private readonly Scene _scene;
    private readonly Func<Vector3, ObjectDirection> _toNode;

    private SceneTrackableObjects(Scene scene, DateTimeOffset sceneEpoch, Func<Vector3, ObjectDirection> toNode)
    {
        _scene = scene ?? throw new ArgumentNullException(nameof(scene));
        SceneEpoch = sceneEpoch;
        _toNode = toNode;
        Objects = scene.Objects.Select(o => new TrackableObject(o.Id, o.Name)).ToArray();
    }

    /// <summary>Directions in the dome's spherical degrees frame, through the mount orientation.</summary>
    public static SceneTrackableObjects ForDome(Scene scene, DateTimeOffset sceneEpoch, MountOrientation mount) =>
        ForDome(scene, sceneEpoch, () => mount);

    /// <summary>As above, through the mount orientation at each look (a heading set by SetGeoLocation turns the mount).</summary>
    public static SceneTrackableObjects ForDome(Scene scene, DateTimeOffset sceneEpoch, Func<MountOrientation> mount) =>
        new(scene, sceneEpoch, world =>
        {
            var (pan, tilt) = SphericalDirection.ToAngles(Rotation3.MountToWorld(mount()).Transposed.Apply(world));
            return new ObjectDirection(pan >= 180 ? pan - 360 : pan, tilt);
        });

    /// <summary>
    /// Window centres on the sensor of <paramref name="sourceToken"/> (0..1 from the lower left, PTZ A.2.1), through
    /// the source's current optics and pose as <paramref name="view"/> renders them; NaN where the source does not
    /// image the object (behind it, or off its sensor).
    /// </summary>
    public static SceneTrackableObjects ForWindow(Scene scene, DateTimeOffset sceneEpoch, ICameraViewState view, string sourceToken) =>
        new(scene, sceneEpoch, world =>
        {
            var optics = view.CurrentOptics(sourceToken);
            var ray = Rotation3.CameraToWorld(view.CurrentPose(sourceToken)).Transposed.Apply(world);
            if (ray.Z <= 0 || !optics.TryProject(ray, out var u, out var v)) return new ObjectDirection(double.NaN, double.NaN);
            return new ObjectDirection(u / optics.ImageWidth, 1 - v / optics.ImageHeight);
        });

    public IReadOnlyList<TrackableObject> Objects { get; }

    public DateTimeOffset SceneEpoch { get; }

    /// <summary>Scene time of an instant; the scene starts at zero (before the epoch it stands still).</summary>
    public TimeSpan SceneTime(DateTimeOffset at) => at > SceneEpoch ? at - SceneEpoch : TimeSpan.Zero;

    /// <summary>Where the object is at <paramref name="at"/> in the world (bearing from north, elevation), or null.</summary>
    public ObjectSighting? SightingAt(int objectId, DateTimeOffset at) =>
        _scene.Objects.FirstOrDefault(o => o.Id == objectId) is { } o ? o.SightingAt(SceneTime(at), _scene.CameraHeightM) : null;

    public ObjectDirection? DirectionAt(int objectId, DateTimeOffset at) =>
        SightingAt(objectId, at) is { } sighting ? _toNode(sighting.Direction) : null;
}
