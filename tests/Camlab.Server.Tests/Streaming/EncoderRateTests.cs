using Camlab.Device.Media;
using Camlab.Rendering.Encoding;
using Camlab.Server.Streaming;

namespace Camlab.Server.Tests.Streaming;

/// <summary>tt:VideoRateControl: FrameRateLimit caps the rate, EncodingInterval keeps every n-th source frame.</summary>
public sealed class EncoderRateTests
{
    private static VideoEncoderConfiguration Encoder(int limit, int interval, VideoEncoding encoding = VideoEncoding.H264) =>
        new("E", "E", 1280, 720, 70, limit, 4000, encoding, GovLength: 25, EncodingInterval: interval);

    [Theory]
    [InlineData(25, 1, 25.0)]
    [InlineData(25, 5, 5.0)]
    [InlineData(10, 2, 10.0)]
    [InlineData(25, 100, 0.25)]
    public void The_stream_rate_is_the_limit_or_the_source_rate_over_the_interval(int limit, int interval, double expected)
    {
        var settings = StreamRegistry.DefaultsOf(Encoder(limit, interval), sourceFramerate: 25);

        Assert.Equal(expected, settings.Fps, 6);
        Assert.Equal(VideoCodec.H264, settings.Codec);
        Assert.Equal(expected, settings.H264!.Value.FrameRate, 6);
    }

    [Fact]
    public void A_jpeg_encoder_follows_the_interval_too()
    {
        var settings = StreamRegistry.DefaultsOf(Encoder(25, 3, VideoEncoding.Jpeg), sourceFramerate: 30);

        Assert.Equal(10.0, settings.Fps, 6);
        Assert.Null(settings.H264);
    }
}
