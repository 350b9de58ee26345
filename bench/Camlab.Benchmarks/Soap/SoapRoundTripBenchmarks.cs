using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Camlab.Onvif.Security;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Soap;

/// <summary>
/// SOAP request/response round trips over loopback HTTP against <c>camlab serve</c>'s host, each measured
/// against a minimal Kestrel endpoint in the same process that answers the same bytes without any SOAP work
/// (issue 4 target: at least 50% of that baseline's throughput). GetDeviceInformation is HTTP Digest
/// authenticated (SHA-256, a fresh nc per request) on both sides, so the client's work is identical.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SoapRoundTripBenchmarks
{
    private const string Realm = "Camlab";
    private static readonly byte[] TimeRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");
    private static readonly byte[] InfoRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");

    private LoopbackSoap _loop = null!;
    private Uri _camlabUri = null!;
    private Uri _baselineUri = null!;
    private string _nonce = null!;
    private string _opaque = null!;
    private int _count;

    [GlobalSetup]
    public async Task Setup()
    {
        _loop = await LoopbackSoap.StartAsync(o => o with { Auth = new AuthOptions { DigestNonceLifetimeSeconds = 3600 } });
        _camlabUri = new Uri(_loop.Camlab.BaseUri, "/onvif/device_service");

        // Capture the real answers once, then serve them verbatim from a bare Kestrel endpoint.
        var challenge = await _loop.Client.PostAsync(_camlabUri, LoopbackSoap.Content(InfoRequest));
        var fields = HttpDigestAuthenticator.ParseFields(challenge.Headers.WwwAuthenticate.First(h => h.Parameter!.Contains("SHA-256")).Parameter!)!;
        (_nonce, _opaque) = (fields["nonce"], fields["opaque"]);
        var timeAnswer = await _loop.PostAsync(_camlabUri, TimeRequest);
        var infoAnswer = await Send(_camlabUri, InfoRequest, authenticate: true);
        _baselineUri = await _loop.StartBaselineAsync("/onvif/device_service",
            (request, _) => request.Headers.Authorization.Count > 0 ? infoAnswer : timeAnswer);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _loop.DisposeAsync();

    // Each invocation makes a batch of sequential round trips on one keep-alive connection, so an iteration
    // is long enough to measure on a busy 2-core machine; figures are per request.
    private const int Batch = 32;

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch), BenchmarkCategory("GetSystemDateAndTime")]
    public Task Baseline_GetSystemDateAndTime() => Repeat(_baselineUri, TimeRequest, authenticate: false);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("GetSystemDateAndTime")]
    public Task Camlab_GetSystemDateAndTime() => Repeat(_camlabUri, TimeRequest, authenticate: false);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch), BenchmarkCategory("GetDeviceInformation (digest)")]
    public Task Baseline_GetDeviceInformation() => Repeat(_baselineUri, InfoRequest, authenticate: true);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("GetDeviceInformation (digest)")]
    public Task Camlab_GetDeviceInformation() => Repeat(_camlabUri, InfoRequest, authenticate: true);

    private async Task Repeat(Uri uri, byte[] body, bool authenticate)
    {
        for (var i = 0; i < Batch; i++) await Send(uri, body, authenticate);
    }

    private Task<byte[]> Send(Uri uri, byte[] body, bool authenticate) =>
        _loop.PostAsync(uri, body, authenticate ? Authorization(uri.PathAndQuery) : null);

    // RFC 7616 client side, SHA-256, a new nonce count per request as a real client sends.
    private string Authorization(string path)
    {
        static string H(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        var nc = Interlocked.Increment(ref _count).ToString("x8");
        const string cnonce = "b3nch";
        var response = H($"{H($"admin:{Realm}:{LoopbackSoap.Password}")}:{_nonce}:{nc}:{cnonce}:auth:{H($"POST:{path}")}");
        return $"Digest username=\"admin\", realm=\"{Realm}\", nonce=\"{_nonce}\", uri=\"{path}\", algorithm=SHA-256, qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\", opaque=\"{_opaque}\"";
    }
}
