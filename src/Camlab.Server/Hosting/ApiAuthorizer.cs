using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// The camera's HTTP authentication (the SOAP endpoint's, so nonces and lockouts are shared) for the JSON APIs under <c>/api/v1/cameras/{n}/</c> (faults, privacy
/// masks), each request checked against the ONVIF default access policy (core 5.9.4.3) for the access class its
/// operation would have.
/// </summary>
internal sealed class ApiAuthorizer
{
    private readonly SecurityOptions _security;
    private readonly HttpAuthenticator[] _http;

    public ApiAuthorizer(IReadOnlyList<SimulatedCamera> cameras, SecurityOptions security, TimeProvider time)
    {
        _security = security;
        _http = cameras.Select(c => c.Endpoint.Http).ToArray();
    }

    /// <summary>
    /// True when the caller may proceed; otherwise <paramref name="refusal"/> is the 401 (challenges already added
    /// to the response), the 429 (Retry-After added) or the 403 to answer, <paramref name="purpose"/> saying who may
    /// (e.g. "fault injection needs Operator or Administrator").
    /// </summary>
    /// <param name="camera">0-based camera index.</param>
    public bool Authorize(HttpContext context, int camera, AccessClass access, string purpose, out (int Status, string Reason) refusal)
    {
        refusal = default;
        if (!_security.AuthenticationRequired) return true;
        var result = _http[camera].Authenticate(context);
        if (result.Outcome != HttpAuthOutcome.Valid)
        {
            _http[camera].Refuse(context, result);
            refusal = (context.Response.StatusCode, HttpAuthAnswers.Reason(result));
            return false;
        }
        if (!AccessPolicy.Allows(result.User!.Level, access))
        {
            refusal = (StatusCodes.Status403Forbidden, $"user '{result.User.Name}' is a {result.User.Level}; {purpose}");
            return false;
        }
        return true;
    }
}
