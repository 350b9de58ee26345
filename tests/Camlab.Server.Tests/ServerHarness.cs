using System.Net.Http.Headers;
using System.Text;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;

namespace Camlab.Server.Tests;

/// <summary>A real Kestrel host on a free loopback port with its own data directory, and raw-byte helpers.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string AdminPassword = "admin-pw";
    public const string ViewerPassword = "viewer-pw";

    private ServerHarness(CameraHost host, string data, TimeProvider time)
    {
        Host = host;
        Data = data;
        Time = time;
        Client = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CameraHost Host { get; }
    public string Data { get; }
    public TimeProvider Time { get; }
    public HttpClient Client { get; }

    public static async Task<ServerHarness> StartAsync(int cameras = 1, bool discovery = false, bool users = true, TimeProvider? time = null, string? data = null,
        Func<SimulatedCamera, Camlab.Server.Streaming.ICameraViewState>? viewState = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        bool generated = data is null;
        data ??= Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = data,
            Cameras = cameras,
            Users = users
                ? [new UserOption { Name = "admin", Password = AdminPassword }, new UserOption { Name = "viewer", Password = ViewerPassword, Level = "User" }]
                : [],
            Discovery = new DiscoveryOptions { Enabled = discovery, Port = 0 },
            // Continuous recording renders Profile_1 all the time: only the recording tests turn it on.
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
        };
        if (configure is not null) options = configure(options);
        time ??= TimeProvider.System;
        CameraHost host;
        try { host = await CameraHost.StartAsync(options, viewState, time); }
        catch when (generated && options.Data == data)
        {
            // A start a test expects to fail may have written the identity before it stopped: the folder goes with it.
            try { Directory.Delete(data, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
            throw;
        }
        return new ServerHarness(host, data, time);
    }

    public static string Envelope(string body, string? header = null) => SoapMessages.Envelope(body, header);

    /// <summary>A UsernameToken created now on the host's clock unless told otherwise.</summary>
    public string Token(string user, string password, DateTimeOffset? created = null, byte[]? nonce = null) =>
        SoapMessages.UsernameToken(user, password, created ?? Time.GetUtcNow(), nonce);

    public async Task<SoapAnswer> PostAsync(string path, byte[] body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Client.SendAsync(request);
        return new SoapAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList(), response.Content.Headers.ContentType?.ToString());
    }

    public Task<SoapAnswer> PostAsync(string path, string text, string? authorization = null) => PostAsync(path, Encoding.UTF8.GetBytes(text), authorization);

    public Task<SoapAnswer> CallAsync(string body, string path = "/onvif/device_service", string? user = "admin", string? password = AdminPassword) =>
        PostAsync(path, Envelope(body, user is null ? null : Token(user, password!)));

    /// <summary>A SOAP service of one camera of the host (e.g. <c>media2_service</c>), called over HTTP as a client does.</summary>
    public SoapService Service(SimulatedCamera camera, string pathSegment) => new(this, camera.BasePath + "/onvif/" + pathSegment);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(Data, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One service of the host: calls as admin unless told otherwise; success and faults schema-validated.</summary>
public sealed record SoapService(ServerHarness Server, string Path)
{
    public Task<SoapAnswer> CallAsync(string body, string user = "admin", string password = ServerHarness.AdminPassword) =>
        Server.CallAsync(body, Path, user, password);

    public async Task<SoapAnswer> OkAsync(string body) => (await CallAsync(body)).AssertOk().AssertValid();

    /// <summary>Calls expecting a fault; returns its codes ("env:Sender ter:InvalidArgVal ter:NoConfig").</summary>
    public async Task<string> FaultAsync(string body, string user = "admin", string password = ServerHarness.AdminPassword)
    {
        var answer = await CallAsync(body, user, password);
        Assert.True(answer.Status != 200, $"expected a fault for {body}");
        return answer.AssertValid().FaultCodes;
    }
}
