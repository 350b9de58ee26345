using System.Text.Json;
using Camlab.Onvif.Soap;
using Camlab.Server.Imaging;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// The fault-injection HTTP API (docs/imaging.md): <c>GET /api/v1/cameras/{n}/faults</c> reports every condition
/// and stalled focus motor; <c>POST</c> with <c>{"set": ["VideoSource_1/ImageTooDark=true", ...]}</c> applies all
/// instructions or none; <c>DELETE</c> releases everything. HTTP Digest with the camera's users; Operator or
/// Administrator (a fault changes what clients see, like an actuation). Answers are JSON.
/// </summary>
internal static class FaultApi
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    /// <summary>The request body of POST.</summary>
    public sealed record SetRequest(List<string> Set);

    /// <summary>GET, POST or DELETE, authorised by the route's filters (<see cref="HostRoutes"/>).</summary>
    public static async Task HandleAsync(HttpContext context, SimulatedCamera camera)
    {
        var number = camera.Number;
        var method = context.Request.Method;
        var faults = camera.Imaging?.Faults;
        if (faults is null)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"camera {number} has no imaging" });
            return;
        }

        if (HttpMethods.IsPost(method))
        {
            SetRequest? request;
            try
            {
                var body = await ReadBodyAsync(context.Request, context.RequestAborted);
                request = body is null ? null : JsonSerializer.Deserialize<SetRequest>(body, Json);
            }
            catch (JsonException e)
            {
                await Answer(context, StatusCodes.Status400BadRequest, new { error = "body is not {\"set\": [\"<source>/<condition>=<state>\", ...]}: " + e.Message });
                return;
            }
            if (request?.Set is not { Count: > 0 } set)
            {
                await Answer(context, StatusCodes.Status400BadRequest, new { error = "body must be {\"set\": [\"<source>/<condition>=<state>\", ...]} (at most 64 KiB) with at least one instruction" });
                return;
            }
            // Digital inputs (DigitalInput_1=true) are driven here too: every instruction is checked before any applies.
            var io = camera.Io;
            var inputs = set.Where(Camlab.Device.IO.CameraIo.NamesAnInput).ToList();
            try
            {
                var parsed = io.Parse(inputs);
                faults.ApplyAll(set.Except(inputs).ToList());
                io.Apply(parsed);
            }
            catch (Exception e) when (e is FaultInstructionException or Camlab.Device.IO.IoException)
            {
                await Answer(context, StatusCodes.Status400BadRequest, new { error = e.Message + " (nothing was changed)" });
                return;
            }
        }
        else if (HttpMethods.IsDelete(method)) faults.ClearAll();
        await Answer(context, StatusCodes.Status200OK, faults.Snapshot());
    }

    private static Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancel) =>
        JsonApiIo.ReadBodyAsync(request, MaxBodyBytes, cancel);

    private static Task Answer(HttpContext context, int status, object body) => JsonApiIo.AnswerAsync(context, status, body, Json);
}
