using System.Text.Json;
using Camlab.Device.State;

namespace Camlab.Onvif.Device;

/// <summary>One protocol the camera serves (tt:NetworkProtocol): HTTP, HTTPS or RTSP, with its real ports.</summary>
public sealed record NetworkProtocol(string Name, bool Enabled, IReadOnlyList<int> Ports);

/// <summary>
/// The protocols the camera is actually serving (<see cref="Current"/>), filled by the host once its listeners are
/// bound (a port of 0 is only known then), and — for a camera with listeners of its own — the configuration
/// SetNetworkProtocols stored (<see cref="Pending"/>), which the host applies at the next SystemReboot. Nothing is
/// listed as served that does not listen; GetNetworkProtocols answers <see cref="Reported"/>: what a client set,
/// from the Set until the reboot that applies it.
/// </summary>
public sealed class NetworkProtocols
{
    public const string Document = "device/protocols.json";

    private readonly IStateStore? _store;
    private IReadOnlyList<NetworkProtocol> _current = [];
    private IReadOnlyList<NetworkProtocol>? _configured;
    private bool _setSinceReboot;

    /// <param name="store">Where a camera with its own listeners keeps SetNetworkProtocols' configuration; null: none.</param>
    public NetworkProtocols(IStateStore? store = null)
    {
        _store = store;
        _configured = Load();
    }

    public IReadOnlyList<NetworkProtocol> Current => Volatile.Read(ref _current);

    /// <summary>
    /// True when the camera has listeners of its own, so SetNetworkProtocols can move or close them (set by the host
    /// with <see cref="PortAvailable"/>); false on the shared listener, where every change is refused.
    /// </summary>
    public bool Configurable => PortAvailable is not null;

    /// <summary>Whether the camera could listen on a port (a bind test): null while the camera has no listeners of its own.</summary>
    public Func<int, bool>? PortAvailable { get; set; }

    /// <summary>The stored configuration (every protocol with one port), or null when none was ever set.</summary>
    public IReadOnlyList<NetworkProtocol>? Configured { get { lock (this) return _configured; } }

    /// <summary>What the stored configuration changes once applied: empty when the camera serves what is configured.</summary>
    public IReadOnlyList<NetworkProtocol> Pending
    {
        get
        {
            var current = Current;
            return (Configured ?? []).Where(c => current.FirstOrDefault(p => p.Name == c.Name) is not { } served
                || served.Enabled != c.Enabled || !served.Ports.SequenceEqual(c.Ports)).ToList();
        }
    }

    /// <summary>
    /// What GetNetworkProtocols answers: the protocols served, each replaced by what SetNetworkProtocols stored since
    /// the last reboot. A client reads back what it set (ONVIF Base Device Test Specification DEVICE-2-1-34 sets a
    /// port, then expects GetNetworkProtocols to return it) while the camera keeps serving its current ports until
    /// SystemReboot. After the reboot it is what listens again: a port that could not be bound shows Enabled=false.
    /// </summary>
    public IReadOnlyList<NetworkProtocol> Reported
    {
        get
        {
            IReadOnlyList<NetworkProtocol>? configured;
            lock (this) configured = _setSinceReboot ? _configured : null;
            var current = Current;
            return configured is null ? current
                : current.Select(p => configured.FirstOrDefault(c => c.Name == p.Name) ?? p).ToList();
        }
    }

    /// <summary>Adds or replaces the protocol of that name.</summary>
    public void Set(NetworkProtocol protocol)
    {
        lock (this)
        {
            var list = _current.Where(p => !string.Equals(p.Name, protocol.Name, StringComparison.OrdinalIgnoreCase)).Append(protocol).ToList();
            Volatile.Write(ref _current, list);
        }
    }

    /// <summary>Stores the whole configuration (already validated), written atomically before it is visible.</summary>
    public void Configure(IReadOnlyList<NetworkProtocol> configuration)
    {
        if (_store is null) throw new InvalidOperationException("this camera has no listeners of its own to configure");
        lock (this)
        {
            _store.Write(Document, JsonSerializer.Serialize(configuration.Select(p => new Stored(p.Name, p.Enabled, [.. p.Ports]))));
            _configured = configuration;
            _setSinceReboot = true;
        }
    }

    /// <summary>Rereads the stored configuration (at a reboot, which applies it, or a factory default).</summary>
    public void Reload()
    {
        lock (this)
        {
            _configured = Load();
            _setSinceReboot = false;
        }
    }

    private IReadOnlyList<NetworkProtocol>? Load() =>
        _store?.Read(Document) is { } text && JsonSerializer.Deserialize<List<Stored>>(text) is { } stored
            ? stored.Select(s => new NetworkProtocol(s.Name, s.Enabled, s.Ports)).ToList()
            : null;

    private sealed record Stored(string Name, bool Enabled, List<int> Ports);
}
