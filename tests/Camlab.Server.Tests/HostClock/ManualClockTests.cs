using Camlab.Server.HostClock;
using Camlab.Testing;

namespace Camlab.Server.Tests.HostClock;

/// <summary>The manual clock: moves only when told, timers fire at their own instants, rate and pause, seeded choices.</summary>
public class ManualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_move_fires_every_timer_due_on_the_way_at_its_own_instant_in_order()
    {
        using var clock = new ManualClock(Start);
        var seen = new List<(string, DateTimeOffset)>();
        using var every200 = clock.CreateTimer(_ => seen.Add(("frame", clock.GetUtcNow())), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
        using var once = clock.CreateTimer(_ => seen.Add(("once", clock.GetUtcNow())), null, TimeSpan.FromMilliseconds(400), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal([("frame", Start.AddMilliseconds(200)), ("frame", Start.AddMilliseconds(400)), ("once", Start.AddMilliseconds(400))], seen);
        Assert.Equal(Start.AddMilliseconds(500), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(500).Ticks, clock.GetTimestamp());

        clock.Set(Start.AddSeconds(1));
        Assert.Equal(Start.AddMilliseconds(1000), seen[^1].Item2);
        Assert.Equal(5, seen.Count(s => s.Item1 == "frame"));
    }

    [Fact]
    public void Time_never_moves_back_and_a_paused_clock_stands_still()
    {
        using var clock = new ManualClock(Start);
        Assert.True(clock.Paused);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Set(Start.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetRate(ManualClock.MaxRate + 1));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public async Task A_resumed_clock_runs_at_its_rate_of_the_host_clock_and_stops_when_paused()
    {
        var host = new FakeTimeProvider(Start);
        using var clock = new ManualClock(Start, host);
        clock.SetRate(10);
        clock.Resume();
        Assert.False(clock.Paused);
        // The runner takes host ticks of 20 ms; each moves the manual clock 200 ms.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (clock.GetUtcNow() < Start.AddSeconds(1) && DateTime.UtcNow < deadline)
        {
            host.Advance(ManualClock.RunStep);
            await Task.Yield();
            await Task.Delay(1); // lets the runner's continuation take the host tick (host time, not simulated motion)
        }
        var reached = clock.GetUtcNow();
        Assert.True(reached >= Start.AddSeconds(1), $"the running clock reached {reached:O}");
        Assert.Equal(0, (reached - Start).Ticks % TimeSpan.FromMilliseconds(200).Ticks);

        clock.Pause();
        var paused = clock.GetUtcNow();
        host.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(paused, clock.GetUtcNow());
    }

    [Fact]
    public void One_seed_gives_every_purpose_its_own_repeatable_sequence()
    {
        int[] Shuffled(SeededRandom random, string purpose)
        {
            int[] order = [1, 2, 3, 4, 5, 6, 7, 8];
            random.For(purpose).Shuffle(order);
            return order;
        }
        Assert.Equal(Shuffled(new SeededRandom(42), "camera-1/tour/PtzNode_1"), Shuffled(new SeededRandom(42), "camera-1/tour/PtzNode_1"));
        Assert.NotEqual(Shuffled(new SeededRandom(42), "camera-1/tour/PtzNode_1"), Shuffled(new SeededRandom(43), "camera-1/tour/PtzNode_1"));
        Assert.NotEqual(Shuffled(new SeededRandom(42), "camera-1/tour/PtzNode_1"), Shuffled(new SeededRandom(42), "camera-2/tour/PtzNode_1"));
        Assert.Equal(new SeededRandom(7).Value("noise"), new SeededRandom(7).Value("noise"));
        Assert.Null(SeededRandom.Unseeded.Value("noise"));
    }
}
