using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;
using Camlab.Server.Hosting;

namespace Camlab.Server.Streaming;

/// <summary>
/// The stream API and video URLs take the same users and HTTP authentication as the camera's ONVIF
/// endpoint — the very authenticator instance, so a nonce or a lockout from either holds for both. Viewing is READ_MEDIA
/// (every user level); with <c>--no-auth</c> everyone may.
/// </summary>
public sealed class StreamAuthorizer(SecurityOptions security, HttpAuthenticator http)
{
    /// <summary>The endpoint filter of the video routes: the handler runs only for a user who may view.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await AuthorizeAsync(context.HttpContext).ConfigureAwait(false) ? await next(context).ConfigureAwait(false) : Results.Empty;

    /// <summary>True when the request may proceed; otherwise the 401/403/429 answer has been written.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        if (!security.AuthenticationRequired) return true;
        var result = http.Authenticate(context);
        if (result.Outcome == HttpAuthOutcome.Valid)
        {
            if (AccessPolicy.Allows(result.User!.Level, AccessClass.ReadMedia)) return true;
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync($"user '{result.User.Name}' may not view video\n").ConfigureAwait(false);
            return false;
        }
        http.Refuse(context, result);
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Hosting.HttpAuthAnswers.Reason(result) + "\n").ConfigureAwait(false);
        return false;
    }
}
