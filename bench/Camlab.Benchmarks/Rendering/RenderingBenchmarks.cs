using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// The picture's hot path at stream sizes, on the default generated panorama and the view ffmpeg's v360 is
/// given in bench/render-vs-ffmpeg.sh (yaw 0, pitch 0, 60° horizontal field of view, bilinear): TurboJPEG's
/// encode of an already rendered frame (the floor), render alone, render + JPEG for a fixed pose (ray map
/// cached) on all cores, pipelined (a frame's encode overlapping the next render) and on one thread, for a pose that changes every frame (PTZ moving: sample map
/// rebuilt), and with every imaging effect on. GlobalSetup also writes the panorama as JPEG for
/// <see cref="FfmpegV360Benchmarks"/> and bench/render-vs-ffmpeg.sh.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    public const double HorizontalFovDeg = 60;
    public const int JpegQuality = 85;

    private ViewRenderer _renderer = null!;
    private ViewRenderer _singleThreaded = null!;
    private JpegEncoder _encoder = null!;
    private RenderRequest _request = null!;
    private RgbImage _frame = null!;
    private RgbImage _rendered = null!;
    private RenderEncodePipeline _pipeline = null!;
    private long _frameCount;
    private long _pipelinedBytes;

    /// <summary>Frames per invocation of the pipelined benchmark: the pipeline fills and drains once per invocation.</summary>
    public const int PipelinedFrames = 32;

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "1920x1080";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        int width = int.Parse(parts[0]), height = int.Parse(parts[1]);
        var scene = DefaultScene.Create();
        BenchPanorama.EnsureExported(scene);
        _renderer = new ViewRenderer(scene);
        _singleThreaded = new ViewRenderer(scene, maxDegreeOfParallelism: 1);
        _encoder = new JpegEncoder(JpegQuality, JpegSubsampling.Yuv420);
        var camera = PerspectiveProjection.FromHorizontalFov(width, height, HorizontalFovDeg);
        _request = new RenderRequest(camera, new ViewPose(0, 0), width, height);
        _frame = new RgbImage(width, height);
        _rendered = _renderer.Render(_request);
        _pipeline = new RenderEncodePipeline(_renderer, _encoder, width, height);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        _encoder.Dispose();
    }

    [Benchmark(Baseline = true, Description = "TurboJPEG encode only (floor)")]
    public int EncodeOnly() => _encoder.Encode(_rendered).Length;

    [Benchmark(Description = "render only")]
    public void RenderOnly() => _renderer.Render(NextFrame(), _frame);

    [Benchmark(Description = "render + JPEG")]
    public int RenderAndEncode()
    {
        _renderer.Render(NextFrame(), _frame);
        return _encoder.Encode(_frame).Length;
    }

    /// <summary>
    /// Throughput of a sequence of frames as a stream's render loop produces them: frame N's JPEG encode (one thread)
    /// overlaps frame N+1's render (all cores). Mean = time for <see cref="PipelinedFrames"/> frames / their number,
    /// including the fill (first render alone) and the drain (last encode alone) of each invocation.
    /// </summary>
    [Benchmark(OperationsPerInvoke = PipelinedFrames, Description = "render + JPEG, pipelined")]
    public long RenderAndEncodePipelined()
    {
        for (int i = 0; i < PipelinedFrames; i++)
            _pipeline.Submit(NextFrame(), picture => _pipelinedBytes += picture.Payload.Length);
        _pipeline.Drain();
        return _pipelinedBytes;
    }

    [Benchmark(Description = "render + JPEG, 1 thread")]
    public int RenderAndEncodeSingleThreaded()
    {
        _singleThreaded.Render(NextFrame(), _frame);
        return _encoder.Encode(_frame).Length;
    }

    [Benchmark(Description = "render + JPEG, panning")]
    public int RenderAndEncodePanning()
    {
        var request = NextFrame();
        _renderer.Render(request with { Pose = request.Pose with { PanDeg = _frameCount * 0.1 % 360 } }, _frame);
        return _encoder.Encode(_frame).Length;
    }

    [Benchmark(Description = "render + JPEG, all imaging on")]
    public int RenderAndEncodeAllImaging()
    {
        var request = NextFrame() with
        {
            Imaging = ImagingParameters.Neutral with
            {
                GainDb = 12, Brightness = 0.1, Contrast = 1.2, Saturation = 1.3, Sharpness = 1, WhiteBalanceRedGain = 1.1,
                BacklightCompensation = 0.3, WideDynamicRange = 0.5, ToneCompensation = 0.3, Defog = 0.2, NoiseReduction = 0.5,
                FocusDioptres = 0.5,
            },
        };
        _renderer.Render(request, _frame);
        return _encoder.Encode(_frame).Length;
    }

    /// <summary>Advances scene time by 40 ms (25 fps) so the movers move and the noise changes every frame.</summary>
    private RenderRequest NextFrame()
    {
        long n = ++_frameCount;
        return _request with { SceneTime = TimeSpan.FromMilliseconds(40 * (n % 100_000)), NoiseSeed = (ulong)n };
    }
}
