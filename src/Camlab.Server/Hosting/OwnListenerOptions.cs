using System.Net;
using System.Net.Sockets;

namespace Camlab.Server.Hosting;

/// <summary>
/// Listeners of each camera's own (<c>--port-per-camera</c>, <c>--rtsp-port-per-camera</c>, <c>--bind-per-camera</c>;
/// docs/site.md): camera n listens on <c>BASE+n−1</c> with every path at the root, as a real camera does, besides the
/// host's shared listener. Off unless <see cref="HttpBase"/> is set.
/// </summary>
public sealed record OwnListenerOptions
{
    /// <summary>What the RTSP base is, unless set, relative to the HTTP base.</summary>
    public const int DefaultRtspOffset = 1000;

    /// <summary>Camera n's HTTP port is this plus n−1; 0 gives every camera a free port; null: no listeners of their own.</summary>
    public int? HttpBase { get; init; }

    /// <summary>Camera n's RTSP port is this plus n−1; null: <see cref="HttpBase"/> + 1000 (0 when that is 0).</summary>
    public int? RtspBase { get; init; }

    /// <summary>
    /// Each camera's own address: one address per camera, or one template whose last part is <c>N</c> (camera n gets
    /// <c>127.0.0.N</c> → <c>127.0.0.n</c>). Empty: the <c>--http</c> host's address.
    /// </summary>
    public List<string> Bind { get; init; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Enabled => HttpBase is not null;

    private int RtspBaseResolved => RtspBase ?? (HttpBase == 0 ? 0 : HttpBase!.Value + DefaultRtspOffset);

    /// <summary>Camera <paramref name="number"/>'s own HTTP endpoint (null when off).</summary>
    public IPEndPoint? Http(int number, IPAddress hostAddress) =>
        HttpBase is { } b ? new IPEndPoint(Address(number, hostAddress), b == 0 ? 0 : b + number - 1) : null;

    /// <summary>Camera <paramref name="number"/>'s own RTSP endpoint (null when off).</summary>
    public IPEndPoint? Rtsp(int number, IPAddress hostAddress) =>
        HttpBase is null ? null : new IPEndPoint(Address(number, hostAddress), RtspBaseResolved == 0 ? 0 : RtspBaseResolved + number - 1);

    public IPAddress Address(int number, IPAddress hostAddress)
    {
        if (Bind.Count == 0) return hostAddress;
        if (Bind.Count == 1 && Bind[0].EndsWith(".N", StringComparison.Ordinal))
            return ParseAddress(Bind[0][..^1] + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ParseAddress(Bind[number - 1]);
    }

    /// <summary>Every camera's ports and addresses exist and no two cameras share an endpoint.</summary>
    public void Validate(int cameras, IPEndPoint host)
    {
        if (!Enabled)
        {
            if (Bind.Count > 0 || RtspBase is not null) throw new ConfigurationException("--bind-per-camera and --rtsp-port-per-camera need --port-per-camera");
            return;
        }
        CheckBase("--port-per-camera", HttpBase!.Value, cameras);
        CheckBase("--rtsp-port-per-camera", RtspBaseResolved, cameras);
        if (Bind.Count > 1 && Bind.Count != cameras)
            throw new ConfigurationException($"--bind-per-camera lists {Bind.Count} addresses for {cameras} cameras (give one per camera, or one template ending in .N)");
        var seen = new HashSet<IPEndPoint>();
        for (var n = 1; n <= cameras; n++)
        {
            var http = Http(n, host.Address)!;
            var rtsp = Rtsp(n, host.Address)!;
            foreach (var e in new[] { http, rtsp })
                if (e.Port != 0 && (!seen.Add(e) || e.Equals(host)))
                    throw new ConfigurationException($"camera {n}'s own endpoint {e} is taken by another listener of this host (choose other bases)");
        }
    }

    private static void CheckBase(string option, int value, int cameras)
    {
        if (value != 0 && (value < 1 || value + cameras - 1 > 65535))
            throw new ConfigurationException($"{option} {value}: the ports {value}..{value + cameras - 1} must lie within 1..65535 (or 0: free ports)");
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text.Trim('[', ']'), out var address) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? address
            : throw new ConfigurationException($"--bind-per-camera: '{text}' is not an IP address");
}
