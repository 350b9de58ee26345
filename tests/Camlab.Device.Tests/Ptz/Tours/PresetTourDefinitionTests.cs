using Camlab.Device.Ptz;
using Camlab.Device.Events;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;
using static Camlab.Device.Tests.Ptz.Tours.TourFixture;

namespace Camlab.Device.Tests.Ptz.Tours;

public sealed class PresetTourDefinitionTests
{
    private static PresetTour Tour(string token, params TourSpot[] spots) =>
        new(token, "Perimeter", false, PresetTourStartingCondition.Default, spots);

    private static PresetTourFault FaultOf(Action action) => Assert.Throws<PresetTourException>(action).Fault;

    [Fact]
    public void Create_gives_an_empty_idle_tour_with_a_fresh_token()
    {
        using var f = new TourFixture();
        var first = f.Engine.CreatePresetTour();
        var second = f.Engine.CreatePresetTour();
        Assert.Equal("PresetTour_1", first);
        Assert.Equal("PresetTour_2", second);
        var snapshot = f.Engine.GetPresetTour(first);
        Assert.Empty(snapshot.Tour.Spots);
        Assert.False(snapshot.Tour.AutoStart);
        Assert.Equal(PresetTourStatus.Idle, snapshot.Status);
        Assert.Equal([first, second], f.Engine.GetPresetTours().Select(t => t.Tour.Token));
    }

    [Fact]
    public void Tokens_are_not_reused_after_removal_or_restart()
    {
        using var f = new TourFixture();
        var first = f.Engine.CreatePresetTour();
        f.Engine.RemovePresetTour(first);
        f.Restart();
        Assert.Equal("PresetTour_2", f.Engine.CreatePresetTour());
    }

    [Fact]
    public void Definitions_survive_a_restart_exactly()
    {
        using var f = new TourFixture();
        var token = f.Engine.CreatePresetTour();
        var tour = new PresetTour(token, "Gate", false,
            new PresetTourStartingCondition(3, S(90), PresetTourDirection.Backward, true),
            [
                TourSpot.AtPreset("B", new PtzVector(new PanTiltVector(0.5, 0.25, "urn:speed"), new ZoomVector(1)), S(7)),
                TourSpot.AtHome(),
                TourSpot.AtPosition(new PtzVector(new PanTiltVector(12.5, -45), new ZoomVector(0.3, "urn:zoom")), stayTime: S(0.5)),
            ]);
        f.Engine.ModifyPresetTour(tour);
        f.Restart();
        var loaded = f.Engine.GetPresetTour(token).Tour;
        Assert.Equal(tour with { Spots = [] }, loaded with { Spots = [] });
        Assert.Equal(tour.Spots, loaded.Spots);
        Assert.Contains("\"kind\": \"Home\"", f.Store.Read(PresetTourDocument.NameFor("PtzNode_1")));
    }

    [Fact]
    public void Unknown_tokens_are_NoToken()
    {
        using var f = new TourFixture();
        Assert.Equal(PresetTourFault.NoToken, FaultOf(() => f.Engine.GetPresetTour("nope")));
        Assert.Equal(PresetTourFault.NoToken, FaultOf(() => f.Engine.ModifyPresetTour(Tour("nope"))));
        Assert.Equal(PresetTourFault.NoToken, FaultOf(() => f.Engine.OperatePresetTour("nope", PresetTourOperation.Start)));
        Assert.Equal(PresetTourFault.NoToken, FaultOf(() => f.Engine.RemovePresetTour("nope")));
    }

    [Fact]
    public void Creating_beyond_the_node_maximum_is_TooManyPresetTours()
    {
        using var f = new TourFixture { Options = PresetTourOptions.Default with { MaximumNumberOfPresetTours = 2 } };
        f.Restart();
        f.Engine.CreatePresetTour();
        f.Engine.CreatePresetTour();
        Assert.Equal(PresetTourFault.TooManyPresetTours, FaultOf(() => f.Engine.CreatePresetTour()));
        Assert.Equal(2, f.Engine.GetPresetTours().Count);
    }

    public static TheoryData<string, PresetTourFault> InvalidTours => new()
    {
        { "missing preset", PresetTourFault.InvalidPresetTour },
        { "long name", PresetTourFault.InvalidPresetTour },
        { "recurring time 0", PresetTourFault.InvalidPresetTour },
        { "recurring duration too long", PresetTourFault.InvalidPresetTour },
        { "stay too long", PresetTourFault.InvalidPresetTour },
        { "position out of range", PresetTourFault.InvalidPresetTour },
        { "empty position", PresetTourFault.InvalidPresetTour },
        { "speed out of range", PresetTourFault.InvalidPresetTour },
        { "position space", PresetTourFault.SpaceNotSupported },
        { "speed space", PresetTourFault.SpaceNotSupported },
        { "too many spots", PresetTourFault.TooManyPresets },
        { "home without home", PresetTourFault.InvalidPresetTour },
    };

    [Theory]
    [MemberData(nameof(InvalidTours))]
    public void Invalid_modifications_fault_precisely_and_change_nothing(string what, PresetTourFault fault)
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("A"));
        var before = f.Engine.GetPresetTour(token);
        var document = f.Store.Read(PresetTourDocument.NameFor("PtzNode_1"));
        var events = f.Events.Count;
        var ok = Tour(token, TourSpot.AtPreset("B"));
        var bad = what switch
        {
            "missing preset" => Tour(token, TourSpot.AtPreset("Z")),
            "long name" => ok with { Name = new string('n', 65) },
            "recurring time 0" => ok with { StartingCondition = new(RecurringTime: 0) },
            "recurring duration too long" => ok with { StartingCondition = new(RecurringDuration: TimeSpan.FromDays(2)) },
            "stay too long" => Tour(token, TourSpot.AtPreset("B", stayTime: TimeSpan.FromHours(2))),
            "position out of range" => Tour(token, TourSpot.AtPosition(new PtzVector(new PanTiltVector(0, 10), null))),
            "empty position" => Tour(token, TourSpot.AtPosition(new PtzVector(null, null))),
            "speed out of range" => Tour(token, TourSpot.AtPreset("B", new PtzVector(new PanTiltVector(2, 0), null))),
            "position space" => Tour(token, TourSpot.AtPosition(new PtzVector(new PanTiltVector(0, 0, FakeTourMechanism.UnsupportedSpace), null))),
            "speed space" => Tour(token, TourSpot.AtPreset("B", new PtzVector(new PanTiltVector(0.5, 0.5, FakeTourMechanism.UnsupportedSpace), null))),
            "too many spots" => Tour(token, Enumerable.Repeat(TourSpot.AtPreset("A"), 33).ToArray()),
            "home without home" => Tour(token, TourSpot.AtHome()),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        if (what == "home without home") f.Mechanism.Home = null;

        Assert.Equal(fault, FaultOf(() => f.Engine.ModifyPresetTour(bad)));
        Assert.Equal(before, f.Engine.GetPresetTour(token));
        Assert.Equal(document, f.Store.Read(PresetTourDocument.NameFor("PtzNode_1")));
        Assert.Equal(events, f.Events.Count);
    }

    [Fact]
    public void Starting_an_empty_tour_or_one_whose_preset_was_removed_is_InvalidPresetTour()
    {
        using var f = new TourFixture();
        var empty = f.Engine.CreatePresetTour();
        Assert.Equal(PresetTourFault.InvalidPresetTour, FaultOf(() => f.Engine.OperatePresetTour(empty, PresetTourOperation.Start)));
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("B"));
        f.Mechanism.Presets.Remove("B");
        Assert.Equal(PresetTourFault.InvalidPresetTour, FaultOf(() => f.Engine.OperatePresetTour(token, PresetTourOperation.Start)));
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.Empty(f.Mechanism.Log);
    }

    [Fact]
    public void Starting_while_another_tour_is_active_or_the_unit_moves_is_ActivationFailed()
    {
        using var f = new TourFixture();
        var first = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("B"));
        var second = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("C"));
        f.Engine.OperatePresetTour(first, PresetTourOperation.Start);
        Assert.Equal(PresetTourFault.ActivationFailed, FaultOf(() => f.Engine.OperatePresetTour(second, PresetTourOperation.Start)));
        f.Engine.OperatePresetTour(first, PresetTourOperation.Pause);
        Assert.Equal(PresetTourFault.ActivationFailed, FaultOf(() => f.Engine.OperatePresetTour(second, PresetTourOperation.Start)));
        f.Engine.OperatePresetTour(first, PresetTourOperation.Stop);

        f.Mechanism.ClientMove(90);
        Assert.Equal(PresetTourFault.ActivationFailed, FaultOf(() => f.Engine.OperatePresetTour(second, PresetTourOperation.Start)));
        Assert.Equal(PresetTourState.Idle, f.Status(second).State);
        f.Clock.Advance(60);
        f.Engine.OperatePresetTour(second, PresetTourOperation.Start);
        Assert.Equal(PresetTourState.Touring, f.Status(second).State);
    }

    [Fact]
    public void Resuming_while_a_client_moves_the_unit_is_ActivationFailed_and_the_tour_stays_paused()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("B"), TourSpot.AtPreset("C"));
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        f.Mechanism.ClientMove(-90);
        Assert.Equal(PresetTourFault.ActivationFailed, FaultOf(() => f.Engine.OperatePresetTour(token, PresetTourOperation.Start)));
        Assert.Equal(PresetTourState.Paused, f.Status(token).State);
        f.Clock.Advance(60);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        Assert.Equal("preset B", f.Spot(token));
    }

    [Fact]
    public void Pause_and_stop_of_an_idle_tour_change_nothing()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("B"));
        var events = f.Events.Count;
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Stop);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.Equal(events, f.Events.Count);
        Assert.Empty(f.Mechanism.Log);
    }

    [Fact]
    public void AutoStart_is_unique_per_node_and_cleared_by_start_and_stop_but_not_by_pause_and_resume()
    {
        using var f = new TourFixture();
        var first = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("B"));
        var second = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("C"));
        f.Engine.ModifyPresetTour(f.Engine.GetPresetTour(first).Tour with { AutoStart = true });
        f.Engine.ModifyPresetTour(f.Engine.GetPresetTour(second).Tour with { AutoStart = true });
        Assert.False(f.Engine.GetPresetTour(first).Tour.AutoStart);
        Assert.True(f.Engine.GetPresetTour(second).Tour.AutoStart);

        f.Restart();                                       // starts the AutoStart tour, flag kept
        Assert.Equal(PresetTourState.Touring, f.Status(second).State);
        Assert.True(f.Engine.GetPresetTour(second).Tour.AutoStart);
        f.Engine.OperatePresetTour(second, PresetTourOperation.Pause);
        f.Engine.OperatePresetTour(second, PresetTourOperation.Start);
        Assert.True(f.Engine.GetPresetTour(second).Tour.AutoStart);
        f.Engine.OperatePresetTour(second, PresetTourOperation.Stop);
        Assert.False(f.Engine.GetPresetTour(second).Tour.AutoStart);

        f.Engine.ModifyPresetTour(f.Engine.GetPresetTour(first).Tour with { AutoStart = true });
        f.Clock.Advance(60);
        f.Engine.OperatePresetTour(first, PresetTourOperation.Start);
        Assert.False(f.Engine.GetPresetTour(first).Tour.AutoStart);
        f.Restart();                                       // nothing marked: nothing starts
        Assert.All(f.Engine.GetPresetTours(), t => Assert.Equal(PresetTourState.Idle, t.Status.State));
    }

    [Fact]
    public void AutoStart_tour_runs_its_full_cycle_after_a_restart()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 1),
            TourSpot.AtPreset("B", stayTime: S(1)), TourSpot.AtPreset("C", stayTime: S(1)));
        f.Engine.ModifyPresetTour(f.Engine.GetPresetTour(token).Tour with { AutoStart = true });
        f.Restart();
        f.Clock.Advance(3 + 1 + 3 + 1);
        Assert.Equal(["0 preset B", "4 preset C"], f.Mechanism.Log);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
    }

    [Fact]
    public void Remove_stops_a_running_tour()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("C"), TourSpot.AtPreset("A"));
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(1);
        f.Engine.RemovePresetTour(token);
        Assert.Empty(f.Engine.GetPresetTours());
        Assert.True(f.Mechanism.IsIdle);
        f.Clock.Advance(100);
        Assert.Equal(["0 preset C", "1 stop"], f.Mechanism.Log);
        f.Restart();
        Assert.Empty(f.Engine.GetPresetTours());
    }

    [Fact]
    public void A_failed_write_changes_nothing()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("A"));
        var failing = new FailingStore(f.Store);
        using var engine = new PresetTourEngine("PtzNode_1", f.Mechanism, PresetTourOptions.Default, failing, f.Bus, f.Clock, () => ["Profile_1"]);
        failing.Fail = true;
        Assert.Throws<IOException>(() => engine.ModifyPresetTour(Tour(token, TourSpot.AtPreset("C"))));
        Assert.Throws<IOException>(() => engine.CreatePresetTour());
        Assert.Throws<IOException>(() => engine.RemovePresetTour(token));
        Assert.Equal("A", engine.GetPresetTour(token).Tour.Spots.Single().PresetToken);
        Assert.Single(engine.GetPresetTours());
    }

    [Fact]
    public void A_corrupt_document_is_reported_with_its_name()
    {
        var store = new InMemoryStateStore();
        store.Write(PresetTourDocument.NameFor("PtzNode_1"), "{ \"tours\": [ {");
        var e = Assert.Throws<InvalidDataException>(() => PresetTourDocument.Load(store, "PtzNode_1"));
        Assert.Contains("ptz/preset-tours/PtzNode_1.json", e.Message);
    }

    [Fact]
    public void Every_change_is_a_Configuration_property_event_in_order()
    {
        using var f = new TourFixture();
        var token = f.Engine.CreatePresetTour();
        f.Engine.ModifyPresetTour(Tour(token, TourSpot.AtPreset("A", stayTime: S(1)), TourSpot.AtPreset("B", stayTime: S(1))) with
        { StartingCondition = new(RecurringTime: 1) });
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(1);                                // → B
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(10);                               // reaches B, stays, ends
        f.Engine.RemovePresetTour(token);

        var seen = f.Events.Select(e =>
        {
            Assert.Equal("PTZController/PTZPresetTours/Configuration", e.Topic);
            Assert.Equal([new SimpleItem("ProfileToken", "Profile_1"), new SimpleItem("PresetTourToken", token)], e.Source);
            var snapshot = Assert.IsType<PresetTourSnapshot>(Assert.Single(e.DataElements).Value);
            Assert.Equal("PresetTour", e.DataElements[0].Name);
            var stateChange = Assert.Single(e.Data, d => d.Name == "StateChange").Value;
            return $"{e.Operation} {stateChange} {snapshot.Status.State} {snapshot.Status.CurrentSpot}".TrimEnd();
        }).ToList();

        Assert.Equal(
        [
            "Initialized false Idle",
            "Changed false Idle",
            "Changed true Touring preset A",
            "Changed false Touring preset B",
            "Changed true Paused preset B",
            "Changed true Touring preset B",
            "Changed true Idle",
            "Deleted false Idle",
        ], seen);
        Assert.Empty(f.Bus.CurrentProperties(f.Clock.GetUtcNow()));   // the property is gone
    }

    [Fact]
    public void Loaded_tours_are_announced_as_Initialized_after_a_restart()
    {
        using var f = new TourFixture();
        f.Engine.CreatePresetTour();
        f.Engine.CreatePresetTour();
        f.Events.Clear();
        f.Restart();
        Assert.Equal(2, f.Events.Count(e => e.Operation == PropertyOperation.Initialized));
        Assert.Equal(2, f.Bus.CurrentProperties(f.Clock.GetUtcNow()).Count);
    }

    private sealed class FailingStore(IStateStore inner) : IStateStore
    {
        public bool Fail { get; set; }
        public string? Read(string name) => inner.Read(name);
        public void Write(string name, string content) { if (Fail) throw new IOException("disk full"); inner.Write(name, content); }
        public void Delete(string name) { if (Fail) throw new IOException("disk full"); inner.Delete(name); }
    }
}
