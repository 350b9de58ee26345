using Prometheus;

namespace Camlab.Server.Observability;

/// <summary>
/// Every metric one <c>camlab serve</c> host exports at <c>/metrics</c>, in the Prometheus text format (prometheus-net,
/// a registry of its own per host so hosts in one process never mix). This class is the one place metric families are
/// declared: a new counter gets its family here and its pre-bound child in <see cref="CameraMetrics"/>; a counter that
/// another part already keeps as a number (a <c>long</c> it increments) is read at scrape time through
/// <see cref="OnScrape"/>. docs/deploy.md lists every name; docs/grafana-dashboard.json uses only these.
/// </summary>
public sealed class SiteMetrics
{
    private static readonly string[] Camera = ["camera"];
    private static readonly string[] CameraSink = ["camera", "sink"];
    private static readonly string[] CameraOperation = ["camera", "service", "operation"];
    private static readonly string[] CameraProfile = ["camera", "profile"];

    // 0.5 ms .. ~1 s: a 320x180 JPEG encodes in well under a millisecond, a 1080p render takes tens of them.
    private static readonly double[] Durations = Histogram.ExponentialBuckets(0.0005, 2, 12);

    public SiteMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        // Exemplars would look up the current trace on every increment; there is no tracing here.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        // Process CPU, memory, GC and thread-pool figures: what a site's capacity plan is checked against.
        DotNetStats.Register(Registry);

        Cameras = factory.CreateGauge("camlab_cameras", "Cameras this host serves.");
        RenderSeconds = factory.CreateHistogram("camlab_render_seconds", "Time to render one frame (scene, optics, imaging, overlays), per camera.",
            new HistogramConfiguration { LabelNames = Camera, Buckets = Durations });
        EncodeSeconds = factory.CreateHistogram("camlab_encode_seconds", "Time to encode one rendered frame (JPEG or H.264), per camera.",
            new HistogramConfiguration { LabelNames = Camera, Buckets = Durations });
        FramesRendered = factory.CreateCounter("camlab_frames_rendered_total", "Frames rendered and encoded, per camera (all render loops).",
            new CounterConfiguration { LabelNames = Camera });
        FramesDelivered = factory.CreateCounter("camlab_frames_delivered_total", "Frames handed to a consumer, per camera and sink kind.",
            new CounterConfiguration { LabelNames = CameraSink });
        FramesDropped = factory.CreateCounter("camlab_frames_dropped_total",
            "Frames a sink's rate took that never reached its consumer (full queue, or waiting for a key frame), per camera and sink kind.",
            new CounterConfiguration { LabelNames = CameraSink });
        FramesMissed = factory.CreateCounter("camlab_frames_missed_total",
            "Frames due to a sink that its render loop never made (rendering fell behind), per camera and sink kind.",
            new CounterConfiguration { LabelNames = CameraSink });
        Viewers = factory.CreateGauge("camlab_viewers", "Consumers watching now (the recorder is not one), per camera and sink kind.",
            new GaugeConfiguration { LabelNames = CameraSink });
        RtspSessions = factory.CreateGauge("camlab_rtsp_sessions", "Open RTSP sessions (set up or playing), per camera.",
            new GaugeConfiguration { LabelNames = Camera });
        SoapRequests = factory.CreateCounter("camlab_soap_requests_total", "ONVIF SOAP requests answered, per camera, service and operation.",
            new CounterConfiguration { LabelNames = CameraOperation });
        SoapFaults = factory.CreateCounter("camlab_soap_faults_total",
            "ONVIF SOAP requests answered with a fault (authentication challenges included), per camera, service and operation.",
            new CounterConfiguration { LabelNames = CameraOperation });
        RecorderBytes = factory.CreateCounter("camlab_recorder_bytes_total", "Bytes the recorder appended to its payload and index files, per camera and profile.",
            new CounterConfiguration { LabelNames = CameraProfile });
        RecorderLag = factory.CreateGauge("camlab_recorder_lag_seconds",
            "How long the newest recorded frame waited between its render and its append, per camera and profile.",
            new GaugeConfiguration { LabelNames = CameraProfile });
    }

    /// <summary>The host's registry: <see cref="WriteAsync"/> exports it.</summary>
    public CollectorRegistry Registry { get; }

    internal Gauge Cameras { get; }
    internal Histogram RenderSeconds { get; }
    internal Histogram EncodeSeconds { get; }
    internal Counter FramesRendered { get; }
    internal Counter FramesDelivered { get; }
    internal Counter FramesDropped { get; }
    internal Counter FramesMissed { get; }
    internal Gauge Viewers { get; }
    internal Gauge RtspSessions { get; }
    internal Counter SoapRequests { get; }
    internal Counter SoapFaults { get; }
    internal Counter RecorderBytes { get; }
    internal Gauge RecorderLag { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, CameraMetrics> _cameras = new();

    /// <summary>The metrics of camera <paramref name="number"/>, bound once (the same object on every call): what its hot paths increment.</summary>
    public CameraMetrics ForCamera(int number) => _cameras.GetOrAdd(number, n => new CameraMetrics(this, n));

    /// <summary>
    /// Runs before every scrape: the place to copy figures other parts keep themselves (session counts, a part's own
    /// counters) into gauges, or into counters with <c>IncTo</c>.
    /// </summary>
    public void OnScrape(Action update) => Registry.AddBeforeCollectCallback(update);

    /// <summary>The Prometheus text exposition format (version 0.0.4), the content type <see cref="ContentType"/>.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancel) => Registry.CollectAndExportAsTextAsync(output, cancel);

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
}
