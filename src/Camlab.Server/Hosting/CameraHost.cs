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

    private CameraHost(WebApplication app, IReadOnlyList<SimulatedCamera> cameras, Uri baseUri, WsDiscoveryResponder? discovery, UserBootstrap.Result users, Camlab.Server.Rtsp.HostRtsp? rtsp)
    {
        _app = app;
        Rtsp = rtsp;
        Cameras = cameras;
        BaseUri = baseUri;
        _discovery = discovery;
        Users = users;
    }

    public IReadOnlyList<SimulatedCamera> Cameras { get; }

    /// <summary>The Mobile Server command and video channels of every camera (docs/mobile-server.md).</summary>
    public required MobileServer.MobileServerEndpoint Mobile { get; init; }

    /// <summary>http://host:port of the running server (the real port when started on port 0).</summary>
    public Uri BaseUri { get; }

    public UserBootstrap.Result Users { get; }

    /// <summary>The RTSP server of every camera (null when video is off).</summary>
    public Camlab.Server.Rtsp.HostRtsp? Rtsp { get; }

    public int? DiscoveryPort => _discovery?.Port;

    /// <summary>True when the web console's files are there to serve at <c>/</c>.</summary>
    public bool HasConsole => ConsoleFiles.Available;

    public string DeviceServiceUrl(SimulatedCamera camera) => $"{BaseUri.GetLeftPart(UriPartial.Authority)}{camera.BasePath}/onvif/device_service";

    /// <param name="viewState">What each camera's picture shows instead of its PTZ and Imaging (tests that steer the picture); null for the real view.</param>
    /// <param name="logToStandardError">Warnings and errors of the host (failed renders, handlers that threw) as one line each on stderr.</param>
    public static async Task<CameraHost> StartAsync(ServerOptions options, Func<SimulatedCamera, ICameraViewState>? viewState = null,
        TimeProvider? time = null, ILoggerProvider? logger = null, CancellationToken cancel = default, bool logToStandardError = false)
    {
        options.Validate();
        time ??= TimeProvider.System;
        var endpoint = options.ParseHttp();
        var data = Path.GetFullPath(options.Data);
        var users = UserBootstrap.Resolve(options.Users, data);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (logger is not null) builder.Logging.AddProvider(logger);
        if (logToStandardError)
        {
            // camlab serve: warnings and errors (a failed render, a SOAP handler that threw) go to stderr, one line
            // each, so they are seen; stdout stays the banner scripts read.
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.UseUtcTimestamp = true; });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
            // SOAP bodies are capped by SoapHttpEndpoint (kept up to the SOAP limit, the rest drained); Kestrel's cap is above both.
            k.Limits.MaxRequestBodySize = options.Soap.MaxBodyBytes + (long)SoapHttpEndpoint.DrainLimit + 1024;
        });
        var app = builder.Build();
        app.UseConsole();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Soap");
        var stateLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.State");
        var authLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Auth");

        var security = options.ToSecurityOptions();
        var limits = options.ToSoapLimits();
        var events = new EventsOptions
        {
            MaxPullPoints = options.Events.MaxPullPoints,
            MaxTimeout = TimeSpan.FromSeconds(options.Events.MaxTimeoutSeconds),
            MaxMessageLimit = options.Events.MaxMessageLimit,
            DefaultTermination = TimeSpan.FromSeconds(options.Events.DefaultTerminationSeconds),
        };
        // Both fail before anything listens: a bad --camera document lists every error, a bad scene names its size.
        var optics = options.Camera.Opf is { } opf ? CameraOptics.LoadFile(opf) : CameraOptics.Default;
        var placement = CameraPlacement.Resolve(options.Camera, optics);
        var renderer = options.Scene is { } scene ? new ViewRenderer(SceneFile.LoadJpeg(scene), scheduler: RenderScheduler.Shared) : SharedRenderer.Value;
        var videoLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Camlab.Video");
        var privacyMasks = options.ParsePrivacyMasks();
        var definition = options.Camera.ToDefinition();
        var cameras = new List<SimulatedCamera>();
        // One RTSP listener for every camera; it resolves paths against the cameras as they are added.
        var rtsp = CameraVideo.Available ? new Camlab.Server.Rtsp.HostRtsp(options, cameras, time, e => videoLog.LogError(e, "rtsp")) : null;
        var parts = new CameraAssembly.Shared(definition, optics, placement, renderer, privacyMasks, options, data, time, users.Users, security, limits, events,
            e => log.LogError(e, "SOAP handler failed"), videoLog, stateLog, authLog, rtsp);
        var serving = false;
        try
        {
            for (var n = 1; n <= options.Cameras; n++) cameras.Add(CameraAssembly.Build(n, parts, viewState));

            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            var mobile = new MobileServer.MobileServerEndpoint(cameras, time);
            app.Lifetime.ApplicationStopped.Register(mobile.Dispose);
            app.UseRouting(); // after the console's static files, as before: a file of the console is never a route
            app.MapHostRoutes(cameras, limits, mobile);
            await app.StartAsync(cancel).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
            rtsp?.Start();
            foreach (var camera in cameras)
                foreach (var protocol in Camlab.Server.Rtsp.HostRtsp.Protocols(baseUri, rtsp)) camera.Protocols.Set(protocol);

            var profiles = ProfileScopes.Served(rtsp is not null, options.Discovery.Enabled, Rendering.H264.OpenH264Library.IsAvailable);
            foreach (var camera in cameras) camera.Settings.AdvertiseProfiles(profiles);

            WsDiscoveryResponder? discovery = null;
            if (options.Discovery.Enabled)
            {
                discovery = new WsDiscoveryResponder(cameras, c => $"{baseUri.GetLeftPart(UriPartial.Authority)}{c.BasePath}/onvif/device_service",
                    endpoint.Address, options.Discovery.Port, e => log.LogWarning(e, "WS-Discovery"));
                discovery.Start();
            }
            serving = true;
            return new CameraHost(app, cameras, baseUri, discovery, users, rtsp) { Mobile = mobile };
        }
        finally
        {
            // A start that fails part-way leaves nothing running: the RTSP listener, the cameras built so far and the web host go.
            if (!serving)
            {
                if (rtsp is not null) await rtsp.DisposeAsync().ConfigureAwait(false);
                foreach (var camera in cameras) camera.Dispose();
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Says Bye, stops accepting requests and ends every subscription. State is already on disk.</summary>
    public async Task StopAsync()
    {
        if (_discovery is not null) await _discovery.StopAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
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
