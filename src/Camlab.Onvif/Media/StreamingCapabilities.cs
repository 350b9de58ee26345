namespace Camlab.Onvif.Media;

/// <summary>
/// What the camera's streaming really offers, as Media's trt:StreamingCapabilities and GetCapabilities'
/// tt:RealTimeStreamingCapabilities state it: RTP over UDP multicast, RTP over TCP (RTSP interleaved, ONVIF's
/// RTP_TCP), RTP over RTSP over HTTP (RTP_RTSP_TCP), and whether there is no RTSP streaming at all.
/// </summary>
public sealed record StreamingCapabilities(bool RtpMulticast, bool RtpTcp, bool RtpRtspTcp, bool NoRtspStreaming)
{
    /// <summary>No RTSP server: nothing is streamed over RTP.</summary>
    public static StreamingCapabilities None { get; } = new(false, false, false, true);
}

/// <summary>One tt:NetworkProtocol of GetNetworkProtocols: HTTP, HTTPS or RTSP, on/off, and its port.</summary>
public sealed record NetworkProtocol(string Name, bool Enabled, int Port);
