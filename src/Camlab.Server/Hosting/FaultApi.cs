using System.Text.Json;
using Camlab.Onvif.Soap;
using Camlab.Server.Imaging;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// The fault-injection HTTP API (docs/faults.md): <c>GET /api/v1/cameras/{n}/faults</c> reports every Imaging
/// condition, stalled focus motor and scheduled fault with its state; <c>POST</c> with
/// <c>{"set": ["VideoSource_1/ImageTooDark=true", "PTZNode_1/MotorStall=on;axis=pan", ...]}</c> applies all
/// instructions or none (400 names the first wrong one as <c>set[i]</c>); <c>DELETE</c> releases everything. HTTP
/// Digest with the camera's users; Operator or Administrator (a fault changes what clients see, like an actuation).
/// Answers are JSON.
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
        var faults = camera.Faults;

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
            if (set.Any(s => s is null))
            {
                await Answer(context, StatusCodes.Status400BadRequest, new { error = $"set[{set.FindIndex(s => s is null)}]: an instruction is a string, not null (nothing was changed)", field = $"set[{set.FindIndex(s => s is null)}]" });
                return;
            }
            // Digital inputs (DigitalInput_1=true) are driven here too: every instruction is checked before any applies.
            try { faults.ApplyAll(set); }
            catch (FaultInstructionException e)
            {
                var field = e.Index is { } i ? $"set[{i}]" : "set";
                await Answer(context, StatusCodes.Status400BadRequest, new { error = $"{field}: {e.Message} (nothing was changed)", field });
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
