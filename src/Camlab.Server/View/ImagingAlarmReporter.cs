using Camlab.Device.Imaging;
using Camlab.Server.Streaming;

namespace Camlab.Server.View;

/// <summary>
/// The frame analysis reports into the Imaging part's alarm state machine (<see cref="VideoSourceAlarms"/>), where
/// fault injection also acts: one state per (source, condition), one Changed event per effective transition, and
/// a forced condition wins over what the analysis detects (Imaging 5.5; docs/imaging.md).
/// </summary>
public sealed class ImagingAlarmReporter(VideoSourceAlarms alarms) : IVideoAnalysisReporter
{
    public void Report(string sourceToken, AnalysisCondition condition, bool detected, DateTimeOffset time)
    {
        var target = condition switch
        {
            AnalysisCondition.MotionAlarm => VideoSourceCondition.MotionAlarm,
            AnalysisCondition.ImageTooDark => VideoSourceCondition.ImageTooDark,
            AnalysisCondition.ImageTooBright => VideoSourceCondition.ImageTooBright,
            AnalysisCondition.ImageTooBlurry => VideoSourceCondition.ImageTooBlurry,
            AnalysisCondition.GlobalSceneChange => VideoSourceCondition.GlobalSceneChange,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "not an analysis condition"),
        };
        // A source without imaging has no tampering topics (only motion): nothing to report there.
        try { alarms.ReportDetected(sourceToken, target, detected); }
        catch (ImagingException e) when (e.Error == ImagingError.NoImagingForSource) { }
    }
}
