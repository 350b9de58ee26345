using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.State;
using Camlab.Testing;

namespace Camlab.Device.Tests.Ptz;

/// <summary>The default camera on a fake clock, an in-memory store and a bus whose messages are recorded.</summary>
public sealed class PtzTestRig : IDisposable
{
    public PtzTestRig(IStateStore? store = null, bool fixedDomeHome = false)
    {
        Store = store ?? new InMemoryStateStore();
        Bus.Subscribe(m => { lock (Events) Events.Add(m); });
        Device = PtzDevice.CreateDefault(Clock, Store, Bus, fixedDomeHome: fixedDomeHome);
        Dome.MoveFinished += token => { lock (Finished) Finished.Add((token, Clock.GetUtcNow())); };
    }

    public FakeTimeProvider Clock { get; } = new();
    public EventBus Bus { get; } = new();
    public IStateStore Store { get; }
    public PtzDevice Device { get; }
    public List<EventMessage> Events { get; } = new();
    public List<(string Token, DateTimeOffset At)> Finished { get; } = new();

    public PtzNode Dome => Device.FindNode("PtzNode_1")!;
    public PtzNode Digital => Device.FindNode("PtzNode_2")!;

    public IEnumerable<string> EventTopics => Events.Select(e => e.Topic.Replace("PTZController/PTZPresets/", ""));

    public void Configure(PtzNode node, Func<PtzConfiguration, PtzConfiguration> change) => node.SetConfiguration(change(node.Configuration));

    public void Dispose() => Device.Dispose();
}
