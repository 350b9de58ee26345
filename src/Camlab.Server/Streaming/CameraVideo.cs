using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Camlab.Server.Streaming;

/// <summary>
/// The video side of one camera: render hub and analysers, the stream registry, and its HTTP endpoints under the
/// camera's base path — <c>/api/v1/streams[/{id}]</c>, <c>/video/{id}</c>, <c>/mjpeg/{profile}</c> and
/// <c>/snapshot/{profile}.jpg</c>, mapped by <see cref="HostRoutes"/>. Without TurboJPEG the endpoints answer 503 with the install hint (the control
/// plane keeps working) and the Media service does not offer GetStreamUri/GetSnapshotUri.
/// </summary>
public sealed class CameraVideo : IDisposable
{
    /// <param name="metrics">The camera's metrics (render, encode, frames per sink); null: not measured.</param>
    /// <param name="warn">Where a render loop that falls behind says so, once per episode.</param>
    public CameraVideo(SimulatedCamera camera, ViewRenderer renderer, ICameraViewState state, Action<Exception> log, Observability.CameraMetrics? metrics = null,
        Action<string>? warn = null)
    {
        Camera = camera;
        Renderer = renderer;
        Hub = new RenderHub(renderer, state, camera.AnalysisReporter ?? new EventBusAnalysisReporter(camera.Events), camera.Time, camera.Media.VideoSources.Select(s => s.Token).ToArray(),
            () => camera.EventsService.SubscriptionCount > 0, log, clockOffset: () => camera.Clock.Offset,
            noiseSeed: camera.Random.Value($"camera-{camera.Number}/sensor-noise") ?? 0, faults: camera.Faults.Video, metrics: metrics, warn: warn);
        Streams = new StreamRegistry(camera.Media, Hub, camera.Time, camera.Random.SeededFor($"camera-{camera.Number}/stream-ids"))
            { RecorderFlags = () => camera.Faults.Recorder.Flags };
        Authorizer = new StreamAuthorizer(camera.Endpoint.Security, camera.Endpoint.Http);
        Tickets = new StreamTickets(camera.Time);
        Api = new StreamApi(this);
        Channel = new VideoChannelEndpoint(this);
        Mjpeg = new MjpegEndpoints(this);
    }

    /// <summary>True when libturbojpeg loads; otherwise video is off and <see cref="TurboJpegLibrary.Diagnose"/> says why.</summary>
    public static bool Available => TurboJpegLibrary.IsAvailable;

    public SimulatedCamera Camera { get; }

    /// <summary>The shared renderer (e.g. for <see cref="ViewRenderer.InFocusDioptres"/>, what auto-focus converges to).</summary>
    public ViewRenderer Renderer { get; }
    public RenderHub Hub { get; }
    public StreamRegistry Streams { get; }
    public StreamAuthorizer Authorizer { get; }

    /// <summary>The single-use tickets that authorise a browser's WebSocket upgrade instead of Digest (docs/streaming.md).</summary>
    public StreamTickets Tickets { get; }
    internal StreamApi Api { get; }
    internal VideoChannelEndpoint Channel { get; }
    internal MjpegEndpoints Mjpeg { get; }

    /// <summary>
    /// The camera's recorders and playback streams (docs/recording.md); set by the host once after construction.
    /// Its profiles' live streams carry the 0x02 Recording flag while they are recorded.
    /// </summary>
    public Recording.CameraRecordings? Recordings
    {
        get => _recordings;
        set
        {
            _recordings = value;
            Playback = value is null ? null : new Recording.PlaybackApi(this, value);
            Streams.IsRecording = value is null ? null : value.IsRecording;
        }
    }
    private Recording.CameraRecordings? _recordings;
    internal Recording.PlaybackApi? Playback { get; private set; }

    /// <summary>
    /// The endpoint filter of every video route (<see cref="HostRoutes"/>): 503 with the install hint while TurboJPEG
    /// is missing, a bad stream request as its 400/404 JSON problem, a client that left as nothing.
    /// </summary>
    internal static async ValueTask<object?> VideoRouteFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Available)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(TurboJpegLibrary.Diagnose() + "\n").ConfigureAwait(false);
            return Results.Empty;
        }
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (StreamRequestException e) when (!http.Response.HasStarted)
        {
            await Problem(http, e.NotFound ? 404 : e.Unavailable ? 503 : 400, e.Field, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested) { }
        return Results.Empty;
    }

    /// <summary>
    /// The endpoint filter of <c>/video/{id}</c>: a <c>ticket</c> query parameter replaces Digest on the WebSocket
    /// upgrade only, and is spent by the attempt; without one the camera's users authenticate as on every video route.
    /// </summary>
    internal async ValueTask<object?> TicketOrUserFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Query.TryGetValue("ticket", out var ticket)) return await Authorizer.FilterAsync(context, next).ConfigureAwait(false);
        var valid = ticket.Count == 1 && Guid.TryParse(http.GetRouteValue("id") as string, out var videoId) && Tickets.TryConsume(ticket.ToString(), videoId);
        if (valid && http.WebSockets.IsWebSocketRequest) return await next(context).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync("the stream ticket is unknown, spent, expired, for another stream, or not on a WebSocket upgrade\n").ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>Absolute URLs of this camera's video paths as seen by the client that asked.</summary>
    public string Url(HttpRequest request, string path, bool webSocket = false) =>
        $"{(webSocket ? (request.IsHttps ? "wss" : "ws") : request.Scheme)}://{request.Host.Value}{Hosting.CameraPaths.BasePath(request.HttpContext, Camera)}{path}";

    internal static async Task Problem(HttpContext context, int status, string field, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { error = message, field })).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Recordings?.Dispose();
        Streams.Dispose();
        Hub.Dispose();
    }
}
