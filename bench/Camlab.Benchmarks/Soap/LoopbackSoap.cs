using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Camlab.Benchmarks.Soap;

/// <summary>
/// What the SOAP and PTZ round-trip benchmarks share: the real <c>camlab serve</c> host on loopback, a bare
/// Kestrel baseline in the same process that reads the body and answers bytes captured from that host, and one
/// keep-alive client that posts SOAP 1.2 envelopes to either.
/// </summary>
internal sealed class LoopbackSoap : IAsyncDisposable
{
    public const string Password = "bench-pw";

    private readonly string _data;
    private WebApplication? _baseline;

    private LoopbackSoap(string data, CameraHost camlab)
    {
        _data = data;
        Camlab = camlab;
    }

    public CameraHost Camlab { get; }

    public HttpClient Client { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false });

    public static async Task<LoopbackSoap> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-bench-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = data,
            Users = [new UserOption { Name = "admin", Password = Password }],
            // The figures are the server without continuous recording (it would render Profile_1 all the time).
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
        };
        return new LoopbackSoap(data, await CameraHost.StartAsync(configure?.Invoke(options) ?? options));
    }

    /// <summary>Starts the baseline: it reads each body as the SOAP host does, then answers the bytes <paramref name="answer"/> picks.</summary>
    public async Task<Uri> StartBaselineAsync(string path, Func<HttpRequest, MemoryStream, byte[]> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _baseline = builder.Build();
        _baseline.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var bytes = answer(context.Request, buffer);
            context.Response.ContentType = "application/soap+xml; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
        await _baseline.StartAsync();
        return new Uri(_baseline.Urls.First() + path);
    }

    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        return content;
    }

    /// <summary>Posts one envelope and returns the answer's bytes; anything but 200 OK ends the benchmark.</summary>
    public async Task<byte[]> PostAsync(Uri uri, byte[] envelope, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Content(envelope) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{uri}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_baseline is not null) await _baseline.StopAsync();
        await Camlab.DisposeAsync();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }
}
