using Camlab.Device.State;

namespace Camlab.Server.State;

/// <summary>
/// SetSystemFactoryDefault on a camera's state store (core spec 8.3.2): Hard deletes every persisted setting —
/// presets, home, tours, PTZ and imaging settings, media profiles, privacy masks, scopes, users, network and clock;
/// Soft keeps the users, the network settings (with the protocols' ports) and the geolocation: where the camera is
/// mounted is a fact of its installation, like its address — a soft reset that forgot it would leave GeoMove unable to
/// aim until someone set it again. The identity (UUID, serial number) and the recordings are the
/// camera's, not settings, and stay. A marker document is written first and removed last, so a reset cut short
/// by a kill is finished at the next start (<see cref="Resume"/>): the store never stays half reset.
/// </summary>
public static class FactoryReset
{
    public const string MarkerDocument = "device/factory-reset.json";

    private static readonly string[] AlwaysKept = ["device/identity.json", MarkerDocument];
    private static readonly string[] KeptBySoft = ["device/users.json", "device/network.json", "device/protocols.json", "device/geolocation.json"];

    public static void Run(IStateStore store, bool hard)
    {
        var root = (store as FileStateStore)?.Root ?? throw new NotSupportedException("factory default needs a FileStateStore");
        store.Write(MarkerDocument, hard ? "{\"hard\":true}" : "{\"hard\":false}");
        foreach (var name in Documents(root))
        {
            if (AlwaysKept.Contains(name) || (!hard && KeptBySoft.Contains(name))) continue;
            store.Delete(name);
        }
        store.Delete(MarkerDocument);
    }

    /// <summary>Finishes a reset that a kill interrupted; does nothing when none was under way.</summary>
    public static void Resume(IStateStore store)
    {
        if (store is not FileStateStore || store.Read(MarkerDocument) is not { } marker) return;
        Run(store, !marker.Contains("false", StringComparison.Ordinal));
    }

    // Settings documents: every .json below the root except temporaries and the recordings folder.
    private static IEnumerable<string> Documents(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => !n.StartsWith("recordings/", StringComparison.Ordinal) && !Path.GetFileName(n).StartsWith('.'))
            .ToList();
}
