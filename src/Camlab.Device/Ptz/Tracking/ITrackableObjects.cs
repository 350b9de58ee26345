namespace Camlab.Device.Ptz.Tracking;

/// <summary>
/// A direction in a PTZ node's spherical degrees frame (PTZ 5.7.1.2): <see cref="Pan"/> clockwise seen from above
/// from the mount's pan-zero direction, in [−180, 180); <see cref="Tilt"/> positive above the mount's horizon.
/// </summary>
public readonly record struct ObjectDirection(double Pan, double Tilt);

/// <summary>An object the device can track, as its detector would list it (ObjectId of the analytics metadata).</summary>
public readonly record struct TrackableObject(int Id, string Name);

/// <summary>
/// The seam between the PTZ domain and whatever knows where objects are (the renderer's scene in
/// <c>camlab serve</c>). Directions are already in the mount's frame, so the tracker needs no world geometry.
/// Implementations are pure functions of the instant asked for.
/// </summary>
public interface ITrackableObjects
{
    IReadOnlyList<TrackableObject> Objects { get; }

    /// <summary>Where the object is at <paramref name="at"/>, seen from the camera; null for an unknown id.</summary>
    ObjectDirection? DirectionAt(int objectId, DateTimeOffset at);
}
