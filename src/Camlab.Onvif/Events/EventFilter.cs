using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>
/// The wsnt:Filter of CreatePullPointSubscription and Subscribe: at most one TopicExpression (alternatives with
/// '|') and any number of MessageContent expressions, all of which a message must pass.
/// </summary>
public sealed class EventFilter
{
    private EventFilter(TopicFilter? topics, IReadOnlyList<MessageContentFilter> content)
    {
        Topics = topics;
        Content = content;
    }

    public static EventFilter All { get; } = new(null, []);

    /// <summary>How many MessageContent expressions one filter may carry (each is evaluated for every message).</summary>
    public const int MaxMessageContentFilters = 8;

    public TopicFilter? Topics { get; }

    public IReadOnlyList<MessageContentFilter> Content { get; }

    public bool Accepts(EventMessage message) => (Topics is null || Topics.Matches(message.Topic)) && Content.All(f => f.Matches(message));

    /// <exception cref="SoapFaultException">ter:InvalidArgVal wsnt:InvalidFilterFault (or the filters' own faults).</exception>
    public static EventFilter Parse(XElement? filter)
    {
        if (filter is null) return All;
        TopicFilter? topics = null;
        var content = new List<MessageContentFilter>();
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
        return new EventFilter(topics, content);
    }
}
