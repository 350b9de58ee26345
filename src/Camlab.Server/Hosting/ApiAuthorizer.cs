using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Camlab.Server.Hosting;

/// <summary>
/// HTTP Digest with the camera's users for the JSON APIs under <c>/api/v1/cameras/{n}/</c> (faults, privacy
/// masks), each request checked against the ONVIF default access policy (core 5.9.4.3) for the access class its
/// operation would have. One authenticator per camera, shared by the APIs, so a nonce earned on one serves both.
/// </summary>
internal sealed class ApiAuthorizer
{
    private readonly SecurityOptions _security;
    private readonly HttpDigestAuthenticator[] _digest;

    public ApiAuthorizer(IReadOnlyList<SimulatedCamera> cameras, SecurityOptions security, TimeProvider time)
    {
        _security = security;
        _digest = cameras.Select(c => new HttpDigestAuthenticator(c.Users, time, security.Realm, security.DigestNonceLifetime)).ToArray();
    }

    /// <summary>
    /// True when the caller may proceed; otherwise <paramref name="refusal"/> is the 401 (challenges already added
    /// to the response) or the 403 to answer, <paramref name="purpose"/> saying who may (e.g. "fault injection needs
    /// Operator or Administrator").
    /// </summary>
    /// <param name="camera">0-based camera index.</param>
    public bool Authorize(HttpContext context, int camera, AccessClass access, string purpose, out (int Status, string Reason) refusal)
    {
        refusal = default;
        if (!_security.AuthenticationRequired) return true;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
        {
            Challenge(context, camera, stale: false);
            refusal = (StatusCodes.Status401Unauthorized, "HTTP Digest credentials required");
            return false;
        }
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var outcome = _digest[camera].Validate(authorization, context.Request.Method, target, out var user);
        if (outcome != DigestOutcome.Valid || user is null)
        {
            Challenge(context, camera, outcome == DigestOutcome.Stale);
            refusal = (StatusCodes.Status401Unauthorized, "HTTP Digest credentials were refused");
            return false;
        }
        if (!AccessPolicy.Allows(user.Level, access))
        {
            refusal = (StatusCodes.Status403Forbidden, $"user '{user.Name}' is a {user.Level}; {purpose}");
            return false;
        }
        return true;
    }

    private void Challenge(HttpContext context, int camera, bool stale)
    {
        foreach (var challenge in _digest[camera].Challenges(stale)) context.Response.Headers.Append("WWW-Authenticate", challenge);
    }
}
