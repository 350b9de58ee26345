using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Faults;
using Camlab.Onvif.Events;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

/// <summary>
/// Event faults between the bus and the subscriptions, on a fake clock: notifications held back, dropped, and
/// subscriptions ending early — each symptom present exactly while the fault acts and gone once it ends.
/// </summary>
public class EventFaultsTests
{
    private const string Tev = "http://www.onvif.org/ver10/events/wsdl";
    private const string Wsnt = "http://docs.oasis-open.org/wsn/b-2";
    private readonly TestDevice _device = new();

    private static EventFault Fault(string text)
    {
        var instruction = FaultInstruction.Parse(text);
        return EventFault.From(instruction, FaultInstruction.KindOf(text)!)!;
    }

    private async Task<Uri> Subscribe(string termination = "PT10M")
    {
        var answer = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\"><InitialTerminationTime>{termination}</InitialTerminationTime></CreatePullPointSubscription>");
        return new Uri(answer.AssertOk().Value("Address"));
    }

    private Task<SoapAnswer> Pull(Uri address, string timeout = "PT0S") =>
        _device.CallAsync($"<PullMessages xmlns=\"{Tev}\"><Timeout>{timeout}</Timeout><MessageLimit>100</MessageLimit></PullMessages>", uri: address);

    private async Task<List<string>> Presets(Uri address) =>
        (await Pull(address)).AssertOk().Body.Descendants().Where(e => e.Attribute("Name")?.Value == "PresetToken").Select(e => e.Attribute("Value")!.Value).ToList();

    private void Reached(string preset) =>
        _device.Bus.Publish(new EventMessage("PTZController/PTZPresets/Reached", _device.Time.GetUtcNow(),
            [new("PTZConfigurationToken", "PtzConfig_1")], [new("PresetToken", preset)]));

    private void Motion(bool state) =>
        _device.Bus.Publish(new EventMessage("VideoSource/MotionAlarm", _device.Time.GetUtcNow(),
            [new("Source", "VideoSource_1")], [new("State", state ? "true" : "false")], PropertyOperation.Changed));

    [Fact]
    public async Task A_delayed_notification_reaches_the_pull_point_only_once_the_clock_has_moved_by_the_delay()
    {
        var address = await Subscribe();
        var delay = Fault("event_service/NotificationDelay=on;delay=5s");
        _device.EventFaults.Begin(delay);
        Reached("Preset_1");
        Assert.Empty(await Presets(address));
        _device.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(await Presets(address));
        _device.Time.Advance(TimeSpan.FromSeconds(0.1));
        var pulled = (await Pull(address)).AssertOk();
        Assert.Equal(["Preset_1"], pulled.Body.Descendants().Where(e => e.Attribute("Name")?.Value == "PresetToken").Select(e => e.Attribute("Value")!.Value));
        // The message keeps the time it was published at.
        Assert.Equal("2026-03-14T15:09:26.535Z", pulled.All("Message").Single(m => m.Attribute("UtcTime") is not null).Attribute("UtcTime")!.Value);

        // A long poll waiting when the message is published answers when the clock brings it.
        Reached("Preset_2");
        var waiting = Pull(address, "PT1M");
        Assert.False(waiting.IsCompleted);
        _device.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["Preset_2"], (await waiting).AssertOk().Body.Descendants().Where(e => e.Attribute("Name")?.Value == "PresetToken").Select(e => e.Attribute("Value")!.Value));

        _device.EventFaults.End(delay);
        Reached("Preset_3");
        Assert.Equal(["Preset_3"], await Presets(address));
    }

    [Fact]
    public async Task Ending_a_delay_delivers_what_it_held_in_order_and_jitter_stays_within_its_bound()
    {
        var address = await Subscribe();
        var delay = Fault("event_service/NotificationDelay=on;delay=2s;jitter=1s");
        _device.EventFaults.Begin(delay);
        Reached("Preset_1");
        Reached("Preset_2");
        Assert.Equal(2, _device.EventFaults.Held);
        _device.Time.Advance(TimeSpan.FromSeconds(1.99));
        Assert.Empty(await Presets(address));
        _device.Time.Advance(TimeSpan.FromSeconds(1.01));
        Assert.Equal(2, (await Presets(address)).Count);

        Reached("Preset_3");
        Reached("Preset_4");
        _device.EventFaults.End(delay);
        Assert.Equal(0, _device.EventFaults.Held);
        Assert.Equal(["Preset_3", "Preset_4"], (await Presets(address)).Order()); // in the order they were due
        _device.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await Presets(address));
    }

    [Fact]
    public async Task A_delay_narrowed_to_a_topic_leaves_other_topics_alone_and_holds_push_notifications_too()
    {
        var address = await Subscribe();
        var subscribe = await _device.CallAsync($"<Subscribe xmlns=\"{Wsnt}\"><ConsumerReference><Address xmlns=\"http://www.w3.org/2005/08/addressing\">http://10.9.8.7:8090/notify</Address></ConsumerReference></Subscribe>");
        subscribe.AssertOk();
        _device.EventFaults.Begin(Fault("event_service/NotificationDelay=on;delay=3s;topic=tns1:PTZController/PTZPresets"));
        Reached("Preset_1");
        Motion(true);
        var pulled = (await Pull(address)).AssertOk().All("Topic").Select(t => t.Value).ToList();
        Assert.Equal(["tns1:VideoSource/MotionAlarm"], pulled);
        var pushed = new List<string>();
        while (!pushed.Contains("tns1:VideoSource/MotionAlarm"))
            pushed.AddRange(XDocument.Parse(await _device.Consumer.NextAsync()).Descendants(XName.Get("Topic", Wsnt)).Select(t => t.Value));
        Assert.DoesNotContain("tns1:PTZController/PTZPresets/Reached", pushed);

        _device.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["Preset_1"], await Presets(address));
        var late = XDocument.Parse(await _device.Consumer.NextAsync()).Descendants(XName.Get("Topic", Wsnt)).Select(t => t.Value);
        Assert.Contains("tns1:PTZController/PTZPresets/Reached", late);
    }

    [Fact]
    public async Task Dropped_notifications_never_come_while_the_fault_acts_and_a_share_repeats_with_the_seed()
    {
        var address = await Subscribe();
        var drop = Fault("event_service/NotificationDrop=on");
        _device.EventFaults.Begin(drop);
        Reached("Preset_1");
        Motion(true);
        _device.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await Pull(address)).AssertOk().All("NotificationMessage"));

        // The property's state still changed: a new subscription (and a synchronization point) gets it as Initialized.
        var fresh = await Subscribe();
        var initialized = (await Pull(fresh)).AssertOk().All("Message").Single(m => m.Attribute("PropertyOperation") is not null);
        Assert.Equal("Initialized", initialized.Attribute("PropertyOperation")!.Value);
        Assert.Contains("true", initialized.ToString());
        // The fault's own topic is never dropped: a log shows when it began and ended.
        _device.Bus.Publish(new EventMessage("Camlab/Fault", _device.Time.GetUtcNow(), [new("Name", "event_service/NotificationDrop")], [new("State", "true")], PropertyOperation.Changed));
        Assert.Single((await Pull(address)).AssertOk().All("NotificationMessage"));

        _device.EventFaults.End(drop);
        Reached("Preset_2");
        Assert.Equal(["Preset_2"], await Presets(address));

        // share=0.5: about half, the same half for the same seed.
        List<string> Run(int seed)
        {
            var faults = new EventFaults(_device.Clock, new Random(seed));
            faults.Begin(Fault("event_service/NotificationDrop=on;share=0.5"));
            var got = new List<string>();
            for (var i = 0; i < 200; i++) faults.Deliver(new EventMessage("PTZController/PTZPresets/Reached", _device.Time.GetUtcNow(), [], [new("PresetToken", "P" + i)]), m => got.Add(m.Data[0].Value));
            return got;
        }
        var first = Run(11);
        Assert.InRange(first.Count, 70, 130);
        Assert.Equal(first, Run(11));
        Assert.NotEqual(first, Run(12));
    }

    [Fact]
    public async Task Subscriptions_end_at_the_faults_lifetime_before_their_termination_time_and_renewing_buys_one_lifetime()
    {
        var old = await Subscribe();
        _device.Time.Advance(TimeSpan.FromSeconds(30));
        var expiry = Fault("event_service/SubscriptionExpiry=on;lifetime=10s");
        _device.EventFaults.Begin(expiry);
        var young = await Subscribe();
        _device.Time.Advance(TimeSpan.FromSeconds(5));
        var created = await _device.CallAsync($"<CreatePullPointSubscription xmlns=\"{Tev}\"><InitialTerminationTime>PT10M</InitialTerminationTime></CreatePullPointSubscription>");
        // The answer still promises the termination time asked for: the camera breaks its word later.
        Assert.Equal("2026-03-14T15:20:01.535Z", created.AssertOk().Value("TerminationTime"));
        var renewedOne = new Uri(created.Value("Address"));

        _device.Time.Advance(TimeSpan.FromSeconds(4.9));
        (await Pull(old)).AssertOk();
        (await Pull(young)).AssertOk();
        var waiting = Pull(young, "PT1M");
        _device.Time.Advance(TimeSpan.FromSeconds(0.1)); // 10 s after the fault began
        (await waiting).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        (await Pull(old)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        (await Pull(young)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        var renewal = await _device.CallAsync($"<Renew xmlns=\"{Wsnt}\"><TerminationTime>PT10M</TerminationTime></Renew>", uri: renewedOne);
        renewal.AssertOk();
        _device.Time.Advance(TimeSpan.FromSeconds(9.9));
        (await Pull(renewedOne)).AssertOk();
        _device.Time.Advance(TimeSpan.FromSeconds(0.1));
        (await _device.CallAsync($"<Renew xmlns=\"{Wsnt}\"><TerminationTime>PT10M</TerminationTime></Renew>", uri: renewedOne))
            .AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        Assert.Equal(0, _device.Events.SubscriptionCount);

        // Once it ends, subscriptions live their termination time again, limited ones included.
        var survivor = await Subscribe();
        _device.EventFaults.End(expiry);
        var after = await Subscribe();
        _device.Time.Advance(TimeSpan.FromMinutes(9));
        (await Pull(survivor)).AssertOk();
        (await Pull(after)).AssertOk();
    }

    [Fact]
    public async Task A_lifetime_of_zero_ends_every_subscription_when_the_fault_begins()
    {
        var address = await Subscribe();
        var push = await _device.CallAsync($"<Subscribe xmlns=\"{Wsnt}\"><ConsumerReference><Address xmlns=\"http://www.w3.org/2005/08/addressing\">http://10.9.8.7:8090/notify</Address></ConsumerReference></Subscribe>");
        push.AssertOk();
        Assert.Equal(2, _device.Events.SubscriptionCount);
        var expiry = Fault("event_service/SubscriptionExpiry=on");
        _device.EventFaults.Begin(expiry);
        Assert.Equal(0, _device.Events.SubscriptionCount);
        (await Pull(address)).AssertFault("env:Sender ter:InvalidArgVal wsrf:ResourceUnknownFault");
        _device.EventFaults.End(expiry);
        (await Pull(await Subscribe())).AssertOk();
    }

    [Theory]
    [InlineData("event_service/NotificationDelay=on", "delay: NotificationDelay needs delay")]
    [InlineData("event_service/NotificationDrop=on;share=2", "share: 2 is outside 0.001..1")]
    [InlineData("event_service/NotificationDrop=on;topic=tns1:PTZ Controller", "topic: 'tns1:PTZ Controller' is not a topic path")]
    [InlineData("event_service/SubscriptionExpiry=on;lifetime=soon", "lifetime: 'soon' is not a duration")]
    [InlineData("event_service/SubscriptionExpiry=on;topic=tns1:VideoSource", "SubscriptionExpiry has no parameter 'topic'")]
    public void Wrong_parameters_are_named(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Fault(text));
        Assert.Contains(expected, error.Message);
    }
}
