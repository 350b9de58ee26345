using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;

namespace Camlab.Server.Streaming;

/// <summary>Makes the encoder of one render loop (one per <see cref="RenderKey"/>: an encoder keeps per-stream state).</summary>
public delegate IFrameEncoder FrameEncoderFactory(RenderKey key);

/// <summary>The encoders Camlab has, by codec.</summary>
public static class FrameEncoders
{
    public static IFrameEncoder Create(RenderKey key) => key.Codec switch
    {
        VideoCodec.Jpeg => new JpegEncoder(key.Quality),
        VideoCodec.H264 when key.H264 is { } h => new H264Encoder(key.Width, key.Height, key.Quality, h),
        _ => throw new StreamRequestException("encoding", $"Camlab has no {key.Codec} encoder"),
    };
}
