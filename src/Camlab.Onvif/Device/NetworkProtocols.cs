namespace Camlab.Onvif.Device;

/// <summary>One protocol the camera serves (tt:NetworkProtocol): HTTP, HTTPS or RTSP, with its real ports.</summary>
public sealed record NetworkProtocol(string Name, bool Enabled, IReadOnlyList<int> Ports);

/// <summary>
/// The protocols the camera is actually serving, filled by the host once its listeners are bound (a port of 0 is
/// only known then). The RTSP part adds itself here; nothing is listed that does not listen.
/// </summary>
public sealed class NetworkProtocols
{
    private IReadOnlyList<NetworkProtocol> _current = [];

    public IReadOnlyList<NetworkProtocol> Current => Volatile.Read(ref _current);

    /// <summary>Adds or replaces the protocol of that name.</summary>
    public void Set(NetworkProtocol protocol)
    {
        lock (this)
        {
            var list = _current.Where(p => !string.Equals(p.Name, protocol.Name, StringComparison.OrdinalIgnoreCase)).Append(protocol).ToList();
            Volatile.Write(ref _current, list);
        }
    }
}
