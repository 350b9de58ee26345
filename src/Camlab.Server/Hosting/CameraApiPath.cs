using System.Globalization;

namespace Camlab.Server.Hosting;

/// <summary>
/// <c>/api/v1/cameras/{n}/{resource}[/{item}]</c>: the camera's small HTTP APIs (faults, objects, privacy masks),
/// parsed once by the router so each API sees a valid camera number and its own resource.
/// </summary>
internal readonly record struct CameraApiPath(int Number, string Resource, string? Item)
{
    public const string Prefix = "/api/v1/cameras/";

    /// <summary>Null unless <paramref name="path"/> names camera 1..<paramref name="cameraCount"/> and a resource.</summary>
    public static CameraApiPath? Parse(string path, int cameraCount)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = path[Prefix.Length..].Split('/', 3);
        if (parts.Length < 2 || parts[1].Length == 0
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > cameraCount)
            return null;
        return new CameraApiPath(number, parts[1], parts.Length == 3 ? parts[2] : null);
    }
}
