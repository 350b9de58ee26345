namespace Camlab.Device.State;

/// <summary>
/// Durable named documents (presets, tours, configurations, imaging settings, users). The domain serialises
/// its own state (JSON) and hands whole documents here; an implementation must make <see cref="Write"/>
/// atomic and durable before it returns: after a crash at any instant a reader sees the old or the new
/// document, never a torn one. Names are relative paths such as <c>ptz/presets.json</c>.
/// </summary>
public interface IStateStore
{
    string? Read(string name);

    void Write(string name, string content);

    void Delete(string name);
}

/// <summary>A store that lives only as long as the process (tests, <c>--data</c>-less experiments).</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);

    public string? Read(string name) { lock (_documents) return _documents.GetValueOrDefault(name); }

    public void Write(string name, string content) { lock (_documents) _documents[name] = content; }

    public void Delete(string name) { lock (_documents) _documents.Remove(name); }
}
