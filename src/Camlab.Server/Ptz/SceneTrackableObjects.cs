using Camlab.Device.Ptz.Tracking;
using Camlab.Rendering;

namespace Camlab.Server.Ptz;

/// <summary>
/// The renderer's moving scene objects as the PTZ tracker sees them: the scene time of an instant is the time since
/// the render hub's epoch (the same <see cref="TimeProvider"/> drives both, so the tracked object is the one drawn),
/// and the world bearing/elevation of each sighting is turned into the mount's frame — pan from the mount's
/// pan-zero direction (OPF or <c>camera.yaw</c>), tilt above its horizon — exactly as the renderer turns a PTZ pose
/// into a view (<see cref="Rotation3.MountToWorld"/>).
/// </summary>
public sealed class SceneTrackableObjects : ITrackableObjects
{
    private readonly Scene _scene;
    private readonly Rotation3 _worldToMount;

    public SceneTrackableObjects(Scene scene, DateTimeOffset sceneEpoch, MountOrientation mount)
    {
        _scene = scene ?? throw new ArgumentNullException(nameof(scene));
        SceneEpoch = sceneEpoch;
        Mount = mount;
        _worldToMount = Rotation3.MountToWorld(mount).Transposed;
        Objects = scene.Objects.Select(o => new TrackableObject(o.Id, o.Name)).ToArray();
    }

    public IReadOnlyList<TrackableObject> Objects { get; }

    public DateTimeOffset SceneEpoch { get; }

    public MountOrientation Mount { get; }

    /// <summary>Scene time of an instant; the scene starts at zero (before the epoch it stands still).</summary>
    public TimeSpan SceneTime(DateTimeOffset at) => at > SceneEpoch ? at - SceneEpoch : TimeSpan.Zero;

    /// <summary>Where the object is at <paramref name="at"/> in the world (bearing from north, elevation), or null.</summary>
    public ObjectSighting? SightingAt(int objectId, DateTimeOffset at) =>
        _scene.Objects.FirstOrDefault(o => o.Id == objectId) is { } o ? o.SightingAt(SceneTime(at), _scene.CameraHeightM) : null;

    public ObjectDirection? DirectionAt(int objectId, DateTimeOffset at)
    {
        if (SightingAt(objectId, at) is not { } sighting) return null;
        var (pan, tilt) = SphericalDirection.ToAngles(_worldToMount.Apply(sighting.Direction));
        return new ObjectDirection(pan >= 180 ? pan - 360 : pan, tilt);
    }
}
