using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Scenes;
using Camlab.Server.Observability;
using Camlab.Server.Streaming;
using Camlab.VideoChannel;

namespace Camlab.Benchmarks.Observability;

/// <summary>
/// What <c>/metrics</c> costs on the per-frame paths, each against the same work unmeasured in the same run: a frame
/// through a viewer's <see cref="FrameSink"/> (offer, read; the meter counts it delivered), and a 640×360 render +
/// JPEG encode through <see cref="RenderEncodePipeline"/> as a render loop runs it (the render timed after the render,
/// the encode by <see cref="MeteredFrameEncoder"/>: two histogram observations and one counter per frame).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MetricsCostBenchmarks
{
    private const int SinkFrames = 1024;
    private const int RenderFrames = 8;

    private EncodedFrame[] _frames = null!;
    private FrameSinkMeter _meter = null!;
    private CameraMetrics _camera = null!;
    private ViewRenderer _renderer = null!;
    private RenderRequest _request = null!;
    private RenderEncodePipeline _plain = null!;
    private RenderEncodePipeline _metered = null!;
    private JpegEncoder _plainEncoder = null!;
    private IFrameEncoder _meteredEncoder = null!;
    private long _renderStarted;
    private Action<RgbImage> _afterRender = null!;

    [GlobalSetup]
    public void Setup()
    {
        var site = new SiteMetrics();
        _camera = site.ForCamera(1);
        _meter = _camera.Sink(SinkKind.Mjpeg);
        var start = DateTimeOffset.UnixEpoch;
        _frames = Enumerable.Range(1, SinkFrames).Select(n => new EncodedFrame(new byte[16], VideoCodec.Jpeg, true, start, n, default, LiveFlags.LiveFeed, 0, "", null, default)
            { RenderedAt = start + TimeSpan.FromSeconds(n) }).ToArray();

        _renderer = new ViewRenderer(DefaultScene.Create());
        _request = new RenderRequest(PerspectiveProjection.FromHorizontalFov(640, 360, 60), new ViewPose(0, 0), 640, 360);
        _plainEncoder = new JpegEncoder(85);
        _meteredEncoder = new MeteredFrameEncoder(new JpegEncoder(85), _camera);
        _plain = new RenderEncodePipeline(_renderer, _plainEncoder, 640, 360);
        _metered = new RenderEncodePipeline(_renderer, _meteredEncoder, 640, 360);
        _afterRender = _ => _camera.Rendered(Stopwatch.GetTimestamp() - _renderStarted);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _metered.Dispose();
        _plainEncoder.Dispose();
        _meteredEncoder.Dispose();
    }

    private static int Pass(FrameSink sink, EncodedFrame[] frames)
    {
        var read = 0;
        foreach (var frame in frames)
        {
            sink.Offer(frame);
            if (sink.TryRead(out _)) read++;
        }
        return read;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SinkFrames), BenchmarkCategory("FrameSink offer + read, per frame")]
    public int Sink_unmetered() => Pass(new FrameSink(60), _frames);

    [Benchmark(OperationsPerInvoke = SinkFrames), BenchmarkCategory("FrameSink offer + read, per frame")]
    public int Sink_metered() => Pass(new FrameSink(60, meter: _meter), _frames);

    [Benchmark(Baseline = true, OperationsPerInvoke = RenderFrames), BenchmarkCategory("render + JPEG 640x360, pipelined, per frame")]
    public void Render_encode_unmetered()
    {
        for (var i = 0; i < RenderFrames; i++) _plain.Submit(_request, static _ => { });
        _plain.Drain();
    }

    [Benchmark(OperationsPerInvoke = RenderFrames), BenchmarkCategory("render + JPEG 640x360, pipelined, per frame")]
    public void Render_encode_metered()
    {
        for (var i = 0; i < RenderFrames; i++)
        {
            _renderStarted = Stopwatch.GetTimestamp();
            _metered.Submit(_request, static _ => { }, _afterRender);
        }
        _metered.Drain();
    }
}
