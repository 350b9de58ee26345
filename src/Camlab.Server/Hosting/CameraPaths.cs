using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// A camera's path prefix as a request reached it: <c>/cameras/n</c> on the host's shared listener, nothing on the
/// camera's own listener (<c>--port-per-camera</c>), where every path is at the root as on a real camera. URLs the
/// camera hands out (XAddrs, stream and snapshot URIs, stream API links) use it.
/// </summary>
public static class CameraPaths
{
    private static readonly object OwnListenerKey = new();

    internal static void MarkOwnListener(HttpContext context) => context.Items[OwnListenerKey] = true;

    public static bool OnOwnListener(HttpContext context) => context.Items.ContainsKey(OwnListenerKey);

    public static string BasePath(HttpContext context, SimulatedCamera camera) => OnOwnListener(context) ? "" : camera.BasePath;
}
