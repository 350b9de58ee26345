using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// Camlab's H.264 encode (OpenH264, one thread, RGB → I420 included) per frame at stream sizes, on a sequence of
/// rendered frames of the default scene while the dome pans 0.4° a frame (so P frames have motion to code), against
/// TurboJPEG's JPEG of the same frames (the baseline). GlobalSetup writes the frames as raw RGB24 to
/// <c>$CAMLAB_BENCH_DIR/h264-frames-WxH.rgb</c>, which bench/h264-vs-x264.sh feeds to
/// <c>ffmpeg -c:v libx264 -preset ultrafast -tune zerolatency</c> in the same run.
/// </summary>
[MemoryDiagnoser]
public class H264EncodeBenchmarks
{
    public const int Frames = 50;
    public const double Fps = 25;

    private RgbImage[] _frames = null!;
    private H264Encoder _h264 = null!;
    private H264Encoder _h264Cbr = null!;
    private JpegEncoder _jpeg = null!;
    private int _next;

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "1920x1080";

    public static string FramesPath(int width, int height) =>
        Path.Combine(Environment.GetEnvironmentVariable("CAMLAB_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "camlab-bench"), $"h264-frames-{width}x{height}.rgb");

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        int width = int.Parse(parts[0]), height = int.Parse(parts[1]);
        var renderer = new ViewRenderer(DefaultScene.Create());
        var camera = PerspectiveProjection.FromHorizontalFov(width, height, RenderingBenchmarks.HorizontalFovDeg);
        _frames = new RgbImage[Frames];
        var path = FramesPath(width, height);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path))
            for (int i = 0; i < Frames; i++)
            {
                _frames[i] = renderer.Render(new RenderRequest(camera, new ViewPose(i * 0.4, 0), width, height) { SceneTime = TimeSpan.FromSeconds(i / Fps) });
                file.Write(_frames[i].Pixels);
            }
        _h264 = new H264Encoder(width, height, 80, new H264Parameters(Fps, 25, H264CodingProfile.Main, 4096, ConstantBitRate: false));
        _h264Cbr = new H264Encoder(width, height, 80, new H264Parameters(Fps, 25, H264CodingProfile.Baseline, 4096, ConstantBitRate: true));
        _jpeg = new JpegEncoder(80, JpegSubsampling.Yuv420);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _h264.Dispose();
        _h264Cbr.Dispose();
        _jpeg.Dispose();
    }

    private RgbImage Next() => _frames[_next++ % Frames];

    [Benchmark(Baseline = true, Description = "TurboJPEG q80 (baseline)")]
    public int Jpeg() => _jpeg.Encode(Next()).Length;

    [Benchmark(Description = "OpenH264 Main VBR 4 Mbit/s, GOV 25")]
    public int H264Vbr() => _h264.Encode(Next(), keyFrame: false).Payload.Length;

    [Benchmark(Description = "OpenH264 Baseline CBR 4 Mbit/s, GOV 25")]
    public int H264Cbr() => _h264Cbr.Encode(Next(), keyFrame: false).Payload.Length;
}
