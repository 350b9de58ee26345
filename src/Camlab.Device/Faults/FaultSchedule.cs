namespace Camlab.Device.Faults;

/// <summary>Where a fault stands on its schedule.</summary>
public enum FaultPhase { Pending, Active, Ended }

/// <summary>
/// When a fault acts, measured on the camera clock from the moment it was set: it starts <see cref="After"/> later,
/// lasts <see cref="For"/> (or until cleared when null) and, with <see cref="Every"/>, starts again every period
/// (each time lasting <see cref="For"/>). A pure function of the elapsed time, so it is evaluated, never stepped.
/// </summary>
public sealed record FaultSchedule(TimeSpan After, TimeSpan? For, TimeSpan? Every)
{
    /// <summary>Active at once, until cleared.</summary>
    public static readonly FaultSchedule Always = new(TimeSpan.Zero, null, null);

    /// <summary>The schedule's rules; the message names the parameter that breaks one.</summary>
    /// <exception cref="FormatException">A rule is broken.</exception>
    public void Validate()
    {
        if (After < TimeSpan.Zero) throw new FormatException("after: must not be negative");
        if (For is { } d && d <= TimeSpan.Zero) throw new FormatException("for: must be longer than zero");
        if (Every is { } p)
        {
            if (For is not { } length) throw new FormatException("every: needs for (how long each repetition lasts)");
            if (p <= length) throw new FormatException($"every: the period ({FaultDuration.Format(p)}) must be longer than for ({FaultDuration.Format(length)})");
        }
    }

    public FaultPhase PhaseAt(TimeSpan elapsed)
    {
        if (elapsed < After) return FaultPhase.Pending;
        if (For is not { } length) return FaultPhase.Active;
        var t = elapsed - After;
        if (Every is not { } period) return t < length ? FaultPhase.Active : FaultPhase.Ended;
        var into = TimeSpan.FromTicks(t.Ticks % period.Ticks);
        return into < length ? FaultPhase.Active : FaultPhase.Pending;
    }

    /// <summary>The elapsed time of the next phase change after <paramref name="elapsed"/>; null when there is none.</summary>
    public TimeSpan? NextChange(TimeSpan elapsed)
    {
        if (elapsed < After) return After;
        if (For is not { } length) return null;
        var t = elapsed - After;
        if (Every is not { } period) return t < length ? After + length : null;
        var cycle = t.Ticks / period.Ticks;
        var into = TimeSpan.FromTicks(t.Ticks % period.Ticks);
        var start = After + TimeSpan.FromTicks(cycle * period.Ticks);
        return into < length ? start + length : start + period;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (After > TimeSpan.Zero) parts.Add("after=" + FaultDuration.Format(After));
        if (For is { } d) parts.Add("for=" + FaultDuration.Format(d));
        if (Every is { } p) parts.Add("every=" + FaultDuration.Format(p));
        return string.Join(';', parts);
    }
}

/// <summary>Durations as fault instructions spell them: <c>250ms</c>, <c>5s</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>.</summary>
public static class FaultDuration
{
    private static readonly (string Unit, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    /// <exception cref="FormatException">Not a number followed by ms, s, m or h, negative, or longer than 30 days.</exception>
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        foreach (var (unit, seconds) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) continue;
            var number = t[..^unit.Length];
            // "ms" also ends with "s": a number part ending in a letter belongs to the longer unit.
            if (number.Length == 0 || char.IsLetter(number[^1])) continue;
            if (!double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
                break;
            var total = value * seconds;
            if (!double.IsFinite(total) || total > TimeSpan.FromDays(30).TotalSeconds) break;
            return TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerSecond));
        }
        throw new FormatException($"'{text}' is not a duration such as 250ms, 5s, 1.5s, 2m or 1h (at most 30 days)");
    }

    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? (value.Ticks % (60 * TimeSpan.TicksPerSecond) == 0 && value >= TimeSpan.FromMinutes(1) ? $"{value.TotalMinutes:0}m" : $"{value.TotalSeconds:0}s")
            : value.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "ms";
}
