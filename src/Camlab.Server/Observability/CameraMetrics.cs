using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace Camlab.Server.Observability;

/// <summary>
/// One camera's children of the <see cref="SiteMetrics"/> families, resolved once so the per-frame paths only add:
/// render and encode times, frames rendered, one <see cref="FrameSinkMeter"/> per sink kind. SOAP and recorder children
/// are resolved on first use per (service, operation) or profile and cached.
/// </summary>
public sealed class CameraMetrics
{
    private readonly SiteMetrics _site;
    private readonly string _camera;
    private readonly Histogram.Child _render;
    private readonly Histogram.Child _encode;
    private readonly Counter.Child _rendered;
    private readonly FrameSinkMeter[] _sinks;
    private readonly ConcurrentDictionary<(string Service, string Operation), (Counter.Child Requests, Counter.Child Faults)> _soap = new();

    internal CameraMetrics(SiteMetrics site, int number)
    {
        _site = site;
        _camera = number.ToString(CultureInfo.InvariantCulture);
        _render = site.RenderSeconds.WithLabels(_camera);
        _encode = site.EncodeSeconds.WithLabels(_camera);
        _rendered = site.FramesRendered.WithLabels(_camera);
        _sinks = SinkKinds.All.Select(kind => new FrameSinkMeter(kind,
            site.FramesDelivered.WithLabels(_camera, kind.Label()),
            site.FramesDropped.WithLabels(_camera, kind.Label()),
            site.FramesMissed.WithLabels(_camera, kind.Label()),
            kind == SinkKind.Recorder ? null : site.Viewers.WithLabels(_camera, kind.Label()))).ToArray();
        RtspSessions = site.RtspSessions.WithLabels(_camera);
    }

    public string Camera => _camera;

    public FrameSinkMeter Sink(SinkKind kind) => _sinks[(int)kind];

    internal Gauge.Child RtspSessions { get; }

    /// <summary>A frame rendered in <paramref name="ticks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Rendered(long ticks) => _render.Observe(ticks / (double)Stopwatch.Frequency);

    /// <summary>A frame encoded in <paramref name="ticks"/>: one more frame produced.</summary>
    public void Encoded(long ticks)
    {
        _encode.Observe(ticks / (double)Stopwatch.Frequency);
        _rendered.Inc();
    }

    /// <summary>
    /// A SOAP request answered. <paramref name="operation"/> is null when the body named no operation the camera serves:
    /// such requests count under <c>unknown</c>, so a client cannot mint label values.
    /// </summary>
    public void SoapAnswered(string service, string? operation, bool fault)
    {
        var key = (service, operation ?? "unknown");
        if (!_soap.TryGetValue(key, out var children))
            children = _soap.GetOrAdd(key, k => (_site.SoapRequests.WithLabels(_camera, k.Service, k.Operation), _site.SoapFaults.WithLabels(_camera, k.Service, k.Operation)));
        children.Requests.Inc();
        if (fault) children.Faults.Inc();
    }

    /// <summary>The recorder's counters for <paramref name="profile"/>.</summary>
    public RecorderMeter Recorder(string profile) =>
        new(_site.RecorderBytes.WithLabels(_camera, profile), _site.RecorderLag.WithLabels(_camera, profile), Sink(SinkKind.Recorder));
}

/// <summary>One recorded profile's counters: bytes appended, and the lag of the newest append.</summary>
public sealed class RecorderMeter(Counter.Child bytes, Gauge.Child lagSeconds, FrameSinkMeter frames)
{
    /// <summary>The recorder's sink (frames delivered to and dropped before the recorder).</summary>
    public FrameSinkMeter Frames => frames;

    public void Appended(long bytesWritten, TimeSpan lag)
    {
        bytes.Inc(bytesWritten);
        lagSeconds.Set(Math.Max(0, lag.TotalSeconds));
    }
}
