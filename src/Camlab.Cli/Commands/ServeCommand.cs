using System.CommandLine;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Hosting;
using Camlab.Server.Optics;
using Camlab.Server.Streaming;
using Camlab.Rendering.Scenes;

namespace Camlab.Cli.Commands;

/// <summary>
/// <c>camlab serve</c>: starts the simulated camera(s) and prints the URLs and credentials, then <c>ready</c>.
/// Command-line options override the JSON configuration file, which overrides the defaults.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var http = new Option<string?>("--http") { Description = "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free port)" };
        var rtsp = new Option<string?>("--rtsp") { Description = "HOST:PORT for RTSP and RTSP over HTTP (default: the --http host on port 8554; port 0 picks a free port)" };
        var data = new Option<string?>("--data") { Description = "State directory, one subfolder per camera (default ./camlab-data)" };
        var config = new Option<string?>("--config") { Description = "JSON configuration file (see docs/configuration.md)" };
        var cameras = new Option<int?>("--cameras") { Description = "Number of simulated cameras (default 1)" };
        var users = new Option<string[]>("--user") { Description = "Add a user NAME:PASSWORD[:LEVEL] (Administrator, Operator, User); repeatable", AllowMultipleArgumentsPerToken = false };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept every request without credentials (experiments only)" };
        var noRecording = new Option<bool>("--no-recording") { Description = "Do not record (by default Profile_1 is recorded continuously at 5 fps; see docs/recording.md)" };
        var metricsAnonymous = new Option<bool>("--metrics-anonymous") { Description = "Serve /metrics without authentication (a Prometheus scraper on a closed network; see docs/deploy.md)" };
        var discovery = new Option<bool>("--discovery") { Description = "Answer WS-Discovery probes on UDP 3702 and send Hello/Bye" };
        var force = new Option<string[]>("--fault", "--force")
        {
            Description = "A fault on every camera from the start, applied after the configuration's (repeatable; docs/faults.md): " +
                          "TARGET/KIND=on[;name=value...][;after=T;for=D;every=P], e.g. PtzNode_1/MotorStall=on;axis=pan, ptz_service/Failure=on;answer=503;share=0.3; " +
                          "or SOURCE/CONDITION=true|false|auto (ImageTooDark, SignalLoss, ...), SOURCE/FocusMotor=ERROR, DigitalInput_1=true|false",
            AllowMultipleArgumentsPerToken = false,
        };

        var site = new Option<string?>("--site") { Description = "Site file (YAML or JSON): the cameras to run, each with its own layout, optics, place, scene, users, presets, tours and faults (docs/site.md)" };
        var portPerCamera = new Option<int?>("--port-per-camera") { Description = "Camera n also listens on its own port BASE+n-1 with every path at the root, as a real camera does (0: free ports; see docs/site.md)" };
        var rtspPortPerCamera = new Option<int?>("--rtsp-port-per-camera") { Description = "Camera n's own RTSP port is BASE+n-1 (default: the --port-per-camera base + 1000)" };
        var bindPerCamera = new Option<string[]>("--bind-per-camera") { Description = "Each camera's own address: one per camera (repeat or comma-separate), or a template like 127.0.0.N", AllowMultipleArgumentsPerToken = false };
        var camera = new Option<string?>("--camera") { Description = "OPF input-cameras document with the camera's sensors, geolocation and mount orientation (default: the embedded camera; see docs/optics.md)" };
        var scene = new Option<string?>("--scene") { Description = "Equirectangular JPEG (twice as wide as tall) to render instead of the generated scene" };

        var clock = new Option<string?>("--clock") { Description = "system (default) or manual: manual time starts at --clock-start and moves only through POST /api/v1/clock (see docs/clock.md)" };
        var clockStart = new Option<string?>("--clock-start") { Description = "The manual clock's first instant, ISO 8601 with an offset, e.g. 2026-01-01T00:00:00Z (default: now)" };
        var seed = new Option<long?>("--seed") { Description = "Seed every random choice (tour order, sensor noise, RTP SSRC, subscription ids, device UUIDs) so runs repeat (see docs/clock.md)" };

        var command = new Command("serve", "Start the camera (ONVIF device, media, events, and whatever the build adds) on 127.0.0.1.");
        foreach (var option in new Option[] { http, rtsp, data, config, cameras, users, noAuth, noRecording, discovery, force, site, portPerCamera, rtspPortPerCamera, bindPerCamera, camera, scene, clock, clockStart, seed, metricsAnonymous }) command.Options.Add(option);
        command.SetAction(async (parse, cancel) =>
        {
            ServerOptions options;
            try
            {
                options = parse.GetValue(config) is { } file ? ServerOptions.Load(file) : new ServerOptions();
                // A site file's clock and seed replace the configuration's; the command line's replace either.
                var siteDocument = parse.GetValue(site) is { } siteFile ? Camlab.Server.Site.SiteFile.Load(siteFile) : null;
                if (siteDocument is not null) options = options.WithSiteHost(siteDocument);
                var extraUsers = (parse.GetValue(users) ?? []).Select(UserOption.Parse).ToList();
                options = options with
                {
                    Http = parse.GetValue(http) ?? options.Http,
                    Rtsp = parse.GetValue(rtsp) is { } listen ? options.Rtsp with { Listen = listen } : options.Rtsp,
                    Data = parse.GetValue(data) ?? options.Data,
                    Cameras = parse.GetValue(cameras) ?? options.Cameras,
                    Users = [.. options.Users, .. extraUsers],
                    Auth = parse.GetValue(noAuth) ? options.Auth with { Enabled = false } : options.Auth,
                    Discovery = parse.GetValue(discovery) ? options.Discovery with { Enabled = true } : options.Discovery,
                    CommandLineFaults = [.. parse.GetValue(force) ?? []],
                    Recording = parse.GetValue(noRecording) ? options.Recording with { Enabled = false } : options.Recording,
                    Camera = parse.GetValue(camera) is { } opf ? options.Camera with { Opf = opf } : options.Camera,
                    Scene = parse.GetValue(scene) ?? options.Scene,
                    Clock = options.Clock with { Mode = parse.GetValue(clock) ?? options.Clock.Mode, Start = parse.GetValue(clockStart) ?? options.Clock.Start },
                    Seed = parse.GetValue(seed) ?? options.Seed,
                    OwnListeners = options.OwnListeners with
                    {
                        HttpBase = parse.GetValue(portPerCamera) ?? options.OwnListeners.HttpBase,
                        RtspBase = parse.GetValue(rtspPortPerCamera) ?? options.OwnListeners.RtspBase,
                        Bind = parse.GetValue(bindPerCamera) is { Length: > 0 } bind
                            ? [.. bind.SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
                            : options.OwnListeners.Bind,
                    },
                    Metrics = parse.GetValue(metricsAnonymous) ? options.Metrics with { Anonymous = true } : options.Metrics,
                };
                if (siteDocument is not null)
                {
                    if (parse.GetValue(cameras) is { } n && n != siteDocument.Cameras.Count)
                        throw new ConfigurationException($"--cameras {n} and the site file's {siteDocument.Cameras.Count} cameras disagree (leave --cameras out with --site)");
                    options = options with { Site = siteDocument, Cameras = siteDocument.Cameras.Count };
                }
                options.Validate();
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine("camlab serve: " + e.Message);
                return 2;
            }
            catch (Camlab.Server.Site.SiteFileException e)
            {
                // Nothing starts: every mistake of the site file, each with its JSON path.
                foreach (var error in e.Errors) Console.Error.WriteLine($"camlab serve: {e.File}: {error}");
                return 2;
            }

            CameraHost host;
            try
            {
                host = await CameraHost.StartAsync(options, cancel: cancel, logToStandardError: true);
            }
            catch (CameraOpticsException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine($"camlab serve: {e.DocumentName}: {error}");
                return 2;
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine("camlab serve: --scene: " + e.Message);
                return 2;
            }
            catch (Exception e) when (e is IOException or ConfigurationException or System.Net.Sockets.SocketException or TurboJpegUnavailableException)
            {
                Console.Error.WriteLine("camlab serve: cannot start: " + e.Message);
                return 1;
            }

            await using (host)
            {
                PrintBanner(host, options);
                try { await Task.Delay(Timeout.Infinite, cancel); }
                catch (OperationCanceledException) { }
                Console.Out.WriteLine("stopping");
            }
            return 0;
        });
        return command;
    }

    private static void PrintBanner(CameraHost host, ServerOptions options)
    {
        var o = Console.Out;
        foreach (var camera in host.Cameras)
            o.WriteLine($"camera {camera.Number}: {host.DeviceServiceUrl(camera)}  ({camera.Identity.Name}, serial {camera.Identity.SerialNumber}, {camera.Identity.EndpointReference})");
        var origin = host.BaseUri.GetLeftPart(UriPartial.Authority);
        if (CameraVideo.Available)
            foreach (var camera in host.Cameras)
            {
                var video = host.CameraOrigin(camera);
                o.WriteLine($"camera {camera.Number} video: mjpeg {video}/mjpeg/Profile_1  snapshot {video}/snapshot/Profile_1.jpg  streams POST {video}/api/v1/streams");
                if ((host.Listeners.TryGetValue(camera.Number, out var own) ? own.Rtsp : host.Rtsp) is { } server)
                    o.WriteLine($"camera {camera.Number} rtsp: {string.Join("  ", camera.Media.Profiles.Select(p => server.Url(camera, p.Token)))}");
                if (camera.Video?.Recordings is { } recordings)
                    o.WriteLine(recordings.Recorders.Count == 0
                        ? $"camera {camera.Number} recording: OFF  (playback of what {recordings.Directory} holds: GET {video}/api/v1/recordings)"
                        : $"camera {camera.Number} recording: {string.Join(", ", recordings.Recorders.Select(r => r.ProfileToken))} at {options.Recording.Fps} fps" +
                          $"{(options.Recording.Signing ? ", signed" : "")} into {recordings.Directory}  (GET {video}/api/v1/recordings)");
            }
        else o.WriteLine("video: OFF — " + TurboJpegLibrary.Diagnose() + " (ONVIF, PTZ and events keep working)");
        if (CameraVideo.Available && !Rendering.H264.OpenH264Library.IsAvailable)
            o.WriteLine("H.264: OFF — " + Rendering.H264.OpenH264Library.Diagnose() + " (H.264 profiles answer RTSP 404 and HTTP 503; JPEG profiles stream)");
        o.WriteLine(host.ManualClock is { } manual
            ? $"clock: manual, paused at {manual.GetUtcNow():O}  (POST {origin}/api/v1/clock {{\"advance\":\"PT10S\"}}; HTTP Digest, Administrator)"
            : "clock: system");
        if (options.Seed is { } s) o.WriteLine($"seed: {s}");
        o.WriteLine($"health: {origin}/healthz");
        o.WriteLine($"metrics: {origin}/metrics ({(options.Metrics.Anonymous || !options.Auth.Enabled ? "no authentication" : "HTTP authentication, any camera user")}; see docs/deploy.md)");
        if (host.HasConsole) o.WriteLine($"console: {origin}/");
        o.WriteLine($"fault injection: {origin}/api/v1/cameras/N/faults (HTTP Digest, Operator or Administrator)");
        o.WriteLine($"privacy masks: {origin}/api/v1/cameras/N/privacy-masks (HTTP Digest; changes need Administrator)");
        o.WriteLine($"trackable objects: {origin}/api/v1/cameras/N/objects (ObjectIDs for MoveAndStartTracking; same authentication)");
        foreach (var (_, fault) in options.FaultInstructions()) o.WriteLine($"fault: {fault}");
        if (!options.Auth.Enabled) o.WriteLine("authentication: OFF (--no-auth): every request acts as Administrator");
        else
        {
            foreach (var user in host.Users.Users) o.WriteLine($"user: {user.Name} / {user.Password} ({user.Level})");
            if (host.Users.GeneratedPasswordPath is { } path) o.WriteLine($"(generated on first start, stored in {path})");
        }
        if (host.DiscoveryPort is { } port) o.WriteLine($"ws-discovery: udp {port}");
        o.WriteLine("ready");
        o.Flush();
    }
}
