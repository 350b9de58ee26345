using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Server.Hosting;

namespace Camlab.Server.Rtsp;

/// <summary>
/// Media GetStreamUri/GetSnapshotUri of one camera: the profile's RTSP URL for RTP-Unicast over every
/// tt:TransportProtocol the RTSP server serves — UDP, TCP (interleaved), RTSP and HTTP (ONVIF's name for RTSP tunnelled
/// over HTTP, served on the RTSP port). RTP-Multicast is not served (Media 5.15.1: ter:InvalidStreamSetup). The snapshot
/// is <c>/snapshot/{profile}.jpg</c> over HTTP. URIs use the host the client addressed and stay valid across
/// connections and reboots. A camera with an RTSP listener of its own (<c>--port-per-camera</c>) names that listener, and
/// while SetNetworkProtocols has it closed no RTSP URI is given. The MJPEG-over-HTTP and video channel URLs are Camlab extras, not GetStreamUri answers.
/// </summary>
public sealed class RtspStreamUris(Func<HostRtsp?> rtsp, SimulatedCamera camera) : IStreamUris
{
    public string ProtocolsServed => "RTP-Unicast over UDP, TCP, RTSP or HTTP is served; RTP-Multicast is not (RTPMulticast=false)";

    public StreamingCapabilities Streaming => HostRtsp.Capabilities;

    /// <summary>A profile with a metadata configuration streams it as the RTSP session's second track (trackID=2).</summary>
    public bool StreamsMetadata => true;

    public string? StreamUri(string cameraBaseUri, MediaProfile profile, string stream, string protocol) =>
        stream == "RTP-Unicast" && protocol is "UDP" or "TCP" or "RTSP" or "HTTP" && rtsp() is { } server
            ? server.Url(camera, profile.Token, new Uri(cameraBaseUri).Host) // Uri.Host keeps IPv6 brackets
            : null;

    public string SnapshotUri(string cameraBaseUri, MediaProfile profile) => cameraBaseUri + "/snapshot/" + profile.Token + ".jpg";
}
