using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// Rendering a 1920×1080 view of the dome zoomed in (20° horizontal field of view, looking 20° down) with the
/// lens focused off the ground by a growing amount: the defocus blur's cost must stay bounded whatever its
/// diameter (<see cref="FocusBlurPlan"/>). Before the fix this view's blur came out infinite and the render never
/// ended; with a correct pixel angle but the old plan, the 3-tap remainder cost up to four passes per pixel of
/// radius. Baseline: the same view in focus.
/// </summary>
[MemoryDiagnoser]
public class FocusBlurBenchmarks
{
    private ViewRenderer _renderer = null!;
    private RenderRequest _request = null!;
    private RgbImage _frame = null!;

    /// <summary>Target blur diameter in output pixels (0: in focus).</summary>
    [Params(0, 4, 40, 400, 2000)]
    public double BlurPx { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ViewRenderer(DefaultScene.Create());
        var camera = PerspectiveProjection.FromHorizontalFov(1920, 1080, 20);
        var pose = new ViewPose(0, -20);
        double inFocus = _renderer.InFocusDioptres(camera, pose);
        var request = new RenderRequest(camera, pose, 1920, 1080) { Imaging = ImagingParameters.Neutral with { FocusDioptres = inFocus } };
        // The blur grows linearly with the focus error: scale one measured step to the target diameter.
        double perDioptre = _renderer.FocusBlurDiameterPx(request with { Imaging = request.Imaging with { FocusDioptres = inFocus + 1 } });
        _request = request with { Imaging = request.Imaging with { FocusDioptres = Math.Min(100, inFocus + BlurPx / perDioptre) } };
        _frame = new RgbImage(1920, 1080);
    }

    [Benchmark(Description = "render 1080p, 20° view, defocused")]
    public void Render() => _renderer.Render(_request, _frame);
}
