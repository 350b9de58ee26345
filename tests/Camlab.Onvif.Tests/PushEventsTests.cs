using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Onvif.Events;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests;

/// <summary>WS-BaseNotification push subscriptions: Subscribe, Notify, Renew, Unsubscribe, expiry and failing consumers.</summary>
public class PushEventsTests
{
    private const string Wsnt = "http://docs.oasis-open.org/wsn/b-2";
    private const string Wsa = "http://www.w3.org/2005/08/addressing";
    private const string Consumer = "http://10.9.8.7:8090/notify";
    private readonly TestDevice _device = new();

    private static string Subscribe(string consumer = Consumer, string? filter = null, string? termination = "PT60S", string extra = "") =>
        $"<Subscribe xmlns=\"{Wsnt}\"><ConsumerReference><Address xmlns=\"{Wsa}\">{consumer}</Address></ConsumerReference>" +
        (filter is null ? "" : $"<Filter>{filter}</Filter>") + (termination is null ? "" : $"<InitialTerminationTime>{termination}</InitialTerminationTime>") + extra + "</Subscribe>";

    private const string PtzTopic = $"<TopicExpression xmlns=\"{Wsnt}\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\" Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">tns1:PTZController//.</TopicExpression>";

    private async Task<Uri> SubscribeAsync(string? filter = null, string termination = "PT60S")
    {
        var answer = await _device.CallAsync(Subscribe(filter: filter, termination: termination));
        answer.AssertOk();
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        return new Uri(answer.Value("Address"));
    }

    private static List<XElement> Messages(string envelope) =>
        XDocument.Parse(envelope).Descendants(XName.Get("NotificationMessage", Wsnt)).ToList();

    private static string Topic(XElement notification) => notification.Element(XName.Get("Topic", Wsnt))!.Value;

    private void Publish(string topic, params (string, string)[] data) =>
        _device.Bus.Publish(new EventMessage(topic, _device.Time.GetUtcNow(), [new("PTZConfigurationToken", "PtzConfig_1")], [.. data.Select(d => new SimpleItem(d.Item1, d.Item2))]));

    [Fact]
    public async Task Notify_carries_initialized_properties_first_then_events_in_order_and_validates()
    {
        _device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", _device.Time.GetUtcNow(), [new("Source", "VideoSource_1")], [new("State", "false")], PropertyOperation.Changed));
        var address = await SubscribeAsync();
        var first = await _device.Consumer.NextAsync();
        var initialized = Messages(first).Single(m => Topic(m) == "tns1:VideoSource/MotionAlarm");
        Assert.Equal("tns1:VideoSource/MotionAlarm", Topic(initialized));
        Assert.Equal("Initialized", initialized.Descendants().First(e => e.Name.LocalName == "Message" && e.Attribute("PropertyOperation") is not null).Attribute("PropertyOperation")!.Value);
        Assert.Contains(address.AbsoluteUri, first);
        Assert.Contains(NotifyEnvelope.Action, first);
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(first);

        for (var i = 1; i <= 5; i++) Publish("PTZController/PTZPresets/Reached", ("PresetToken", "Preset_" + i));
        var tokens = new List<string>();
        while (tokens.Count < 5)
            tokens.AddRange(Messages(await _device.Consumer.NextAsync()).SelectMany(m => m.Descendants().Where(e => e.Attribute("Name")?.Value == "PresetToken").Select(e => e.Attribute("Value")!.Value)));
        Assert.Equal(["Preset_1", "Preset_2", "Preset_3", "Preset_4", "Preset_5"], tokens);
    }

    [Fact]
    public async Task The_filter_is_the_pull_points_filter()
    {
        await SubscribeAsync(PtzTopic);
        _device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", _device.Time.GetUtcNow(), [new("Source", "VideoSource_1")], [new("State", "true")], PropertyOperation.Changed));
        Publish("PTZController/PTZPresets/Reached", ("PresetToken", "Preset_1"));
        var messages = Messages(await _device.Consumer.NextAsync());
        Assert.Equal(["tns1:PTZController/PTZPresets/Reached"], messages.Select(Topic));
    }

    [Fact]
    public async Task Unsubscribe_ends_delivery_and_Renew_moves_the_termination()
    {
        var address = await SubscribeAsync();
        var renewed = await _device.CallAsync($"<Renew xmlns=\"{Wsnt}\"><TerminationTime>PT120S</TerminationTime></Renew>", uri: address);
        Assert.StartsWith("2026-03-14T15:11:26", renewed.AssertOk().Value("TerminationTime"));
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(renewed.Text);
        var unsubscribed = await _device.CallAsync($"<Unsubscribe xmlns=\"{Wsnt}\"/>", uri: address);
        unsubscribed.AssertOk();
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(unsubscribed.Text);
        Assert.Empty(_device.Events.PushSubscriptions);
        Publish("PTZController/PTZPresets/Reached", ("PresetToken", "Preset_1"));
        Assert.False(_device.Consumer.TryNext(out _));
        Assert.Equal("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault",
            (await _device.CallAsync($"<Unsubscribe xmlns=\"{Wsnt}\"/>", uri: address)).FaultCodes);
    }

    [Fact]
    public async Task A_subscription_ends_at_its_termination_time()
    {
        await SubscribeAsync(termination: "PT10S");
        _device.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(_device.Events.PushSubscriptions);
        _device.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(_device.Events.PushSubscriptions);
    }

    [Fact]
    public async Task A_consumer_that_keeps_failing_is_retried_with_backoff_then_ends_its_subscription()
    {
        _device.Consumer.Failing = true;
        await SubscribeAsync(termination: "PT1H");
        Publish("PTZController/PTZPresets/Reached", ("PresetToken", "Preset_1"));
        var subscription = _device.Events.PushSubscriptions.Single();
        // 1 attempt + 2 retries after 1 s and 2 s (TestDevice's policy): advance the clock until the sender gives up.
        for (var i = 0; i < 200 && !subscription.Stopped.IsCompleted; i++)
        {
            _device.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5); // lets the sender task (real I/O task) observe the timer; not waiting for simulated motion
        }
        Assert.True(subscription.Stopped.IsCompleted);
        Assert.Equal(3, _device.Consumer.Attempts);
        Assert.Empty(_device.Events.PushSubscriptions);
    }

    [Fact]
    public async Task A_slow_consumer_never_blocks_the_publisher_and_its_queue_is_bounded()
    {
        var blocked = new BlockingConsumer();
        var events = new EventsService(_device.Bus, _device.Topics, _device.Time, new EventsOptions { Push = new PushDeliveryOptions { QueueCapacity = 16 } }, blocked);
        (await SoapTestClient.ForServices(_device.Time, [events]).CallAsync(Subscribe())).AssertOk();
        for (var i = 0; i < 10_000; i++) Publish("PTZController/PTZPresets/Reached", ("PresetToken", "P" + i)); // returns: nothing waits on the consumer
        blocked.Release.SetResult();
        events.Reset();
        Assert.True(blocked.LargestBatch <= 32);
    }

    private sealed class BlockingConsumer : INotificationConsumer
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int LargestBatch;

        public async Task SendAsync(Uri consumer, byte[] envelope, CancellationToken cancel)
        {
            LargestBatch = Math.Max(LargestBatch, Messages(System.Text.Encoding.UTF8.GetString(envelope)).Count);
            await Release.Task.WaitAsync(cancel);
        }
    }

    [Theory]
    [InlineData("ftp://10.0.0.1/x", null, "PT60S", "", "env:Sender ter:InvalidArgVal wsnt:SubscribeCreationFailedFault")]
    [InlineData("not a uri", null, "PT60S", "", "env:Sender ter:InvalidArgVal wsnt:SubscribeCreationFailedFault")]
    [InlineData(Consumer, null, "-PT5S", "", "env:Sender ter:InvalidArgVal wsnt:UnacceptableInitialTerminationTimeFault")]
    [InlineData(Consumer, "<Nonsense xmlns=\"urn:x\"/>", "PT60S", "", "env:Sender ter:InvalidArgVal wsnt:InvalidFilterFault")]
    [InlineData(Consumer, null, "PT60S", "<SubscriptionPolicy><Anything xmlns=\"urn:x\"/></SubscriptionPolicy>", "env:Sender ter:InvalidArgVal wsnt:UnsupportedPolicyRequestFault")]
    public async Task Subscribe_faults_create_nothing(string consumer, string? filter, string termination, string extra, string codes)
    {
        var answer = await _device.CallAsync(Subscribe(consumer, filter, termination, extra));
        Assert.Equal(codes, answer.FaultCodes);
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
        Assert.Empty(_device.Events.PushSubscriptions);
    }

    [Fact]
    public async Task PullMessages_on_a_push_subscription_is_ResourceUnknown_and_capabilities_say_what_is_served()
    {
        var address = await SubscribeAsync();
        Assert.Equal("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault",
            (await _device.CallAsync("<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT0S</Timeout><MessageLimit>1</MessageLimit></PullMessages>", uri: address)).FaultCodes);
        var capabilities = (await _device.CallAsync("<GetServiceCapabilities xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>")).AssertOk().All("Capabilities").Single();
        Assert.Equal(("16", "32", "false"), (capabilities.Attribute("MaxNotificationProducers")!.Value, capabilities.Attribute("MaxPullPoints")!.Value,
            capabilities.Attribute("WSSubscriptionPolicySupport")!.Value));
        var properties = await _device.CallAsync("<GetEventProperties xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>");
        Assert.Contains(properties.AssertOk().Body.Descendants(), e => e.Name.LocalName == "CellMotionDetector");
    }

    [Fact]
    public void The_cell_motion_detector_restates_motion_alarms_with_its_rule()
    {
        using var detector = new CellMotionDetector(_device.Bus, s => s == "VideoSource_1" ? "VideoSourceConfig_1" : null);
        var seen = new List<EventMessage>();
        using var listening = _device.Bus.Subscribe(seen.Add);
        _device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", _device.Time.GetUtcNow(), [new("Source", "VideoSource_1")], [new("State", "true")], PropertyOperation.Changed));
        var motion = seen.Single(m => m.Topic == CellMotionDetector.Topic);
        Assert.Equal(["VideoSourceConfig_1", "Analytics_VideoSourceConfig_1", CellMotionDetector.RuleName], motion.Source.Select(s => s.Value));
        Assert.Equal(new SimpleItem("IsMotion", "true"), motion.Data.Single());
        Assert.Equal(seen.Single(m => m.Topic == "VideoSource/MotionAlarm").UtcTime, motion.UtcTime);
    }
}
