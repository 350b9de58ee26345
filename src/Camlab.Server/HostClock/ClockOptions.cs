using System.Globalization;
using Camlab.Server.Hosting;

namespace Camlab.Server.HostClock;

/// <summary>
/// The configuration key <c>clock</c> (and <c>--clock</c>, <c>--clock-start</c>): whether the host runs on the
/// system's clock or on a <see cref="ManualClock"/> the tester moves over <c>/api/v1/clock</c> (docs/clock.md).
/// </summary>
public sealed record ClockOptions
{
    public const string System = "system";
    public const string Manual = "manual";

    /// <summary><c>system</c> (the default) or <c>manual</c>.</summary>
    public string Mode { get; init; } = System;

    /// <summary>The manual clock's first instant, ISO 8601 with an offset (<c>2026-01-01T00:00:00Z</c>); null starts it at the system's now.</summary>
    public string? Start { get; init; }

    public bool IsManual => string.Equals(Mode, Manual, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ConfigurationException"/> naming the JSON path of the mistake.</summary>
    public void Validate()
    {
        if (Problems().FirstOrDefault() is ({ } key, { } message))
            throw new ConfigurationException($"$.clock.{key} ({(key == "mode" ? "--clock" : "--clock-start")}): {message}");
    }

    /// <summary>Every mistake, as the key under <c>clock</c> (<c>mode</c>, <c>start</c>) and what is wrong: the configuration and a site file report them with their own paths.</summary>
    public IEnumerable<(string Key, string Message)> Problems()
    {
        if (!string.Equals(Mode, System, StringComparison.OrdinalIgnoreCase) && !IsManual)
            yield return ("mode", $"'{Mode}' is not 'system' or 'manual'");
        if (Start is { } start)
        {
            if (!IsManual) yield return ("start", "a start instant needs the manual clock (clock.mode \"manual\")");
            else if (!TryParseInstant(start, out _)) yield return ("start", StartProblem(start));
        }
    }

    /// <summary>The clock the host runs on: a paused <see cref="ManualClock"/> at <see cref="Start"/>, or null for the system's.</summary>
    public ManualClock? CreateManual(TimeProvider host, Action<Exception>? log = null) =>
        IsManual ? new ManualClock(Start is { } s ? ParseStart(s) : host.GetUtcNow(), host, log) : null;

    /// <summary>An ISO 8601 instant with its offset (<c>Z</c> or <c>±hh:mm</c>); a local time without one is ambiguous and refused.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0 || !(text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > t)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)) return false;
        instant = instant.ToUniversalTime();
        return instant.Year is >= 1970 and <= 9000;
    }

    private static DateTimeOffset ParseStart(string text) => TryParseInstant(text, out var instant) ? instant
        : throw new ConfigurationException($"$.clock.start (--clock-start): {StartProblem(text)}");

    private static string StartProblem(string text) => $"'{text}' is not an ISO 8601 instant with an offset between 1970 and 9000 (e.g. 2026-01-01T00:00:00Z)";
}
