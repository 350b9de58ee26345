using System.Numerics;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Scenes;

/// <summary>Where a moving object is at one instant, seen from the camera's position.</summary>
public readonly record struct ObjectSighting(int ObjectId, double BearingDeg, double ElevationDeg, double AngularRadiusDeg, double DistanceM)
{
    public Vector3 Direction => SphericalDirection.FromAngles(BearingDeg, ElevationDeg);
}

/// <summary>
/// An object that moves over the ground on a known path, drawn as a disc (a sphere of <see cref="DiameterM"/>
/// resting on the ground). Its path is a pure function of scene time, so motion detection and tracking can
/// be checked against the truth.
/// </summary>
public sealed class SceneObject
{
    private readonly Func<double, (double BearingDeg, double DistanceM)> _path;

    /// <param name="path">Scene time in seconds → ground position (bearing clockwise from north, horizontal distance).</param>
    public SceneObject(int id, string name, double diameterM, (byte R, byte G, byte B) color, Func<double, (double BearingDeg, double DistanceM)> path)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(diameterM);
        Id = id;
        Name = name;
        DiameterM = diameterM;
        Color = color;
        _path = path ?? throw new ArgumentNullException(nameof(path));
    }

    public int Id { get; }
    public string Name { get; }
    public double DiameterM { get; }
    public (byte R, byte G, byte B) Color { get; }

    /// <summary>The object's direction and apparent size at <paramref name="sceneTime"/> for a camera <paramref name="cameraHeightM"/> above the ground.</summary>
    public ObjectSighting SightingAt(TimeSpan sceneTime, double cameraHeightM)
    {
        var (bearing, distance) = _path(sceneTime.TotalSeconds);
        double centreHeight = DiameterM / 2 - cameraHeightM;
        double range = Math.Sqrt(distance * distance + centreHeight * centreHeight);
        double elevation = Math.Atan2(centreHeight, distance) * 180 / Math.PI;
        double radius = Math.Asin(Math.Min(1, DiameterM / 2 / range)) * 180 / Math.PI;
        bearing -= 360 * Math.Floor((bearing + 180) / 360);
        return new ObjectSighting(Id, bearing, elevation, radius, distance);
    }
}
