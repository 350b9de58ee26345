using System.Text;
using System.Xml;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Tests.Support;

/// <summary>
/// The one way the ONVIF tests reach an operation: a raw request envelope through a real <see cref="SoapEndpoint"/>
/// (hardened reader, authentication, access policy, dispatch, envelope writer), the raw answer back. Harnesses differ
/// only in the services they put behind the endpoint.
/// </summary>
public sealed class SoapTestClient
{
    private readonly Func<string, string> _passwordOf;

    public SoapTestClient(SoapEndpoint endpoint, Uri uri, TimeProvider clock, Func<string, string> passwordOf, List<Exception> errors,
        string? defaultUser = "admin")
    {
        DefaultUser = defaultUser;
        Endpoint = endpoint;
        Uri = uri;
        Clock = clock;
        _passwordOf = passwordOf;
        Errors = errors;
    }

    public SoapEndpoint Endpoint { get; }
    public Uri Uri { get; }

    /// <summary>The clock the tokens are created on: the camera's, as a client that read GetSystemDateAndTime has it.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Who calls when a call names nobody (null: no UsernameToken).</summary>
    public string? DefaultUser { get; }

    /// <summary>What the endpoint logged: an operation that threw instead of answering a fault.</summary>
    public List<Exception> Errors { get; }

    /// <summary>
    /// An endpoint serving <paramref name="services"/> on the clock; without <paramref name="users"/> authentication is
    /// off and every call acts as an Administrator.
    /// </summary>
    public static SoapTestClient ForServices(TimeProvider clock, IReadOnlyList<IOnvifService> services, IUserDirectory? users = null,
        Func<string, string>? passwordOf = null)
    {
        var set = new OnvifServiceSet();
        foreach (var service in services) set.Add(service);
        var errors = new List<Exception>();
        var endpoint = new SoapEndpoint(set, users ?? new UserDirectory(new Camlab.Device.State.InMemoryStateStore(), []), clock,
            new SecurityOptions { AuthenticationRequired = users is not null }, "", null, errors.Add);
        return new SoapTestClient(endpoint, new Uri("http://127.0.0.1:8080/onvif/" + services[0].PathSegment), clock, passwordOf ?? (_ => ""), errors,
            users is null ? null : "admin");
    }

    /// <summary>
    /// An endpoint serving <paramref name="operations"/> as one service of namespace <paramref name="ns"/>, so an
    /// operation set is tested over raw envelopes apart from the service that hosts it.
    /// </summary>
    public static SoapTestClient ForOperations(string ns, IReadOnlyList<SoapOperation> operations, TimeProvider clock,
        IUserDirectory? users = null, Func<string, string>? passwordOf = null) =>
        ForServices(clock, [new OperationSet(ns, operations)], users, passwordOf);

    /// <summary>The address of another service of this endpoint, e.g. <c>event_service</c>.</summary>
    public Uri ServiceUri(string pathSegment) => new(Uri, pathSegment);

    public string Token(string user, string password, DateTimeOffset? created = null, byte[]? nonce = null) =>
        SoapMessages.UsernameToken(user, password, created ?? Clock.GetUtcNow(), nonce);

    public async Task<SoapAnswer> PostAsync(byte[] body, Uri? uri = null, string? authorization = null, CancellationToken cancel = default)
    {
        uri ??= Uri;
        var response = await Endpoint.ProcessAsync(new SoapHttpRequest("POST", uri.PathAndQuery, uri, body, authorization), cancel);
        return response.ToAnswer();
    }

    /// <summary>Posts a body element as <paramref name="user"/> with a UsernameToken (null: no token).</summary>
    public Task<SoapAnswer> CallAsync(string bodyElement, string? user, Uri? uri = null, CancellationToken cancel = default)
    {
        var header = user is null ? null : Token(user, _passwordOf(user));
        return PostAsync(Encoding.UTF8.GetBytes(SoapMessages.Envelope(bodyElement, header)), uri, null, cancel);
    }

    /// <summary>
    /// The synchronous form for handler-level tests: the endpoint completes without waiting for these operations; an
    /// operation that threw instead of faulting fails the test.
    /// </summary>
    public SoapAnswer Call(string bodyElement) => Call(bodyElement, DefaultUser);

    public SoapAnswer Call(string bodyElement, string? user)
    {
        var answer = CallAsync(bodyElement, user).GetAwaiter().GetResult();
        Assert.True(Errors.Count == 0, "the operation threw: " + string.Join("\n", Errors));
        return answer;
    }

    public Task<SoapAnswer> CallAsync(string bodyElement) => CallAsync(bodyElement, DefaultUser);

    public Task<SoapAnswer> OkAsync(string bodyElement) => OkAsync(bodyElement, DefaultUser);

    /// <summary>Calls, asserts success and validates the answer against the schemas when ../shared is there.</summary>
    public async Task<SoapAnswer> OkAsync(string bodyElement, string? user) =>
        (await CallAsync(bodyElement, user)).AssertOk().AssertValid();

    public Task<string> FaultAsync(string bodyElement, string codes) => FaultAsync(bodyElement, codes, DefaultUser);

    /// <summary>Calls, asserts the fault codes ("env:Sender ter:InvalidArgVal ter:NoProfile") and validates the fault; returns its reason.</summary>
    public async Task<string> FaultAsync(string bodyElement, string codes, string? user)
    {
        var answer = await CallAsync(bodyElement, user);
        Assert.Equal(codes, answer.FaultCodes);
        return answer.AssertValid().FaultReason;
    }

    private sealed class OperationSet(string ns, IReadOnlyList<SoapOperation> operations) : IOnvifService
    {
        public string Namespace => ns;
        public string PathSegment => "operations";
        public (int Major, int Minor) Version => (1, 0);
        public IReadOnlyList<SoapOperation> Operations => operations;
        public void WriteCapabilities(XmlWriter writer) => writer.WriteElementString("Capabilities", ns, "");
    }
}

/// <summary>Reading the endpoint's answers as tests assert on them.</summary>
public static class SoapAnswers
{
    public static SoapAnswer ToAnswer(this SoapHttpResponse response) =>
        new(response.StatusCode, Encoding.UTF8.GetString(response.Body), response.WwwAuthenticate, response.ContentType);

    /// <summary>The fault as the handler threw it (code, subcodes, reason), for tests written against the exception.</summary>
    public static SoapFaultException ToFaultException(this SoapAnswer answer)
    {
        Assert.True(answer.IsFault, $"expected a fault, got {answer.Status}: {answer.Text}");
        var chain = answer.FaultCodeChain();
        var code = Enum.Parse<FaultCode>(chain[0][(chain[0].IndexOf(':') + 1)..]);
        return new SoapFaultException(code, answer.FaultReason, [.. chain.Skip(1)]);
    }
}
