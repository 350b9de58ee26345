using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Camlab.Device.Events;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>Limits of the events service.</summary>
public sealed record EventsOptions
{
    public int MaxPullPoints { get; init; } = 32;
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public int MaxMessageLimit { get; init; } = 1000;
    /// <summary>Termination time of a subscription created without InitialTerminationTime.</summary>
    public TimeSpan DefaultTermination { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>A longer requested termination is shortened to this (WS-BaseNotification lets the producer choose).</summary>
    public TimeSpan MaxTermination { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Push (WS-BaseNotification Subscribe) subscriptions that may exist at once: MaxNotificationProducers.</summary>
    public int MaxPushSubscriptions { get; init; } = 16;
    public PushDeliveryOptions Push { get; init; } = new();
}

/// <summary>
/// The ONVIF event service (tev, core spec 9) with pull-point subscriptions: GetEventProperties,
/// CreatePullPointSubscription (topic and message content filters), PullMessages (long poll), Renew,
/// Unsubscribe, SetSynchronizationPoint — and, given an <see cref="INotificationConsumer"/>, WS-BaseNotification
/// Subscribe with Notify pushed to the consumer (<see cref="PushSubscription"/>). Subscriptions of both kinds live at
/// <c>.../event_service/subscription/{id}</c>.
/// </summary>
public sealed class EventsService : IOnvifService
{
    private const string SubscriptionPath = "/subscription/";

    private readonly EventBus _bus;
    private readonly EventTopics _topics;
    private readonly TimeProvider _time;
    private readonly EventsOptions _options;
    private readonly INotificationConsumer? _consumer;
    private readonly Dictionary<string, IEventSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Random? _subscriptionIds;
    private readonly EventFaults? _faults;

    /// <summary>The limits GetServiceCapabilities reports and subscriptions obey (MaxPullPoints, timeouts, message limit).</summary>
    public EventsOptions Options => _options;

    // The id in a subscription's address. A seeded generator (camlab serve --seed) makes a run's addresses repeatable;
    // the address is no secret either way (every operation on it authenticates). Called under the subscriptions' lock.
    private string NewSubscriptionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        if (_subscriptionIds is { } random) random.NextBytes(bytes);
        else RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <param name="subscriptionIds">Draws subscription ids; null uses the system's cryptographic generator.</param>
    /// <param name="consumer">Delivers Notify to push consumers; null: Subscribe is not offered (MaxNotificationProducers 0).</param>
    /// <param name="faults">The event faults between the bus and the subscriptions (docs/faults.md); null: none can act.</param>
    public EventsService(EventBus bus, EventTopics topics, TimeProvider time, EventsOptions? options = null, INotificationConsumer? consumer = null,
        Random? subscriptionIds = null, EventFaults? faults = null)
    {
        _faults = faults;
        if (faults is not null) faults.ExpiryChanged += ApplyExpiry;
        _bus = bus;
        _topics = topics;
        _time = time;
        _options = options ?? new EventsOptions();
        _consumer = consumer;
        _subscriptionIds = subscriptionIds;
        List<SoapOperation> push = consumer is null ? [] : [new("Subscribe", AccessClass.ReadMedia, Subscribe) { Namespace = OnvifNamespaces.BaseNotification }];
        Operations =
        [
            .. push,
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetEventProperties", AccessClass.ReadMedia, GetEventProperties),
            new("CreatePullPointSubscription", AccessClass.ReadMedia, CreatePullPointSubscription),
            new SoapOperation("PullMessages", AccessClass.ReadMedia, PullMessagesAsync),
            new("SetSynchronizationPoint", AccessClass.ReadMedia, SetSynchronizationPoint),
            new("Renew", AccessClass.ReadMedia, Renew) { Namespace = OnvifNamespaces.BaseNotification },
            new("Unsubscribe", AccessClass.ReadMedia, Unsubscribe) { Namespace = OnvifNamespaces.BaseNotification },
        ];
    }

    public string Namespace => OnvifNamespaces.Events;

    public string PathSegment => "event_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    public int SubscriptionCount { get { lock (_subscriptions) return _subscriptions.Count; } }

    /// <summary>The event faults acting on this service's deliveries and subscriptions; null when none can act.</summary>
    public EventFaults? Faults => _faults;

    // A SubscriptionExpiry began or ended: every subscription's end is computed again (outside the lock: one may end at once).
    private void ApplyExpiry()
    {
        List<IEventSubscription> all;
        lock (_subscriptions) all = _subscriptions.Values.ToList();
        foreach (var subscription in all) ApplyLimit(subscription, lift: true);
    }

    // The subscription's end under a SubscriptionExpiry; one already due ends now rather than on a timer's next turn.
    private void ApplyLimit(IEventSubscription subscription, bool lift)
    {
        if (_faults?.EndsBy(subscription.RenewedAt) is not { } endsBy)
        {
            if (lift) subscription.Limit(null);
            return;
        }
        if (endsBy <= _time.GetUtcNow()) Remove(subscription);
        else subscription.Limit(endsBy);
    }

    // Listens to the bus (through the faults) and applies a SubscriptionExpiry acting now.
    private void Start(IEventSubscription subscription)
    {
        subscription.Attach(_bus, _faults);
        ApplyLimit(subscription, lift: false);
    }

    public void WriteCapabilities(XmlWriter w)
    {
        w.Start(OnvifNamespaces.Events, "Capabilities");
        w.Attr("WSSubscriptionPolicySupport", "false");
        w.Attr("WSPausableSubscriptionManagerInterfaceSupport", "false");
        w.Attr("MaxNotificationProducers", OnvifXml.Int(_consumer is null ? 0 : _options.MaxPushSubscriptions));
        w.Attr("MaxPullPoints", OnvifXml.Int(_options.MaxPullPoints));
        w.Attr("PersistentNotificationStorage", "false");
        w.End();
    }

    /// <summary>Ends every subscription (SystemReboot: a rebooted device forgets its subscriptions).</summary>
    public void Reset()
    {
        List<IEventSubscription> all;
        lock (_subscriptions)
        {
            all = _subscriptions.Values.ToList();
            _subscriptions.Clear();
        }
        foreach (var subscription in all) subscription.Dispose();
    }

    private void GetServiceCapabilities(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Events, "GetServiceCapabilitiesResponse");
        WriteCapabilities(w);
        w.End();
    }

    private void GetEventProperties(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Events, "GetEventPropertiesResponse");
        w.Element(OnvifNamespaces.Events, "TopicNamespaceLocation", "http://www.onvif.org/onvif/ver10/topics/topicns.xml");
        w.Element(OnvifNamespaces.BaseNotification, "FixedTopicSet", "true");
        _topics.WriteTopicSet(w);
        w.Element(OnvifNamespaces.BaseNotification, "TopicExpressionDialect", TopicFilter.ConcreteSetDialect);
        w.Element(OnvifNamespaces.BaseNotification, "TopicExpressionDialect", TopicFilter.ConcreteDialect);
        w.Element(OnvifNamespaces.Events, "MessageContentFilterDialect", MessageContentFilter.ItemFilterDialect);
        w.Element(OnvifNamespaces.Events, "MessageContentSchemaLocation", "http://www.onvif.org/onvif/ver10/schema/onvif.xsd");
        w.End();
    }

    private void CreatePullPointSubscription(SoapRequest request, XmlWriter w)
    {
        var filter = EventFilter.Parse(request.Body.Child("Filter"));
        var (now, termination) = InitialTermination(request);

        PullPointSubscription subscription;
        lock (_subscriptions)
        {
            if (_subscriptions.Values.OfType<PullPointSubscription>().Count() >= _options.MaxPullPoints)
                throw OnvifFaults.Action("TooManySubscriptions", $"at most {_options.MaxPullPoints} pull points may exist at once");
            var id = NewSubscriptionId();
            subscription = new PullPointSubscription(id, _time, filter.Topics, filter.Content, termination, Expire);
            _subscriptions.Add(id, subscription);
        }
        Start(subscription);

        w.Start(OnvifNamespaces.Events, "CreatePullPointSubscriptionResponse");
        w.Start(OnvifNamespaces.Events, "SubscriptionReference");
        w.Element(OnvifNamespaces.Addressing, "Address", request.ServiceAddress(PathSegment) + SubscriptionPath + subscription.Id);
        w.End();
        w.Element(OnvifNamespaces.BaseNotification, "CurrentTime", OnvifXml.DateTime(now));
        w.Element(OnvifNamespaces.BaseNotification, "TerminationTime", OnvifXml.DateTime(termination));
        w.End();
    }

    // WS-BaseNotification 4.2 Subscribe, ONVIF core 9.3: Notify goes to ConsumerReference/Address over HTTP POST.
    private void Subscribe(SoapRequest request, XmlWriter w)
    {
        var consumerText = request.Body.RequiredChild("ConsumerReference").RequiredText("Address");
        if (!Uri.TryCreate(consumerText, UriKind.Absolute, out var consumer) || consumer.Scheme is not ("http" or "https"))
            throw new SoapFaultException(FaultCode.Sender, $"ConsumerReference '{consumerText}' is not an http(s) address", "ter:InvalidArgVal", "wsnt:SubscribeCreationFailedFault");
        if (request.Body.Child("SubscriptionPolicy") is { HasElements: true })
            throw new SoapFaultException(FaultCode.Sender, "no subscription policy is supported (WSSubscriptionPolicySupport is false)", "ter:InvalidArgVal", "wsnt:UnsupportedPolicyRequestFault");
        var filter = EventFilter.Parse(request.Body.Child("Filter"));
        var (now, termination) = InitialTermination(request);

        PushSubscription subscription;
        lock (_subscriptions)
        {
            if (_subscriptions.Values.OfType<PushSubscription>().Count() >= _options.MaxPushSubscriptions)
                throw new SoapFaultException(FaultCode.Receiver, $"at most {_options.MaxPushSubscriptions} push subscriptions may exist at once",
                    "ter:Action", "wsnt:SubscribeCreationFailedFault");
            var id = NewSubscriptionId();
            var address = request.ServiceAddress(PathSegment) + SubscriptionPath + id;
            subscription = new PushSubscription(id, address, consumer, _time, filter, _consumer!, _options.Push, termination, Expire);
            _subscriptions.Add(id, subscription);
        }
        Start(subscription);

        w.Start(OnvifNamespaces.BaseNotification, "SubscribeResponse");
        w.Start(OnvifNamespaces.BaseNotification, "SubscriptionReference");
        w.Element(OnvifNamespaces.Addressing, "Address", subscription.Address);
        w.End();
        w.Element(OnvifNamespaces.BaseNotification, "CurrentTime", OnvifXml.DateTime(now));
        w.Element(OnvifNamespaces.BaseNotification, "TerminationTime", OnvifXml.DateTime(termination));
        w.End();
    }

    /// <summary>The push subscriptions now alive (tests, diagnostics).</summary>
    public IReadOnlyList<PushSubscription> PushSubscriptions { get { lock (_subscriptions) return _subscriptions.Values.OfType<PushSubscription>().ToList(); } }

    private async Task PullMessagesAsync(SoapRequest request, XmlWriter w)
    {
        var subscription = Find<PullPointSubscription>(request);
        var timeout = request.Body.ChildDuration("Timeout") ?? throw OnvifFaults.InvalidArgs("PullMessages/Timeout is required");
        var limit = request.Body.ChildInt("MessageLimit") ?? throw OnvifFaults.InvalidArgs("PullMessages/MessageLimit is required");
        if (timeout < TimeSpan.Zero || limit < 1 || timeout > _options.MaxTimeout || limit > _options.MaxMessageLimit)
            throw new SoapFaultException(FaultCode.Sender,
                $"Timeout must lie in [PT0S, {OnvifXml.Duration(_options.MaxTimeout)}] and MessageLimit in [1, {_options.MaxMessageLimit}]", "ter:InvalidArgVal")
            {
                WriteDetail = d =>
                {
                    d.Start(OnvifNamespaces.Events, "PullMessagesFaultResponse");
                    d.Element(OnvifNamespaces.Events, "MaxTimeout", OnvifXml.Duration(_options.MaxTimeout));
                    d.Element(OnvifNamespaces.Events, "MaxMessageLimit", OnvifXml.Int(_options.MaxMessageLimit));
                    d.End();
                },
            };

        var messages = await subscription.PullAsync(timeout, limit, request.Aborted).ConfigureAwait(false);
        // Ended while the request waited (expired, unsubscribed): the same answer the next request would get.
        if (messages.Count == 0 && subscription.Ended) throw Unknown(subscription.Id);
        w.Start(OnvifNamespaces.Events, "PullMessagesResponse");
        w.Element(OnvifNamespaces.Events, "CurrentTime", OnvifXml.DateTime(_time.GetUtcNow()));
        w.Element(OnvifNamespaces.Events, "TerminationTime", OnvifXml.DateTime(subscription.TerminationTime));
        foreach (var message in messages) NotificationWriter.Write(w, message);
        w.End();
    }

    // Core spec 9.1.x: re-sends the current state of every property the subscription's filter accepts.
    private void SetSynchronizationPoint(SoapRequest request, XmlWriter w)
    {
        var subscription = Find<PullPointSubscription>(request);
        foreach (var property in _bus.CurrentProperties(_time.GetUtcNow())) subscription.Offer(property);
        w.WriteElementString("SetSynchronizationPointResponse", OnvifNamespaces.Events, "");
    }

    private void Renew(SoapRequest request, XmlWriter w)
    {
        var subscription = Find(request);
        var now = _time.GetUtcNow();
        var termination = TerminationTime(request.Body.ChildText("TerminationTime"), now, "wsnt:UnacceptableTerminationTimeFault")
            ?? now + _options.DefaultTermination;
        subscription.Renew(termination);
        ApplyLimit(subscription, lift: false);
        w.Start(OnvifNamespaces.BaseNotification, "RenewResponse");
        w.Element(OnvifNamespaces.BaseNotification, "TerminationTime", OnvifXml.DateTime(termination));
        w.Element(OnvifNamespaces.BaseNotification, "CurrentTime", OnvifXml.DateTime(now));
        w.End();
    }

    private void Unsubscribe(SoapRequest request, XmlWriter w)
    {
        var subscription = Find(request);
        Remove(subscription);
        w.WriteElementString("UnsubscribeResponse", OnvifNamespaces.BaseNotification, "");
    }

    private void Expire(IEventSubscription subscription) => Remove(subscription);

    private void Remove(IEventSubscription subscription)
    {
        lock (_subscriptions)
            if (_subscriptions.TryGetValue(subscription.Id, out var current) && current == subscription) _subscriptions.Remove(subscription.Id);
        subscription.Dispose();
    }

    /// <summary>The subscription addressed by the request URL (or, failing that, its wsa:To header).</summary>
    private IEventSubscription Find(SoapRequest request) => Find<IEventSubscription>(request);

    /// <summary>The subscription addressed by the request, which must be a <typeparamref name="T"/> (PullMessages: a pull point).</summary>
    private T Find<T>(SoapRequest request) where T : class, IEventSubscription
    {
        var id = IdFrom(request.EndpointUri?.AbsolutePath);
        if (id is null && request.Header?.Child("To")?.Value.Trim() is { } to && Uri.TryCreate(to, UriKind.Absolute, out var toUri))
            id = IdFrom(toUri.AbsolutePath);
        if (id is null)
            throw new SoapFaultException(FaultCode.Sender, $"{request.Body.Name.LocalName} must be sent to a subscription's address", "ter:InvalidArgVal", "wsrf:ResourceUnknownFault");
        lock (_subscriptions)
            if (_subscriptions.TryGetValue(id, out var subscription))
                return subscription as T ?? throw new SoapFaultException(FaultCode.Sender,
                    $"subscription '{id}' is a push subscription: {request.Body.Name.LocalName} needs a pull point", "ter:InvalidArgVal", "wsrf:ResourceUnknownFault");
        throw Unknown(id);
    }

    // ONVIF core 9.1 / event.wsdl: an unknown or expired subscription is a wsrf-rw:ResourceUnknownFault.
    private static SoapFaultException Unknown(string id) =>
        new(FaultCode.Sender, $"subscription '{id}' does not exist or has expired", "ter:InvalidArgVal", "wsrf:ResourceUnknownFault");

    private static string? IdFrom(string? path)
    {
        if (path is null) return null;
        var at = path.IndexOf(SubscriptionPath, StringComparison.Ordinal);
        return at < 0 ? null : path[(at + SubscriptionPath.Length)..].Trim('/') is { Length: > 0 } id ? id : null;
    }

    /// <summary>Now and the termination a new subscription gets: its InitialTerminationTime, else the default.</summary>
    private (DateTimeOffset Now, DateTimeOffset Termination) InitialTermination(SoapRequest request)
    {
        var now = _time.GetUtcNow();
        return (now, TerminationTime(request.Body.ChildText("InitialTerminationTime"), now, "wsnt:UnacceptableInitialTerminationTimeFault")
            ?? now + _options.DefaultTermination);
    }

    /// <summary>wsnt:AbsoluteOrRelativeTimeType: an xs:duration from now or an xs:dateTime.</summary>
    private DateTimeOffset? TerminationTime(string? text, DateTimeOffset now, string faultSubcode)
    {
        if (string.IsNullOrEmpty(text)) return null;
        DateTimeOffset at;
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            TimeSpan duration;
            try { duration = XmlConvert.ToTimeSpan(text); }
            catch (FormatException) { throw Unacceptable(text, faultSubcode); }
            catch (OverflowException) { throw Unacceptable(text, faultSubcode); }
            if (duration <= TimeSpan.Zero) throw Unacceptable(text, faultSubcode);
            // Capped before it is added: a duration of millions of days would overflow the clock.
            at = now + (duration > _options.MaxTermination ? _options.MaxTermination : duration);
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            throw Unacceptable(text, faultSubcode);
        if (at <= now) throw Unacceptable(text, faultSubcode);
        return at - now > _options.MaxTermination ? now + _options.MaxTermination : at;
    }

    private static SoapFaultException Unacceptable(string text, string subcode) =>
        new(FaultCode.Sender, $"termination time '{EchoedText.Quote(text)}' is not in the future or not an xs:duration/xs:dateTime", "ter:InvalidArgVal", subcode);
}
