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
}

/// <summary>
/// The ONVIF event service (tev, core spec 9) with pull-point subscriptions: GetEventProperties,
/// CreatePullPointSubscription (topic and message content filters), PullMessages (long poll), Renew,
/// Unsubscribe, SetSynchronizationPoint. Subscriptions live at <c>.../event_service/subscription/{id}</c>.
/// </summary>
public sealed class EventsService : IOnvifService
{
    private const string SubscriptionPath = "/subscription/";

    private readonly EventBus _bus;
    private readonly EventTopics _topics;
    private readonly TimeProvider _time;
    private readonly EventsOptions _options;
    private readonly Dictionary<string, PullPointSubscription> _subscriptions = new(StringComparer.Ordinal);

    public EventsService(EventBus bus, EventTopics topics, TimeProvider time, EventsOptions? options = null)
    {
        _bus = bus;
        _topics = topics;
        _time = time;
        _options = options ?? new EventsOptions();
        Operations =
        [
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

    public void WriteCapabilities(XmlWriter w)
    {
        w.Start(OnvifNamespaces.Events, "Capabilities");
        w.Attr("WSSubscriptionPolicySupport", "false");
        w.Attr("WSPausableSubscriptionManagerInterfaceSupport", "false");
        w.Attr("MaxNotificationProducers", "0");
        w.Attr("MaxPullPoints", OnvifXml.Int(_options.MaxPullPoints));
        w.Attr("PersistentNotificationStorage", "false");
        w.End();
    }

    /// <summary>Ends every subscription (SystemReboot: a rebooted device forgets its subscriptions).</summary>
    public void Reset()
    {
        List<PullPointSubscription> all;
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

    /// <summary>Most MessageContent elements in one Filter (each is bounded by <see cref="MessageContentFilter"/>'s limits).</summary>
    public const int MaxMessageContentFilters = 8;

    private void CreatePullPointSubscription(SoapRequest request, XmlWriter w)
    {
        TopicFilter? topics = null;
        var content = new List<MessageContentFilter>();
        if (request.Body.Child("Filter") is { } filter)
        {
            foreach (var expression in filter.Elements())
            {
                switch (expression.Name.LocalName)
                {
                    case "TopicExpression":
                        if (topics is not null) throw new SoapFaultException(FaultCode.Sender, "only one TopicExpression is supported; use '|' for alternatives", "ter:InvalidArgVal", "wsnt:InvalidFilterFault");
                        topics = TopicFilter.Parse(expression);
                        break;
                    case "MessageContent":
                        if (content.Count >= MaxMessageContentFilters)
                            throw new SoapFaultException(FaultCode.Sender, $"at most {MaxMessageContentFilters} MessageContent filters are accepted", "ter:InvalidArgVal", "wsnt:InvalidFilterFault");
                        content.Add(MessageContentFilter.Parse(expression.Attr("Dialect") ?? "", expression.Value.Trim()));
                        break;
                    default:
                        throw new SoapFaultException(FaultCode.Sender, $"filter element {EchoedText.Quote(expression.Name.LocalName)} is not supported", "ter:InvalidArgVal", "wsnt:InvalidFilterFault");
                }
            }
        }
        var now = _time.GetUtcNow();
        var termination = TerminationTime(request.Body.ChildText("InitialTerminationTime"), now, "wsnt:UnacceptableInitialTerminationTimeFault")
            ?? now + _options.DefaultTermination;

        PullPointSubscription subscription;
        lock (_subscriptions)
        {
            if (_subscriptions.Count >= _options.MaxPullPoints)
                throw OnvifFaults.Action("TooManySubscriptions", $"at most {_options.MaxPullPoints} pull points may exist at once");
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            subscription = new PullPointSubscription(id, _time, topics, content, termination, Expire);
            _subscriptions.Add(id, subscription);
        }
        subscription.Attach(_bus);

        w.Start(OnvifNamespaces.Events, "CreatePullPointSubscriptionResponse");
        w.Start(OnvifNamespaces.Events, "SubscriptionReference");
        w.Element(OnvifNamespaces.Addressing, "Address", request.ServiceAddress(PathSegment) + SubscriptionPath + subscription.Id);
        w.End();
        w.Element(OnvifNamespaces.BaseNotification, "CurrentTime", OnvifXml.DateTime(now));
        w.Element(OnvifNamespaces.BaseNotification, "TerminationTime", OnvifXml.DateTime(termination));
        w.End();
    }

    private async Task PullMessagesAsync(SoapRequest request, XmlWriter w)
    {
        var subscription = Find(request);
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
        w.Start(OnvifNamespaces.Events, "PullMessagesResponse");
        w.Element(OnvifNamespaces.Events, "CurrentTime", OnvifXml.DateTime(_time.GetUtcNow()));
        w.Element(OnvifNamespaces.Events, "TerminationTime", OnvifXml.DateTime(subscription.TerminationTime));
        foreach (var message in messages) NotificationWriter.Write(w, message);
        w.End();
    }

    // Core spec 9.1.x: re-sends the current state of every property the subscription's filter accepts.
    private void SetSynchronizationPoint(SoapRequest request, XmlWriter w)
    {
        var subscription = Find(request);
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

    private void Expire(PullPointSubscription subscription) => Remove(subscription);

    private void Remove(PullPointSubscription subscription)
    {
        lock (_subscriptions)
            if (_subscriptions.TryGetValue(subscription.Id, out var current) && current == subscription) _subscriptions.Remove(subscription.Id);
        subscription.Dispose();
    }

    /// <summary>The subscription addressed by the request URL (or, failing that, its wsa:To header).</summary>
    private PullPointSubscription Find(SoapRequest request)
    {
        var id = IdFrom(request.EndpointUri?.AbsolutePath);
        if (id is null && request.Header?.Child("To")?.Value.Trim() is { } to && Uri.TryCreate(to, UriKind.Absolute, out var toUri))
            id = IdFrom(toUri.AbsolutePath);
        if (id is null)
            throw new SoapFaultException(FaultCode.Sender, $"{request.Body.Name.LocalName} must be sent to a subscription's address", "ter:InvalidArgVal", "wsrf:ResourceUnknownFault");
        lock (_subscriptions)
            if (_subscriptions.TryGetValue(id, out var subscription)) return subscription;
        throw new SoapFaultException(FaultCode.Sender, $"subscription '{id}' does not exist or has expired", "ter:InvalidArgVal", "wsrf:ResourceUnknownFault");
    }

    private static string? IdFrom(string? path)
    {
        if (path is null) return null;
        var at = path.IndexOf(SubscriptionPath, StringComparison.Ordinal);
        return at < 0 ? null : path[(at + SubscriptionPath.Length)..].Trim('/') is { Length: > 0 } id ? id : null;
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
