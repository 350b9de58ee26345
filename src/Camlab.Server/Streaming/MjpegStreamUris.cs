using Camlab.Device.Media;
using Camlab.Onvif.Media;

namespace Camlab.Server.Streaming;

/// <summary>
/// Where the server serves a profile (Media GetStreamUri / GetSnapshotUri): the profile's MJPEG-over-HTTP URL
/// <c>/mjpeg/{profile}</c>, so only Transport/Protocol HTTP is served, and <c>/snapshot/{profile}.jpg</c>. URIs
/// use the host the client addressed and stay valid across connections and reboots.
/// </summary>
public sealed class MjpegStreamUris : IStreamUris
{
    public static readonly MjpegStreamUris Instance = new();

    public string ProtocolsServed => "this camera streams MJPEG over HTTP only (Protocol HTTP); RTSP/RTP is not implemented";

    public string? StreamUri(string cameraBaseUri, MediaProfile profile, string protocol) =>
        protocol == "HTTP" ? cameraBaseUri + "/mjpeg/" + profile.Token : null;

    public string SnapshotUri(string cameraBaseUri, MediaProfile profile) => cameraBaseUri + "/snapshot/" + profile.Token + ".jpg";
}
