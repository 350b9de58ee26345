using Camlab.Testing;

namespace Camlab.Device.Tests.Foundation;

public class FakeTimeProviderTests
{
    [Fact]
    public void Timers_fire_in_due_order_and_see_their_own_due_time()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(1.5);
        Assert.Equal([("early", TimeSpan.FromSeconds(1))], fired);
        Assert.Equal(start.AddSeconds(1.5), clock.GetUtcNow());

        clock.Advance(10);
        Assert.Equal(("late", TimeSpan.FromSeconds(2)), fired[1]);
        Assert.Equal(2, fired.Count);
    }

    [Fact]
    public void Periodic_timers_repeat_and_stop_when_disposed()
    {
        var clock = new FakeTimeProvider();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(3.5);
        Assert.Equal(3, count);
        timer.Dispose();
        clock.Advance(5);
        Assert.Equal(3, count);
    }

    [Fact]
    public void Timestamps_advance_with_the_clock()
    {
        var clock = new FakeTimeProvider();
        var t0 = clock.GetTimestamp();
        clock.Advance(2.5);
        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.GetElapsedTime(t0));
    }

    [Fact]
    public void Time_never_goes_backwards() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FakeTimeProvider().Advance(TimeSpan.FromSeconds(-1)));
}
