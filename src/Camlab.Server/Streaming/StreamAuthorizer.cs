using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Camlab.Server.Streaming;

/// <summary>
/// The stream API and video URLs take the same users and HTTP Digest authentication as the camera's ONVIF
/// endpoint — the very authenticator instance, so a nonce from either is good for both. Viewing is READ_MEDIA
/// (every user level); with <c>--no-auth</c> everyone may.
/// </summary>
public sealed class StreamAuthorizer(SecurityOptions security, HttpDigestAuthenticator digest)
{
    /// <summary>True when the request may proceed; otherwise the 401/403 answer has been written.</summary>
    public async Task<bool> AuthorizeAsync(HttpContext context)
    {
        if (!security.AuthenticationRequired) return true;
        var authorization = context.Request.Headers.Authorization.ToString();
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        bool stale = false;
        if (authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
        {
            var outcome = digest.Validate(authorization, context.Request.Method, target, out var user);
            if (outcome == DigestOutcome.Valid)
            {
                if (AccessPolicy.Allows(user!.Level, AccessClass.ReadMedia)) return true;
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync($"user '{user.Name}' may not view video\n").ConfigureAwait(false);
                return false;
            }
            stale = outcome == DigestOutcome.Stale;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        foreach (var challenge in digest.Challenges(stale)) context.Response.Headers.Append("WWW-Authenticate", challenge);
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("HTTP Digest authentication is required (the camera's ONVIF users)\n").ConfigureAwait(false);
        return false;
    }
}
