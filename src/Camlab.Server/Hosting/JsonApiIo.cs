using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>The request body and JSON answer of the camera's small HTTP APIs (faults, objects, privacy masks).</summary>
internal static class JsonApiIo
{
    /// <summary>For answers with no naming policy of their own (a 404 for a path no API serves).</summary>
    public static readonly JsonSerializerOptions Plain = new();

    /// <summary>The whole body, or null once it exceeds <paramref name="maxBytes"/> (declared or actually sent).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancel)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static async Task AnswerAsync(HttpContext context, int status, object body, JsonSerializerOptions options)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, body.GetType(), options));
    }
}
