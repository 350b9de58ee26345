using System.Xml;
using Camlab.Onvif.Security;

namespace Camlab.Onvif.Soap;

/// <summary>An HTTP request as the SOAP endpoint needs it, independent of the web server.</summary>
public sealed record SoapHttpRequest(string Method, string RequestTarget, Uri EndpointUri, ReadOnlyMemory<byte> Body, string? Authorization = null)
{
    /// <summary>The client's address: failed authentications are counted per address (null: not counted by address).</summary>
    public System.Net.IPAddress? Remote { get; init; }

    /// <summary>
    /// The camera's path prefix as this request reached it, when it differs from the endpoint's own (a camera on its
    /// own listener serves every path at the root): XAddrs and URIs in answers use it.
    /// </summary>
    public string? CameraBasePath { get; init; }
}

/// <summary>The HTTP answer: status, SOAP 1.2 body and the Digest challenges of a 401.</summary>
public sealed record SoapHttpResponse(int StatusCode, byte[] Body, IReadOnlyList<string> WwwAuthenticate)
{
    /// <summary>For a 429: how long the client must wait (the Retry-After header).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string ContentType => SoapEnvelopeWriter.ContentType;
}

/// <summary>How a camera authenticates (ONVIF core 5.9).</summary>
public sealed record SecurityOptions
{
    /// <summary>False only with <c>--no-auth</c>: every caller acts as an Administrator.</summary>
    public bool AuthenticationRequired { get; init; } = true;

    /// <summary>How far a UsernameToken's Created may be from our clock, either way.</summary>
    public TimeSpan CreatedSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an HTTP Digest nonce stays valid before it is answered with stale=true.</summary>
    public TimeSpan DigestNonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public string Realm { get; init; } = "Camlab";

    /// <summary>HTTP authentication schemes and the failed-login lockout.</summary>
    public HttpAuthOptions Http { get; init; } = new();
}

/// <summary>
/// One camera's SOAP endpoint: hardened envelope reading → dispatch on the first Body element → access class
/// check (ONVIF core 5.9.4) → handler → response envelope, or a SOAP 1.2 fault with HTTP 400 (sender) or
/// 500 (receiver). Works on bytes so tests can drive it without a web server.
/// </summary>
public sealed class SoapEndpoint
{
    private readonly OnvifServiceSet _services;
    private readonly TimeProvider _time;
    private readonly SoapLimits _limits;
    private readonly UsernameTokenValidator _tokens;
    private readonly HttpAuthenticator _http;
    private readonly Action<Exception>? _log;
    // Per operation, the prefixes its responses declared below the envelope; declared on the envelope from then on.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SoapOperation, ulong> _prefixes = new();

    public SoapEndpoint(OnvifServiceSet services, IUserDirectory users, TimeProvider time, SecurityOptions security,
        string cameraBasePath = "", SoapLimits? limits = null, Action<Exception>? log = null)
    {
        _services = services;
        _time = time;
        Security = security;
        CameraBasePath = cameraBasePath;
        _limits = limits ?? SoapLimits.Default;
        _tokens = new UsernameTokenValidator(users, time, security.CreatedSkew);
        _http = new HttpAuthenticator(users, time, security.Realm, security.DigestNonceLifetime, security.Http);
        _log = log;
    }

    public SecurityOptions Security { get; }

    /// <summary>The HTTP authenticator (schemes, Digest nonces, lockout), shared with the camera's other HTTP endpoints.</summary>
    public HttpAuthenticator Http => _http;

    /// <summary>The HTTP Digest authenticator of <see cref="Http"/>.</summary>
    public HttpDigestAuthenticator Digest => _http.Digest;

    public SoapLimits Limits => _limits;

    public string CameraBasePath { get; }

    public OnvifServiceSet Services => _services;

    public async Task<SoapHttpResponse> ProcessAsync(SoapHttpRequest request, CancellationToken aborted = default)
    {
        try
        {
            // HTTP Digest clients (curl --digest, some NVRs) first send the POST without its body to collect the
            // challenge; answer that with the challenge rather than a parse fault.
            if (request.Body.IsEmpty && Security.AuthenticationRequired && request.Authorization is null)
                return Challenge(false, "send credentials", request.Remote);
            var envelope = SoapEnvelopeReader.Read(request.Body, _limits);
            var operation = _services.FindOperation(envelope.Body.Name.NamespaceName, envelope.Body.Name.LocalName)
                ?? throw new SoapFaultException(FaultCode.Receiver,
                    $"operation {envelope.Body.Name.LocalName} of namespace '{envelope.Body.Name.NamespaceName}' is not supported by this device",
                    "ter:ActionNotSupported");

            string? userName = null;
            var level = UserLevel.Administrator;
            if (Security.AuthenticationRequired && operation.Access != AccessClass.PreAuth)
            {
                // PRE_AUTH operations are answered without looking at credentials: a client whose clock is off
                // must still be able to read ours (GetSystemDateAndTime) to compute its UsernameToken Created.
                var token = UsernameTokenValidator.FindToken(envelope.Header);
                if (token is not null)
                {
                    var claimed = UsernameTokenValidator.ClaimedUser(token);
                    if (_http.Throttle.RetryAfter(request.Remote, claimed) is { } wait) return LockedOut(wait);
                    UserAccount account;
                    try { account = _tokens.Validate(token); }
                    catch (SoapFaultException)
                    {
                        _http.Throttle.Failed(request.Remote, claimed);
                        throw;
                    }
                    _http.Throttle.Succeeded(request.Remote);
                    (userName, level) = (account.Name, account.Level);
                }
                else
                {
                    var result = _http.Authenticate(request.Authorization, request.Method, request.RequestTarget, request.Remote);
                    switch (result.Outcome)
                    {
                        case HttpAuthOutcome.Valid: (userName, level) = (result.User!.Name, result.User.Level); break;
                        case HttpAuthOutcome.LockedOut: return LockedOut(result.RetryAfter);
                        case HttpAuthOutcome.Missing: return Challenge(false, $"{operation.Name} requires authentication", request.Remote);
                        default: return Challenge(result.Outcome == HttpAuthOutcome.Stale, "HTTP credentials were refused", request.Remote);
                    }
                }

                if (!AccessPolicy.Allows(level, operation.Access))
                    throw OnvifFaults.NotAuthorized($"user '{userName}' ({level}) may not call {operation.Name} (access class {operation.Access})");
            }

            var soapRequest = new SoapRequest(envelope.Body, userName, level, _time)
            {
                Header = envelope.Header,
                EndpointUri = request.EndpointUri,
                CameraBasePath = request.CameraBasePath ?? CameraBasePath,
                Aborted = aborted,
            };
            var stream = ResponseBuffers.Rent();
            try
            {
                // Events responses name topics and faults with prefixes in text, which a lazily declared prefix
                // would not cover: they get every prefix. Others get the request's own (the response element's)
                // and the ones this operation was seen to use.
                var ns = envelope.Body.Name.NamespaceName;
                var own = OnvifNamespaces.IndexOf(ns);
                var prefixes = ns is OnvifNamespaces.Events or OnvifNamespaces.BaseNotification
                    ? SoapEnvelopeWriter.AllDeclared
                    : SoapEnvelopeWriter.AlwaysDeclared | (own < 0 ? 0 : 1UL << own) | _prefixes.GetValueOrDefault(operation);
                using (var writer = new PrefixingXmlWriter(SoapEnvelopeWriter.Create(stream)))
                {
                    SoapEnvelopeWriter.WriteStart(writer, prefixes);
                    await operation.InvokeAsync(soapRequest, writer).ConfigureAwait(false);
                    SoapEnvelopeWriter.WriteEnd(writer);
                    if (writer.Needed != 0) _prefixes.AddOrUpdate(operation, writer.Needed, (_, seen) => seen | writer.Needed);
                }
                return new SoapHttpResponse(200, stream.ToArray(), []);
            }
            finally { ResponseBuffers.Return(stream); }
        }
        catch (SoapFaultException fault)
        {
            return Fault(fault);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return Fault(new SoapFaultException(FaultCode.Receiver, "the request was cancelled"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a stack trace on the wire; the host logs it.
            _log?.Invoke(e);
            return Fault(new SoapFaultException(FaultCode.Receiver, "internal error while processing the request", "ter:Action"));
        }
    }

    private static SoapHttpResponse Fault(SoapFaultException fault) =>
        new(SoapEnvelopeWriter.StatusCode(fault.Code), SoapEnvelopeWriter.Fault(fault), []);

    private SoapHttpResponse Challenge(bool stale, string why, System.Net.IPAddress? remote) =>
        new(401, SoapEnvelopeWriter.Fault(OnvifFaults.NotAuthorized("Sender not authorized: " + why)), _http.Challenges(stale, remote));

    // HTTP 429 (RFC 6585 4): the client or user name failed too often; credentials are not even checked.
    private static SoapHttpResponse LockedOut(TimeSpan wait) =>
        new(429, SoapEnvelopeWriter.Fault(OnvifFaults.NotAuthorized(
            $"Sender not authorized: too many failed authentications; retry after {Math.Ceiling(wait.TotalSeconds):0} s")), [])
        { RetryAfter = wait };
}
