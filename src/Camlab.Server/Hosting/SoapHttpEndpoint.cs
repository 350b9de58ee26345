using System.Buffers;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Camlab.Server.Hosting;

/// <summary>
/// One camera's ONVIF services over HTTP: the route <c>{camera}/onvif/{service}[/...]</c> (<see cref="HostRoutes"/>)
/// lands here with its camera resolved. An unregistered {service} is 404, a method other than POST 405; the body is
/// read with a hard cap before any XML is parsed, and <see cref="SoapEndpoint"/> answers (authentication included,
/// per operation).
/// </summary>
internal sealed class SoapHttpEndpoint(SimulatedCamera camera, SoapLimits limits)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetRouteValue("service") is not string service || camera.Services.FindByPathSegment(service) is null)
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

        var path = request.Path.Value ?? "/";
        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (await InjectedNetworkFaultAsync(context, service, body).ConfigureAwait(false)) return;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + request.QueryString;
        var endpointUri = new Uri($"{request.Scheme}://{request.Host.Value}{path}");
        var soap = new SoapHttpRequest(request.Method, target, endpointUri, body, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null)
        {
            Remote = context.Connection.RemoteIpAddress,
            CameraBasePath = CameraPaths.BasePath(context, camera),
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

    /// <summary>
    /// Applies the camera's network faults (docs/faults.md) to a request: holds or delays it on the camera clock, or
    /// answers it with an injected failure. True when the request has been answered (or dropped) here.
    /// </summary>
    private async Task<bool> InjectedNetworkFaultAsync(HttpContext context, string service, ReadOnlyMemory<byte> body)
    {
        Faults.NetworkVerdict verdict;
        try
        {
            verdict = await camera.Faults.Network.BeforeServingAsync(service, () => SoapEnvelopeReader.OperationName(body, limits), context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client gave up waiting
        }
        var response = context.Response;
        switch (verdict)
        {
            case Faults.NetworkVerdict.Serve:
                return false;
            case Faults.NetworkVerdict.Drop:
                context.Abort();
                return true;
            case Faults.NetworkVerdict.SoapReceiverFault:
                var fault = SoapEnvelopeWriter.Fault(new SoapFaultException(FaultCode.Receiver, "the device could not process the request (injected fault)", "ter:Action"));
                response.StatusCode = SoapEnvelopeWriter.StatusCode(FaultCode.Receiver);
                response.ContentType = SoapEnvelopeWriter.ContentType;
                response.ContentLength = fault.Length;
                await response.Body.WriteAsync(fault, context.RequestAborted).ConfigureAwait(false);
                return true;
            default:
                var unavailable = verdict == Faults.NetworkVerdict.Http503;
                response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                if (unavailable) response.Headers.RetryAfter = "1";
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(unavailable ? "503 Service Unavailable (injected fault)\n" : "500 Internal Server Error (injected fault)\n", context.RequestAborted).ConfigureAwait(false);
                return true;
        }
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
