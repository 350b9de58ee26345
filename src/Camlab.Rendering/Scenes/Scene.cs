using System.Numerics;

namespace Camlab.Rendering.Scenes;

/// <summary>
/// What the camera looks at: a static panorama, the objects moving in front of it, and a flat ground
/// <see cref="CameraHeightM"/> below the camera that gives every downward ray a distance (for focus and the
/// IR lamp's reach). Rays at or above the horizon are at infinity.
/// </summary>
public sealed class Scene
{
    public Scene(Panorama panorama, IReadOnlyList<SceneObject> objects, double cameraHeightM)
    {
        ArgumentNullException.ThrowIfNull(panorama);
        ArgumentNullException.ThrowIfNull(objects);
        if (!(cameraHeightM > 0)) throw new ArgumentOutOfRangeException(nameof(cameraHeightM), cameraHeightM, "the camera must be above the ground");
        Panorama = panorama;
        Objects = objects;
        CameraHeightM = cameraHeightM;
    }

    public Panorama Panorama { get; }
    public IReadOnlyList<SceneObject> Objects { get; }
    public double CameraHeightM { get; }

    /// <summary>Distance in metres to the ground along a world direction; +∞ at or above the horizon.</summary>
    public double DistanceAlong(Vector3 worldDirection)
    {
        double up = worldDirection.Z;
        if (up >= -1e-9) return double.PositiveInfinity;
        double length = worldDirection.Length();
        return CameraHeightM * length / -up;
    }

    public IEnumerable<ObjectSighting> SightingsAt(TimeSpan sceneTime)
    {
        foreach (var o in Objects) yield return o.SightingAt(sceneTime, CameraHeightM);
    }
}
