using System.Buffers;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Camlab.Server.Hosting;

/// <summary>
/// Maps HTTP requests to cameras and their SOAP endpoints without a routing table: <c>/onvif/{service}[/...]</c>
/// is camera 1, <c>/cameras/{n}/onvif/{service}[/...]</c> camera n; {service} must be one of the camera's
/// registered path segments. Reads the body with a hard cap before any XML is parsed.
/// </summary>
internal sealed class OnvifRouter(IReadOnlyList<SimulatedCamera> cameras, SoapLimits limits, FaultApi faults, ObjectsApi objects, Privacy.PrivacyMaskApi privacyMasks)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path == "/healthz")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok\n").ConfigureAwait(false);
            return;
        }
        if (path.StartsWith(CameraApiPath.Prefix, StringComparison.Ordinal))
        {
            var api = CameraApiPath.Parse(path, cameras.Count);
            var handled = api?.Resource switch
            {
                FaultApi.Resource => faults.HandleAsync(context, api.Value),
                ObjectsApi.Resource => objects.HandleAsync(context, api.Value),
                Privacy.PrivacyMaskApi.Resource => privacyMasks.HandleAsync(context, api.Value),
                _ => JsonApiIo.AnswerAsync(context, StatusCodes.Status404NotFound, new { error = $"no such resource: {path}" }, JsonApiIo.Plain),
            };
            await handled.ConfigureAwait(false);
            return;
        }

        var camera = Resolve(path, out var rest);
        var service = rest is null ? null : rest.Split('/', 2)[0];
        if (camera is null || service is null || camera.Services.FindByPathSegment(service) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + request.QueryString;
        var endpointUri = new Uri($"{request.Scheme}://{request.Host.Value}{path}");
        var soap = new SoapHttpRequest(request.Method, target, endpointUri, body, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null)
        {
            Remote = context.Connection.RemoteIpAddress,
        };
        SoapHttpResponse response;
        try
        {
            response = await camera.Endpoint.ProcessAsync(soap, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (context.RequestAborted.IsCancellationRequested) return; // the client left during a long poll
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        foreach (var challenge in response.WwwAuthenticate) context.Response.Headers.Append("WWW-Authenticate", challenge);
        if (response.RetryAfter is { } wait) context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private SimulatedCamera? Resolve(string path, out string? rest)
    {
        rest = null;
        if (path.StartsWith("/onvif/", StringComparison.Ordinal))
        {
            rest = path["/onvif/".Length..];
            return cameras[0];
        }
        if (!path.StartsWith("/cameras/", StringComparison.Ordinal)) return null;
        var tail = path["/cameras/".Length..];
        var slash = tail.IndexOf('/');
        if (slash <= 0 || !int.TryParse(tail[..slash], out var number) || number < 1 || number > cameras.Count) return null;
        if (!tail[slash..].StartsWith("/onvif/", StringComparison.Ordinal)) return null;
        rest = tail[(slash + "/onvif/".Length)..];
        return cameras[number - 1];
    }

    /// <summary>How much of an oversized body is read and discarded so the client can still read the fault.</summary>
    public const int DrainLimit = 16 * 1024 * 1024;

    // Keeps at most MaxBodyBytes + 1 bytes: one byte past the limit is enough for the SOAP reader to refuse the
    // request with a fault. The rest of an oversized body (up to DrainLimit) is read into a scratch buffer and
    // dropped — a client that sends the whole body before reading gets the fault instead of a reset connection.
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        var cap = limits.MaxBodyBytes + 1;
        var buffer = new byte[Math.Min(cap, (int)Math.Min(request.ContentLength ?? 4096, cap - 1) + 1)];
        var filled = 0;
        try
        {
            while (filled < cap)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(cap, buffer.Length * 2));
                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
                if (read == 0) return buffer.AsMemory(0, filled);
                filled += read;
            }
            var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                long drained = 0;
                int n;
                while (drained < DrainLimit && (n = await request.Body.ReadAsync(scratch, cancel).ConfigureAwait(false)) > 0) drained += n;
            }
            finally { ArrayPool<byte>.Shared.Return(scratch); }
            return buffer; // cap bytes: refused by the SOAP reader as oversized
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return new byte[cap]; // Kestrel's own body limit (above DrainLimit): oversized as well
        }
    }
}
