using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Scenes;

namespace Camlab.Benchmarks.Rendering;

/// <summary>
/// ffmpeg's equirectangular → flat reprojection (v360, bilinear) + MJPEG on the same panorama and view as
/// <see cref="RenderingBenchmarks"/>, in the same BenchmarkDotNet run so both see the same machine load.
/// A process start and the panorama decode are in every invocation, so two benchmarks are run: one frame
/// (start-up cost) and 51 frames; ffmpeg's steady frame time is (51·mean₅₁ − mean₁)/50.
/// Needs ffmpeg on PATH (apt-get install -y ffmpeg); GlobalSetup fails with that message otherwise.
/// </summary>
public class FfmpegV360Benchmarks
{
    private string _panorama = "";
    private int _width, _height;

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "1920x1080";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _width = int.Parse(parts[0]);
        _height = int.Parse(parts[1]);
        _panorama = BenchPanorama.EnsureExported();
        Run(1); // fails here, clearly, when ffmpeg is missing
    }

    [Benchmark(Description = "ffmpeg v360+MJPEG, start-up + 1 frame")]
    public void OneFrame() => Run(1);

    [Benchmark(Description = "ffmpeg v360+MJPEG, 51 frames (per frame)", OperationsPerInvoke = 51)]
    public void FiftyOneFrames() => Run(51);

    private void Run(int frames)
    {
        double vfov = 2 * Math.Atan(Math.Tan(RenderingBenchmarks.HorizontalFovDeg * Math.PI / 360) * _height / _width) * 180 / Math.PI;
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "-hide_banner", "-loglevel", "error", "-i", _panorama,
            "-vf", FormattableString.Invariant($"loop=loop={frames - 1}:size=1:start=0,v360=input=e:output=flat:yaw=0:pitch=0:h_fov={RenderingBenchmarks.HorizontalFovDeg}:v_fov={vfov:F4}:w={_width}:h={_height}:interp=linear"),
            "-frames:v", frames.ToString(), "-q:v", "4", "-f", "mjpeg", "-y", "/dev/null",
        }) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("ffmpeg is not installed: apt-get install -y ffmpeg", e);
        }
        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {errors}");
        }
    }
}

/// <summary>The default panorama as a JPEG file for ffmpeg (CAMLAB_BENCH_DIR, default /tmp/camlab-bench).</summary>
internal static class BenchPanorama
{
    public static string EnsureExported(Scene? scene = null)
    {
        string dir = Environment.GetEnvironmentVariable("CAMLAB_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "camlab-bench");
        string path = Path.Combine(dir, "panorama-4096.jpg");
        if (File.Exists(path)) return path;
        scene ??= DefaultScene.Create();
        Directory.CreateDirectory(dir);
        using var encoder = new JpegEncoder(95, JpegSubsampling.Yuv444);
        string temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, encoder.Encode(scene.Panorama.ToImage()));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
