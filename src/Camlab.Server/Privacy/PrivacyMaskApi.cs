using System.Text.Json;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Privacy;

/// <summary>
/// The privacy-mask HTTP API (docs/configuration.md, "Privacy masks"):
/// <c>GET /api/v1/cameras/{n}/privacy-masks</c> lists every video source's masks and where they come from;
/// <c>GET|PUT|DELETE /api/v1/cameras/{n}/privacy-masks/{source}</c> reads, replaces (body
/// <c>{"masks": [{"name", "points": [[pan, tilt], ...]}, ...]}</c>, or <c>"imagePoints": [[x, y], ...]</c> drawn on
/// the current picture; all valid or 400 listing every error with nothing changed) or removes a source's masks. HTTP Digest with the camera's users: reading is READ_MEDIA (any
/// user: the masks are visible in every picture anyway), changing is WRITE_SYSTEM (Administrator only — an
/// operator steers the camera, and masks exist to limit what whoever steers it can see). Answers are JSON.
/// </summary>
internal sealed class PrivacyMaskApi(IReadOnlyList<SimulatedCamera> cameras, ApiAuthorizer authorizer)
{
    public const string Resource = "privacy-masks";

    private const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, CameraApiPath api)
    {
        var path = context.Request.Path.Value!;
        var number = api.Number;
        var token = api.Item;
        if (token is { Length: 0 } || token?.Contains('/') == true)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"no such resource: {path}" });
            return;
        }
        var method = context.Request.Method;
        bool read = HttpMethods.IsGet(method);
        if (!read && (token is null || !(HttpMethods.IsPut(method) || HttpMethods.IsDelete(method))))
        {
            context.Response.Headers.Allow = token is null ? "GET" : "GET, PUT, DELETE";
            await Answer(context, StatusCodes.Status405MethodNotAllowed, new { error = $"{method} is not allowed on {path}" });
            return;
        }
        if (!authorizer.Authorize(context, number - 1, read ? AccessClass.ReadMedia : AccessClass.WriteSystem,
                read ? "reading privacy masks needs a camera user" : "changing privacy masks needs Administrator", out var refusal))
        {
            await Answer(context, refusal.Status, new { error = refusal.Reason });
            return;
        }
        if (cameras[number - 1].PrivacyMasks is not { } masks)
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"camera {number} has no configurable privacy masks" });
            return;
        }
        if (token is null)
        {
            await Answer(context, StatusCodes.Status200OK, new { videoSources = masks.All().Select(SourceJson).ToArray() });
            return;
        }
        if (!masks.HasSource(token))
        {
            await Answer(context, StatusCodes.Status404NotFound, new { error = $"camera {number} has no video source '{token}' (it has {string.Join(", ", masks.VideoSources)})" });
            return;
        }

        if (read)
        {
            await Answer(context, StatusCodes.Status200OK, SourceJson(masks.Source(token)));
            return;
        }
        IReadOnlyList<PrivacyMaskDefinition> replacement = [];
        if (HttpMethods.IsPut(method))
        {
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            if (body is null)
            {
                await Answer(context, StatusCodes.Status413PayloadTooLarge, new { error = $"the body is larger than {MaxBodyBytes / 1024} KiB (nothing was changed)" });
                return;
            }
            var errors = new List<string>();
            IReadOnlyList<PrivacyMaskDefinition>? parsed = null;
            try
            {
                var document = JsonSerializer.Deserialize<CameraPrivacyMasks.MaskDocument>(body, CameraPrivacyMasks.Json);
                parsed = PrivacyMaskDefinition.Parse(document?.Masks, "$.masks", errors, masks.Picture(token));
            }
            catch (JsonException e)
            {
                errors.Add("the body is not {\"masks\": [{\"name\": ..., \"points\": [[pan, tilt], ...]}, ...]}: " + e.Message);
            }
            if (parsed is null)
            {
                await Answer(context, StatusCodes.Status400BadRequest, new { error = $"{Problems(errors.Count)} (nothing was changed)", errors });
                return;
            }
            replacement = parsed;
        }
        PrivacyMaskSource changed;
        try { changed = masks.Replace(token, replacement); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Answer(context, StatusCodes.Status500InternalServerError, new { error = $"the masks could not be stored (nothing was changed): {e.Message}" });
            return;
        }
        await Answer(context, StatusCodes.Status200OK, SourceJson(changed));
    }

    private static object SourceJson(PrivacyMaskSource source) => new
    {
        token = source.Token,
        origin = source.Origin switch
        {
            PrivacyMaskOrigin.Api => "api",
            PrivacyMaskOrigin.Configuration => "configuration",
            _ => "none",
        },
        masks = source.Masks.Select(m => m.ToOption()).ToArray(),
    };

    private static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";

    private static Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancel) =>
        JsonApiIo.ReadBodyAsync(request, MaxBodyBytes, cancel);

    private static Task Answer(HttpContext context, int status, object body) => JsonApiIo.AnswerAsync(context, status, body, CameraPrivacyMasks.Json);
}
