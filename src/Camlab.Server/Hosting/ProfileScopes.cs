namespace Camlab.Server.Hosting;

/// <summary>
/// Which ONVIF profile scopes a camera may claim (docs/onvif.md "Profiles"). Every mandatory operation of Profiles S and
/// T is in the dispatch registry of every camera; what varies with the host is what this decides from: RTSP streaming
/// (JPEG through TurboJPEG, with the metadata track and the JPEG header extension), WS-Discovery (<c>--discovery</c>:
/// both profiles make it mandatory, and a camera that nobody can discover does not claim it) and, for Profile T, H.264
/// (OpenH264; T accepts H.264 or H.265, and Camlab encodes no H.265). ProfileScopeTruthTests checks every claim
/// against the mandatory features of the ONVIF Profiles Conformance Device Test Specification.
/// </summary>
public static class ProfileScopes
{
    public const string Streaming = "onvif://www.onvif.org/Profile/Streaming";
    public const string T = "onvif://www.onvif.org/Profile/T";

    public static IReadOnlyList<string> Served(bool rtsp, bool discovery, bool h264)
    {
        if (!rtsp || !discovery) return [];
        return h264 ? [Streaming, T] : [Streaming];
    }
}
