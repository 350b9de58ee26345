using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Observability;

/// <summary><c>GET /metrics</c>: the host's <see cref="SiteMetrics"/> in the Prometheus text format.</summary>
internal static class MetricsEndpoint
{
    public static async Task WriteAsync(HttpContext context, SiteMetrics metrics)
    {
        context.Response.ContentType = SiteMetrics.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
