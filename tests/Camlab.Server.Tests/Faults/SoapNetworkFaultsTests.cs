using Camlab.Server.Faults;
using Camlab.Testing;

namespace Camlab.Server.Tests.Faults;

/// <summary>Latency waits on the camera clock: a fake clock holds the answer exactly as long as the fault says.</summary>
public class SoapNetworkFaultsTests
{
    [Fact]
    public async Task Latency_holds_a_matching_request_for_its_delay_on_the_camera_clock()
    {
        var clock = new FakeTimeProvider();
        var faults = new SoapNetworkFaults(clock, new Random(1));
        var latency = new NetworkFault.Latency("ptz_service", "GetStatus", TimeSpan.FromSeconds(2), TimeSpan.Zero);
        faults.Begin(latency);

        Assert.Equal(NetworkVerdict.Serve, await faults.BeforeServingAsync("ptz_service", () => "GetNodes", default));
        Assert.Equal(NetworkVerdict.Serve, await faults.BeforeServingAsync("device_service", () => "GetStatus", default));
        var waiting = faults.BeforeServingAsync("ptz_service", () => "GetStatus", default);
        clock.Advance(1.999);
        Assert.False(waiting.IsCompleted);
        clock.Advance(0.001);
        Assert.Equal(NetworkVerdict.Serve, await waiting);

        faults.End(latency);
        Assert.Equal(NetworkVerdict.Serve, await faults.BeforeServingAsync("ptz_service", () => "GetStatus", default));
    }

    [Fact]
    public void Jitter_and_share_are_drawn_from_the_injected_random_source()
    {
        List<string> Run(int seed)
        {
            var faults = new SoapNetworkFaults(new FakeTimeProvider(), new Random(seed));
            faults.Begin(new NetworkFault.Latency(null, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));
            faults.Begin(new NetworkFault.Failure(null, null, FailureAnswer.Http503, 0.5));
            return Enumerable.Range(0, 20).Select(_ => faults.Plan("ptz_service", () => null)!).Select(p => $"{p.Delay.TotalMilliseconds} {p.Verdict}").ToList();
        }
        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        Assert.Contains(first, o => o.EndsWith("Http503"));
        Assert.Contains(first, o => o.EndsWith("Serve"));
        Assert.All(first, o => Assert.InRange(double.Parse(o.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), 100, 1100));
        Assert.True(first.Select(o => o.Split(' ')[0]).Distinct().Count() > 10, string.Join(", ", first));
    }
}
