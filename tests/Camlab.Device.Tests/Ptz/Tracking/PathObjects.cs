using Camlab.Device.Ptz.Tracking;

namespace Camlab.Device.Tests.Ptz.Tracking;

/// <summary>Objects on known paths in the node's frame: seconds since <paramref name="epoch"/> → (pan, tilt).</summary>
public sealed class PathObjects(DateTimeOffset epoch, params (int Id, string Name, Func<double, (double Pan, double Tilt)> Path)[] paths) : ITrackableObjects
{
    public IReadOnlyList<TrackableObject> Objects { get; } = paths.Select(p => new TrackableObject(p.Id, p.Name)).ToArray();

    public ObjectDirection? DirectionAt(int objectId, DateTimeOffset at)
    {
        foreach (var p in paths)
        {
            if (p.Id != objectId) continue;
            var (pan, tilt) = p.Path((at - epoch).TotalSeconds);
            return new ObjectDirection(Wrap(pan), tilt);
        }
        return null;
    }

    public ObjectDirection At(int objectId, DateTimeOffset at) => DirectionAt(objectId, at)!.Value;

    private static double Wrap(double degrees) => degrees - 360 * Math.Floor((degrees + 180) / 360);
}
