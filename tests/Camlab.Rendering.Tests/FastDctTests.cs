using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Tests;

/// <summary>
/// TurboJPEG's tjCompress2 already uses libjpeg's fastest DCT (JDCT_IFAST) unless TJFLAG_ACCURATEDCT is given, so
/// TJFLAG_FASTDCT changes nothing: the streams, the benchmarks' "render + JPEG" and their TurboJPEG floor all encode
/// with the same (fast) DCT. Pinned here so that a library that changed its default would be noticed.
/// </summary>
public class FastDctTests
{
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public void The_default_encoder_already_uses_the_fast_dct(int width, int height)
    {
        // The view of bench/render-vs-ffmpeg.sh: yaw 0, pitch 0, 60° horizontal field of view; quality 85, 4:2:0.
        var frame = SceneFixture.Renderer.Render(new RenderRequest(PerspectiveProjection.FromHorizontalFov(width, height, 60), new ViewPose(0, 0), width, height));
        using var byDefault = new JpegEncoder(85, JpegSubsampling.Yuv420);
        using var fast = new JpegEncoder(85, JpegSubsampling.Yuv420, fastDct: true);
        Assert.True(byDefault.Encode(frame).AsSpan().SequenceEqual(fast.Encode(frame)));
    }
}
