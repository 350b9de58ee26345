using System.Text.Json;
using Camlab.Device.State;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// The persisted, writable part of the device management service: configurable scopes (core spec 8.3.x) and the
/// discovery mode. WS-Discovery reads both; <see cref="Changed"/> tells it to re-announce (Hello) after a change.
/// </summary>
public sealed class DeviceSettings
{
    public const string DocumentName = "device/settings.json";
    public const int MaxScopes = 32;

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly DeviceIdentity _identity;
    private State _state;
    private IReadOnlyList<string> _profileScopes = [];

    public DeviceSettings(IStateStore store, DeviceIdentity identity)
    {
        _store = store;
        _identity = identity;
        _state = Load();
    }

    public event Action? Changed;

    public DeviceIdentity Identity => _identity;

    /// <summary>The identity's fixed scopes, then the profile scopes the host found served (<see cref="AdvertiseProfiles"/>).</summary>
    public IReadOnlyList<string> FixedScopes => [.. _identity.FixedScopes, .. Volatile.Read(ref _profileScopes)];

    /// <summary>
    /// The ONVIF profile scopes (<c>onvif://www.onvif.org/Profile/Streaming</c>, <c>…/Profile/T</c>) the camera may claim:
    /// the host sets them once it knows what it serves (RTSP, WS-Discovery, encoders). Fixed scopes: no client removes them.
    /// </summary>
    public void AdvertiseProfiles(IReadOnlyList<string> scopes) => Volatile.Write(ref _profileScopes, scopes.ToArray());

    public IReadOnlyList<string> ConfigurableScopes { get { lock (_gate) return _state.Scopes; } }

    public IReadOnlyList<string> AllScopes => [.. FixedScopes, .. ConfigurableScopes];

    public bool Discoverable { get { lock (_gate) return _state.Discoverable; } }

    public void Reload()
    {
        lock (_gate) _state = Load();
    }

    /// <summary>SetScopes: replaces every configurable scope.</summary>
    public void SetScopes(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes) CheckScope(scope);
        if (scopes.Any(s => FixedScopes.Contains(s)))
            throw OnvifFaults.OperationProhibited("ScopeOverwrite", "a fixed scope cannot be set");
        if (FixedScopes.Count + scopes.Distinct().Count() > MaxScopes)
            throw OnvifFaults.Action("TooManyScopes", $"at most {MaxScopes} scopes are supported");
        Update(s => s with { Scopes = scopes.Distinct().ToList() });
    }

    public void AddScopes(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes) CheckScope(scope);
        lock (_gate)
        {
            var merged = _state.Scopes.Concat(scopes.Where(s => !FixedScopes.Contains(s))).Distinct().ToList();
            if (FixedScopes.Count + merged.Count > MaxScopes)
                throw OnvifFaults.Action("TooManyScopes", $"at most {MaxScopes} scopes are supported");
        }
        Update(s => s with { Scopes = s.Scopes.Concat(scopes.Where(x => !FixedScopes.Contains(x))).Distinct().ToList() });
    }

    /// <summary>RemoveScopes: removes configurable scopes; a fixed or unknown scope refuses the whole request.</summary>
    public IReadOnlyList<string> RemoveScopes(IReadOnlyList<string> scopes)
    {
        lock (_gate)
        {
            foreach (var scope in scopes)
            {
                if (FixedScopes.Contains(scope)) throw OnvifFaults.OperationProhibited("FixedScope", $"scope '{scope}' is fixed");
                if (!_state.Scopes.Contains(scope)) throw OnvifFaults.InvalidArgVal("NoScope", $"scope '{scope}' does not exist");
            }
        }
        Update(s => s with { Scopes = s.Scopes.Where(x => !scopes.Contains(x)).ToList() });
        return scopes;
    }

    public void SetDiscoverable(bool discoverable) => Update(s => s with { Discoverable = discoverable });

    private void Update(Func<State, State> change)
    {
        lock (_gate)
        {
            var next = change(_state);
            _store.Write(DocumentName, JsonSerializer.Serialize(next));
            _state = next;
        }
        Changed?.Invoke();
    }

    private State Load()
    {
        var text = _store.Read(DocumentName);
        var state = text is null ? null : JsonSerializer.Deserialize<State>(text);
        return state ?? new State(_identity.DefaultConfigurableScopes.ToList(), true);
    }

    private static void CheckScope(string scope)
    {
        if (!Uri.TryCreate(scope, UriKind.Absolute, out _))
            throw OnvifFaults.InvalidArgs($"scope '{scope}' is not an absolute URI");
    }

    private sealed record State(List<string> Scopes, bool Discoverable);
}
