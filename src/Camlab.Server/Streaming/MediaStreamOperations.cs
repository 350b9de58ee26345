using System.Xml;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Server.Streaming;

/// <summary>
/// Media (ver10) GetStreamUri and GetSnapshotUri, offered only when video works: the stream URI is the
/// profile's MJPEG-over-HTTP URL (<c>/mjpeg/{profile}</c>), so only StreamSetup/Transport/Protocol HTTP is served
/// (others: ter:InvalidArgVal/ter:InvalidStreamSetup, as Media 5.15.1 specifies); the snapshot URI is
/// <c>/snapshot/{profile}.jpg</c>. Unknown profiles fault with ter:InvalidArgVal/ter:NoProfile. URIs use the host
/// the client addressed, and stay valid across connections and reboots.
/// </summary>
public static class MediaStreamOperations
{
    public static SoapOperation[] For(Func<MediaProfiles?> media) =>
    [
        new("GetStreamUri", AccessClass.ReadMedia, (request, w) => GetStreamUri(media, request, w)),
        new("GetSnapshotUri", AccessClass.ReadMedia, (request, w) => GetSnapshotUri(media, request, w)),
    ];

    private static void GetStreamUri(Func<MediaProfiles?> media, SoapRequest request, XmlWriter w)
    {
        var setup = request.Body.RequiredChild("StreamSetup");
        var stream = setup.RequiredText("Stream");
        var protocol = setup.RequiredChild("Transport").RequiredText("Protocol");
        var profile = Profile(media, request);
        if (stream is not ("RTP-Unicast" or "RTP-Multicast"))
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"StreamSetup/Stream '{stream}' is not a tt:StreamType (RTP-Unicast, RTP-Multicast)");
        if (protocol != "HTTP")
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup",
                $"Transport/Protocol {protocol} is not served: this camera streams MJPEG over HTTP only (Protocol HTTP); RTSP/RTP is not implemented");
        WriteUri(w, "GetStreamUriResponse", Base(request) + "/mjpeg/" + profile.Token);
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
