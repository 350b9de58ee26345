using Camlab.Device.Events;

namespace Camlab.Onvif.Events;

/// <summary>What Renew and Unsubscribe act on: a pull point or a push (WS-BaseNotification) subscription.</summary>
public interface IEventSubscription : IDisposable
{
    string Id { get; }

    DateTimeOffset TerminationTime { get; }

    /// <summary>When the subscription was created or last renewed (a <see cref="EventFault.SubscriptionExpiry"/> counts its lifetime from there).</summary>
    DateTimeOffset RenewedAt { get; }

    void Renew(DateTimeOffset terminationTime);

    /// <summary>
    /// Ends the subscription at <paramref name="endsBy"/> when that comes before its termination time (an event
    /// fault); null lifts the limit. The termination time the client was given does not change.
    /// </summary>
    void Limit(DateTimeOffset? endsBy);

    /// <summary>Queues the current property states (core 9.6: Initialized, never faulted), then listens to the bus through <paramref name="faults"/>.</summary>
    void Attach(EventBus bus, EventFaults? faults);
}
