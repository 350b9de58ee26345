using Camlab.Rendering;
using Camlab.Rendering.Analysis;

namespace Camlab.Server.Streaming;

/// <summary>What the latest analysis found; read by render loops for the 0x02 Motion flag and 0x10 amount.</summary>
public readonly record struct AnalysisResult(bool Motion, uint Amount, double MeanLuma, double Focus);

/// <summary>
/// Watches one video source the way a camera's image analysis does and reports the Imaging tampering and
/// motion conditions to an <see cref="IVideoAnalysisReporter"/> (by default the camera's event bus, as
/// Imaging 5.5 properties; see <see cref="EventBusAnalysisReporter"/>). It renders its own small frame
/// (<see cref="Width"/>×<see cref="Height"/>) of the same view at <see cref="Interval"/>, so its cost does not
/// depend on how many streams or which sizes are open, and runs only while the source is being streamed or an
/// event subscription exists (<c>isNeeded</c>). A still view (<see cref="StillView"/>: nothing but noise changes) that two
/// analyses in a row found settled — no motion, no scene change under way — is not rendered again until it changes:
/// a third analysis would find the same.
/// </summary>
public sealed class SourceAnalyzer : IDisposable
{
    public const int Width = 320, Height = 180;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Luma changed by more than 24 levels on at least 0.2 % of the pixels between two analyses.</summary>
    public const double MotionFraction = 0.002;
    public const double DarkMeanLuma = 30, BrightMeanLuma = 225;
    /// <summary>Blurry below this fraction of the sharpest focus measure seen since the scene was learnt.</summary>
    public const double BlurryFraction = 0.35;
    /// <summary>
    /// A global change: over a third of the pixels differ from the learnt reference frame (moving objects change
    /// a few per cent; turning from the sky to the ground changes about half, since much of both is mid-grey).
    /// </summary>
    public const double SceneChangeFraction = 0.35;
    /// <summary>How long a changed scene stays "changed" before it becomes the new reference.</summary>
    public static readonly TimeSpan SceneRelearn = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly string _source;
    private readonly ViewRenderer _renderer;
    private readonly ICameraViewState _state;
    private readonly IVideoAnalysisReporter _reporter;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _sceneEpoch;
    private readonly Func<bool> _isNeeded;
    private readonly Action<Exception> _log;
    private readonly ITimer _timer;
    private RgbImage? _previous, _reference;
    private DateTimeOffset? _changedSince;
    private double _sharpest;
    private int _running;
    private AnalysisResult _latest;
    private StillView? _analysedStill;
    private bool _settled;
    // Under a manual clock (docs/clock.md) each tick analyses on the clock's thread, at the tick's instant, so the
    // alarms and the frames' Motion flags are the same in every run of the same session.
    private readonly bool _analyseOnTicks;

    public SourceAnalyzer(string source, ViewRenderer renderer, ICameraViewState state, IVideoAnalysisReporter reporter, TimeProvider time,
        DateTimeOffset sceneEpoch, Func<bool> isNeeded, Action<Exception> log, TimeSpan? interval = null, bool analyseOnTicks = false)
    {
        _analyseOnTicks = analyseOnTicks;
        _source = source;
        _renderer = renderer;
        _state = state;
        _reporter = reporter;
        _time = time;
        _sceneEpoch = sceneEpoch;
        _isNeeded = isNeeded;
        _log = log;
        // Timeout.InfiniteTimeSpan: no timer, the owner calls AnalyseNow (tests drive it frame by frame).
        var period = interval ?? Interval;
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    public AnalysisResult Latest { get { lock (_gate) return _latest; } }

    /// <summary>Analyses once now (off the timer), if the source is needed; returns whether it ran.</summary>
    public bool AnalyseNow()
    {
        if (!_isNeeded() || Interlocked.Exchange(ref _running, 1) == 1) return false;
        try { Analyse(); return true; }
        finally { Volatile.Write(ref _running, 0); }
    }

    private void Tick()
    {
        // Off the clock's thread: the fake clock fires timers inside Advance, a real one on the pool.
        if (!_isNeeded() || Volatile.Read(ref _running) == 1) return;
        if (_analyseOnTicks)
        {
            try { AnalyseNow(); }
            catch (Exception e) { _log(e); }
            return;
        }
        _ = Task.Factory.StartNew(() =>
        {
            try { AnalyseNow(); }
            catch (Exception e) { _log(e); }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _renderer.Scheduler);
    }

    private void Analyse()
    {
        var now = _time.GetUtcNow();
        var view = _state.Snapshot(_source);
        if (view.ConnectionLost) return; // nothing new to analyse; states stay as they were
        var request = new RenderRequest(view.Optics, view.Pose, Width, Height)
        {
            Window = view.Window,
            SceneTime = now > _sceneEpoch ? now - _sceneEpoch : TimeSpan.Zero,
            Imaging = view.Imaging,
            PrivacyMasks = view.PrivacyMasks,
        };
        var still = _renderer.ObjectsInView(request) ? null : new StillView(view.Optics, view.Pose, request.EffectiveWindow, view.Imaging, view.PrivacyMasks, []);
        if (_settled && still is not null && still.Equals(_analysedStill)) return;
        var image = _renderer.Render(request);
        var statistics = FrameStatistics.Compute(image);
        double focus = FocusMeasure.VarianceOfLaplacian(image);

        double changed = _previous is null ? 0 : MotionMeasure.ChangedFraction(_previous, image);
        bool motion = changed >= MotionFraction;
        _previous = image;

        bool sceneChanged = false;
        if (_reference is null) { _reference = image; _sharpest = focus; }
        else if (MotionMeasure.ChangedFraction(_reference, image) >= SceneChangeFraction)
        {
            _changedSince ??= now;
            sceneChanged = true;
            if (now - _changedSince.Value >= SceneRelearn) { _reference = image; _sharpest = focus; _changedSince = null; sceneChanged = false; }
        }
        else _changedSince = null;
        if (!sceneChanged) _sharpest = Math.Max(_sharpest, focus);

        _reporter.Report(_source, AnalysisCondition.MotionAlarm, motion, now);
        _reporter.Report(_source, AnalysisCondition.ImageTooDark, statistics.MeanLuma < DarkMeanLuma, now);
        _reporter.Report(_source, AnalysisCondition.ImageTooBright, statistics.MeanLuma > BrightMeanLuma, now);
        _reporter.Report(_source, AnalysisCondition.ImageTooBlurry, focus < BlurryFraction * _sharpest, now);
        _reporter.Report(_source, AnalysisCondition.GlobalSceneChange, sceneChanged, now);
        // After the reports: a frame flagged Motion is never sent before the MotionAlarm event is out.
        lock (_gate) _latest = new AnalysisResult(motion, (uint)Math.Round(changed * 10_000), statistics.MeanLuma, focus);
        _settled = still is not null && still.Equals(_analysedStill) && !motion && !sceneChanged && _changedSince is null;
        _analysedStill = still;
    }

    public void Dispose() => _timer.Dispose();
}
