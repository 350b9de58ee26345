using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Camlab.Onvif.Security;
using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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
    private const string Password = "bench-pw";
    private static readonly byte[] TimeRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");
    private static readonly byte[] InfoRequest = Encoding.UTF8.GetBytes(
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>");

    private CameraHost _camlab = null!;
    private WebApplication _baseline = null!;
    private HttpClient _client = null!;
    private string _data = null!;
    private Uri _camlabUri = null!;
    private Uri _baselineUri = null!;
    private string _nonce = null!;
    private string _opaque = null!;
    private int _count;

    [GlobalSetup]
    public async Task Setup()
    {
        _data = Path.Combine(Path.GetTempPath(), "camlab-bench-" + Guid.NewGuid().ToString("N"));
        _camlab = await CameraHost.StartAsync(new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = _data,
            Users = [new UserOption { Name = "admin", Password = Password }],
            // The figures are the server without continuous recording (it would render Profile_1 all the time).
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
            Auth = new AuthOptions { DigestNonceLifetimeSeconds = 3600 },
        });
        _camlabUri = new Uri(_camlab.BaseUri, "/onvif/device_service");
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false });

        // Capture the real answers once, then serve them verbatim from a bare Kestrel endpoint.
        var challenge = await _client.PostAsync(_camlabUri, Content(InfoRequest));
        var fields = HttpDigestAuthenticator.ParseFields(challenge.Headers.WwwAuthenticate.First(h => h.Parameter!.Contains("SHA-256")).Parameter!)!;
        (_nonce, _opaque) = (fields["nonce"], fields["opaque"]);
        var timeAnswer = await (await _client.PostAsync(_camlabUri, Content(TimeRequest))).Content.ReadAsByteArrayAsync();
        var infoAnswer = await Send(_camlabUri, InfoRequest, authenticate: true);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _baseline = builder.Build();
        _baseline.Run(async context =>
        {
            // Read the body as the SOAP host does, then answer fixed bytes.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var answer = context.Request.Headers.Authorization.Count > 0 ? infoAnswer : timeAnswer;
            context.Response.ContentType = "application/soap+xml; charset=utf-8";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await _baseline.StartAsync();
        _baselineUri = new Uri(_baseline.Urls.First() + "/onvif/device_service");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _baseline.StopAsync();
        await _camlab.DisposeAsync();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }

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

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        return content;
    }

    private async Task<byte[]> Send(Uri uri, byte[] body, bool authenticate)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Content(body) };
        if (authenticate) request.Headers.TryAddWithoutValidation("Authorization", Authorization(uri.PathAndQuery));
        using var response = await _client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{uri}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    // RFC 7616 client side, SHA-256, a new nonce count per request as a real client sends.
    private string Authorization(string path)
    {
        static string H(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        var nc = Interlocked.Increment(ref _count).ToString("x8");
        const string cnonce = "b3nch";
        var response = H($"{H($"admin:{Realm}:{Password}")}:{_nonce}:{nc}:{cnonce}:auth:{H($"POST:{path}")}");
        return $"Digest username=\"admin\", realm=\"{Realm}\", nonce=\"{_nonce}\", uri=\"{path}\", algorithm=SHA-256, qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\", opaque=\"{_opaque}\"";
    }
}
