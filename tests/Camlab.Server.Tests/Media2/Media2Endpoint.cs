using System.Text;
using System.Xml;
using Camlab.Onvif.Media2;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;
using Camlab.Server.Privacy;
using Camlab.Testing;

namespace Camlab.Server.Tests.Media2;

/// <summary>
/// The Media2 OSD and mask operations of a running camera of the host, served by an endpoint of their own (the
/// camera's users and clock), so they are driven over raw envelopes against the camera's real OSDs, masks and picture.
/// </summary>
internal sealed class Media2Endpoint
{
    private readonly ServerHarness _server;
    private readonly SoapEndpoint _endpoint;
    private static readonly Uri Uri = new("http://127.0.0.1/onvif/media2_operations");

    public Media2Endpoint(ServerHarness server, SimulatedCamera camera)
    {
        _server = server;
        var services = new OnvifServiceSet();
        services.Add(new OperationSet([.. Media2OsdOperations.Create(camera.Osds),
            .. Media2MaskOperations.Create(new MediaMasks(camera.PrivacyMasks!, camera.Media))]));
        _endpoint = new SoapEndpoint(services, camera.Users, camera.Clock, new SecurityOptions(), "", null, e => Errors.Add(e));
    }

    /// <summary>What the endpoint logged: an operation that threw instead of answering a fault.</summary>
    public List<Exception> Errors { get; } = new();

    public const string Tr2 = "http://www.onvif.org/ver20/media/wsdl";
    public const string Tt = "http://www.onvif.org/ver10/schema";

    public async Task<HttpAnswer> CallAsync(string body, string user = "admin", string password = ServerHarness.AdminPassword)
    {
        var envelope = ServerHarness.Envelope(body, _server.Token(user, password));
        var response = await _endpoint.ProcessAsync(new SoapHttpRequest("POST", Uri.PathAndQuery, Uri, Encoding.UTF8.GetBytes(envelope), null), CancellationToken.None);
        return new HttpAnswer(response.StatusCode, Encoding.UTF8.GetString(response.Body), [], null);
    }

    public async Task<HttpAnswer> OkAsync(string body)
    {
        var answer = await CallAsync(body);
        Assert.True(answer.Status == 200, answer.Text + string.Join("\n", Errors));
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        return answer;
    }

    public async Task<string> FaultAsync(string body, string user = "admin", string password = ServerHarness.AdminPassword)
    {
        var answer = await CallAsync(body, user, password);
        Assert.True(answer.Status != 200, $"expected a fault for {body}");
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        return answer.FaultCodes;
    }

    private sealed class OperationSet(IReadOnlyList<SoapOperation> operations) : IOnvifService
    {
        public string Namespace => Tr2;
        public string PathSegment => "media2_operations";
        public (int Major, int Minor) Version => (1, 0);
        public IReadOnlyList<SoapOperation> Operations => operations;
        public void WriteCapabilities(XmlWriter writer) => writer.WriteElementString("Capabilities", Tr2, "");
    }
}
