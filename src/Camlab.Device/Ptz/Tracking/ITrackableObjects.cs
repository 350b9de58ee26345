namespace Camlab.Device.Ptz.Tracking;

/// <summary>
/// Where a node must point to have an object in the centre of its picture, in the node's native frame
/// (<see cref="PtzPose"/>). On the dome that is the object's direction in spherical degrees (PTZ 5.7.1.2):
/// <see cref="Pan"/> clockwise seen from above from the mount's pan-zero direction, in [−180, 180), and
/// <see cref="Tilt"/> positive above the mount's horizon. On the digital window it is the window centre, 0..1 from
/// the lower left of the sensor (A.2.1). NaN when the object is known but not where this node can see it (behind
/// the wide camera).
/// </summary>
public readonly record struct ObjectDirection(double Pan, double Tilt);

/// <summary>An object the device can track, as its detector would list it (ObjectId of the analytics metadata).</summary>
public readonly record struct TrackableObject(int Id, string Name);

/// <summary>
/// The seam between the PTZ domain and whatever knows where objects are (the renderer's scene in
/// <c>camlab serve</c>), one per node. Positions are already in the node's frame (through the mount, or the wide
/// camera's projection), so the tracker needs no world geometry. Implementations are pure functions of the instant.
/// </summary>
public interface ITrackableObjects
{
    IReadOnlyList<TrackableObject> Objects { get; }

    /// <summary>Where the node must point at <paramref name="at"/> to centre the object; null for an unknown id.</summary>
    ObjectDirection? DirectionAt(int objectId, DateTimeOffset at);
}
