namespace Camlab.Device.Events;

/// <summary>
/// The cell motion detector rule (ONVIF Analytics service, tt:CellMotionEngine; topic
/// <c>tns1:RuleEngine/CellMotionDetector/Motion</c>), which Home Assistant and most NVRs subscribe to. It is driven by
/// the same analysis as <c>VideoSource/MotionAlarm</c>: every MotionAlarm state of a source is restated here with the
/// source's video source configuration, the analytics configuration and the rule name, data <c>IsMotion</c>.
/// </summary>
public sealed class CellMotionDetector : IDisposable
{
    public const string Topic = "RuleEngine/CellMotionDetector/Motion";
    public const string MotionAlarmTopic = "VideoSource/MotionAlarm";
    public const string RuleName = "MotionDetectorRule";

    private readonly EventBus _bus;
    private readonly IDisposable _subscription;
    private readonly Func<string, string?> _sourceConfigurationOf;

    /// <param name="sourceConfigurationOf">The video source configuration token of a video source token (null: none).</param>
    public CellMotionDetector(EventBus bus, Func<string, string?> sourceConfigurationOf)
    {
        _bus = bus;
        _sourceConfigurationOf = sourceConfigurationOf;
        _subscription = bus.Subscribe(OnMessage);
    }

    /// <summary>The analytics configuration the rule belongs to, one per video source configuration.</summary>
    public static string AnalyticsConfigurationOf(string sourceConfigurationToken) => "Analytics_" + sourceConfigurationToken;

    private void OnMessage(EventMessage message)
    {
        if (message.Topic != MotionAlarmTopic) return;
        var source = message.Source.Where(i => i.Name == "Source").Select(i => i.Value).FirstOrDefault();
        var state = message.Data.Where(i => i.Name == "State").Select(i => i.Value).FirstOrDefault();
        if (source is null || state is null || _sourceConfigurationOf(source) is not { } configuration) return;
        // Already on the camera's clock: the bus delivered it.
        _bus.PublishStamped(message with
        {
            Topic = Topic,
            Source = [new("VideoSourceConfigurationToken", configuration), new("VideoAnalyticsConfigurationToken", AnalyticsConfigurationOf(configuration)), new("Rule", RuleName)],
            Data = [new("IsMotion", state)],
        });
    }

    public void Dispose() => _subscription.Dispose();
}
