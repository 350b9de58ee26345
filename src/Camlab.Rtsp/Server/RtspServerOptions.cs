using System.Net;
using Camlab.Rtsp.Protocol;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Server;

public sealed record RtspServerOptions
{
    /// <summary>Where RTSP (and the RTSP-over-HTTP tunnel) listens; port 0 picks a free one.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 8554);

    /// <summary>The UDP port pair's RTP (even) port; 0 picks a free even/odd pair on the same address.</summary>
    public int RtpPort { get; init; }

    /// <summary>Advertised in Session (<c>;timeout=</c>); a session with no RTSP request, RTCP or TCP traffic for this long is torn down.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sessions per <see cref="Media.RtspStreamDescription.Group"/> (camera); past it SETUP gets 453 Not Enough Bandwidth.</summary>
    public int MaxSessionsPerGroup { get; init; } = 32;

    public int MaxConnections { get; init; } = 512;

    public int Mtu { get; init; } = RtpPacketizer.DefaultMtu;

    /// <summary>Payload type of H.264 (dynamic, RFC 3551 6).</summary>
    public byte H264PayloadType { get; init; } = 96;

    /// <summary>The dynamic payload type of the ONVIF metadata track (vnd.onvif.metadata).</summary>
    public byte MetadataPayloadType { get; init; } = 107;

    public RtspLimits Limits { get; init; } = RtspLimits.Default;
    public string Realm { get; init; } = "Camlab";
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan SenderReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The Server header and SDES CNAME host part.</summary>
    public string ServerName { get; init; } = "Camlab";

    /// <summary>Frames a session may have waiting; past it a slow client loses whole frames (H.264: up to the next key frame).</summary>
    public int FrameQueueCapacity { get; init; } = 2;

    /// <summary>
    /// Draws each session's SSRC, initial RTP sequence number and timestamp (RFC 3550 5.1 wants them random); a seeded,
    /// thread-safe generator makes a run repeatable. Session ids and digest nonces never come from it.
    /// </summary>
    public Random Random { get; init; } = Random.Shared;
}
