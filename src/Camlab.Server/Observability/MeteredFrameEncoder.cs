using System.Diagnostics;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;

namespace Camlab.Server.Observability;

/// <summary>An encoder that reports how long each encode took to its camera's <c>camlab_encode_seconds</c>; owns the encoder it wraps.</summary>
public sealed class MeteredFrameEncoder(IFrameEncoder inner, CameraMetrics metrics) : IFrameEncoder
{
    public VideoCodec Codec => inner.Codec;

    public EncodedPicture Encode(RgbImage image, bool keyFrame)
    {
        var start = Stopwatch.GetTimestamp();
        var picture = inner.Encode(image, keyFrame);
        metrics.Encoded(Stopwatch.GetTimestamp() - start);
        return picture;
    }

    public void Dispose() => inner.Dispose();
}
