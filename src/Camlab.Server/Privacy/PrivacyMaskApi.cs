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
internal static class PrivacyMaskApi
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// <paramref name="token"/> is the video source of <c>/privacy-masks/{source}</c>, null for the list; the route's
    /// filters (<see cref="Hosting.HostRoutes"/>) checked the method and the caller's access.
    /// </summary>
    public static async Task HandleAsync(HttpContext context, SimulatedCamera camera, string? token)
    {
        var number = camera.Number;
        var method = context.Request.Method;
        bool read = HttpMethods.IsGet(method);
        if (camera.PrivacyMasks is not { } masks)
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
