using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// The PTZ-moving path at 1080p: every invocation renders a new pose (pan +0.1°, i.e. 2.5°/s at 25 fps), so the
/// sample map (where each output pixel reads the panorama) is rebuilt every frame, beside the same frame at a fixed
/// pose (sample map cached). The memory diagnoser's "Allocated" column is the figure to watch: allocations are
/// deterministic, so it is trustworthy on a busy machine, where the times are not.
/// "Camera defaults" renders with what the default camera's factory imaging settings map to by daylight once
/// auto-focus has settled: noise reduction 0.5, everything else neutral (the streaming load run's picture).
/// "While zooming" gives every frame a new field of view, hence a new ray map as well.
/// </summary>
[MemoryDiagnoser]
public class RenderWhilePanningBenchmarks
{
    public const int Width = 1920, Height = 1080;
    public static readonly ImagingParameters CameraDefaults = ImagingParameters.Neutral with { NoiseReduction = 0.5 };

    private ViewRenderer _renderer = null!;
    private JpegEncoder _encoder = null!;
    private RenderRequest _request = null!;
    private RgbImage _frame = null!;
    private long _frameCount;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ViewRenderer(DefaultScene.Create());
        _encoder = new JpegEncoder(RenderingBenchmarks.JpegQuality, JpegSubsampling.Yuv420);
        var camera = PerspectiveProjection.FromHorizontalFov(Width, Height, RenderingBenchmarks.HorizontalFovDeg);
        _request = new RenderRequest(camera, new ViewPose(0, -5), Width, Height);
        _frame = new RgbImage(Width, Height);
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark(Baseline = true, Description = "render, fixed pose")]
    public void RenderFixedPose() => _renderer.Render(NextFrame(panning: false), _frame);

    [Benchmark(Description = "render while panning")]
    public void RenderPanning() => _renderer.Render(NextFrame(panning: true), _frame);

    [Benchmark(Description = "render while panning, camera defaults (NR 0.5)")]
    public void RenderPanningCameraDefaults() => _renderer.Render(NextFrame(panning: true) with { Imaging = CameraDefaults }, _frame);

    // A zoom step changes the camera model: a new ray map (the inverse model per pixel and each tile's bounding
    // cone) and a new sample map every frame. Field of view 60° → 2° and back over 1,000 frames.
    [Benchmark(Description = "render while zooming")]
    public void RenderZooming()
    {
        var request = NextFrame(panning: false);
        double fov = 31 + 29 * Math.Cos(_frameCount * Math.PI / 500);
        _renderer.Render(request with { Camera = PerspectiveProjection.FromHorizontalFov(Width, Height, fov) }, _frame);
    }

    [Benchmark(Description = "render + JPEG while panning")]
    public int RenderAndEncodePanning()
    {
        _renderer.Render(NextFrame(panning: true), _frame);
        return _encoder.Encode(_frame).Length;
    }

    /// <summary>Scene time +40 ms (25 fps) and a new noise seed every frame; while panning, a new pose too.</summary>
    private RenderRequest NextFrame(bool panning)
    {
        long n = ++_frameCount;
        var request = _request with { SceneTime = TimeSpan.FromMilliseconds(40 * (n % 100_000)), NoiseSeed = (ulong)n };
        return panning ? request with { Pose = request.Pose with { PanDeg = n * 0.1 % 360 - 180 } } : request;
    }
}
