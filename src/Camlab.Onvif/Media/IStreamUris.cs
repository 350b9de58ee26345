using Camlab.Device.Media;

namespace Camlab.Onvif.Media;

/// <summary>Where the server serves a profile's stream and snapshots (Media GetStreamUri, GetSnapshotUri).</summary>
public interface IStreamUris
{
    /// <summary>The stream URI for a tt:StreamType and tt:TransportProtocol, or null when the server does not serve that pair.</summary>
    /// <param name="cameraBaseUri">scheme://host:port the client addressed, with the camera's base path.</param>
    string? StreamUri(string cameraBaseUri, MediaProfile profile, string stream, string protocol);

    string SnapshotUri(string cameraBaseUri, MediaProfile profile);

    /// <summary>Why a stream type or protocol is refused (the text of ter:InvalidStreamSetup).</summary>
    string ProtocolsServed { get; }

    /// <summary>What Media's capabilities say of RTP/RTSP streaming.</summary>
    StreamingCapabilities Streaming { get; }

    /// <summary>
    /// Whether the stream of a profile that carries a metadata configuration has a metadata track (ONVIF Streaming
    /// 5.1.2.1); only then do the Media services offer metadata configurations.
    /// </summary>
    bool StreamsMetadata => false;
}
