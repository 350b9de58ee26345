using System.Net;
using System.Net.Sockets;
using Camlab.Onvif.Discovery;
using Camlab.Server.Hosting;

namespace Camlab.Server.Discovery;

/// <summary>
/// WS-Discovery over UDP (ONVIF core 7.3): answers Probe with one ProbeMatches datagram per matching camera and
/// Resolve with ResolveMatches, sends Hello on start (and when a camera's scopes or discovery mode change) and
/// Bye on stop. A camera in NonDiscoverable mode stays silent.
/// </summary>
public sealed class WsDiscoveryResponder : IAsyncDisposable
{
    private static readonly IPEndPoint Multicast = new(IPAddress.Parse("239.255.255.250"), 3702);

    private readonly IReadOnlyList<SimulatedCamera> _cameras;
    private readonly IPEndPoint _announcements;
    private readonly Func<SimulatedCamera, string> _deviceUrl;
    private readonly IPAddress _httpAddress;
    private readonly Action<Exception> _log;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    // AppSequence InstanceId (WS-Discovery 1.1 7): grows with every start; the host's clock (a manual one starts where told).
    private readonly long _instanceId;
    private readonly Dictionary<SimulatedCamera, int> _metadataVersions = new();
    private long _messageNumber;
    private Task? _loop;

    /// <param name="announcements">Where Hello and Bye go: the WS-Discovery multicast group unless a test says otherwise.</param>
    public WsDiscoveryResponder(IReadOnlyList<SimulatedCamera> cameras, Func<SimulatedCamera, string> deviceUrl, IPAddress httpAddress, int port,
        Action<Exception> log, IPEndPoint? announcements = null, TimeProvider? time = null)
    {
        _instanceId = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        _cameras = cameras;
        _announcements = announcements ?? Multicast;
        _deviceUrl = deviceUrl;
        _httpAddress = httpAddress;
        _log = log;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(IPAddress.Any, port));
        try { _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Multicast.Address)); }
        catch (SocketException e) { log(e); } // no multicast route (loopback-only hosts): unicast probes still work
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        foreach (var camera in cameras)
        {
            _metadataVersions[camera] = 1;
            camera.Settings.Changed += () => OnSettingsChanged(camera);
        }
    }

    public int Port { get; }

    public void Start()
    {
        foreach (var camera in _cameras) SendHello(camera);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        foreach (var camera in _cameras.Where(c => c.Settings.Discoverable))
            Send(WsDiscoveryMessages.Bye(Target(camera, _httpAddress), _instanceId, Interlocked.Increment(ref _messageNumber)), _announcements);
        _stop.Cancel();
        _socket.Dispose();
        if (_loop is not null) { try { await _loop.ConfigureAwait(false); } catch (Exception) { } }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) { _log(e); continue; }
            var sender = (IPEndPoint)received.RemoteEndPoint;
            try { Answer(buffer.AsMemory(0, received.ReceivedBytes), sender); }
            catch (Exception e) { _log(e); }
        }
    }

    private void Answer(ReadOnlyMemory<byte> datagram, IPEndPoint sender)
    {
        var request = WsDiscoveryMessages.Parse(datagram);
        if (request is null) return;
        var local = LocalAddressFor(sender.Address);
        foreach (var camera in _cameras.Where(c => c.Settings.Discoverable))
        {
            var target = Target(camera, local);
            byte[]? reply = request.Kind switch
            {
                "Probe" when WsDiscoveryMessages.Matches(request.Body, target) =>
                    WsDiscoveryMessages.ProbeMatches(target, request.MessageId, _instanceId, Interlocked.Increment(ref _messageNumber)),
                "Resolve" when WsDiscoveryMessages.ResolveMatches(request.Body, target) =>
                    WsDiscoveryMessages.ResolveMatches(target, request.MessageId, _instanceId, Interlocked.Increment(ref _messageNumber)),
                _ => null,
            };
            if (reply is not null) Send(reply, sender);
        }
    }

    private DiscoveryTarget Target(SimulatedCamera camera, IPAddress local)
    {
        var url = new UriBuilder(_deviceUrl(camera));
        // An XAddr must be reachable by whoever probed: when the HTTP server listens on every interface, use the
        // interface the probe arrived on rather than 127.0.0.1.
        if (_httpAddress.Equals(IPAddress.Any)) url.Host = local.ToString();
        int version;
        lock (_metadataVersions) version = _metadataVersions[camera];
        return new DiscoveryTarget(camera.Identity.EndpointReference, camera.Settings.AllScopes, url.Uri.AbsoluteUri, version);
    }

    private IPAddress LocalAddressFor(IPAddress remote)
    {
        if (!_httpAddress.Equals(IPAddress.Any)) return _httpAddress;
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(remote, 9);
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException) { return IPAddress.Loopback; }
    }

    private void OnSettingsChanged(SimulatedCamera camera)
    {
        lock (_metadataVersions) _metadataVersions[camera]++;
        if (!_stop.IsCancellationRequested) SendHello(camera);
    }

    private void SendHello(SimulatedCamera camera)
    {
        if (!camera.Settings.Discoverable) return;
        var address = _httpAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : _httpAddress;
        Send(WsDiscoveryMessages.Hello(Target(camera, address), _instanceId, Interlocked.Increment(ref _messageNumber)), _announcements);
    }

    private void Send(byte[] datagram, IPEndPoint to)
    {
        try { _socket.SendTo(datagram, to); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { _log(e); }
    }
}
