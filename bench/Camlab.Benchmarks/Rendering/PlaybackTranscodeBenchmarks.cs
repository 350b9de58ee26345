using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Scenes;
using Camlab.Rendering.Transcoding;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// The Mobile Server's playback transcode per 720p frame: an H.264 GOP (25 frames of the default scene while the dome
/// pans 0.4° a frame) decoded with OpenH264 and re-encoded as JPEG at the same size and at a 640×360 box, against
/// TurboJPEG's encode of the same RGB frames alone (the baseline) in the same run.
/// </summary>
[MemoryDiagnoser]
public class PlaybackTranscodeBenchmarks
{
    private const int Frames = 25;
    private const int Width = 1280, Height = 720;
    private RgbImage[] _frames = null!;
    private byte[][] _units = null!;
    private JpegEncoder _jpeg = null!;
    private JpegTranscoder _transcoder = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var renderer = new ViewRenderer(DefaultScene.Create());
        var camera = PerspectiveProjection.FromHorizontalFov(Width, Height, RenderingBenchmarks.HorizontalFovDeg);
        _frames = new RgbImage[Frames];
        _units = new byte[Frames][];
        using var h264 = new H264Encoder(Width, Height, 80, new H264Parameters(25, Frames, H264CodingProfile.Main, 4096, ConstantBitRate: false));
        for (int i = 0; i < Frames; i++)
        {
            _frames[i] = renderer.Render(new RenderRequest(camera, new ViewPose(i * 0.4, 0), Width, Height) { SceneTime = TimeSpan.FromSeconds(i / 25.0) });
            _units[i] = h264.Encode(_frames[i], keyFrame: false).Payload;
        }
        _jpeg = new JpegEncoder(80, JpegSubsampling.Yuv420);
        _transcoder = new JpegTranscoder();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jpeg.Dispose();
        _transcoder.Dispose();
    }

    [Benchmark(Baseline = true, Description = "JPEG encode of the RGB frame (baseline)")]
    public int JpegOnly() => _jpeg.Encode(_frames[Next()]).Length;

    [Benchmark(Description = "H.264 decode + JPEG, 1280×720")]
    public int DecodeAndJpeg() => Transcode(new TranscodeTarget(0, 0, 80));

    [Benchmark(Description = "H.264 decode + scale + JPEG, 640×360")]
    public int DecodeScaleAndJpeg() => Transcode(new TranscodeTarget(640, 360, 80));

    /// <summary>Frames in GOP order from the IDR, so the decoder's state is always valid.</summary>
    private int Transcode(TranscodeTarget target)
    {
        int i = Next();
        return _transcoder.Transcode(_units[i], VideoCodec.H264, i == 0, target)!.Jpeg.Length;
    }

    private int Next()
    {
        int i = _next;
        _next = (_next + 1) % Frames;
        return i;
    }
}
