using System.Net;
using Camlab.Onvif.Events;
using Camlab.Onvif.Soap;
using Camlab.Rendering;
using Camlab.Server.Discovery;
using Camlab.Server.Imaging;
using Camlab.Server.Optics;
using Camlab.Server.Privacy;
using Camlab.Server.Ptz;
using Camlab.Server.Recording;
using Camlab.Server.View;
using Camlab.Server.Streaming;
using Camlab.Server.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Camlab.Rendering.Scenes;

namespace Camlab.Server.Hosting;

/// <summary>
/// The <c>camlab serve</c> host: Kestrel on one endpoint serving every camera's ONVIF services at
/// <c>/onvif/&lt;service&gt;</c> (camera 1) and <c>/cameras/{n}/onvif/&lt;service&gt;</c>, <c>GET /healthz</c>, the web
/// console at <c>/</c>, the fault-injection API at <c>/api/v1/cameras/{n}/faults</c> (every route: <see cref="HostRoutes"/>),
/// and optionally WS-Discovery.
/// Every camera gets PTZ (<see cref="CameraPtz"/>) and Imaging (<see cref="CameraImagingPart"/>). Tests start it on
/// port 0, and pass a fake <see cref="TimeProvider"/> to drive the simulated motion without waiting.
/// </summary>
public sealed class CameraHost : IAsyncDisposable
{
    // The default scene is immutable and the renderer thread-safe: every host in the process shares one.
    private static readonly Lazy<ViewRenderer> SharedRenderer = new(() => new ViewRenderer(DefaultScene.Create(), scheduler: RenderScheduler.Shared));

    private readonly WebApplication _app;
    private readonly WsDiscoveryResponder? _discovery;

    private CameraHost(WebApplication app, IReadOnlyList<SimulatedCamera> cameras, Uri baseUri, WsDiscoveryResponder? discovery, UserBootstrap.Result users,
        Camlab.Server.Rtsp.HostRtsp? rtsp, IReadOnlyDictionary<int, CameraListener> listeners, HostClock.ManualClock? manualClock)
    {
        _app = app;
        Listeners = listeners;
        ManualClock = manualClock;
        Rtsp = rtsp;
        Cameras = cameras;
        BaseUri = baseUri;
        _discovery = discovery;
        Users = users;
    }

    public IReadOnlyList<SimulatedCamera> Cameras { get; }

    /// <summary>The clock the tester moves (<c>--clock manual</c>, <c>/api/v1/clock</c>); null on the system's clock.</summary>
    public HostClock.ManualClock? ManualClock { get; }

    /// <summary>What <c>/metrics</c> exports (docs/deploy.md, "Metrics").</summary>
    public required Observability.SiteMetrics Metrics { get; init; }

    /// <summary>The Mobile Server command and video channels of every camera (docs/mobile-server.md).</summary>
    public required MobileServer.MobileServerEndpoint Mobile { get; init; }

    /// <summary>http://host:port of the running server (the real port when started on port 0).</summary>
    public Uri BaseUri { get; }

    public UserBootstrap.Result Users { get; }

    /// <summary>The RTSP server of every camera (null when video is off).</summary>
    public Camlab.Server.Rtsp.HostRtsp? Rtsp { get; }

    public int? DiscoveryPort => _discovery?.Port;

    /// <summary>Each camera's own listeners by camera number (<c>--port-per-camera</c>); empty when off.</summary>
    public IReadOnlyDictionary<int, CameraListener> Listeners { get; }

    /// <summary>
    /// http://address:port[/cameras/n] where the camera's paths start: its own listener's root when it has one (and
    /// its HTTP is open), else its base path on the host's listener.
    /// </summary>
    public string CameraOrigin(SimulatedCamera camera) =>
        Listeners.TryGetValue(camera.Number, out var own) && own.Origin is { } origin ? origin : BaseUri.GetLeftPart(UriPartial.Authority) + camera.BasePath;

    /// <summary>True when the web console's files are there to serve at <c>/</c>.</summary>
    public bool HasConsole => ConsoleFiles.Available;

    public string DeviceServiceUrl(SimulatedCamera camera) => $"{CameraOrigin(camera)}/onvif/device_service";

    /// <param name="viewState">What each camera's picture shows instead of its PTZ and Imaging (tests that steer the picture); null for the real view.</param>
    /// <param name="time">
    /// The clock the host runs on (a fake one in tests); the system's when null. With <c>clock.mode</c> manual the host
    /// runs on a <see cref="HostClock.ManualClock"/> instead, which a running rate paces on this clock.
    /// </param>
    /// <param name="logToStandardError">Warnings and errors of the host (failed renders, handlers that threw) as one line each on stderr.</param>
    public static async Task<CameraHost> StartAsync(ServerOptions options, Func<SimulatedCamera, ICameraViewState>? viewState = null,
        TimeProvider? time = null, ILoggerProvider? logger = null, CancellationToken cancel = default, bool logToStandardError = false)
    {
        options.Validate();
        var random = options.Random();
        var endpoint = options.ParseHttp();
        var data = Path.GetFullPath(options.Data);
        var users = UserBootstrap.Resolve(options.Users, data);

        var builder = CreateWebBuilder(endpoint, options);
        if (logger is not null) builder.Logging.AddProvider(logger);
        if (logToStandardError)
        {
            // camlab serve: warnings and errors (a failed render, a SOAP handler that threw) go to stderr, one line
            // each, so they are seen; stdout stays the banner scripts read.
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.UseUtcTimestamp = true; });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        var app = builder.Build();
        app.UseConsole();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Soap");
        var stateLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.State");
        var authLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Auth");
        var clockLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Clock");
        // A paused manual clock owns no thread until resumed: a start that fails before the cameras leaves nothing running.
        var manualClock = options.Clock.CreateManual(time ?? TimeProvider.System, e => clockLog.LogError(e, "a timer callback on the manual clock failed"));
        time = manualClock ?? time ?? TimeProvider.System;

        var security = options.ToSecurityOptions();
        var limits = options.ToSoapLimits();
        var events = new EventsOptions
        {
            MaxPullPoints = options.Events.MaxPullPoints,
            MaxTimeout = TimeSpan.FromSeconds(options.Events.MaxTimeoutSeconds),
            MaxMessageLimit = options.Events.MaxMessageLimit,
            DefaultTermination = TimeSpan.FromSeconds(options.Events.DefaultTerminationSeconds),
        };
        // Everything fails before anything listens: a bad --camera document lists every error, a bad scene names its size.
        var specs = CameraSpecs(options, users.Users);
        var videoLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Video");
        var privacyMasks = options.ParsePrivacyMasks();
        var cameras = new List<SimulatedCamera>();
        var metrics = new Observability.SiteMetrics();
        // One RTSP listener for every camera; it resolves paths against the cameras as they are added.
        var rtsp = CameraVideo.Available ? new Camlab.Server.Rtsp.HostRtsp(options, cameras, time, e => videoLog.LogError(e, "rtsp"), random.For("rtsp")) : null;
        var parts = new CameraAssembly.Shared(n => specs[n - 1], privacyMasks, options, data, time, security, limits, events,
            e => log.LogError(e, "SOAP handler failed"), videoLog, stateLog, authLog, rtsp, random) { Metrics = metrics };
        var serving = false;
        try
        {
            for (var n = 1; n <= options.Cameras; n++) cameras.Add(CameraAssembly.Build(n, parts, viewState));

            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            var mobile = new MobileServer.MobileServerEndpoint(cameras, time);
            app.Lifetime.ApplicationStopped.Register(mobile.Dispose);
            app.UseRouting(); // after the console's static files, as before: a file of the console is never a route
            app.MapHostRoutes(cameras, limits, mobile, manualClock, metrics, options.Metrics.Anonymous);
            metrics.Cameras.Set(cameras.Count);
            if (rtsp is not null)
                metrics.OnScrape(() =>
                {
                    // A camera's own RTSP server when it has one (--port-per-camera), else the host's.
                    foreach (var camera in cameras)
                        if (parts.RtspFor(camera) is { } server)
                            metrics.ForCamera(camera.Number).RtspSessions.Set(server.Server.CountSessions(Camlab.Server.Rtsp.CameraMediaSource.Group(camera)));
                });
            await app.StartAsync(cancel).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
            rtsp?.Start();
            foreach (var camera in cameras)
                foreach (var protocol in Camlab.Server.Rtsp.HostRtsp.Protocols(baseUri, rtsp)) camera.Protocols.Set(protocol);
            if (options.OwnListeners.Enabled)
            {
                // Each camera its own device: its own address and ports, every path at the root (docs/site.md).
                var loggers = app.Services.GetRequiredService<ILoggerFactory>();
                foreach (var camera in cameras)
                {
                    var own = await CameraListener.StartAsync(camera, options.OwnListeners.Http(camera.Number, endpoint.Address)!,
                        options.OwnListeners.Rtsp(camera.Number, endpoint.Address)!, options, limits, time, metrics.ForCamera(camera.Number), loggers, cancel).ConfigureAwait(false);
                    lock (parts.Listeners) parts.Listeners[camera.Number] = own;
                }
            }
            var listeners = parts.Listeners.ToDictionary();
            string DeviceUrl(SimulatedCamera c) =>
                (listeners.TryGetValue(c.Number, out var own) && own.Origin is { } o ? o : baseUri.GetLeftPart(UriPartial.Authority) + c.BasePath) + "/onvif/device_service";

            var profiles = ProfileScopes.Served(rtsp is not null, options.Discovery.Enabled, Rendering.H264.OpenH264Library.IsAvailable);
            foreach (var camera in cameras) camera.Settings.AdvertiseProfiles(profiles);

            WsDiscoveryResponder? discovery = null;
            if (options.Discovery.Enabled)
            {
                discovery = new WsDiscoveryResponder(cameras, DeviceUrl,
                    endpoint.Address, options.Discovery.Port, e => log.LogWarning(e, "WS-Discovery"), time: time);
                discovery.Start();
            }
            serving = true;
            return new CameraHost(app, cameras, baseUri, discovery, users, rtsp, listeners, manualClock) { Mobile = mobile, Metrics = metrics };
        }
        finally
        {
            // A start that fails part-way leaves nothing running: the RTSP listener, the cameras built so far and the web host go.
            if (!serving)
            {
                foreach (var own in parts.Listeners.Values) await own.DisposeAsync().ConfigureAwait(false);
                if (rtsp is not null) await rtsp.DisposeAsync().ConfigureAwait(false);
                foreach (var camera in cameras) camera.Dispose();
                await app.DisposeAsync().ConfigureAwait(false);
                manualClock?.Dispose();
            }
        }
    }

    /// <summary>
    /// A web host on <paramref name="endpoint"/> as every Camlab listener is made (the host's and each camera's own):
    /// no providers but the caller's, warnings and up, no Server header, Kestrel's body cap above the SOAP limits.
    /// </summary>
    internal static WebApplicationBuilder CreateWebBuilder(IPEndPoint endpoint, ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
            // SOAP bodies are capped by SoapHttpEndpoint (kept up to the SOAP limit, the rest drained); Kestrel's cap is above both.
            k.Limits.MaxRequestBodySize = options.Soap.MaxBodyBytes + (long)SoapHttpEndpoint.DrainLimit + 1024;
        });
        return builder;
    }

    // Each camera's spec: the configuration's for every camera, or its camera of the site file. Optics and scenes are
    // loaded once per file and shared by the cameras that name it.
    private static IReadOnlyList<CameraAssembly.CameraSpec> CameraSpecs(ServerOptions options, IReadOnlyList<Camlab.Onvif.Security.UserAccount> hostUsers)
    {
        var optics = new Dictionary<string, CameraOptics>(StringComparer.Ordinal);
        var scenes = new Dictionary<string, ViewRenderer>(StringComparer.Ordinal);
        CameraOptics Optics(string? path) => path is null ? CameraOptics.Default
            : optics.TryGetValue(path, out var o) ? o : optics[path] = CameraOptics.LoadFile(path);
        ViewRenderer Renderer(string? path) => path is null ? SharedRenderer.Value
            : scenes.TryGetValue(path, out var r) ? r : scenes[path] = new ViewRenderer(SceneFile.LoadJpeg(path), scheduler: RenderScheduler.Shared);
        CameraAssembly.CameraSpec Spec(CameraOptions camera, string? scene, IReadOnlyList<(string Path, string Text)> faults, IReadOnlyList<Camlab.Onvif.Security.UserAccount> users,
            string? name, Site.SiteCamera? site)
        {
            var cameraOptics = Optics(camera.Opf);
            var definition = camera.ToDefinition();
            // A dome's zoom uses part of its lens at most: the definition's zoomRange against the OPF document's.
            var lens = cameraOptics.Lens;
            foreach (var source in definition.PtzSources)
                if (source.Ptz!.Mechanics?.ZoomRange is { } zoom && (zoom.Min < lens.FocalMinMm - 1e-9 || zoom.Max > lens.FocalMaxMm + 1e-9))
                    throw new ConfigurationException(FormattableString.Invariant(
                        $"camera.definition: video source '{source.Token}': ptz.zoomRange {zoom.Min}..{zoom.Max} mm is not within the lens's {lens.FocalMinMm}..{lens.FocalMaxMm} mm ({camera.Opf ?? "the embedded OPF document"})"));
            return new CameraAssembly.CameraSpec(definition, cameraOptics, CameraPlacement.Resolve(camera, cameraOptics), Renderer(scene),
                faults, users, name, site);
        }
        if (options.Site is not { } siteDocument)
        {
            var one = Spec(options.Camera, options.Scene, options.FaultInstructions(), hostUsers, null, null);
            return Enumerable.Repeat(one, options.Cameras).ToList();
        }
        return siteDocument.Cameras.Select((c, n) => Spec(c.Camera, c.Scene ?? options.Scene,
            [.. options.FaultInstructions(), .. c.Faults.Select((t, i) => ($"site: $.cameras[{n}].faults[{i}]", t))],
            [.. hostUsers, .. c.Users.Select(u => u.ToAccount()).Where(u => hostUsers.All(h => h.Name != u.Name))], c.Name, c)).ToList();
    }

    /// <summary>Says Bye, stops accepting requests and ends every subscription. State is already on disk.</summary>
    public async Task StopAsync()
    {
        if (_discovery is not null) await _discovery.StopAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        ManualClock?.Pause(); // a running clock stops stepping the parts about to go
        await Task.WhenAll(Listeners.Values.Select(l => l.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (Rtsp is not null) await Rtsp.DisposeAsync().ConfigureAwait(false);
        // In parallel: each camera may wait for a frame still rendering (continuous recording renders all the
        // time), and SIGTERM gives the process only a few seconds.
        await Task.WhenAll(Cameras.Select(c => Task.Run(c.Dispose))).ConfigureAwait(false);
    }

    public async Task WaitForShutdownAsync(CancellationToken cancel) => await _app.WaitForShutdownAsync(cancel).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
