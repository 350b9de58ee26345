using System.Xml;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Server.Streaming;

/// <summary>
/// Media (ver10) GetStreamUri and GetSnapshotUri, offered only when video works. The stream URI is the profile's
/// RTSP URL for RTP-Unicast over every tt:TransportProtocol the RTSP server serves: UDP, TCP (interleaved), RTSP,
/// and HTTP (which ONVIF uses for RTSP tunnelled over HTTP, served on the same port); RTP-Multicast is not served
/// (ter:InvalidArgVal/ter:InvalidStreamSetup, Media 5.15.1, and Media's capabilities say RTPMulticast=false). The
/// snapshot URI is <c>/snapshot/{profile}.jpg</c>. Unknown profiles fault with ter:InvalidArgVal/ter:NoProfile. URIs
/// use the host the client addressed, and stay valid across connections and reboots.
/// </summary>
public static class MediaStreamOperations
{
    /// <param name="rtspUrl">The RTSP URL of a profile token, given the host the client addressed.</param>
    public static SoapOperation[] For(Func<MediaProfiles?> media, Func<string, string, string> rtspUrl) =>
    [
        new("GetStreamUri", AccessClass.ReadMedia, (request, w) => GetStreamUri(media, rtspUrl, request, w)),
        new("GetSnapshotUri", AccessClass.ReadMedia, (request, w) => GetSnapshotUri(media, request, w)),
    ];

    private static void GetStreamUri(Func<MediaProfiles?> media, Func<string, string, string> rtspUrl, SoapRequest request, XmlWriter w)
    {
        var setup = request.Body.RequiredChild("StreamSetup");
        var stream = setup.RequiredText("Stream");
        var protocol = setup.RequiredChild("Transport").RequiredText("Protocol");
        var profile = Profile(media, request);
        if (stream == "RTP-Multicast")
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", "RTP-Multicast is not served (RTPMulticast=false): use RTP-Unicast over UDP, TCP, RTSP or HTTP");
        if (stream != "RTP-Unicast")
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"StreamSetup/Stream '{stream}' is not a tt:StreamType (RTP-Unicast, RTP-Multicast)");
        if (protocol is not ("UDP" or "TCP" or "RTSP" or "HTTP"))
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"Transport/Protocol '{protocol}' is not a tt:TransportProtocol (UDP, TCP, RTSP, HTTP)");
        var host = request.EndpointUri?.Host is { Length: > 0 } h ? h : "127.0.0.1"; // Uri.Host keeps IPv6 brackets
        WriteUri(w, "GetStreamUriResponse", rtspUrl(profile.Token, host));
    }

    private static void GetSnapshotUri(Func<MediaProfiles?> media, SoapRequest request, XmlWriter w)
    {
        var profile = Profile(media, request);
        WriteUri(w, "GetSnapshotUriResponse", Base(request) + "/snapshot/" + profile.Token + ".jpg");
    }

    private static MediaProfile Profile(Func<MediaProfiles?> media, SoapRequest request) =>
        (media() ?? throw new InvalidOperationException("media profiles are not ready")).Profile(request.Body.RequiredText("ProfileToken"));

    private static string Base(SoapRequest request) =>
        request.EndpointUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) + request.CameraBasePath
            : throw new InvalidOperationException("the request has no endpoint URI");

    private static void WriteUri(XmlWriter w, string response, string uri)
    {
        w.Start(OnvifNamespaces.Media, response);
        w.Start(OnvifNamespaces.Media, "MediaUri");
        w.Tt("Uri", uri);
        w.Tt("InvalidAfterConnect", false);
        w.Tt("InvalidAfterReboot", false);
        w.Tt("Timeout", "PT0S");
        w.End();
        w.End();
    }
}
