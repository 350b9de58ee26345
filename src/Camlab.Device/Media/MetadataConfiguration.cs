namespace Camlab.Device.Media;

/// <summary>
/// tt:MetadataConfiguration: what the metadata stream of a profile carries. <see cref="PtzStatus"/> and
/// <see cref="PtzPosition"/> are the tt:PTZFilter (MoveStatus and Position of the profile's PTZ node);
/// <see cref="Events"/> says whether events are streamed at all (tt:EventSubscription present), and
/// <see cref="TopicFilter"/>, when set, limits them to the topics of a wsnt:TopicExpression in the ConcreteSet
/// dialect ("tns1:VideoSource/MotionAlarm|tns1:Media/ProfileChanged"; null: every event).
/// <see cref="Analytics"/> stays false: the camera has no analytics engine to stream.
/// </summary>
public sealed record MetadataConfiguration(string Token, string Name, bool PtzStatus, bool PtzPosition, bool Events, string? TopicFilter,
    bool Analytics, TimeSpan SessionTimeout)
{
    /// <summary>The longest topic expression accepted (ONVIF Core 9.6.3 leaves the size to the device).</summary>
    public const int MaximumTopicFilterLength = 1024;
}
