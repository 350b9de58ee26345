using Camlab.Device.Events;

namespace Camlab.Device.Tests.Foundation;

public class EventBusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EventMessage Property(string topic, string source, bool state, PropertyOperation op) =>
        new(topic, T0, [new("VideoSourceToken", source)], [new("State", state ? "true" : "false")], op);

    [Fact]
    public void Subscribers_receive_messages_in_publish_order_until_disposed()
    {
        var bus = new EventBus();
        var seen = new List<string>();
        var subscription = bus.Subscribe(m => seen.Add(m.Topic));
        bus.Publish(new EventMessage("A", T0, [], []));
        bus.Publish(new EventMessage("B", T0, [], []));
        subscription.Dispose();
        bus.Publish(new EventMessage("C", T0, [], []));
        Assert.Equal(["A", "B"], seen);
    }

    [Fact]
    public void Current_properties_hold_the_last_state_per_topic_and_source_as_Initialized()
    {
        var bus = new EventBus();
        bus.Publish(Property("VideoSource/MotionAlarm", "VideoSource_1", false, PropertyOperation.Initialized));
        bus.Publish(Property("VideoSource/MotionAlarm", "VideoSource_1", true, PropertyOperation.Changed));
        bus.Publish(Property("VideoSource/MotionAlarm", "VideoSource_2", false, PropertyOperation.Initialized));
        bus.Publish(new EventMessage("PTZController/PTZPresets/Reached", T0, [], [])); // not a property

        var now = T0.AddMinutes(5);
        var current = bus.CurrentProperties(now).OrderBy(m => m.Source[0].Value).ToList();

        Assert.Equal(2, current.Count);
        Assert.All(current, m => Assert.Equal(PropertyOperation.Initialized, m.Operation));
        Assert.All(current, m => Assert.Equal(now, m.UtcTime));
        Assert.Equal("true", current[0].Data[0].Value);
        Assert.Equal("false", current[1].Data[0].Value);
    }

    [Fact]
    public void A_deleted_property_is_no_longer_current()
    {
        var bus = new EventBus();
        bus.Publish(Property("VideoSource/SignalLoss", "VideoSource_1", true, PropertyOperation.Initialized));
        bus.Publish(Property("VideoSource/SignalLoss", "VideoSource_1", true, PropertyOperation.Deleted));
        Assert.Empty(bus.CurrentProperties(T0));
    }
}
