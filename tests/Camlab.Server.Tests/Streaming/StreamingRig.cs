using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Camlab.Server.Hosting;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// A running server on the fake clock with a steerable view state, an HttpClient that answers the camera's Digest
/// challenges, and helpers that move the clock until the server has produced what a test waits for (frames are
/// timed by the camera's clock; the helpers advance it a frame at a time and never assert on wall time).
/// </summary>
internal sealed class StreamingRig : IAsyncDisposable
{
    private StreamingRig(ServerHarness server, FakeTimeProvider time, TestViewState? state)
    {
        Server = server;
        Time = time;
        State = state;
        Handler = new HttpClientHandler { Credentials = new NetworkCredential("admin", ServerHarness.AdminPassword) };
        Client = new HttpClient(Handler) { BaseAddress = server.Host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ServerHarness Server { get; }
    public FakeTimeProvider Time { get; }
    public TestViewState? State { get; }
    public HttpClientHandler Handler { get; }
    public HttpClient Client { get; }
    public Uri BaseUri => Server.Host.BaseUri;

    public static async Task<StreamingRig> StartAsync(bool steerable = true, Func<ServerOptions, ServerOptions>? configure = null, DateTimeOffset? start = null,
        string? data = null)
    {
        var time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var state = steerable ? new TestViewState() : null;
        var server = await ServerHarness.StartAsync(time: time, viewState: state is null ? null : _ => state, configure: configure, data: data);
        return new StreamingRig(server, time, state);
    }

    /// <summary>Advances the camera clock a frame at a time until <paramref name="task"/> completes (at most 60 simulated seconds).</summary>
    public async Task<T> Pump<T>(Task<T> task, double step = 0.04)
    {
        for (int i = 0; !task.IsCompleted; i++)
        {
            if (i * step > 60) throw new TimeoutException("the server produced nothing in 60 simulated seconds");
            Time.Advance(step);
            await Task.WhenAny(task, Task.Delay(15));
        }
        return await task;
    }

    public async Task Pump(Task task, double step = 0.04) => await Pump(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }), step);

    /// <summary>
    /// Advances the camera clock one frame period of <paramref name="fps"/> at a time until <paramref name="task"/> completes
    /// (at most 60 simulated seconds), never faster than two thirds of real time. While the camera renders for a viewer,
    /// each step also waits (up to 10 s) until the step's frame is made before the clock moves on. A test that counts a
    /// client's frames so gets every one however busy the machine is: a clock that ran on would see the render loop
    /// rightly merge the ticks it could not keep up with, and one that ran ahead of real time would fill the client's
    /// queue faster than the client reads it, whose rightly dropped predicted frames end in an early key frame.
    /// </summary>
    public async Task PumpFrames(Task task, double fps)
    {
        var hub = Server.Host.Cameras[0].Video!.Hub;
        long Made() => hub.Counters.FramesRendered + hub.Counters.FramesReused;
        var period = TimeSpan.FromSeconds(1.5 / fps);
        for (int i = 0; !task.IsCompleted; i++)
        {
            if (i / fps > 60) throw new TimeoutException("the server produced nothing in 60 simulated seconds");
            bool rendering = hub.LoopCount > 0;
            long before = Made();
            var step = System.Diagnostics.Stopwatch.StartNew();
            Time.Advance(1 / fps);
            while (rendering && !task.IsCompleted && Made() == before && step.Elapsed < TimeSpan.FromSeconds(10)) await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted && step.Elapsed < period) await Task.WhenAny(task, Task.Delay(period - step.Elapsed));
        }
        await task;
    }

    public async Task<JsonElement> CreateStreamAsync(object body)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/streams", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<ClientWebSocket> ConnectAsync(string url)
    {
        var socket = new ClientWebSocket();
        socket.Options.Credentials = new NetworkCredential("admin", ServerHarness.AdminPassword);
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        return socket;
    }

    /// <summary>One whole binary message: one frame.</summary>
    public async Task<byte[]> ReceiveFrameAsync(ClientWebSocket socket)
    {
        var buffer = new byte[8 * 1024 * 1024];
        int filled = 0;
        while (true)
        {
            var received = await Pump(socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None).AsTask());
            if (received.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by the server: " + socket.CloseStatusDescription);
            Assert.Equal(WebSocketMessageType.Binary, received.MessageType);
            filled += received.Count;
            if (received.EndOfMessage) return buffer[..filled];
        }
    }

    public static FrameHeader Header(byte[] frame)
    {
        var read = FrameReader.ReadFrame(frame, out int consumed);
        Assert.Equal(frame.Length, consumed);
        return read.Header;
    }

    public static bool IsJpeg(ReadOnlySpan<byte> data) =>
        data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8 && data[^2] == 0xFF && data[^1] == 0xD9;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
