using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Tests;

public class JpegTests
{
    private static RgbImage Frame() => SceneFixture.Renderer.Render(
        new RenderRequest(PerspectiveProjection.FromHorizontalFov(640, 360, 60), new ViewPose(10, -5), 640, 360));

    private static double MeanAbsoluteError(RgbImage a, RgbImage b) => MotionMeasure.MeanAbsoluteDifference(a, b);

    [Fact]
    public void The_installed_library_loads()
    {
        Assert.True(TurboJpegLibrary.IsAvailable, TurboJpegLibrary.Diagnose());
        Assert.Null(TurboJpegLibrary.Diagnose());
    }

    [Fact]
    public void Encode_then_decode_is_close_to_the_source()
    {
        var frame = Frame();
        using var encoder = new JpegEncoder(quality: 90, JpegSubsampling.Yuv420);
        using var decoder = new JpegDecoder();
        byte[] jpeg = encoder.Encode(frame);
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);
        Assert.Equal(0xFF, jpeg[^2]);
        Assert.Equal(0xD9, jpeg[^1]);
        var info = decoder.ReadHeader(jpeg);
        Assert.Equal(new JpegInfo(640, 360, JpegSubsampling.Yuv420), info);
        var decoded = decoder.Decode(jpeg);
        Assert.True(MeanAbsoluteError(frame, decoded) < 4, $"mean absolute error {MeanAbsoluteError(frame, decoded)}");
        Assert.True(jpeg.Length < frame.Pixels.Length / 4);
    }

    [Fact]
    public void Higher_quality_is_bigger_and_closer()
    {
        var frame = Frame();
        using var low = new JpegEncoder(30);
        using var high = new JpegEncoder(95);
        using var decoder = new JpegDecoder();
        byte[] small = low.Encode(frame), large = high.Encode(frame);
        Assert.True(large.Length > small.Length * 2);
        Assert.True(MeanAbsoluteError(frame, decoder.Decode(large)) < MeanAbsoluteError(frame, decoder.Decode(small)));
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv444)]
    [InlineData(JpegSubsampling.Yuv422)]
    [InlineData(JpegSubsampling.Yuv420)]
    [InlineData(JpegSubsampling.Gray)]
    public void Subsampling_is_written_into_the_file(JpegSubsampling subsampling)
    {
        using var encoder = new JpegEncoder(85, subsampling);
        using var decoder = new JpegDecoder();
        byte[] jpeg = encoder.Encode(Frame());
        Assert.Equal(subsampling, decoder.ReadHeader(jpeg).Subsampling);
        if (subsampling == JpegSubsampling.Gray)
        {
            var grey = decoder.Decode(jpeg);
            Assert.True(FrameStatistics.Compute(grey).MeanChroma < 0.01);
        }
    }

    [Fact]
    public void The_encoder_appends_to_a_buffer_writer_and_is_reusable_across_sizes()
    {
        using var encoder = new JpegEncoder();
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        int first = encoder.Encode(new RgbImage(64, 32), writer);
        int second = encoder.Encode(Frame(), writer);
        Assert.Equal(first + second, writer.WrittenCount);
        using var decoder = new JpegDecoder();
        Assert.Equal(640, decoder.ReadHeader(writer.WrittenSpan[first..]).Width);
    }

    [Fact]
    public void Bad_input_gets_a_precise_error()
    {
        using var decoder = new JpegDecoder();
        var notJpeg = Assert.Throws<InvalidDataException>(() => decoder.Decode([1, 2, 3, 4, 5]));
        Assert.Contains("FF D8", notJpeg.Message);
        using var encoder = new JpegEncoder();
        byte[] truncated = encoder.Encode(Frame())[..40];
        Assert.Throws<InvalidDataException>(() => decoder.Decode(truncated));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegEncoder(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegEncoder(101));
    }

    [Fact]
    public void A_missing_library_is_reported_with_how_to_install_it()
    {
        bool loaded = TurboJpegLibrary.TryLoad(["libcamlab-no-such-turbojpeg.so.9"], out _, out string error);
        Assert.False(loaded);
        Assert.Contains("libcamlab-no-such-turbojpeg.so.9", error);
        Assert.Contains("apt-get install libturbojpeg0", error);
    }

    [Fact]
    public void A_library_without_the_turbojpeg_api_is_refused()
    {
        // libc loads but exports none of tj*: reported as lacking them rather than crashing later.
        bool loaded = TurboJpegLibrary.TryLoad(["libc.so.6"], out _, out string error);
        Assert.False(loaded);
        Assert.Contains("lacks tjInitCompress", error);
    }

    [Fact]
    public void A_users_equirectangular_jpeg_becomes_the_scene()
    {
        // A 512×256 panorama: left half red, right half blue (north at the centre column).
        var image = new RgbImage(512, 256);
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 512; x++)
                image.SetPixel(x, y, (byte)(x < 256 ? 200 : 20), 20, (byte)(x < 256 ? 20 : 200));
        string path = Path.Combine(Path.GetTempPath(), $"camlab-scene-{Guid.NewGuid():N}.jpg");
        try
        {
            using (var encoder = new JpegEncoder(95)) File.WriteAllBytes(path, encoder.Encode(image));
            var scene = SceneFile.LoadJpeg(path);
            Assert.Equal(512, scene.Panorama.Width);
            var renderer = new ViewRenderer(scene);
            var camera = PerspectiveProjection.FromHorizontalFov(64, 36, 20);
            // Looking west (bearing −90) shows the left (red) half, east the right (blue) half; up in the sky, away from the movers.
            var west = FrameStatistics.Compute(renderer.Render(new RenderRequest(camera, new ViewPose(-90, 30), 64, 36)));
            var east = FrameStatistics.Compute(renderer.Render(new RenderRequest(camera, new ViewPose(90, 30), 64, 36)));
            Assert.True(west.MeanRed > 150 && west.MeanBlue < 60);
            Assert.True(east.MeanBlue > 150 && east.MeanRed < 60);

            using (var encoder = new JpegEncoder(95)) File.WriteAllBytes(path, encoder.Encode(new RgbImage(300, 200)));
            var wrongShape = Assert.Throws<InvalidDataException>(() => SceneFile.LoadJpeg(path));
            Assert.Contains("300×200", wrongShape.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
