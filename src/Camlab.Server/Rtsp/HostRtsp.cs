using System.Net;
using Camlab.Onvif.Media;
using Camlab.Rtsp.Server;
using Camlab.Server.Hosting;

namespace Camlab.Server.Rtsp;

/// <summary>
/// The host's RTSP server (docs/streaming.md, "RTSP"): one listener for every camera, bound by <see cref="Start"/>
/// once the cameras exist — or, with <c>--port-per-camera</c>, one camera's own listener with its profiles at the root. It serves UDP unicast, TCP interleaved and RTSP over HTTP, so Media says RTP_TCP and
/// RTP_RTSP_TCP, and no multicast.
/// </summary>
public sealed class HostRtsp : IAsyncDisposable
{
    private readonly RtspServer _server;
    private readonly SimulatedCamera? _own;

    public HostRtsp(ServerOptions options, IReadOnlyList<SimulatedCamera> cameras, TimeProvider time, Action<Exception> log, Random? random = null)
        : this(options, cameras, options.ParseRtsp(), null, time, log, random)
    {
    }

    /// <param name="own">The camera whose own listener this is (its profiles at the root), or null for the host's.</param>
    /// <param name="random">Draws RTP SSRCs, sequence numbers and timestamps (seeded with <c>--seed</c>).</param>
    public HostRtsp(ServerOptions options, IReadOnlyList<SimulatedCamera> cameras, IPEndPoint endPoint, SimulatedCamera? own, TimeProvider time, Action<Exception> log,
        Random? random = null)
    {
        var rtsp = options.Rtsp;
        _own = own;
        _server = new RtspServer(new CameraMediaSource(cameras, options.Auth.Enabled, own), new RtspServerOptions
        {
            EndPoint = endPoint,
            RtpPort = rtsp.RtpPort,
            SessionTimeout = TimeSpan.FromSeconds(rtsp.SessionTimeoutSeconds),
            MaxSessionsPerGroup = rtsp.MaxSessionsPerCamera,
            Mtu = rtsp.Mtu,
            Realm = options.Auth.Realm,
            NonceLifetime = TimeSpan.FromSeconds(options.Auth.DigestNonceLifetimeSeconds),
            Random = random ?? Random.Shared,
        }, time, log);
    }

    public static StreamingCapabilities Capabilities { get; } = new(RtpMulticast: false, RtpTcp: true, RtpRtspTcp: true, NoRtspStreaming: false);

    public RtspServer Server => _server;

    /// <summary>Where RTSP listens (the real port once started).</summary>
    public IPEndPoint EndPoint => _server.EndPoint;

    public void Start() => _server.Start();

    /// <summary>The RTSP URL of a camera's profile, on <paramref name="host"/> (the host a client addressed) or the bound address.</summary>
    public string Url(SimulatedCamera camera, string profileToken, string? host = null)
    {
        var bound = EndPoint.Address;
        var name = bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)
            ? host ?? "127.0.0.1"
            : bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound}]" : bound.ToString();
        return $"rtsp://{name}:{EndPoint.Port}{(_own is null ? camera.BasePath : "")}/{Uri.EscapeDataString(profileToken)}";
    }

    /// <summary>GetNetworkProtocols: HTTP on its port, RTSP on its port when it runs.</summary>
    public static IReadOnlyList<Onvif.Device.NetworkProtocol> Protocols(Uri http, HostRtsp? rtsp) =>
        rtsp is null ? [new("HTTP", true, [http.Port])] : [new("HTTP", true, [http.Port]), new("RTSP", true, [rtsp.EndPoint.Port])];

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
