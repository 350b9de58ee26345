namespace Camlab.Device.Events;

/// <summary>
/// The in-process event bus of one camera. The domain publishes; the Events service's subscriptions listen.
/// It remembers the last state of every property so a new subscription (and SetSynchronizationPoint) can be
/// given the current states as <see cref="PropertyOperation.Initialized"/> messages.
/// </summary>
public sealed class EventBus
{
    private readonly object _gate = new();
    private readonly List<Action<EventMessage>> _listeners = new();
    private readonly Dictionary<string, EventMessage> _properties = new(StringComparer.Ordinal);
    private readonly Func<TimeSpan>? _clockOffset;

    public EventBus() { }

    /// <param name="clockOffset">
    /// Camera time minus host time (SetSystemDateAndTime): publishers stamp messages on the host clock that their
    /// motion runs on; the bus moves each stamp onto the camera's clock, so event times follow a skewed camera.
    /// </param>
    public EventBus(Func<TimeSpan> clockOffset) => _clockOffset = clockOffset;

    public void Publish(EventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_clockOffset?.Invoke() is { Ticks: not 0 } offset) message = message with { UtcTime = message.UtcTime + offset };
        PublishStamped(message);
    }

    /// <summary>Publishes a message already on the camera's clock (one derived from a message this bus delivered).</summary>
    public void PublishStamped(EventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Action<EventMessage>[] listeners;
        lock (_gate)
        {
            if (message.IsProperty)
            {
                if (message.Operation == PropertyOperation.Deleted) _properties.Remove(message.PropertyKey);
                else _properties[message.PropertyKey] = message;
            }
            listeners = _listeners.ToArray();
        }
        foreach (var listener in listeners) listener(message);
    }

    /// <summary>Listens to every message published from now on. Dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<EventMessage> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate) _listeners.Add(listener);
        return new Subscription(this, listener);
    }

    /// <summary>The current state of every property, as Initialized messages stamped with <paramref name="now"/>.</summary>
    public IReadOnlyList<EventMessage> CurrentProperties(DateTimeOffset now)
    {
        lock (_gate)
            return _properties.Values
                .Select(m => m with { UtcTime = now, Operation = PropertyOperation.Initialized })
                .ToList();
    }

    private sealed class Subscription(EventBus bus, Action<EventMessage> listener) : IDisposable
    {
        public void Dispose() { lock (bus._gate) bus._listeners.Remove(listener); }
    }
}
