using System.Text.Json;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.Hosting;

/// <summary>
/// Endpoint filters of the JSON APIs under <c>/api/v1/cameras/{n}/</c> (faults, objects, privacy masks): the methods
/// a route allows (405 with <c>Allow</c> before anything else), then the camera's HTTP authentication (the SOAP
/// endpoint's, so nonces and lockouts are shared), each request checked against the ONVIF default access policy
/// (core 5.9.4.3) for the access class its operation would have. Refusals are JSON <c>{"error": ...}</c>
/// written with the API's own serializer options.
/// </summary>
internal static class ApiAccess
{
    /// <summary>405 with <c>Allow: <paramref name="allow"/></c> for any other method; <paramref name="namePath"/> names the path in the error.</summary>
    public static TBuilder AllowMethods<TBuilder>(this TBuilder builder, string allow, bool namePath = false, JsonSerializerOptions? json = null) where TBuilder : IEndpointConventionBuilder
    {
        var methods = allow.Split(", ");
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var method = http.Request.Method;
            if (methods.Any(m => HttpMethods.Equals(m, method))) return await next(context).ConfigureAwait(false);
            http.Response.Headers.Allow = allow;
            await JsonApiIo.AnswerAsync(http, StatusCodes.Status405MethodNotAllowed,
                new { error = namePath ? $"{method} is not allowed on {http.Request.Path.Value}" : $"{method} is not allowed" }, json ?? JsonApiIo.Plain).ConfigureAwait(false);
            return Results.Empty;
        });
    }

    /// <summary>Every method needs <paramref name="access"/>; <paramref name="purpose"/> says who may (e.g. "fault injection needs Operator or Administrator").</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, SimulatedCamera camera, AccessClass access, string purpose, JsonSerializerOptions? json = null)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAccess(camera, _ => (access, purpose), json);

    /// <summary>The access class and purpose follow the request's method (reading and changing need different levels).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, SimulatedCamera camera, Func<string, (AccessClass Access, string Purpose)> rule,
        JsonSerializerOptions? json = null)
        where TBuilder : IEndpointConventionBuilder
    {
        var security = camera.Endpoint.Security;
        var authenticator = camera.Endpoint.Http;
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!security.AuthenticationRequired) return await next(context).ConfigureAwait(false);
            var (access, purpose) = rule(http.Request.Method);
            var result = authenticator.Authenticate(http);
            string refusal;
            if (result.Outcome != HttpAuthOutcome.Valid)
            {
                authenticator.Refuse(http, result);
                refusal = HttpAuthAnswers.Reason(result);
            }
            else if (!AccessPolicy.Allows(result.User!.Level, access))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                refusal = $"user '{result.User.Name}' is a {result.User.Level}; {purpose}";
            }
            else return await next(context).ConfigureAwait(false);
            await JsonApiIo.AnswerAsync(http, http.Response.StatusCode, new { error = refusal }, json ?? JsonApiIo.Plain).ConfigureAwait(false);
            return Results.Empty;
        });
    }
}
