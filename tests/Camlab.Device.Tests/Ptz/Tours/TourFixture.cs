using Camlab.Device.Events;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;
using Camlab.Testing;

namespace Camlab.Device.Tests.Ptz.Tours;

/// <summary>A node with presets A (0°), B (30°), C (60°) and home (−30°), a fake clock and a recording event bus.</summary>
internal sealed class TourFixture : IDisposable
{
    public FakeTimeProvider Clock { get; } = new();
    public FakeTourMechanism Mechanism { get; }
    public InMemoryStateStore Store { get; } = new();
    public EventBus Bus { get; } = new();
    public List<EventMessage> Events { get; } = [];
    public PresetTourOptions Options { get; set; } = PresetTourOptions.Default;
    public int Seed { get; set; } = 1234;
    public PresetTourEngine Engine { get; private set; }

    public TourFixture()
    {
        Mechanism = new FakeTourMechanism(Clock);
        Bus.Subscribe(Events.Add);
        Engine = NewEngine();
    }

    public PresetTourEngine NewEngine() =>
        new("PtzNode_1", Mechanism, Options, Store, Bus, Clock, () => ["Profile_1"], new Random(Seed));

    /// <summary>Simulates a device restart: the engine is rebuilt from what the store holds.</summary>
    public void Restart()
    {
        Engine.Dispose();
        Engine = NewEngine();
    }

    public string CreateTour(PresetTourStartingCondition condition, params TourSpot[] spots)
    {
        var token = Engine.CreatePresetTour();
        Engine.ModifyPresetTour(new PresetTour(token, "tour", false, condition, spots));
        return token;
    }

    public double Seconds => (Clock.GetUtcNow() - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;

    public PresetTourStatus Status(string token) => Engine.GetPresetTour(token).Status;

    public string? Spot(string token) => Status(token).CurrentSpot?.ToString();

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public void Dispose() => Engine.Dispose();
}
