using System.Xml;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

// Media2 5.6: GetStreamUri, GetSnapshotUri, SetSynchronizationPoint.
public sealed partial class Media2Service
{
    // tr2:TransportProtocol onto the ver10 stream setup the URI provider knows: RtspUnicast is RTP over UDP, RTSP is
    // RTP interleaved in the RTSP connection, RtspOverHttp is RTSP tunnelled over HTTP. Multicast and RTSPS are not
    // served: ter:InvalidStreamSetup.
    private void GetStreamUri(SoapRequest request, XmlWriter w)
    {
        var protocol = request.Body.RequiredText("Protocol");
        var profile = MediaFaults.Guard(() => _profiles.Profile(request.Body.RequiredToken("ProfileToken")));
        var transport = protocol switch
        {
            "RtspUnicast" => "UDP",
            "RTSP" => "RTSP",
            "RtspOverHttp" => "HTTP",
            _ => null,
        };
        if (transport is null)
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup",
                $"Protocol '{EchoedText.Quote(protocol)}' is not served: RtspUnicast, RTSP and RtspOverHttp are; multicast and RTSPS are not");
        MediaService.RequireComplete(profile);
        var uri = _uris!.StreamUri(MediaService.CameraBase(request), profile, "RTP-Unicast", transport)
            ?? throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"Protocol {protocol} is not served: {_uris.ProtocolsServed}");
        WriteUri(w, "GetStreamUriResponse", uri);
    }

    private void GetSnapshotUri(SoapRequest request, XmlWriter w)
    {
        var profile = MediaFaults.Guard(() => _profiles.Profile(request.Body.RequiredToken("ProfileToken")));
        MediaService.RequireComplete(profile);
        WriteUri(w, "GetSnapshotUriResponse", _uris!.SnapshotUri(MediaService.CameraBase(request), profile));
    }

    private void SetSynchronizationPoint(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        MediaFaults.Guard(() => _profiles.SetSynchronizationPoint(token));
        w.WriteElementString("SetSynchronizationPointResponse", OnvifNamespaces.Media2, "");
    }

    private static void WriteUri(XmlWriter w, string response, string uri)
    {
        w.Start(OnvifNamespaces.Media2, response);
        w.Element(OnvifNamespaces.Media2, "Uri", uri);
        w.End();
    }
}
