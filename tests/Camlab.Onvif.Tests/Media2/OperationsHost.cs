using System.Text;
using System.Xml;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Media2;

/// <summary>
/// Serves a list of operations as one service of its own endpoint (the device's users and clock), so operation sets
/// that a service adds to its list are tested over raw envelopes before and apart from the service that hosts them.
/// </summary>
public sealed class OperationsHost
{
    private readonly TestDevice _device;
    private readonly SoapEndpoint _endpoint;
    private readonly Uri _uri;

    public OperationsHost(TestDevice device, string ns, IReadOnlyList<SoapOperation> operations)
    {
        _device = device;
        var services = new OnvifServiceSet();
        services.Add(new OperationSet(ns, operations));
        _endpoint = new SoapEndpoint(services, device.Users, device.Clock, new SecurityOptions { AuthenticationRequired = true }, "", null, e => Errors.Add(e));
        _uri = new Uri("http://127.0.0.1:8080/onvif/operations");
    }

    public List<Exception> Errors { get; } = new();

    public async Task<Answer> CallAsync(string bodyElement, string user = TestDevice.Admin)
    {
        var envelope = TestDevice.Envelope(bodyElement, _device.Token(user, TestDevice.PasswordOf(user)));
        var response = await _endpoint.ProcessAsync(new SoapHttpRequest("POST", _uri.PathAndQuery, _uri, Encoding.UTF8.GetBytes(envelope), null), CancellationToken.None);
        return new Answer(response);
    }

    /// <summary>Calls, asserts success and validates the answer against the schemas when ../shared is there.</summary>
    public async Task<Answer> OkAsync(string bodyElement, string user = TestDevice.Admin)
    {
        var answer = await CallAsync(bodyElement, user);
        answer.AssertOk();
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        return answer;
    }

    /// <summary>Calls, asserts the fault codes and validates the fault when ../shared is there; returns the reason.</summary>
    public async Task<string> FaultAsync(string bodyElement, string codes, string user = TestDevice.Admin)
    {
        var answer = await CallAsync(bodyElement, user);
        Assert.Equal(codes, answer.FaultCodes);
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        return answer.Value("Text");
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
