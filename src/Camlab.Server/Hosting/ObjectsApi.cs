using System.Text.Json;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// <c>GET /api/v1/cameras/{n}/objects</c> (docs/ptz.md): the scene objects MoveAndStartTracking can follow
/// (<see cref="Ptz.TrackableObjectsDocument"/>). HTTP Digest; Operator or Administrator, like the actuation the
/// ObjectIDs are for. Answers are JSON.
/// </summary>
internal static class ObjectsApi
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>GET, authorised by the route's filters (<see cref="HostRoutes"/>).</summary>
    public static async Task HandleAsync(HttpContext context, SimulatedCamera camera)
    {
        if (Ptz.TrackableObjectsDocument.For(camera) is not { } document)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"camera {camera.Number} has no trackable objects" });
            return;
        }
        await Answer(context, StatusCodes.Status200OK, document);
    }

    private static Task Answer(HttpContext context, int status, object body) => JsonApiIo.AnswerAsync(context, status, body, Json);
}
