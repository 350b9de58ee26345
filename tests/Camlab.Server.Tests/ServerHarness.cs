using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Camlab.Onvif.Security;
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
        var host = await CameraHost.StartAsync(options, viewState, time);
        return new ServerHarness(host, data, time);
    }

    public static string Envelope(string body, string? header = null) =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">" + (header is null ? "" : "<s:Header>" + header + "</s:Header>") +
        "<s:Body>" + body + "</s:Body></s:Envelope>";

    public string Token(string user, string password, DateTimeOffset? created = null, byte[]? nonce = null)
    {
        nonce ??= RandomNumberGenerator.GetBytes(16);
        var createdText = OnvifXml.DateTime(created ?? Time.GetUtcNow());
        var digest = Convert.ToBase64String(UsernameTokenValidator.Digest(nonce, createdText, password));
        return $"<wsse:Security xmlns:wsse=\"{OnvifNamespaces.WsSecurity}\" xmlns:wsu=\"{OnvifNamespaces.WsUtility}\"><wsse:UsernameToken>" +
               $"<wsse:Username>{user}</wsse:Username><wsse:Password Type=\"{UsernameTokenValidator.PasswordDigestType}\">{digest}</wsse:Password>" +
               $"<wsse:Nonce>{Convert.ToBase64String(nonce)}</wsse:Nonce><wsu:Created>{createdText}</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    public async Task<HttpAnswer> PostAsync(string path, byte[] body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Client.SendAsync(request);
        return new HttpAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList(), response.Content.Headers.ContentType?.ToString());
    }

    public Task<HttpAnswer> PostAsync(string path, string text, string? authorization = null) => PostAsync(path, Encoding.UTF8.GetBytes(text), authorization);

    public Task<HttpAnswer> CallAsync(string body, string path = "/onvif/device_service", string? user = "admin", string? password = AdminPassword) =>
        PostAsync(path, Envelope(body, user is null ? null : Token(user, password!)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(Data, recursive: true); } catch (IOException) { }
    }
}

public sealed record HttpAnswer(int Status, string Text, IReadOnlyList<string> WwwAuthenticate, string? ContentType)
{
    public XElement Body => XDocument.Parse(Text).Root!.Element(XName.Get("Body", OnvifNamespaces.Soap12))!.Elements().First();

    public string FaultCodes
    {
        get
        {
            var codes = new List<string>();
            var code = Body.Element(XName.Get("Code", OnvifNamespaces.Soap12));
            while (code is not null)
            {
                codes.Add(code.Element(XName.Get("Value", OnvifNamespaces.Soap12))!.Value);
                code = code.Element(XName.Get("Subcode", OnvifNamespaces.Soap12));
            }
            return string.Join(" ", codes);
        }
    }

    public string Value(string localName) => Body.DescendantsAndSelf().First(e => e.Name.LocalName == localName).Value;

    public HttpAnswer AssertOk()
    {
        Assert.True(Status == 200, $"expected 200, got {Status}: {Text}");
        return this;
    }
}
