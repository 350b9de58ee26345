using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Overlay;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// What OSDs add to a 1080p render at a fixed pose (sample map cached), against the same render without: a date and
/// time OSD as a camera shows it (its text changes once a second, so most frames blit a cached line), a plain text OSD
/// beside it, and the worst case of a text that changes every frame (rasterised by Skia every frame).
/// </summary>
[MemoryDiagnoser]
public class OsdBenchmarks
{
    public const int Width = 1920, Height = 1080;

    private ViewRenderer _renderer = null!;
    private RenderRequest _request = null!;
    private RgbImage _frame = null!;
    private long _frameCount;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ViewRenderer(DefaultScene.Create());
        var camera = PerspectiveProjection.FromHorizontalFov(Width, Height, RenderingBenchmarks.HorizontalFovDeg);
        _request = new RenderRequest(camera, new ViewPose(0, -5), Width, Height);
        _frame = new RgbImage(Width, Height);
    }

    [Benchmark(Baseline = true, Description = "no OSD")]
    public void NoOsd() => Render([]);

    [Benchmark(Description = "date and time OSD (32 px) + plain text OSD (cached lines)")]
    public void TwoOsds() => Render(
    [
        new TextOverlay("2026-12-06 15:04:05", OverlayPlacement.UpperLeft, 0, 0, 32.0 / Height, new OverlayColor(255, 255, 255), new OverlayColor(0, 0, 0, 0.5)),
        new TextOverlay("North gate", OverlayPlacement.LowerRight, 0, 0, 48.0 / Height, new OverlayColor(255, 255, 0), null),
    ]);

    [Benchmark(Description = "date and time OSD whose text changes every frame (rasterised each frame)")]
    public void ChangingText() => Render(
    [
        new TextOverlay($"2026-12-06 15:04:05.{_frameCount % 1000:D3}", OverlayPlacement.UpperLeft, 0, 0, 32.0 / Height, new OverlayColor(255, 255, 255), new OverlayColor(0, 0, 0, 0.5)),
    ]);

    [Benchmark(Description = "drawing alone: date and time + plain text OSD into a 1080p frame (cached lines)")]
    public void DrawTwo() => OverlayPainter.Draw(_frame,
    [
        new TextOverlay("2026-12-06 15:04:05", OverlayPlacement.UpperLeft, 0, 0, 32.0 / Height, new OverlayColor(255, 255, 255), new OverlayColor(0, 0, 0, 0.5)),
        new TextOverlay("North gate", OverlayPlacement.LowerRight, 0, 0, 48.0 / Height, new OverlayColor(255, 255, 0), null),
    ], OverlayFont.Default);

    [Benchmark(Description = "drawing alone: a date and time whose text changes every frame (Skia rasterises it)")]
    public void DrawChanging() => OverlayPainter.Draw(_frame,
    [
        new TextOverlay($"2026-12-06 15:04:05.{++_frameCount % 1000:D3}", OverlayPlacement.UpperLeft, 0, 0, 32.0 / Height, new OverlayColor(255, 255, 255), new OverlayColor(0, 0, 0, 0.5)),
    ], OverlayFont.Default);

    private void Render(IReadOnlyList<TextOverlay> overlays)
    {
        long n = ++_frameCount;
        _renderer.Render(_request with { SceneTime = TimeSpan.FromMilliseconds(40 * (n % 100_000)), NoiseSeed = (ulong)n, Overlays = overlays }, _frame);
    }
}
