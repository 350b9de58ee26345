using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Server.Privacy;
using Camlab.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Camlab.Server.Hosting;

/// <summary>
/// Every HTTP route of <c>camlab serve</c>, in one table (ASP.NET Core endpoint routing). Each camera has two route
/// groups with literal prefixes, so the router matches the camera number once and every handler is bound to its camera:
/// its base path (<c>""</c> for camera 1, <c>/cameras/{n}</c> for camera n) with the ONVIF services, streams, video,
/// MJPEG, snapshots and recordings, and <c>/api/v1/cameras/{n}</c> with the JSON APIs. Authentication is an endpoint
/// filter on each route that needs it; the ONVIF services authenticate per operation inside <see cref="SoapEndpoint"/>.
/// A path no route matches is 404 with an empty body, except under <c>/api/v1/cameras/</c> (a JSON error).
/// To add a route: one line in <see cref="MapCamera"/> (per camera) or <see cref="MapHostRoutes"/> (once per host).
/// </summary>
internal static class HostRoutes
{
    public static void MapHostRoutes(this IEndpointRouteBuilder app, IReadOnlyList<SimulatedCamera> cameras, SoapLimits limits,
        MobileServer.MobileServerEndpoint mobile, HostClock.ManualClock? clock, Observability.SiteMetrics? metrics = null, bool anonymousMetrics = false)
    {
        app.Map("/healthz", context => { context.Response.ContentType = "text/plain"; return context.Response.WriteAsync("ok\n"); });
        if (metrics is not null)
        {
            var scrape = app.Map("/metrics", context => Observability.MetricsEndpoint.WriteAsync(context, metrics)).AllowMethods("GET");
            // Camera 1's users and authentication (every camera of the host shares the configured users); READ_SYSTEM, so any user.
            if (!anonymousMetrics) scrape.RequireAccess(cameras[0], AccessClass.ReadSystem, "metrics need a camera user");
        }
        // The Mobile Server channel (docs/mobile-server.md): its own paths for every camera; anything else under it is 404.
        app.Map("/XProtectMobile/{**rest}", async context =>
        {
            if (!await mobile.TryHandleAsync(context).ConfigureAwait(false)) context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        // The host's clock (docs/clock.md): one for every camera; camera 1's users authenticate.
        app.Map("/api/v1/clock", c => HostClock.ClockApi.HandleAsync(c, clock)).AllowMethods("GET, POST")
            .RequireAccess(cameras[0], HostClock.ClockApi.Access);
        // Below every camera's own API routes: a camera or resource that does not exist.
        app.Map(ApiPrefix + "{**rest}", NoSuchApiResource).WithOrder(1);
        foreach (var camera in cameras) MapCamera(app, camera, limits, camera.BasePath, metrics?.ForCamera(camera.Number));
    }

    /// <summary>
    /// A camera's own listener (<c>--port-per-camera</c>): that camera's routes with every path at the root, its JSON API
    /// at <c>/api/v1/cameras/{n}</c> as on the host, and <c>/healthz</c>. Nothing of another camera is served there.
    /// </summary>
    public static void MapOwnCameraRoutes(this IEndpointRouteBuilder app, SimulatedCamera camera, SoapLimits limits, Observability.CameraMetrics metrics)
    {
        app.Map("/healthz", context => { context.Response.ContentType = "text/plain"; return context.Response.WriteAsync("ok\n"); });
        app.Map(ApiPrefix + "{**rest}", NoSuchApiResource).WithOrder(1);
        MapCamera(app, camera, limits, "", metrics);
    }

    private const string ApiPrefix = "/api/v1/cameras/";

    private static void MapCamera(IEndpointRouteBuilder app, SimulatedCamera camera, SoapLimits limits, string basePath, Observability.CameraMetrics? metrics)
    {
        var device = app.MapGroup(basePath);
        device.Map("/onvif/{service}/{**rest}", new SoapHttpEndpoint(camera, limits, metrics).HandleAsync);

        if (camera.Video is { } v)
        {
            var video = device.MapGroup("").AddEndpointFilter(CameraVideo.VideoRouteFilter);
            video.Map("/api/v1/streams/{**id}", c => v.Api.HandleAsync(c, StreamId(c))).AddEndpointFilter(v.Authorizer.FilterAsync);
            video.Map("/video/{id}", c => v.Channel.HandleAsync(c, Route(c, "id"))).AddEndpointFilter(v.TicketOrUserFilter);
            video.Map("/mjpeg/{profile}", c => v.Mjpeg.StreamAsync(c, Route(c, "profile"))).AddEndpointFilter(v.Authorizer.FilterAsync);
            video.Map("/snapshot/{file}", c => v.Mjpeg.SnapshotAsync(c, Route(c, "file"))).AddEndpointFilter(v.Authorizer.FilterAsync);
            if (v.Playback is { } playback) video.Map("/api/v1/recordings", playback.ListAsync).AddEndpointFilter(v.Authorizer.FilterAsync);
        }

        var api = app.MapGroup($"{ApiPrefix}{camera.Number}");
        api.Map("/faults", c => FaultApi.HandleAsync(c, camera)).AllowMethods("GET, POST, DELETE")
            .RequireAccess(camera, AccessClass.Actuate, "fault injection needs Operator or Administrator");
        api.Map("/objects", c => ObjectsApi.HandleAsync(c, camera)).AllowMethods("GET")
            .RequireAccess(camera, AccessClass.Actuate, "the objects API needs Operator or Administrator");
        api.Map("/privacy-masks", c => PrivacyMaskApi.HandleAsync(c, camera, null)).AllowMethods("GET", namePath: true, CameraPrivacyMasks.Json)
            .RequireAccess(camera, PrivacyMaskAccess, CameraPrivacyMasks.Json);
        api.Map("/privacy-masks/{source}", c => PrivacyMaskApi.HandleAsync(c, camera, Route(c, "source"))).AllowMethods("GET, PUT, DELETE", namePath: true, CameraPrivacyMasks.Json)
            .RequireAccess(camera, PrivacyMaskAccess, CameraPrivacyMasks.Json);
    }

    // Reading masks is READ_MEDIA (any user: they show in every picture); changing them WRITE_SYSTEM (Administrator).
    private static (AccessClass, string) PrivacyMaskAccess(string method) => HttpMethods.IsGet(method)
        ? (AccessClass.ReadMedia, "reading privacy masks needs a camera user")
        : (AccessClass.WriteSystem, "changing privacy masks needs Administrator");

    private static string Route(HttpContext context, string name) => (string)context.GetRouteValue(name)!;

    // /api/v1/streams is the collection (null); /api/v1/streams/ and /api/v1/streams/{id}[/...] name a stream.
    private static string? StreamId(HttpContext context) =>
        context.GetRouteValue("id") as string ?? (context.Request.Path.Value!.EndsWith('/') ? "" : null);

    // The catch-all also matches "/api/v1/cameras" itself, which is no API path: 404 with an empty body like any other.
    private static Task NoSuchApiResource(HttpContext context) => !context.Request.Path.Value!.StartsWith(ApiPrefix, StringComparison.Ordinal)
        ? Task.FromResult(context.Response.StatusCode = StatusCodes.Status404NotFound)
        : JsonApiIo.AnswerAsync(context, StatusCodes.Status404NotFound, new { error = $"no such resource: {context.Request.Path.Value}" }, JsonApiIo.Plain);
}
