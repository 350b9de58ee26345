using System.Net;
using System.Text;
using System.Threading.Channels;
using System.Xml.Linq;
using Camlab.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>
/// WS-BaseNotification through the real host to a real HTTP consumer (a Kestrel endpoint in the test): Notify for a
/// preset reached, a motion alarm and a digital input, in that order; the subscription ends on Unsubscribe and on expiry.
/// </summary>
public class PushEventsHostTests
{
    private const string Wsnt = "http://docs.oasis-open.org/wsn/b-2";
    private const string Events = "/onvif/event_service";
    private const string Ptz = "/onvif/ptz_service";

    /// <summary>A notification consumer: every POST body to /notify/{name}, answered 202.</summary>
    private sealed class Consumer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Dictionary<string, Channel<string>> _received = new();

        private Consumer(WebApplication app) => _app = app;

        public Uri BaseUri { get; private set; } = null!;

        public static async Task<Consumer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var consumer = new Consumer(app);
            app.MapPost("/notify/{name}", async (string name, HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                consumer.Channel(name).Writer.TryWrite(await reader.ReadToEndAsync());
                return Results.Accepted();
            });
            await app.StartAsync();
            consumer.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return consumer;
        }

        private Channel<string> Channel(string name)
        {
            lock (_received)
            {
                if (!_received.TryGetValue(name, out var channel)) _received[name] = channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
                return channel;
            }
        }

        public string Address(string name) => new Uri(BaseUri, "/notify/" + name).AbsoluteUri;

        /// <summary>The next notification message to <paramref name="name"/>: waits for network I/O, never for simulated time.</summary>
        public async Task<XElement> NextAsync(string name, Queue<XElement> pending)
        {
            while (pending.Count == 0)
            {
                var envelope = await Channel(name).Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
                OnvifSchemaValidator.AssertValid(envelope);
                foreach (var m in XDocument.Parse(envelope).Descendants(XName.Get("NotificationMessage", Wsnt))) pending.Enqueue(m);
            }
            return pending.Dequeue();
        }

        public bool HasMore(string name) => Channel(name).Reader.TryPeek(out _);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string Subscribe(string consumer, string termination) =>
        Op("wsnt:Subscribe",
            $"<wsnt:ConsumerReference><wsa:Address xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">{consumer}</wsa:Address></wsnt:ConsumerReference>" +
            "<wsnt:Filter><wsnt:TopicExpression xmlns:tns1=\"http://www.onvif.org/ver10/topics\" Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">" +
            "tns1:PTZController/PTZPresets/Reached|tns1:VideoSource/MotionAlarm|tns1:Device/Trigger/DigitalInput</wsnt:TopicExpression></wsnt:Filter>" +
            $"<wsnt:InitialTerminationTime>{termination}</wsnt:InitialTerminationTime>")
        .Replace("<wsnt:Subscribe ", "<wsnt:Subscribe xmlns:wsnt=\"" + Wsnt + "\" ", StringComparison.Ordinal);

    private static string Topic(XElement m) => m.Element(XName.Get("Topic", Wsnt))!.Value.Trim();

    private static string? Item(XElement m, string name) => m.Descendants().FirstOrDefault(e => e.Attribute("Name")?.Value == name)?.Attribute("Value")?.Value;

    private static string? Operation(XElement m) => m.Descendants().FirstOrDefault(e => e.Attribute("PropertyOperation") is not null)?.Attribute("PropertyOperation")!.Value;

    private static async Task<XElement> NextChanged(Consumer consumer, string name, Queue<XElement> pending)
    {
        while (true)
        {
            var m = await consumer.NextAsync(name, pending);
            if (Operation(m) != "Initialized") return m;
        }
    }

    [RequiresSharedFact]
    public async Task Notify_reaches_a_real_consumer_in_order_and_the_subscription_ends_on_unsubscribe_and_on_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var consumer = await Consumer.StartAsync();
        await using var server = await ServerHarness.StartAsync(time: clock);
        var camera = server.Host.Cameras[0];
        using var admin = Imaging.FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);
        // The picture's own motion analysis runs on real render threads, beside the fake clock: holding every source's
        // MotionAlarm makes the fault below the only motion transition the consumer can see.
        Assert.True((await admin.PostAsync("/api/v1/cameras/1/faults", Imaging.FaultApiTests.Json(
            "{\"set\": [" + string.Join(",", camera.Definition.VideoSources.Select(s => $"\"{s.Token}/MotionAlarm=false\"")) + "]}"))).IsSuccessStatusCode);

        var subscribed = await server.Ok(Events, Subscribe(consumer.Address("a"), "PT1H"));
        var subscription = new Uri(subscribed.Find("Address").Value).AbsolutePath;
        var pending = new Queue<XElement>();
        // Initialized states first, as for pull points: the motion alarm and both digital inputs.
        var initialized = new List<XElement>();
        for (var i = 0; i < 3; i++) initialized.Add(await consumer.NextAsync("a", pending));
        Assert.All(initialized, m => Assert.Equal("Initialized", Operation(m)));
        Assert.Contains(initialized, m => Topic(m) == "tns1:VideoSource/MotionAlarm");

        var token = (await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>Gate</tptz:PresetName>"))).Find("PresetToken").Value;
        await server.Ok(Ptz, Op("tptz:AbsoluteMove", P1 + "<tptz:Position><tt:PanTilt x=\"0.5\" y=\"0.2\"/></tptz:Position>"));
        clock.Advance(30);
        await server.Ok(Ptz, Op("tptz:GotoPreset", P1 + $"<tptz:PresetToken>{token}</tptz:PresetToken>"));
        clock.Advance(30);
        _ = await server.Ok(Ptz, Op("tptz:GetStatus", P1)); // motion is evaluated when read: the preset is reached now
        Assert.True((await admin.PostAsync("/api/v1/cameras/1/faults", Imaging.FaultApiTests.Json("{\"set\": [\"VideoSource_1/MotionAlarm=true\"]}"))).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync("/api/v1/cameras/1/faults", Imaging.FaultApiTests.Json("{\"set\": [\"DigitalInput_1=true\"]}"))).IsSuccessStatusCode);

        var reached = await NextChanged(consumer, "a", pending);
        Assert.Equal(("tns1:PTZController/PTZPresets/Reached", token), (Topic(reached), Item(reached, "PresetToken")));
        var motion = await NextChanged(consumer, "a", pending);
        Assert.Equal(("tns1:VideoSource/MotionAlarm", "true"), (Topic(motion), Item(motion, "State")));
        var input = await NextChanged(consumer, "a", pending);
        Assert.Equal(("tns1:Device/Trigger/DigitalInput", "DigitalInput_1", "true"), (Topic(input), Item(input, "InputToken"), Item(input, "LogicalState")));

        // Unsubscribe: a second subscription sees the next event; the first one sees nothing more.
        await server.Ok(subscription, Op("wsnt:Unsubscribe").Replace("<wsnt:Unsubscribe ", "<wsnt:Unsubscribe xmlns:wsnt=\"" + Wsnt + "\" ", StringComparison.Ordinal));
        await server.Ok(Events, Subscribe(consumer.Address("b"), "PT10S"));
        var pendingB = new Queue<XElement>();
        Assert.True((await admin.PostAsync("/api/v1/cameras/1/faults", Imaging.FaultApiTests.Json("{\"set\": [\"DigitalInput_1=false\"]}"))).IsSuccessStatusCode);
        var released = await NextChanged(consumer, "b", pendingB);
        Assert.Equal("false", Item(released, "LogicalState"));
        Assert.Empty(pending);
        Assert.False(consumer.HasMore("a"));

        // Expiry on the fake clock: the second subscription ends at its termination time.
        Assert.Single(camera.EventsService.PushSubscriptions);
        clock.Advance(11);
        Assert.Empty(camera.EventsService.PushSubscriptions);
    }
}
