using System.Threading.Channels;
using Camlab.Device.Events;
using Polly;
using Polly.Retry;

namespace Camlab.Onvif.Events;

/// <summary>How a push subscription delivers: batch size, queue bound and the retry policy.</summary>
public sealed record PushDeliveryOptions
{
    /// <summary>Messages waiting for the consumer; when it falls behind, the oldest are dropped.</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>At most this many messages per Notify.</summary>
    public int MaxMessagesPerNotify { get; init; } = 32;

    /// <summary>Retries of one Notify after the first attempt failed; when they fail too the subscription ends.</summary>
    public int Retries { get; init; } = 4;

    /// <summary>The first retry's delay; each further one doubles it (1, 2, 4, 8 s by default).</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// A WS-BaseNotification push subscription (ONVIF core 9.3 "Basic notification interface"): messages that pass
/// its filter are queued (bounded, never blocking the publisher) and a sender task of its own posts them to the
/// consumer as Notify, in order, with retries and exponential backoff (Polly). A consumer that still fails after
/// the retries ends the subscription; so does the termination time, unless renewed.
/// </summary>
public sealed class PushSubscription : IEventSubscription
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly EventFilter _filter;
    private readonly INotificationConsumer _consumer;
    private readonly PushDeliveryOptions _options;
    private readonly Action<PushSubscription> _ended;
    private readonly Channel<EventMessage> _queue;
    private readonly ResiliencePipeline _delivery;
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _expiry;
    private IDisposable? _busSubscription;
    private DateTimeOffset _terminationTime;
    private DateTimeOffset _renewedAt;
    private DateTimeOffset? _endsBy;
    private Task _sender = Task.CompletedTask;
    private bool _disposed;

    public PushSubscription(string id, string address, Uri consumerAddress, TimeProvider time, EventFilter filter, INotificationConsumer consumer,
        PushDeliveryOptions options, DateTimeOffset terminationTime, Action<PushSubscription> ended)
    {
        Id = id;
        Address = address;
        ConsumerAddress = consumerAddress;
        _time = time;
        _filter = filter;
        _consumer = consumer;
        _options = options;
        _ended = ended;
        _queue = Channel.CreateBounded<EventMessage>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _delivery = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !_stop.IsCancellationRequested),
            })
            .Build();
        _expiry = time.CreateTimer(_ => _ended(this), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Renew(terminationTime);
    }

    public string Id { get; }

    /// <summary>The subscription's own address (Renew, Unsubscribe), also sent in every Notify.</summary>
    public string Address { get; }

    public Uri ConsumerAddress { get; }

    public DateTimeOffset TerminationTime { get { lock (_gate) return _terminationTime; } }

    public DateTimeOffset RenewedAt { get { lock (_gate) return _renewedAt; } }

    /// <summary>Notify messages the consumer accepted.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    /// <summary>Queues the current property states (core 9.6: Initialized, sent first), listens to the bus and starts sending.</summary>
    public void Attach(EventBus bus, EventFaults? faults = null)
    {
        foreach (var property in bus.CurrentProperties(_time.GetUtcNow())) Offer(property);
        var listening = bus.Subscribe(faults is null ? Offer : message => faults.Deliver(message, Offer));
        lock (_gate)
        {
            if (_disposed)
            {
                listening.Dispose();
                return;
            }
            _busSubscription = listening;
        }
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Called on the publisher's thread: filters and queues, never waits.</summary>
    public void Offer(EventMessage message)
    {
        if (_filter.Accepts(message)) _queue.Writer.TryWrite(message);
    }

    public void Renew(DateTimeOffset terminationTime)
    {
        lock (_gate)
        {
            if (_disposed) return;
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
            if (_disposed) return;
            _endsBy = endsBy;
            ScheduleLocked();
        }
    }

    private void ScheduleLocked()
    {
        var end = _endsBy is { } limit && limit < _terminationTime ? limit : _terminationTime;
        var due = end - _time.GetUtcNow();
        _expiry.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task SendLoopAsync()
    {
        var cancel = _stop.Token;
        var batch = new List<EventMessage>(_options.MaxMessagesPerNotify);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxMessagesPerNotify && _queue.Reader.TryRead(out var message)) batch.Add(message);
                var envelope = NotifyEnvelope.Create(ConsumerAddress, Address, batch);
                try
                {
                    await _delivery.ExecuteAsync(async ct => await _consumer.SendAsync(ConsumerAddress, envelope, ct).ConfigureAwait(false), cancel)
                        .ConfigureAwait(false);
                    Interlocked.Add(ref _delivered, batch.Count);
                }
                catch (Exception) when (!cancel.IsCancellationRequested)
                {
                    // The consumer failed every retry: it is gone, and the subscription with it.
                    _ended(this);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        IDisposable? listening;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            listening = _busSubscription;
        }
        listening?.Dispose();
        _expiry.Dispose();
        _queue.Writer.TryComplete();
        _stop.Cancel();
    }

    /// <summary>For tests and shutdown: completes when the sender task has stopped.</summary>
    public Task Stopped => _sender;
}
