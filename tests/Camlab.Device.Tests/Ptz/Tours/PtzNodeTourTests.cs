using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;
using Camlab.Testing;

namespace Camlab.Device.Tests.Ptz.Tours;

/// <summary>The tour engine on the real dome node of the core: moves with ramps on the fake clock, preset events.</summary>
public sealed class PtzNodeTourTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly EventBus _bus = new();
    private readonly List<EventMessage> _events = [];
    private readonly InMemoryStateStore _store = new();
    private readonly PtzDevice _device;
    private readonly PtzNode _dome;
    private readonly PtzNodeTourMechanism _mechanism;
    private readonly PresetTourEngine _engine;

    public PtzNodeTourTests()
    {
        _bus.Subscribe(_events.Add);
        _device = PtzDevice.CreateDefault(_clock, _store, _bus, maximumPresetTours: 8);
        _dome = _device.FindNode("PtzNode_1")!;
        _mechanism = new PtzNodeTourMechanism(_dome);
        _engine = new PresetTourEngine("PtzNode_1", _mechanism, PresetTourOptions.Default, _store, _bus, _clock, () => ["Profile_1"]);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _mechanism.Dispose();
        _device.Dispose();
    }

    private static PtzVector Degrees(double pan, double tilt) => new(new PanTiltVector(pan, tilt, PtzSpaces.PanTiltPositionDegrees), null);

    private string PresetAt(double pan, double tilt, string name)
    {
        _dome.AbsoluteMove(Degrees(pan, tilt));
        _clock.Advance(20);
        Assert.True(_dome.IsIdle);
        return _dome.SetPreset(presetName: name);
    }

    [Fact]
    public void A_command_the_node_accepts_ends_the_touring_tour_and_a_refused_one_does_not()
    {
        var gate = PresetAt(0, -10, "Gate");
        var yard = PresetAt(90, -30, "Yard");
        var token = _engine.CreatePresetTour();
        _engine.ModifyPresetTour(new PresetTour(token, "Rounds", false, new PresetTourStartingCondition(RecurringTime: 2),
            [TourSpot.AtPreset(gate, stayTime: TimeSpan.FromSeconds(1)), TourSpot.AtPreset(yard, stayTime: TimeSpan.FromSeconds(1))]));
        _engine.OperatePresetTour(token, PresetTourOperation.Start);
        _clock.Advance(5); // the tour's own moves and stays: it keeps touring
        Assert.Equal(PresetTourState.Touring, _engine.GetPresetTour(token).Status.State);

        Assert.Throws<PtzException>(() => _dome.GotoPreset("NoSuchPreset"));
        Assert.Equal(PresetTourState.Touring, _engine.GetPresetTour(token).Status.State);

        _dome.AbsoluteMove(Degrees(45, -20));
        Assert.Equal(PresetTourState.Idle, _engine.GetPresetTour(token).Status.State);
        _clock.Advance(30);
        Assert.Equal(45, _dome.CurrentPose.Pan, 3); // the client's move stands: the tour does not take the dome back
    }

    [Fact]
    public void A_tour_drives_the_dome_through_its_presets_with_preset_events()
    {
        var gate = PresetAt(0, -10, "Gate");
        var yard = PresetAt(90, -30, "Yard");
        var token = _engine.CreatePresetTour();
        _engine.ModifyPresetTour(new PresetTour(token, "Rounds", false, new PresetTourStartingCondition(RecurringTime: 1),
            [TourSpot.AtPreset(gate, stayTime: TimeSpan.FromSeconds(3)), TourSpot.AtPreset(yard, stayTime: TimeSpan.FromSeconds(3))]));
        _events.Clear();

        _engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.False(_dome.IsIdle);                                 // 90° away: the dome ramps up and travels
        _clock.Advance(0.5);
        Assert.Equal(PresetTourState.Touring, _engine.GetPresetTour(token).Status.State);
        Assert.InRange(_dome.CurrentPose.Pan, 1, 89);

        _clock.Advance(60);
        Assert.Equal(PresetTourState.Idle, _engine.GetPresetTour(token).Status.State);
        Assert.Equal(90, _dome.CurrentPose.Pan, 3);
        Assert.Equal(-30, _dome.CurrentPose.Tilt, 3);

        var presetEvents = _events.Where(e => e.Topic.StartsWith("PTZController/PTZPresets/"))
            .Select(e => e.Topic["PTZController/PTZPresets/".Length..] + " " + e.Data.Single(d => d.Name == "PresetToken").Value).ToList();
        Assert.Equal([$"Invoked {gate}", $"Reached {gate}", $"Left {gate}", $"Invoked {yard}", $"Reached {yard}"], presetEvents);
        var tourStates = _events.Where(e => e.Topic == PresetTourEngine.ConfigurationTopic)
            .Select(e => ((PresetTourSnapshot)e.DataElements[0].Value).Status.State).ToList();
        Assert.Equal([PresetTourState.Touring, PresetTourState.Touring, PresetTourState.Idle], tourStates);
    }

    [Fact]
    public void Home_and_position_spots_and_the_stay_are_timed_on_the_clock()
    {
        PresetAt(0, 0, "unused");
        _dome.SetHomePosition();                                   // home at (0, 0)
        var token = _engine.CreatePresetTour();
        _engine.ModifyPresetTour(new PresetTour(token, null, false, new PresetTourStartingCondition(RecurringTime: 1),
            [TourSpot.AtPosition(Degrees(-45, -20), stayTime: TimeSpan.FromSeconds(10)), TourSpot.AtHome()]));
        _engine.OperatePresetTour(token, PresetTourOperation.Start);
        _clock.Advance(5);
        Assert.True(_dome.IsIdle);                                 // arrived well within 5 s, now staying
        Assert.Equal(-45, _dome.CurrentPose.Pan, 3);
        Assert.Equal(TourSpotKind.Position, _engine.GetPresetTour(token).Status.CurrentSpot!.Kind);
        _clock.Advance(10);                                        // the 10 s stay is over: travelling home
        Assert.Equal(TourSpotKind.Home, _engine.GetPresetTour(token).Status.CurrentSpot!.Kind);
        _clock.Advance(30);
        Assert.Equal(0, _dome.CurrentPose.Pan, 3);
        Assert.Equal(PresetTourState.Idle, _engine.GetPresetTour(token).Status.State);
    }

    [Fact]
    public void Spots_are_checked_against_the_nodes_spaces_ranges_and_limits()
    {
        var token = _engine.CreatePresetTour();
        PresetTour With(TourSpot spot) => new(token, null, false, PresetTourStartingCondition.Default, [spot]);
        PresetTourFault Fault(TourSpot spot) => Assert.Throws<PresetTourException>(() => _engine.ModifyPresetTour(With(spot))).Fault;

        _engine.ModifyPresetTour(With(TourSpot.AtPosition(new PtzVector(new PanTiltVector(0.5, -0.5), new ZoomVector(0.5)))));   // generic default
        _engine.ModifyPresetTour(With(TourSpot.AtPosition(Degrees(170, -80), new PtzVector(new PanTiltVector(60, 0, PtzSpaces.PanTiltSpeedDegrees), null))));
        Assert.Equal(PresetTourFault.InvalidPresetTour, Fault(TourSpot.AtPosition(new PtzVector(new PanTiltVector(1.5, 0), null))));
        Assert.Equal(PresetTourFault.InvalidPresetTour, Fault(TourSpot.AtPosition(Degrees(190, 0))));
        Assert.Equal(PresetTourFault.SpaceNotSupported, Fault(TourSpot.AtPosition(new PtzVector(new PanTiltVector(0.5, 0.5, PtzSpaces.PanTiltPositionDigital), null))));
        Assert.Equal(PresetTourFault.SpaceNotSupported, Fault(TourSpot.AtPosition(Degrees(0, 0), new PtzVector(null, new ZoomVector(1, PtzSpaces.ZoomSpeedNormalizedDigital)))));
        Assert.Equal(PresetTourFault.InvalidPresetTour, Fault(TourSpot.AtPosition(Degrees(0, 0), new PtzVector(new PanTiltVector(2, 0), null))));
        Assert.Equal(PresetTourFault.InvalidPresetTour, Fault(TourSpot.AtPreset("nope")));
    }
}
