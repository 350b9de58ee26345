using Camlab.Device.Events;

namespace Camlab.Server.Streaming;

/// <summary>Which condition the analysis of rendered frames reports (Imaging 5.5 tampering, and motion).</summary>
public enum AnalysisCondition { MotionAlarm, ImageTooDark, ImageTooBright, ImageTooBlurry, GlobalSceneChange }

/// <summary>
/// Where <see cref="SourceAnalyzer"/> sends what it detects, every analysis, for every condition (also when
/// nothing changed). The second seam for the integrator: the Imaging domain's alarm state machine
/// (<c>VideoSourceAlarms.ReportDetected</c>, which also honours fault injection) implements it; until then
/// <see cref="EventBusAnalysisReporter"/> publishes the properties on the camera's event bus itself.
/// </summary>
public interface IVideoAnalysisReporter
{
    void Report(string sourceToken, AnalysisCondition condition, bool detected, DateTimeOffset time);
}

/// <summary>
/// Publishes detections as ONVIF property events with the topic set's items (Source <c>Source</c> = the video
/// source token, Data <c>State</c>): Initialized the first time a condition is known, Changed on every
/// transition, never repeated.
/// </summary>
public sealed class EventBusAnalysisReporter(EventBus bus) : IVideoAnalysisReporter
{
    private readonly Dictionary<(string, AnalysisCondition), bool> _published = new();

    public static string Topic(AnalysisCondition condition) => condition switch
    {
        AnalysisCondition.MotionAlarm => "VideoSource/MotionAlarm",
        _ => $"VideoSource/{condition}/ImagingService",
    };

    public void Report(string sourceToken, AnalysisCondition condition, bool detected, DateTimeOffset time)
    {
        PropertyOperation operation;
        lock (_published)
        {
            if (_published.TryGetValue((sourceToken, condition), out var previous))
            {
                if (previous == detected) return;
                operation = PropertyOperation.Changed;
            }
            else operation = PropertyOperation.Initialized;
            _published[(sourceToken, condition)] = detected;
        }
        bus.Publish(new EventMessage(Topic(condition), time, [new SimpleItem("Source", sourceToken)],
            [new SimpleItem("State", detected ? "true" : "false")], operation));
    }
}
