using Camlab.Device.Events;

namespace Camlab.Onvif.Events;

/// <summary>
/// The event faults acting on one camera's event service. Every subscription (pull point and push) receives the
/// bus's messages through <see cref="Deliver"/>: a <see cref="EventFault.NotificationDrop"/> draws whether this
/// delivery happens at all, a <see cref="EventFault.NotificationDelay"/> holds it on the camera clock (the injected
/// TimeProvider, so a fake or manual clock releases it only when advanced). The draws come from the injected random
/// source, so a seeded run repeats. Messages a subscription gets without the bus — the Initialized states of a new
/// subscription and of SetSynchronizationPoint — are never delayed or dropped, and neither are messages of
/// <see cref="ExemptTopic"/> (the fault's own begin and end). A <see cref="EventFault.SubscriptionExpiry"/> caps
/// every subscription's life (<see cref="EndsBy"/>); <see cref="ExpiryChanged"/> tells the service to apply it. With
/// no fault active a delivery costs one volatile read.
/// </summary>
public sealed class EventFaults(TimeProvider time, Random random, string? exemptTopic = null) : IDisposable
{
    private readonly object _gate = new();
    private readonly List<EventFault> _active = new();
    private readonly List<HeldDelivery> _held = new();
    private volatile EventFault[] _snapshot = [];
    private (EventFault.SubscriptionExpiry Fault, DateTimeOffset Began)? _expiry;
    private long _sequence;
    private bool _disposed;

    /// <summary>A delayed delivery: the message, where it goes, when, and which faults held it.</summary>
    private sealed record HeldDelivery(long Sequence, DateTimeOffset Due, EventMessage Message, Action<EventMessage> Offer, IReadOnlyList<EventFault> By)
    {
        public ITimer? Timer { get; set; }
    }

    /// <summary>The topic (without prefix) no event fault touches: the fault topic itself, so a log shows when a fault began and ended.</summary>
    public string? ExemptTopic { get; } = exemptTopic;

    /// <summary>Raised when a <see cref="EventFault.SubscriptionExpiry"/> begins or ends: every subscription's end must be computed again.</summary>
    public event Action? ExpiryChanged;

    /// <summary>Deliveries held by a delay now.</summary>
    public int Held { get { lock (_gate) return _held.Count; } }

    public void Begin(EventFault fault)
    {
        lock (_gate)
        {
            _active.Add(fault);
            _snapshot = [.. _active];
            if (fault is EventFault.SubscriptionExpiry expiry) _expiry = (expiry, time.GetUtcNow());
        }
        if (fault is EventFault.SubscriptionExpiry) ExpiryChanged?.Invoke();
    }

    /// <summary>Ends a fault; the deliveries a delay still holds are made now, in the order they were due.</summary>
    public void End(EventFault fault)
    {
        List<HeldDelivery> released;
        lock (_gate)
        {
            if (!_active.Remove(fault)) return;
            _snapshot = [.. _active];
            if (_expiry?.Fault == fault) _expiry = null;
            released = TakeLocked(h => h.By.Contains(fault));
        }
        foreach (var held in released) held.Offer(held.Message);
        if (fault is EventFault.SubscriptionExpiry) ExpiryChanged?.Invoke();
    }

    /// <summary>
    /// When a subscription created or last renewed at <paramref name="renewedAt"/> must end while a
    /// <see cref="EventFault.SubscriptionExpiry"/> acts (its lifetime from then, or from the fault's begin for an older
    /// one); null when none acts.
    /// </summary>
    public DateTimeOffset? EndsBy(DateTimeOffset renewedAt)
    {
        lock (_gate)
            return _expiry is { } e ? (renewedAt > e.Began ? renewedAt : e.Began) + e.Fault.Lifetime : null;
    }

    /// <summary>Hands <paramref name="message"/> to <paramref name="offer"/> (one subscription's) now, later or never, as the active faults decide.</summary>
    public void Deliver(EventMessage message, Action<EventMessage> offer)
    {
        var faults = _snapshot;
        if (faults.Length == 0 || message.Topic == ExemptTopic)
        {
            offer(message);
            return;
        }
        var delay = TimeSpan.Zero;
        List<EventFault>? by = null;
        foreach (var fault in faults)
        {
            if (!fault.Covers(message.Topic)) continue;
            switch (fault)
            {
                case EventFault.NotificationDrop drop when drop.Share >= 1 || Draw() < drop.Share:
                    return;
                case EventFault.NotificationDelay late:
                    delay += late.Delay + (late.Jitter > TimeSpan.Zero ? TimeSpan.FromTicks((long)(Draw() * late.Jitter.Ticks)) : TimeSpan.Zero);
                    (by ??= []).Add(fault);
                    break;
            }
        }
        if (by is null || delay <= TimeSpan.Zero)
        {
            offer(message);
            return;
        }
        lock (_gate)
        {
            if (_disposed) return;
            var held = new HeldDelivery(++_sequence, time.GetUtcNow() + delay, message, offer, by);
            _held.Add(held);
            held.Timer = time.CreateTimer(_ => ReleaseDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            // Armed after it is stored: a timer a fake clock fires at once still finds its delivery.
            held.Timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var held in _held) held.Timer?.Dispose();
            _held.Clear();
        }
    }

    // Every delivery that is due, in due order (ties: the order they were held), whichever timer fired first.
    private void ReleaseDue()
    {
        List<HeldDelivery> due;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            due = TakeLocked(h => h.Due <= now);
        }
        foreach (var held in due) held.Offer(held.Message);
    }

    private List<HeldDelivery> TakeLocked(Func<HeldDelivery, bool> which)
    {
        var taken = _held.Where(which).OrderBy(h => h.Due).ThenBy(h => h.Sequence).ToList();
        foreach (var held in taken)
        {
            _held.Remove(held);
            held.Timer?.Dispose();
        }
        return taken;
    }

    private double Draw()
    {
        lock (random) return random.NextDouble();
    }
}
