using Camlab.Device.Events;

namespace Camlab.Onvif.Events;

/// <summary>
/// One pull point (ONVIF core 9.1.x "Realization of a pull point"): messages that pass its filters queue here
/// until PullMessages takes them; it ends at its termination time unless renewed. The queue is bounded: when a
/// client stops pulling, the oldest messages are dropped rather than memory growing without limit.
/// </summary>
public sealed class PullPointSubscription : IEventSubscription
{
    public const int MaxQueuedMessages = 1000;

    private readonly object _gate = new();
    private readonly Queue<EventMessage> _queue = new();
    private readonly TimeProvider _time;
    private readonly TopicFilter? _topics;
    private readonly IReadOnlyList<MessageContentFilter> _content;
    private readonly ITimer _expiry;
    private readonly Action<PullPointSubscription> _expired;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _busSubscription;
    private DateTimeOffset _terminationTime;
    private DateTimeOffset _renewedAt;
    private DateTimeOffset? _endsBy;
    private bool _disposed;

    public PullPointSubscription(string id, TimeProvider time, TopicFilter? topics, IReadOnlyList<MessageContentFilter> content,
        DateTimeOffset terminationTime, Action<PullPointSubscription> expired)
    {
        Id = id;
        _time = time;
        _topics = topics;
        _content = content;
        _expired = expired;
        _expiry = time.CreateTimer(_ => _expired(this), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Renew(terminationTime);
    }

    public string Id { get; }

    public DateTimeOffset TerminationTime { get { lock (_gate) return _terminationTime; } }

    public DateTimeOffset RenewedAt { get { lock (_gate) return _renewedAt; } }

    /// <summary>True once the subscription ended (expired, unsubscribed or reset).</summary>
    public bool Ended { get { lock (_gate) return _disposed; } }

    /// <summary>Starts listening to the bus, first queueing the current property states (core 9.6: Initialized).</summary>
    public void Attach(EventBus bus, EventFaults? faults = null)
    {
        foreach (var property in bus.CurrentProperties(_time.GetUtcNow())) Offer(property);
        var listening = bus.Subscribe(faults is null ? Offer : message => faults.Deliver(message, Offer));
        lock (_gate)
        {
            if (!_disposed)
            {
                _busSubscription = listening;
                return;
            }
        }
        listening.Dispose();
    }

    public bool Accepts(EventMessage message) =>
        (_topics is null || _topics.Matches(message.Topic)) && _content.All(f => f.Matches(message));

    public void Offer(EventMessage message)
    {
        if (!Accepts(message)) return;
        TaskCompletionSource arrived;
        lock (_gate)
        {
            if (_disposed) return;
            if (_queue.Count >= MaxQueuedMessages) _queue.Dequeue();
            _queue.Enqueue(message);
            arrived = _arrived;
        }
        arrived.TrySetResult();
    }

    public void Renew(DateTimeOffset terminationTime)
    {
        lock (_gate)
        {
            _terminationTime = terminationTime;
            _renewedAt = _time.GetUtcNow();
            _endsBy = null; // a limit counted from the previous renewal; the service sets the new one
            ScheduleLocked();
        }
    }

    public void Limit(DateTimeOffset? endsBy)
    {
        lock (_gate)
        {
            _endsBy = endsBy;
            ScheduleLocked();
        }
    }

    private void ScheduleLocked()
    {
        if (_disposed) return;
        var end = _endsBy is { } limit && limit < _terminationTime ? limit : _terminationTime;
        var due = end - _time.GetUtcNow();
        _expiry.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> messages, waiting up to <paramref name="timeout"/> for the first one
    /// (a long poll: real waiting on the TimeProvider, so a fake clock ends it in tests).
    /// </summary>
    public async Task<IReadOnlyList<EventMessage>> PullAsync(TimeSpan timeout, int limit, CancellationToken cancel)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_queue.Count > 0 || _disposed)
                {
                    var taken = new List<EventMessage>();
                    while (_queue.Count > 0 && taken.Count < limit) taken.Add(_queue.Dequeue());
                    return taken;
                }
                if (_arrived.Task.IsCompleted) _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _arrived.Task;
            }
            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return [];
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var delay = Task.Delay(remaining, _time, stop.Token);
            await Task.WhenAny(arrived, delay).ConfigureAwait(false);
            stop.Cancel();
            cancel.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        TaskCompletionSource arrived;
        IDisposable? listening;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            arrived = _arrived;
            listening = _busSubscription;
        }
        listening?.Dispose();
        _expiry.Dispose();
        arrived.TrySetResult();
    }
}
