using System.Text.Json;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// <c>GET /api/v1/cameras/{n}/objects</c> (docs/ptz.md): the scene objects MoveAndStartTracking can follow
/// (<see cref="Ptz.TrackableObjectsDocument"/>). HTTP Digest; Operator or Administrator, like the actuation the
/// ObjectIDs are for. Answers are JSON.
/// </summary>
internal sealed class ObjectsApi(IReadOnlyList<SimulatedCamera> cameras, ApiAuthorizer authorizer)
{
    public const string Resource = "objects";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task HandleAsync(HttpContext context, CameraApiPath api)
    {
        if (api.Item is not null)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"no such resource: {context.Request.Path}" });
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            await Answer(context, StatusCodes.Status405MethodNotAllowed, new { error = $"{context.Request.Method} is not allowed" });
            return;
        }
        if (!authorizer.Authorize(context, api.Number - 1, AccessClass.Actuate, "the objects API needs Operator or Administrator", out var refusal))
        {
            await Answer(context, refusal.Status, new { error = refusal.Reason });
            return;
        }
        if (Ptz.TrackableObjectsDocument.For(cameras[api.Number - 1]) is not { } document)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"camera {api.Number} has no trackable objects" });
            return;
        }
        await Answer(context, StatusCodes.Status200OK, document);
    }

    private static Task Answer(HttpContext context, int status, object body) => JsonApiIo.AnswerAsync(context, status, body, Json);
}
