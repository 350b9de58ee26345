using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Soap;

/// <summary>
/// The SOAP work alone, in process: <see cref="SoapEndpoint.ProcessAsync"/> of the production host's camera 1
/// (hardened parse, authentication, dispatch, handler, response envelope) without HTTP. This is where the
/// round-trip benchmarks' gap to their Kestrel baselines comes from, so profile here first.
/// </summary>
[MemoryDiagnoser]
public class SoapEndpointBenchmarks
{
    private const string Password = "bench-pw";
    private static readonly byte[] TimeRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");
    private static readonly byte[] InfoRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");
    private const string StatusBody =
        "<tptz:GetStatus xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\"><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:GetStatus>";

    private CameraHost _host = null!;
    private SoapEndpoint _endpoint = null!;
    private string _data = null!;
    private string _nonce = null!;
    private string _opaque = null!;
    private int _count;
    private readonly Uri _uri = new("http://127.0.0.1/onvif/device_service");

    [GlobalSetup]
    public async Task Setup()
    {
        _data = Path.Combine(Path.GetTempPath(), "camlab-bench-" + Guid.NewGuid().ToString("N"));
        _host = await CameraHost.StartAsync(new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = _data,
            Users = [new UserOption { Name = "admin", Password = Password }],
            Auth = new AuthOptions { DigestNonceLifetimeSeconds = 3600 },
        });
        _endpoint = _host.Cameras[0].Endpoint;
        var fields = HttpDigestAuthenticator.ParseFields(_endpoint.Digest.Challenges()[0].AsSpan("Digest ".Length))!;
        (_nonce, _opaque) = (fields["nonce"], fields["opaque"]);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }

    [Benchmark]
    public Task<SoapHttpResponse> GetSystemDateAndTime() =>
        Check(_endpoint.ProcessAsync(new SoapHttpRequest("POST", "/onvif/device_service", _uri, TimeRequest)));

    [Benchmark]
    public Task<SoapHttpResponse> GetDeviceInformation_Digest() =>
        Check(_endpoint.ProcessAsync(new SoapHttpRequest("POST", "/onvif/device_service", _uri, InfoRequest, Authorization("/onvif/device_service"))));

    [Benchmark]
    public Task<SoapHttpResponse> PtzGetStatus_UsernameToken() =>
        Check(_endpoint.ProcessAsync(new SoapHttpRequest("POST", "/onvif/ptz_service", _uri, Encoding.UTF8.GetBytes(
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header>" + Token() + "</s:Header><s:Body>" + StatusBody + "</s:Body></s:Envelope>"))));

    private static async Task<SoapHttpResponse> Check(Task<SoapHttpResponse> pending)
    {
        var response = await pending;
        return response.StatusCode == 200 ? response : throw new InvalidOperationException(Encoding.UTF8.GetString(response.Body));
    }

    private string Authorization(string path)
    {
        static string H(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        var nc = Interlocked.Increment(ref _count).ToString("x8");
        const string cnonce = "b3nch";
        var response = H($"{H($"admin:Camlab:{Password}")}:{_nonce}:{nc}:{cnonce}:auth:{H($"POST:{path}")}");
        return $"Digest username=\"admin\", realm=\"Camlab\", nonce=\"{_nonce}\", uri=\"{path}\", algorithm=SHA-256, qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\", opaque=\"{_opaque}\"";
    }

    private static string Token()
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var created = OnvifXml.DateTime(DateTimeOffset.UtcNow);
        var digest = Convert.ToBase64String(UsernameTokenValidator.Digest(nonce, created, Password));
        return $"<wsse:Security xmlns:wsse=\"{OnvifNamespaces.WsSecurity}\" xmlns:wsu=\"{OnvifNamespaces.WsUtility}\"><wsse:UsernameToken>" +
               $"<wsse:Username>admin</wsse:Username><wsse:Password Type=\"{UsernameTokenValidator.PasswordDigestType}\">{digest}</wsse:Password>" +
               $"<wsse:Nonce>{Convert.ToBase64String(nonce)}</wsse:Nonce><wsu:Created>{created}</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
