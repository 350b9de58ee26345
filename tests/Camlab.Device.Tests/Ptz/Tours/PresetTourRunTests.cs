using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using static Camlab.Device.Tests.Ptz.Tours.TourFixture;

namespace Camlab.Device.Tests.Ptz.Tours;

public sealed class PresetTourRunTests
{
    private static readonly TourSpot[] ThreeSpots =
        [TourSpot.AtPreset("A", stayTime: S(5)), TourSpot.AtPreset("B", stayTime: S(2)), TourSpot.AtPreset("C", stayTime: S(3))];

    [Fact]
    public void Full_cycle_travels_and_stays_then_ends_after_recurring_time()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 2), ThreeSpots);

        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        Assert.Equal("preset A", f.Spot(token));

        f.Clock.Advance(4.9);
        Assert.Equal("preset A", f.Spot(token));          // staying 5 s at A (already there at t=0)
        f.Clock.Advance(0.1);
        Assert.Equal("preset B", f.Spot(token));          // t=5 leaves for B
        f.Clock.Advance(1.5);
        Assert.Equal(15, f.Mechanism.Pan, 6);             // half way at 10°/s
        f.Clock.Advance(1.5);                              // t=8 at B, stays 2 s
        Assert.True(f.Mechanism.IsIdle);
        f.Clock.Advance(2);                                // t=10 leaves for C, arrives t=13, stays to 16
        Assert.Equal("preset C", f.Spot(token));
        f.Clock.Advance(6);                                // t=16 second cycle: C→A takes 6 s, arrives 22
        Assert.Equal("preset A", f.Spot(token));
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        f.Clock.Advance(21.9);                             // 22+5 → B at 30, stay → 32, → C at 35, stay → 38
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        f.Clock.Advance(0.1);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.Null(f.Status(token).CurrentSpot);

        Assert.Equal(["0 preset A", "5 preset B", "10 preset C", "16 preset A", "27 preset B", "32 preset C"], f.Mechanism.Log);
        f.Clock.Advance(100);
        Assert.Equal(6, f.Mechanism.Log.Count);            // nothing after the end
    }

    [Fact]
    public void Arrival_without_MoveFinished_is_detected_when_the_mechanism_is_already_idle()
    {
        using var f = new TourFixture();
        f.Mechanism.RaiseWhenAlreadyThere = false;
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 1), ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(5);
        Assert.Equal(["0 preset A", "5 preset B"], f.Mechanism.Log);
    }

    [Fact]
    public void Spot_speed_and_default_stay_time_are_used()
    {
        using var f = new TourFixture();
        var half = new PtzVector(new PanTiltVector(0.5, 0.5), null);
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 1),
            TourSpot.AtPreset("B", speed: half), TourSpot.AtHome(stayTime: S(1)), TourSpot.AtPosition(new PtzVector(new PanTiltVector(10, -20), null)));
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(5.9);                              // 30° at 5°/s = 6 s
        Assert.False(f.Mechanism.IsIdle);
        f.Clock.Advance(0.1);
        Assert.True(f.Mechanism.IsIdle);
        f.Clock.Advance(5);                                // default stay 5 s, then home (−30°): 6 s at full speed
        Assert.Equal("home", f.Spot(token));
        f.Clock.Advance(7);                                // arrives 17, stays 1 s, leaves 18 for 10°
        Assert.Equal("position", f.Spot(token));
        Assert.Equal(["0 preset B", "11 home", "18 move 10"], f.Mechanism.Log);
        f.Clock.Advance(4 + 5);                            // 40° → 4 s, default stay 5 s
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
    }

    [Fact]
    public void Pause_while_travelling_stops_the_mechanism_and_start_resumes_at_the_same_spot()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(6);                                // t=6: travelling A→B, at 10°
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        Assert.Equal(PresetTourState.Paused, f.Status(token).State);
        Assert.Equal("preset B", f.Spot(token));
        Assert.True(f.Mechanism.IsIdle);
        Assert.Equal(10, f.Mechanism.Pan, 6);

        f.Clock.Advance(100);                              // paused: nothing happens
        Assert.Equal(10, f.Mechanism.Pan, 6);
        Assert.Equal(["0 preset A", "5 preset B", "6 stop"], f.Mechanism.Log);

        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);   // t=106: resume towards B (20° → 2 s)
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        f.Clock.Advance(2 + 1.9);
        Assert.Equal("preset B", f.Spot(token));           // full stay of 2 s after re-arrival
        f.Clock.Advance(0.1);
        Assert.Equal("preset C", f.Spot(token));
        Assert.Equal(["0 preset A", "5 preset B", "6 stop", "106 preset B", "110 preset C"], f.Mechanism.Log);
    }

    [Fact]
    public void Pause_while_staying_keeps_the_rest_of_the_stay()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(2);                                // 3 s of A's 5 s stay left
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        f.Clock.Advance(50);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);   // t=52, already at A
        f.Clock.Advance(2.9);
        Assert.Equal("preset A", f.Spot(token));
        f.Clock.Advance(0.1);
        Assert.Equal("preset B", f.Spot(token));
        Assert.Equal(["0 preset A", "52 preset A", "55 preset B"], f.Mechanism.Log);
    }

    [Fact]
    public void Stop_ends_the_tour_and_stops_the_mechanism()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(6.5);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Stop);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.True(f.Mechanism.IsIdle);
        Assert.Equal(15, f.Mechanism.Pan, 6);
        f.Clock.Advance(60);
        Assert.Equal(["0 preset A", "5 preset B", "6.5 stop"], f.Mechanism.Log);
    }

    [Fact]
    public void Recurring_duration_ends_the_tour_mid_move_and_excludes_paused_time()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringDuration: S(12)), ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(4);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);   // 8 s of touring left
        f.Clock.Advance(30);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);   // t=34: A stay has 1 s left
        f.Clock.Advance(7.9);
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        f.Clock.Advance(0.1);                              // t=42: 12 s of touring, travelling B→C
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.True(f.Mechanism.IsIdle);
        Assert.Equal(["0 preset A", "34 preset A", "35 preset B", "40 preset C", "42 stop"], f.Mechanism.Log);
    }

    [Fact]
    public void Both_recurring_limits_end_with_the_earlier_one()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 1, RecurringDuration: S(100)), ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(16);                               // one cycle ends at t=16
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
    }

    [Fact]
    public void Backward_direction_visits_the_spots_in_reverse()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 2, Direction: PresetTourDirection.Backward), ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(200);
        Assert.Equal(["preset C", "preset B", "preset A", "preset C", "preset B", "preset A"], Targets(f));
    }

    [Fact]
    public void Random_order_is_a_fresh_permutation_per_cycle_reproducible_from_the_seed()
    {
        var spots = Enumerable.Range(0, 6).Select(i => TourSpot.AtPosition(new PtzVector(new PanTiltVector(i * 10, 0), null), stayTime: S(1))).ToArray();
        List<string> RunOnce(int seed)
        {
            using var f = new TourFixture { Seed = seed };
            f.Restart();
            var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 3, Direction: PresetTourDirection.Backward, RandomPresetOrder: true), spots);
            f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
            f.Clock.Advance(1000);
            Assert.Equal(PresetTourState.Idle, f.Status(token).State);
            return f.Mechanism.Log.Select(l => l.Split(' ')[2]).ToList();
        }

        var first = RunOnce(7);
        Assert.Equal(first, RunOnce(7));
        Assert.Equal(18, first.Count);
        for (var cycle = 0; cycle < 3; cycle++)   // each cycle visits every spot exactly once
            Assert.Equal(["0", "10", "20", "30", "40", "50"], first.Skip(cycle * 6).Take(6).Order(StringComparer.Ordinal).ToList());

        // The order is the seeded Random's shuffle, not the forward or backward order.
        var expected = new List<string>();
        var random = new Random(7);
        for (var cycle = 0; cycle < 3; cycle++)
        {
            var order = Enumerable.Range(0, 6).ToArray();
            random.Shuffle(order);
            expected.AddRange(order.Select(i => (i * 10).ToString()));
        }
        Assert.Equal(expected, first);
    }

    [Fact]
    public void Start_on_a_touring_tour_restarts_it_with_the_modified_definition()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(6);
        f.Engine.ModifyPresetTour(new PresetTour(token, "tour", false, PresetTourStartingCondition.Default,
            [TourSpot.AtPreset("C", stayTime: S(1)), TourSpot.AtPreset("A", stayTime: S(1))]));
        Assert.Equal("preset B", f.Spot(token));           // the run keeps its definition
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.Equal(PresetTourState.Touring, f.Status(token).State);
        Assert.Equal("preset C", f.Spot(token));
        f.Clock.Advance(100);
        Assert.Equal(["0 preset A", "5 preset B", "6 preset C"], f.Mechanism.Log.Take(3));
        Assert.DoesNotContain(f.Mechanism.Log.Skip(2), l => l.EndsWith("preset B"));
    }

    [Fact]
    public void A_paused_tour_resumes_its_own_run_and_takes_a_modified_definition_only_after_stop_and_start()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(6);                                // travelling to B
        f.Engine.OperatePresetTour(token, PresetTourOperation.Pause);
        f.Engine.ModifyPresetTour(new PresetTour(token, "tour", false, PresetTourStartingCondition.Default, [TourSpot.AtHome(stayTime: S(1))]));
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.Equal("preset B", f.Spot(token));           // resumed the paused run
        f.Engine.OperatePresetTour(token, PresetTourOperation.Stop);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        Assert.Equal("home", f.Spot(token));               // a fresh run of the new definition
    }

    [Fact]
    public void Client_command_ends_a_touring_tour()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(6);
        f.Mechanism.ClientMove(100);
        f.Engine.AbortByClientCommand();
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        f.Clock.Advance(100);
        Assert.Equal(100, f.Mechanism.Pan, 6);
        Assert.Equal(2, f.Mechanism.Log.Count);
    }

    [Fact]
    public void A_preset_removed_during_the_tour_is_skipped_and_a_tour_with_nothing_left_ends()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(new PresetTourStartingCondition(RecurringTime: 2), ThreeSpots);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Mechanism.Presets.Remove("B");
        f.Clock.Advance(5);
        Assert.Equal("preset C", f.Spot(token));           // B skipped, C straight after A
        f.Mechanism.Presets.Remove("A");
        f.Mechanism.Presets.Remove("C");
        f.Clock.Advance(100);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
        Assert.Equal(["0 preset A", "5 preset C"], f.Mechanism.Log);
    }

    [Fact]
    public void A_spot_the_node_refuses_at_run_time_is_skipped_and_a_tour_of_only_refused_spots_ends()
    {
        using var f = new TourFixture();
        PtzVector At(double pan) => new(new PanTiltVector(pan, 0), null);
        var token = f.CreateTour(PresetTourStartingCondition.Default,
            TourSpot.AtPosition(At(10), stayTime: S(1)), TourSpot.AtPosition(At(20), stayTime: S(1)), TourSpot.AtPosition(At(30), stayTime: S(1)));
        f.Mechanism.Refused.Add(20);
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(4.5);                              // 0→10 (1 s), stay to 2, 20 refused, 10→30 (2 s), stay to 5
        Assert.Equal(["0 move 10", "2 move 30"], f.Mechanism.Log);
        f.Mechanism.Refused.UnionWith([10, 30]);
        f.Clock.Advance(10);
        Assert.Equal(PresetTourState.Idle, f.Status(token).State);
    }

    [Fact]
    public void Zero_stay_time_still_holds_each_spot_for_the_minimum_dwell()
    {
        using var f = new TourFixture();
        var token = f.CreateTour(PresetTourStartingCondition.Default, TourSpot.AtPreset("A", stayTime: TimeSpan.Zero));
        f.Engine.OperatePresetTour(token, PresetTourOperation.Start);
        f.Clock.Advance(1);
        Assert.Equal(11, f.Mechanism.Log.Count);           // t = 0, 0.1, ..., 1.0
    }

    private static List<string> Targets(TourFixture f) => f.Mechanism.Log.Select(l => l[(l.IndexOf(' ') + 1)..]).ToList();
}
