using Camlab.Device.Faults;

namespace Camlab.Onvif.Events;

/// <summary>
/// Misbehaviour of the camera's event service (target: <c>event_service</c>), applied between the event bus and the
/// subscriptions by <see cref="EventFaults"/>: notifications that come late or never, subscriptions that end before
/// their termination time. docs/faults.md, "Event faults".
/// </summary>
public abstract record EventFault
{
    /// <summary>Every notification (of <paramref name="Topic"/> and below, or every topic) reaches each subscription <paramref name="Delay"/> plus a uniform share of <paramref name="Jitter"/> later, on the camera clock.</summary>
    public sealed record NotificationDelay(string? Topic, TimeSpan Delay, TimeSpan Jitter) : EventFault;

    /// <summary>A <paramref name="Share"/> of the notifications (of <paramref name="Topic"/> and below, or every topic) is never delivered to a subscription.</summary>
    public sealed record NotificationDrop(string? Topic, double Share) : EventFault;

    /// <summary>Every subscription ends at most <paramref name="Lifetime"/> after it was created or renewed (or after the fault began, for older ones), whatever its termination time says.</summary>
    public sealed record SubscriptionExpiry(TimeSpan Lifetime) : EventFault;

    public static readonly IReadOnlyList<string> Kinds = ["NotificationDelay", "NotificationDrop", "SubscriptionExpiry"];

    /// <summary>The topic (without <c>tns1:</c>) a delay or drop is narrowed to; null for every topic.</summary>
    public string? TopicPath => this switch
    {
        NotificationDelay d => d.Topic,
        NotificationDrop d => d.Topic,
        _ => null,
    };

    /// <summary>True when the fault acts on a message of <paramref name="topic"/> (a topic path without prefix): the topic itself or one below it.</summary>
    public bool Covers(string topic) =>
        TopicPath is not { } path || topic == path || (topic.Length > path.Length && topic.StartsWith(path, StringComparison.Ordinal) && topic[path.Length] == '/');

    /// <summary>The fault an instruction of an event kind describes; null for another kind.</summary>
    /// <exception cref="FormatException">A parameter is wrong; the message names it.</exception>
    public static EventFault? From(FaultInstruction instruction, string kind)
    {
        var p = instruction.Parameters;
        EventFault? fault = kind switch
        {
            "NotificationDelay" => new NotificationDelay(TopicOf(instruction),
                p.Duration("delay") ?? throw new FormatException($"'{instruction.Text}': delay: NotificationDelay needs delay (e.g. delay=5s)"),
                p.Duration("jitter") ?? TimeSpan.Zero),
            "NotificationDrop" => new NotificationDrop(TopicOf(instruction), p.Number("share", 0.001, 1) ?? 1),
            "SubscriptionExpiry" => new SubscriptionExpiry(p.Duration("lifetime") ?? TimeSpan.Zero),
            _ => null,
        };
        if (fault is not null) p.RefuseUnread(kind);
        return fault;
    }

    // tns1:PTZController/PTZPresets or PTZController/PTZPresets: a concrete topic path, as the ConcreteSet dialect spells one.
    private static string? TopicOf(FaultInstruction instruction)
    {
        if (instruction.Parameters.Text("topic", 200) is not { } text) return null;
        var path = text.StartsWith("tns1:", StringComparison.Ordinal) ? text["tns1:".Length..] : text;
        if (path.Split('/').Any(step => step.Length == 0 || !System.Xml.XmlConvert.IsStartNCNameChar(step[0]) || step.Any(c => !System.Xml.XmlConvert.IsNCNameChar(c))))
            throw new FormatException($"'{instruction.Text}': topic: '{text}' is not a topic path such as tns1:PTZController/PTZPresets");
        return path;
    }
}
