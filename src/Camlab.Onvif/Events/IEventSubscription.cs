namespace Camlab.Onvif.Events;

/// <summary>What Renew and Unsubscribe act on: a pull point or a push (WS-BaseNotification) subscription.</summary>
public interface IEventSubscription : IDisposable
{
    string Id { get; }

    DateTimeOffset TerminationTime { get; }

    void Renew(DateTimeOffset terminationTime);
}
