using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// What each group of imaging settings adds to a 1080p render at a fixed pose (sample map cached), against the
/// neutral picture: the tone tables alone (colour: brightness, contrast, saturation, white balance, WDR …), the
/// default camera's noise reduction 0.5, sharpening, a defocused lens, and everything at once.
/// </summary>
[MemoryDiagnoser]
public class ImagingCostBenchmarks
{
    public const int Width = 1920, Height = 1080;

    private static readonly ImagingParameters Neutral = ImagingParameters.Neutral;
    private static readonly ImagingParameters Colour = Neutral with
    {
        GainDb = 12, Brightness = 0.1, Contrast = 1.2, Saturation = 1.3, WhiteBalanceRedGain = 1.1,
        BacklightCompensation = 0.3, WideDynamicRange = 0.5, ToneCompensation = 0.3, Defog = 0.2,
    };
    private static readonly ImagingParameters AllOn = Colour with { Sharpness = 1, NoiseReduction = 0.5, FocusDioptres = 0.5 };

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

    [Benchmark(Baseline = true, Description = "neutral")]
    public void RenderNeutral() => Render(Neutral);

    [Benchmark(Description = "colour and tone (tables, saturation)")]
    public void RenderColour() => Render(Colour);

    [Benchmark(Description = "noise reduction 0.5 (camera default)")]
    public void RenderNoiseReduction() => Render(RenderWhilePanningBenchmarks.CameraDefaults);

    [Benchmark(Description = "sharpness 1")]
    public void RenderSharpness() => Render(Neutral with { Sharpness = 1 });

    [Benchmark(Description = "defocused (0.5 dioptres)")]
    public void RenderDefocused() => Render(Neutral with { FocusDioptres = 0.5 });

    [Benchmark(Description = "all imaging on")]
    public void RenderAllOn() => Render(AllOn);

    private void Render(ImagingParameters imaging)
    {
        long n = ++_frameCount;
        _renderer.Render(_request with { SceneTime = TimeSpan.FromMilliseconds(40 * (n % 100_000)), NoiseSeed = (ulong)n, Imaging = imaging }, _frame);
    }
}
