using Camlab.Device.Events;
using Camlab.Onvif.Events;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

public class EventsServiceTests
{
    private const string Tev = "http://www.onvif.org/ver10/events/wsdl";
    private readonly TestDevice _device = new();

    private async Task<Uri> Subscribe(string? filter = null, string termination = "PT60S")
    {
        var answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\">{filter}<InitialTerminationTime>{termination}</InitialTerminationTime></CreatePullPointSubscription>");
        return new Uri(answer.AssertOk().Value("Address"));
    }

    private static string TopicFilter(string expression) =>
        "<Filter><wsnt:TopicExpression xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\" " +
        $"Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">{expression}</wsnt:TopicExpression></Filter>";

    private Task<SoapAnswer> Pull(Uri address, string timeout = "PT0S", int limit = 100) =>
        _device.CallAsync($"<PullMessages xmlns=\"{Tev}\"><Timeout>{timeout}</Timeout><MessageLimit>{limit}</MessageLimit></PullMessages>", uri: address);

    private void Reached(string preset = "Preset_1") =>
        _device.Bus.Publish(new EventMessage("PTZController/PTZPresets/Reached", _device.Time.GetUtcNow(),
            [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", preset), new("PresetName", "Gate")]));

    private void Motion(string source, bool state) =>
        _device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", _device.Time.GetUtcNow(),
            [new("Source", source)], [new("State", state ? "true" : "false")], PropertyOperation.Changed));

    [Fact]
    public async Task Event_properties_announce_the_full_topic_set()
    {
        var answer = await _device.CallAsync($"<GetEventProperties xmlns=\"{Tev}\"/>");
        var leaves = answer.AssertOk().Body.Descendants().Where(e => e.Attribute(System.Xml.Linq.XName.Get("topic", "http://docs.oasis-open.org/wsn/t-1"))?.Value == "true")
            .Select(e => string.Join("/", e.AncestorsAndSelf().TakeWhile(a => a.Name.LocalName != "TopicSet").Reverse().Select(a => a.Name.LocalName))).ToList();
        foreach (var topic in new[]
                 {
                     "PTZController/PTZPresets/Invoked", "PTZController/PTZPresets/Reached", "PTZController/PTZPresets/Aborted", "PTZController/PTZPresets/Left",
                     "PTZController/PTZPresetTours/Configuration", "VideoSource/ImageTooBlurry/ImagingService", "VideoSource/ImageTooDark/ImagingService",
                     "VideoSource/ImageTooBright/ImagingService", "VideoSource/GlobalSceneChange/ImagingService", "VideoSource/SignalLoss", "VideoSource/MotionAlarm",
                     "Monitoring/OperatingTime/LastReboot",
                 })
            Assert.Contains(topic, leaves);
    }

    [Fact]
    public async Task Pulls_published_messages_with_utc_times()
    {
        var address = await Subscribe();
        Assert.StartsWith("http://127.0.0.1:8080/onvif/event_service/subscription/", address.AbsoluteUri);
        Reached();
        var answer = await Pull(address);
        var message = answer.AssertOk().All("Message").Last();
        Assert.Equal("2026-03-14T15:09:26.535Z", message.Attribute("UtcTime")!.Value);
        Assert.Equal("tns1:PTZController/PTZPresets/Reached", answer.Value("Topic"));
        Assert.EndsWith("Z", answer.Value("CurrentTime"));
        Assert.Equal("2026-03-14T15:10:26.535Z", answer.Value("TerminationTime"));
        Assert.Empty((await Pull(address)).All("NotificationMessage"));
    }

    [Fact]
    public async Task Topic_filter_selects_messages()
    {
        var address = await Subscribe(TopicFilter("tns1:VideoSource//."));
        Reached();
        Motion("VideoSource_1", true);
        var answer = await Pull(address);
        Assert.Equal(["tns1:VideoSource/MotionAlarm"], answer.All("Topic").Select(t => t.Value));
    }

    [Fact]
    public async Task Alternative_topics_and_exact_topics_match()
    {
        var address = await Subscribe(TopicFilter("tns1:PTZController/PTZPresets/Left|tns1:PTZController/PTZPresets/Reached"));
        Reached();
        Motion("VideoSource_1", true);
        Assert.Single((await Pull(address)).All("NotificationMessage"));
    }

    [Fact]
    public async Task Message_content_filter_selects_by_item()
    {
        var filter = "<Filter><wsnt:MessageContent xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" Dialect=\"http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter\">" +
                     "boolean((//tt:SimpleItem[@Name=\"Source\" and @Value=\"VideoSource_2\"]))</wsnt:MessageContent></Filter>";
        var address = await Subscribe(filter);
        Motion("VideoSource_1", true);
        Motion("VideoSource_2", true);
        var answer = await Pull(address);
        Assert.Equal(["VideoSource_2"], answer.All("SimpleItem").Where(s => s.Attribute("Name")!.Value == "Source").Select(s => s.Attribute("Value")!.Value));
    }

    [Theory]
    [InlineData("tns1:", "wsnt:InvalidTopicExpressionFault")]
    [InlineData("nope:Foo", "wsnt:InvalidTopicExpressionFault")]
    [InlineData("VideoSource", "wsnt:InvalidTopicExpressionFault")]
    public async Task Bad_topic_expression_is_refused(string expression, string subcode)
    {
        var answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\">{TopicFilter(expression)}</CreatePullPointSubscription>");
        answer.AssertFault("env:Sender ter:InvalidArgVal " + subcode);
        Assert.Equal(0, _device.Events.SubscriptionCount);
    }

    [Fact]
    public async Task Unknown_dialect_and_bad_content_expression_are_refused()
    {
        var answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\"><Filter><TopicExpression Dialect=\"urn:xpath\">x</TopicExpression></Filter></CreatePullPointSubscription>");
        answer.AssertFault("env:Sender ter:InvalidArgVal wsnt:TopicExpressionDialectUnknownFault");
        answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\"><Filter><MessageContent Dialect=\"{MessageContentFilter.ItemFilterDialect}\">boolean(//tt:Foo)</MessageContent></Filter></CreatePullPointSubscription>");
        answer.AssertFault("env:Sender ter:InvalidArgVal wsnt:InvalidMessageContentExpressionFault");
    }

    [Fact]
    public async Task Long_poll_waits_until_a_message_arrives()
    {
        var address = await Subscribe();
        var pending = Pull(address, "PT30S");
        Assert.False(pending.IsCompleted);
        Reached();
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(answer.All("NotificationMessage"));
    }

    [Fact]
    public async Task Long_poll_ends_empty_at_its_timeout_on_the_device_clock()
    {
        var address = await Subscribe();
        var pending = Pull(address, "PT30S");
        _device.Time.Advance(29);
        await Task.Yield();
        Assert.False(pending.IsCompleted);
        _device.Time.Advance(1);
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(answer.AssertOk().All("NotificationMessage"));
    }

    [Fact]
    public async Task Message_limit_is_honoured()
    {
        var address = await Subscribe();
        for (var i = 0; i < 5; i++) Reached($"Preset_{i}");
        Assert.Equal(2, (await Pull(address, limit: 2)).All("NotificationMessage").Count());
        Assert.Equal(3, (await Pull(address, limit: 10)).All("NotificationMessage").Count());
    }

    [Fact]
    public async Task Limits_beyond_the_maximum_get_PullMessagesFaultResponse()
    {
        var address = await Subscribe();
        var answer = await Pull(address, "PT11M");
        Assert.Equal(400, answer.Status);
        Assert.Contains("PullMessagesFaultResponse", answer.Text);
        Assert.Equal("PT10M", answer.Value("MaxTimeout"));
    }

    [Fact]
    public async Task Subscription_expires_unless_renewed()
    {
        var address = await Subscribe(termination: "PT10S");
        _device.Time.Advance(8);
        var renewed = await _device.CallAsync("<Renew xmlns=\"http://docs.oasis-open.org/wsn/b-2\"><TerminationTime>PT10S</TerminationTime></Renew>", uri: address);
        Assert.Equal("2026-03-14T15:09:44.535Z", renewed.AssertOk().Value("TerminationTime"));
        Assert.Equal("2026-03-14T15:09:34.535Z", renewed.Value("CurrentTime"));
        _device.Time.Advance(9);
        (await Pull(address)).AssertOk();
        _device.Time.Advance(2);
        (await Pull(address)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        Assert.Equal(0, _device.Events.SubscriptionCount);
    }

    [Fact]
    public async Task Termination_time_in_the_past_is_refused()
    {
        var answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\"><InitialTerminationTime>2020-01-01T00:00:00Z</InitialTerminationTime></CreatePullPointSubscription>");
        answer.AssertFault("env:Sender ter:InvalidArgVal wsnt:UnacceptableInitialTerminationTimeFault");
    }

    [Fact]
    public async Task Unsubscribe_ends_the_subscription()
    {
        var address = await Subscribe();
        (await _device.CallAsync("<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>", uri: address)).AssertOk();
        (await Pull(address)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
    }

    [Fact]
    public async Task New_subscription_and_synchronization_point_get_current_properties_as_Initialized()
    {
        Motion("VideoSource_1", true);
        var address = await Subscribe(TopicFilter("tns1:VideoSource/MotionAlarm"));
        var first = await Pull(address);
        Assert.Equal("Initialized", first.All("Message").Single(m => m.Attribute("UtcTime") is not null).Attribute("PropertyOperation")!.Value);

        _device.Time.Advance(5);
        (await _device.CallAsync($"<SetSynchronizationPoint xmlns=\"{Tev}\"/>", uri: address)).AssertOk();
        var again = await Pull(address);
        var message = again.All("Message").Single(m => m.Attribute("UtcTime") is not null);
        Assert.Equal("Initialized", message.Attribute("PropertyOperation")!.Value);
        Assert.Equal("2026-03-14T15:09:31.535Z", message.Attribute("UtcTime")!.Value);
    }

    [Fact]
    public async Task Pull_to_the_service_address_without_subscription_is_refused()
    {
        var answer = await _device.CallAsync($"<PullMessages xmlns=\"{Tev}\"><Timeout>PT1S</Timeout><MessageLimit>1</MessageLimit></PullMessages>");
        answer.AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
    }

    [Fact]
    public void Describing_a_topic_again_is_allowed_only_identically()
    {
        var topics = new EventTopics();
        topics.Add(new TopicDescription("VideoSource/SignalLoss", true, [new("Source", "tt:ReferenceToken")], [new("State", "xs:boolean")]));
        Assert.Throws<InvalidOperationException>(() => topics.Add(new TopicDescription("VideoSource/SignalLoss", false, [], [])));
        Assert.Single(topics.Topics, t => t.Topic == "VideoSource/SignalLoss");
    }

    [Fact]
    public async Task Reset_drops_every_subscription()
    {
        var address = await Subscribe();
        _device.Events.Reset();
        (await Pull(address)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
    }
}
