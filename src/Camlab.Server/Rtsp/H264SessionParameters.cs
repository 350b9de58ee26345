using System.Collections.Concurrent;
using Camlab.Rendering.H264;
using Camlab.Server.Streaming;

namespace Camlab.Server.Rtsp;

/// <summary>
/// The SDP a=fmtp parameters of an H.264 render key (RFC 6184 8.2.1: packetization-mode=1, profile-level-id,
/// sprop-parameter-sets), known before any frame is encoded: an encoder with the key's settings writes its SPS and PPS
/// (EncodeParameterSets). The parameter sets depend only on the settings (constant SPS/PPS ids), so they are exactly
/// those every IDR of the key's render loop carries. Cached per key.
/// </summary>
internal static class H264SessionParameters
{
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<RenderKey, string> Cache = new();

    public static string FormatParameters(RenderKey key)
    {
        if (Cache.TryGetValue(key, out var cached)) return cached;
        if (key.H264 is not { } h) throw new ArgumentException("not an H.264 render key", nameof(key));
        using var encoder = new H264Encoder(key.Width, key.Height, key.Quality, h);
        if (!H264Bitstream.TryGetParameterSets(encoder.ParameterSets(), out var sps, out var pps))
            throw new InvalidOperationException("OpenH264 wrote no SPS/PPS");
        var fmtp = H264Bitstream.FormatParameters(sps, pps);
        if (Cache.Count >= MaxCached) Cache.Clear();
        Cache[key] = fmtp;
        return fmtp;
    }
}
