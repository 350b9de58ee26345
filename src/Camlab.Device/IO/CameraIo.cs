using System.Text.Json;
using Camlab.Device.Events;
using Camlab.Device.State;

namespace Camlab.Device.IO;

public enum RelayMode { Monostable, Bistable }

/// <summary>tt:RelayIdleState / tt:DigitalIdleState: the electrical state of the contact while inactive.</summary>
public enum IdleState { Closed, Open }

/// <summary>tt:RelayOutputSettings: monostable relays fall back after <see cref="DelayTime"/>, bistable ones stay.</summary>
public sealed record RelaySettings(RelayMode Mode, TimeSpan DelayTime, IdleState IdleState);

public sealed record RelayOutput(string Token, RelaySettings Settings, bool Active);

public sealed record DigitalInput(string Token, IdleState IdleState, bool Active);

/// <summary>Why a relay or input request was refused; the protocol layer maps it to its fault.</summary>
public sealed class IoException(IoError error, string message) : Exception(message)
{
    public IoError Error { get; } = error;
}

public enum IoError { UnknownRelay, UnknownInput, DelayTime, BadInstruction }

/// <summary>
/// The camera's relay outputs and digital inputs (ONVIF DeviceIO service): relay settings are persisted
/// (<c>io/relays.json</c>, written before they apply); a relay set active either stays (bistable) or falls back
/// after its delay time (monostable, a timer on the injected clock). Digital inputs are driven from outside (the
/// fault/IO API). Every change of logical state is published as the property events
/// <c>tns1:Device/Trigger/Relay</c> and <c>tns1:Device/Trigger/DigitalInput</c>.
/// </summary>
public sealed class CameraIo : IDisposable
{
    public const string RelaysDocument = "io/relays.json";
    public const string RelayTopic = "Device/Trigger/Relay";
    public const string DigitalInputTopic = "Device/Trigger/DigitalInput";
    public static readonly TimeSpan MaxDelayTime = TimeSpan.FromHours(1);
    public static readonly RelaySettings DefaultSettings = new(RelayMode.Bistable, TimeSpan.Zero, IdleState.Open);

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly EventBus _bus;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RelayOutput> _relays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DigitalInput> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITimer> _fallbacks = new(StringComparer.Ordinal);

    public CameraIo(IStateStore store, EventBus bus, TimeProvider time, IReadOnlyList<string> relayTokens, IReadOnlyList<string> inputTokens)
    {
        _store = store;
        _bus = bus;
        _time = time;
        RelayTokens = relayTokens;
        InputTokens = inputTokens;
        foreach (var token in inputTokens) _inputs[token] = new DigitalInput(token, IdleState.Open, false);
        Reload();
    }

    public IReadOnlyList<string> RelayTokens { get; }

    public IReadOnlyList<string> InputTokens { get; }

    /// <summary>Raised outside the lock when a relay's logical state changes (what it switches in the picture).</summary>
    public event Action<RelayOutput>? RelayChanged;

    public IReadOnlyList<RelayOutput> Relays { get { lock (_gate) return RelayTokens.Select(t => _relays[t]).ToList(); } }

    public IReadOnlyList<DigitalInput> Inputs { get { lock (_gate) return InputTokens.Select(t => _inputs[t]).ToList(); } }

    /// <summary>Rereads the persisted settings; every relay goes inactive (a rebooted device starts idle).</summary>
    public void Reload()
    {
        var stored = _store.Read(RelaysDocument) is { } text ? JsonSerializer.Deserialize<Dictionary<string, RelaySettings>>(text) : null;
        lock (_gate)
        {
            foreach (var timer in _fallbacks.Values) timer.Dispose();
            _fallbacks.Clear();
            foreach (var token in RelayTokens)
                _relays[token] = new RelayOutput(token, stored?.GetValueOrDefault(token) ?? DefaultSettings, false);
        }
        foreach (var relay in Relays) Publish(relay, PropertyOperation.Initialized);
        foreach (var input in Inputs) Publish(input, PropertyOperation.Initialized);
    }

    public void SetRelaySettings(string token, RelaySettings settings)
    {
        if (settings.DelayTime < TimeSpan.Zero || settings.DelayTime > MaxDelayTime)
            throw new IoException(IoError.DelayTime, $"DelayTime {settings.DelayTime} is outside 0..{MaxDelayTime}");
        if (settings.Mode == RelayMode.Monostable && settings.DelayTime == TimeSpan.Zero)
            throw new IoException(IoError.DelayTime, "a monostable relay needs a DelayTime above zero");
        lock (_gate)
        {
            var relay = Relay(token);
            var all = RelayTokens.ToDictionary(t => t, t => t == token ? settings : _relays[t].Settings);
            _store.Write(RelaysDocument, JsonSerializer.Serialize(all));
            _relays[token] = relay with { Settings = settings };
        }
    }

    /// <summary>SetRelayOutputState: active switches the relay; a monostable one falls back after its delay time.</summary>
    public void SetRelayState(string token, bool active)
    {
        RelayOutput changed;
        lock (_gate)
        {
            var relay = Relay(token);
            if (_fallbacks.Remove(token, out var pending)) pending.Dispose();
            if (active && relay.Settings.Mode == RelayMode.Monostable)
                _fallbacks[token] = _time.CreateTimer(_ => FallBack(token), null, relay.Settings.DelayTime, Timeout.InfiniteTimeSpan);
            if (relay.Active == active) return;
            changed = _relays[token] = relay with { Active = active };
        }
        Publish(changed, PropertyOperation.Changed);
        RelayChanged?.Invoke(changed);
    }

    private void FallBack(string token)
    {
        RelayOutput changed;
        lock (_gate)
        {
            if (!_fallbacks.Remove(token, out var timer)) return;
            timer.Dispose();
            if (!_relays[token].Active) return;
            changed = _relays[token] = _relays[token] with { Active = false };
        }
        Publish(changed, PropertyOperation.Changed);
        RelayChanged?.Invoke(changed);
    }

    /// <summary>Drives a digital input (the signal wired to it goes active or inactive).</summary>
    public void SetInput(string token, bool active)
    {
        DigitalInput changed;
        lock (_gate)
        {
            var input = _inputs.GetValueOrDefault(token) ?? throw new IoException(IoError.UnknownInput, $"there is no digital input '{token}'");
            if (input.Active == active) return;
            changed = _inputs[token] = input with { Active = active };
        }
        Publish(changed, PropertyOperation.Changed);
    }

    /// <summary>Parses <c>DigitalInput_1=true|false</c> instructions; throws <see cref="IoException"/> on the first bad one.</summary>
    public IReadOnlyList<(string Token, bool Active)> Parse(IEnumerable<string> instructions) =>
        instructions.Select(i => ParseInput(i, InputTokens)).ToList();

    public void Apply(IReadOnlyList<(string Token, bool Active)> parsed)
    {
        foreach (var (token, active) in parsed) SetInput(token, active);
    }

    /// <summary>
    /// Whether an instruction is meant for a digital input (<c>DigitalInput_n=...</c>, no video source before it), known
    /// or not: the configuration routes it here so that a wrong input number gets this class's error.
    /// </summary>
    public static bool NamesAnInput(string instruction) =>
        !instruction.Contains('/') && instruction.StartsWith(InputTokenPrefix, StringComparison.Ordinal);

    public const string InputTokenPrefix = "DigitalInput";

    /// <summary>Parses one <c>DigitalInput_1=true|false</c> instruction against the given inputs.</summary>
    public static (string Token, bool Active) ParseInput(string instruction, IReadOnlyCollection<string> inputTokens)
    {
        var at = instruction.IndexOf('=');
        var token = at < 0 ? instruction : instruction[..at];
        if (!inputTokens.Contains(token))
            throw new IoException(IoError.UnknownInput, $"'{instruction}': there is no digital input '{token}' (the camera has {string.Join(", ", inputTokens)})");
        if (at < 0) throw new IoException(IoError.BadInstruction, $"'{instruction}': write {token}=true or {token}=false");
        return instruction[(at + 1)..] switch
        {
            "true" => (token, true),
            "false" => (token, false),
            var v => throw new IoException(IoError.BadInstruction, $"'{instruction}': a digital input is true or false, not '{v}'"),
        };
    }

    private RelayOutput Relay(string token) =>
        _relays.GetValueOrDefault(token) ?? throw new IoException(IoError.UnknownRelay, $"there is no relay output '{token}'");

    private void Publish(RelayOutput relay, PropertyOperation operation) =>
        _bus.Publish(new EventMessage(RelayTopic, _time.GetUtcNow(), [new("RelayToken", relay.Token)],
            [new("LogicalState", relay.Active ? "active" : "inactive")], operation));

    private void Publish(DigitalInput input, PropertyOperation operation) =>
        _bus.Publish(new EventMessage(DigitalInputTopic, _time.GetUtcNow(), [new("InputToken", input.Token)],
            [new("LogicalState", input.Active ? "true" : "false")], operation));

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _fallbacks.Values) timer.Dispose();
            _fallbacks.Clear();
        }
    }
}
