using System.Net;
using System.Net.Sockets;
using Camlab.Onvif.Device;
using Camlab.Onvif.Soap;
using Camlab.Server.Rtsp;
using Camlab.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Camlab.Server.Hosting;

/// <summary>
/// One camera's own listeners (<c>--port-per-camera</c>; docs/site.md): an HTTP server (Kestrel) with that camera's
/// routes at the root — <c>/onvif/device_service</c>, snapshots, streams, <c>/api/...</c> — and an RTSP server with its
/// profiles at the root, on the camera's own address. Like a real camera it keeps the ports SetNetworkProtocols
/// stored: they win over the command line at start, and a stored change is applied at SystemReboot (the listeners
/// are closed and bound again). What listens is what <see cref="SimulatedCamera.Protocols"/> reports.
/// </summary>
public sealed class CameraListener : IAsyncDisposable
{
    private readonly SimulatedCamera _camera;
    private readonly ServerOptions _options;
    private readonly SoapLimits _limits;
    private readonly TimeProvider _time;
    private readonly Observability.CameraMetrics _metrics;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;
    private HostRtsp? _rtsp;
    private bool _disposed;
    // One generator for every RTSP server this listener starts (a reboot starts a new one): seeded by --seed, its
    // RTP SSRCs, sequence numbers and timestamps repeat, as the host's own server's do.
    private Random? _rtspRandom;

    private CameraListener(SimulatedCamera camera, IPAddress address, ServerOptions options, SoapLimits limits, TimeProvider time,
        Observability.CameraMetrics metrics, ILoggerFactory loggers)
    {
        _metrics = metrics;
        _camera = camera;
        Address = address;
        _options = options;
        _limits = limits;
        _time = time;
        _loggers = loggers;
        _log = loggers.CreateLogger("Camlab.Listener");
    }

    /// <summary>The camera's own address.</summary>
    public IPAddress Address { get; }

    /// <summary>Where the camera's own HTTP server listens (the real port), or null while HTTP is closed.</summary>
    public IPEndPoint? Http { get; private set; }

    /// <summary>The camera's own RTSP server, or null while RTSP is closed (or video is off).</summary>
    public HostRtsp? Rtsp => Volatile.Read(ref _rtsp);

    /// <summary>The latest rebind (after a SystemReboot) — complete when the camera listens as configured.</summary>
    public Task Applied { get; private set; } = Task.CompletedTask;

    /// <summary>http://address:port of the camera's own HTTP server, or null while it is closed.</summary>
    public string? Origin => Http is { } e ? $"http://{(e.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{e.Address}]" : e.Address.ToString())}:{e.Port}" : null;

    /// <summary>Binds the camera's listeners: the stored SetNetworkProtocols configuration, else <paramref name="http"/> and <paramref name="rtsp"/>.</summary>
    /// <param name="metrics">The camera's metrics: SOAP requests on its own port count under its label, as on the shared listener.</param>
    public static async Task<CameraListener> StartAsync(SimulatedCamera camera, IPEndPoint http, IPEndPoint rtsp, ServerOptions options, SoapLimits limits,
        TimeProvider time, Observability.CameraMetrics metrics, ILoggerFactory loggers, CancellationToken cancel)
    {
        var listener = new CameraListener(camera, http.Address, options, limits, time, metrics, loggers);
        camera.Protocols.PortAvailable = listener.PortAvailable;
        var configured = camera.Protocols.Configured;
        var httpPort = configured?.FirstOrDefault(p => p.Name == "HTTP") is { } h ? (h.Enabled ? h.Ports[0] : -h.Ports[0]) : http.Port;
        var rtspPort = configured?.FirstOrDefault(p => p.Name == "RTSP") is { } r ? (r.Enabled ? r.Ports[0] : -r.Ports[0]) : rtsp.Port;
        try
        {
            // At start a port that cannot be bound is an error (nothing starts); at a reboot it is logged.
            await listener.BindAsync(httpPort, rtspPort, failIfTaken: true, cancel).ConfigureAwait(false);
        }
        catch
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        camera.Rebooted += c => listener.Applied = listener.ApplyConfiguredAsync();
        return listener;
    }

    // A negative port is a closed protocol that keeps its port (Enabled=false).
    private async Task BindAsync(int httpPort, int rtspPort, bool failIfTaken, CancellationToken cancel)
    {
        if (httpPort >= 0)
        {
            try { await StartHttpAsync(new IPEndPoint(Address, httpPort), cancel).ConfigureAwait(false); }
            catch (IOException e) when (!failIfTaken)
            {
                _log.LogError(e, "camera {Camera}: cannot listen for HTTP on port {Port}; HTTP stays closed until the port is free and the camera reboots", _camera.Number, httpPort);
            }
        }
        _camera.Protocols.Set(Http is { } bound ? new NetworkProtocol("HTTP", true, [bound.Port]) : new NetworkProtocol("HTTP", false, [Math.Abs(httpPort)]));
        if (!CameraVideo.Available) return;
        if (rtspPort >= 0)
        {
            // Each camera's RTSP server sends RTP from a free UDP pair of its own: a configured rtsp.rtpPort is the shared server's.
            var server = new HostRtsp(_options with { Rtsp = _options.Rtsp with { RtpPort = 0 } }, [_camera], new IPEndPoint(Address, rtspPort), _camera, _time, x => _log.LogError(x, "rtsp"),
                _rtspRandom ??= _camera.Random.For($"camera-{_camera.Number}/rtsp"));
            try
            {
                server.Start();
                Volatile.Write(ref _rtsp, server);
            }
            catch (SocketException e)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                if (failIfTaken) throw new IOException($"camera {_camera.Number}: cannot listen for RTSP on {Address}:{rtspPort}: {e.Message}", e);
                _log.LogError(e, "camera {Camera}: cannot listen for RTSP on port {Port}; RTSP stays closed until the port is free and the camera reboots", _camera.Number, rtspPort);
            }
        }
        _camera.Protocols.Set(Rtsp is { } s ? new NetworkProtocol("RTSP", true, [s.EndPoint.Port]) : new NetworkProtocol("RTSP", false, [Math.Abs(rtspPort)]));
    }

    private async Task StartHttpAsync(IPEndPoint endpoint, CancellationToken cancel)
    {
        var builder = CameraHost.CreateWebBuilder(endpoint, _options);
        builder.Logging.AddProvider(new ForwardingLoggerProvider(_loggers));
        var app = builder.Build();
        app.Use((context, next) =>
        {
            CameraPaths.MarkOwnListener(context);
            return next(context);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseRouting();
        app.MapOwnCameraRoutes(_camera, _limits, _metrics);
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            if (e is IOException or SocketException)
                throw new IOException($"camera {_camera.Number}: cannot listen for HTTP on {endpoint}: {e.Message}", e);
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new IPEndPoint(Address, new Uri(bound).Port);
        _app = app;
    }

    /// <summary>SystemReboot: the listeners close and bind again as SetNetworkProtocols configured them.</summary>
    private async Task ApplyConfiguredAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed || _camera.Protocols.Configured is not { } configured || _camera.Protocols.Pending.Count == 0) return;
            int Port(string name, NetworkProtocol? served) => configured.FirstOrDefault(p => p.Name == name) is { } c
                ? (c.Enabled ? c.Ports[0] : -c.Ports[0])
                : served is { Enabled: true } s ? s.Ports[0] : -(served?.Ports[0] ?? 0);
            var current = _camera.Protocols.Current;
            var http = Port("HTTP", current.FirstOrDefault(p => p.Name == "HTTP"));
            var rtsp = Port("RTSP", current.FirstOrDefault(p => p.Name == "RTSP"));
            await CloseAsync().ConfigureAwait(false);
            await BindAsync(http, rtsp, failIfTaken: false, CancellationToken.None).ConfigureAwait(false);
            _log.LogWarning("camera {Camera}: rebooted onto HTTP {Http}, RTSP {Rtsp}", _camera.Number,
                Http?.ToString() ?? "closed", Rtsp?.EndPoint.ToString() ?? "closed");
        }
        catch (Exception e)
        {
            _log.LogError(e, "camera {Camera}: rebinding its listeners failed", _camera.Number);
        }
        finally { _gate.Release(); }
    }

    private async Task CloseAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            Http = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _rtsp, null) is { } rtsp) await rtsp.DisposeAsync().ConfigureAwait(false);
    }

    // SetNetworkProtocols asks before storing a port: a bind test on the camera's address.
    private bool PortAvailable(int port)
    {
        try
        {
            var probe = new TcpListener(Address, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await CloseAsync().ConfigureAwait(false);
        }
        finally { _gate.Release(); }
    }

    // The camera's own web server logs where the host's does.
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose() { }
    }
}
