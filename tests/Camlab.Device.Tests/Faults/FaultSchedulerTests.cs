using Camlab.Device.Faults;
using Camlab.Testing;

namespace Camlab.Device.Tests.Faults;

public class FaultSchedulerTests
{
    [Fact]
    public void A_scheduled_fault_begins_after_its_delay_lasts_its_length_and_repeats_on_the_fake_clock()
    {
        var clock = new FakeTimeProvider();
        using var scheduler = new FaultScheduler(clock);
        var log = new List<string>();
        scheduler.Changed += (f, active) => log.Add($"{(clock.GetUtcNow() - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds}s {f.Name} {(active ? "begins" : "ends")}");
        var instruction = FaultInstruction.Parse("PtzNode_1/MoveStatusStuck=on;after=5s;for=2s;every=10s");
        var active = false;
        scheduler.Set("PtzNode_1/MoveStatusStuck", instruction, () => active = true, () => active = false);

        Assert.Equal(FaultPhase.Pending, scheduler.Snapshot().Single().State);
        clock.Advance(4.999);
        Assert.False(active);
        clock.Advance(0.001);
        Assert.True(active);
        Assert.Equal(FaultPhase.Active, scheduler.Snapshot().Single().State);
        clock.Advance(2);
        Assert.False(active);
        Assert.Equal(FaultPhase.Pending, scheduler.Snapshot().Single().State);
        clock.Advance(8);
        Assert.True(active);
        Assert.True(scheduler.Remove("ptznode_1/movestatusstuck"));
        Assert.False(active);
        clock.Advance(60);
        Assert.False(active);
        Assert.Equal(["5s PtzNode_1/MoveStatusStuck begins", "7s PtzNode_1/MoveStatusStuck ends", "15s PtzNode_1/MoveStatusStuck begins", "15s PtzNode_1/MoveStatusStuck ends"], log);
    }

    [Fact]
    public void A_fault_with_a_length_and_no_repeat_ends_for_good()
    {
        var clock = new FakeTimeProvider();
        using var scheduler = new FaultScheduler(clock);
        var count = 0;
        scheduler.Set("x", FaultInstruction.Parse("onvif/Unresponsive=on;for=3s"), () => count++, () => count--);
        Assert.Equal(1, count);
        clock.Advance(3);
        Assert.Equal(0, count);
        var listed = scheduler.Snapshot().Single();
        Assert.Equal(FaultPhase.Ended, listed.State);
        Assert.Null(listed.NextChange);
    }

    [Theory]
    [InlineData("PtzNode_1/SlowAxes", "is not TARGET/KIND")]
    [InlineData("PtzNode_1/SlowAxes=maybe", "value 'maybe' is not on or auto")]
    [InlineData("PtzNode_1/SlowAxes=on;for=0s", "for: must be longer than zero")]
    [InlineData("PtzNode_1/SlowAxes=on;every=10s", "every: needs for")]
    [InlineData("PtzNode_1/SlowAxes=on;for=10s;every=5s", "every: the period (5s) must be longer than for (10s)")]
    [InlineData("PtzNode_1/SlowAxes=on;after=soon", "after: 'soon' is not a duration")]
    [InlineData("PtzNode_1/SlowAxes=on;after=1s;after=2s", "parameter 'after' is given twice")]
    [InlineData("PtzNode_1/SlowAxes=auto;for=1s", "clearing a fault takes no parameters")]
    public void Bad_instructions_name_the_field(string text, string message)
    {
        Assert.Contains(message, Assert.Throws<FormatException>(() => FaultInstruction.Parse(text)).Message);
    }

    [Theory]
    [InlineData("PtzNode_1/SlowAxes=on", "SlowAxes", "scale: SlowAxes needs scale")]
    [InlineData("PtzNode_1/SlowAxes=on;scale=2", "SlowAxes", "scale: 2 is outside 0.01..1")]
    [InlineData("PtzNode_1/MotorStall=on;axis=roll", "MotorStall", "axis: 'roll' is not one of pan, tilt, zoom, pantilt, all")]
    [InlineData("PtzNode_1/MotorStall=on;speed=1", "MotorStall", "MotorStall has no parameter 'speed' (it takes axis, error, moves")]
    [InlineData("PtzNode_1/PositionDrift=on", "PositionDrift", "give pan, tilt or zoom")]
    public void Bad_ptz_parameters_name_the_parameter(string text, string kind, string message)
    {
        Assert.Contains(message, Assert.Throws<FormatException>(() => PtzFaultInstructions.From(FaultInstruction.Parse(text), kind)).Message);
    }

    [Fact]
    public void Durations_read_every_unit()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), FaultDuration.Parse("250ms"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), FaultDuration.Parse("1.5s"));
        Assert.Equal(TimeSpan.FromMinutes(2), FaultDuration.Parse("2m"));
        Assert.Equal(TimeSpan.FromHours(1), FaultDuration.Parse("1h"));
        Assert.Throws<FormatException>(() => FaultDuration.Parse("-1s"));
        Assert.Throws<FormatException>(() => FaultDuration.Parse("31d"));
    }
}
