using Camlab.Onvif.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Camlab.Server.Hosting;

/// <summary>The camera's HTTP authentication applied to an ASP.NET Core request, and the headers of its refusals.</summary>
internal static class HttpAuthAnswers
{
    public static HttpAuthResult Authenticate(this HttpAuthenticator http, HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var authorization = context.Request.Headers.Authorization.ToString();
        return http.Authenticate(authorization.Length == 0 ? null : authorization, context.Request.Method, target, context.Connection.RemoteIpAddress);
    }

    /// <summary>Sets the status and headers of a refusal: 429 with Retry-After, or 401 with this client's challenges.</summary>
    public static void Refuse(this HttpAuthenticator http, HttpContext context, HttpAuthResult result)
    {
        if (result.Outcome == HttpAuthOutcome.LockedOut)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        foreach (var challenge in http.Challenges(result.Outcome == HttpAuthOutcome.Stale, context.Connection.RemoteIpAddress))
            context.Response.Headers.Append("WWW-Authenticate", challenge);
    }

    public static string Reason(HttpAuthResult result) => result.Outcome switch
    {
        HttpAuthOutcome.LockedOut => $"too many failed authentications; retry after {Math.Max(1, Math.Ceiling(result.RetryAfter.TotalSeconds)):0} s",
        HttpAuthOutcome.Missing => "HTTP authentication is required (the camera's ONVIF users)",
        _ => "HTTP credentials were refused",
    };
}
