using System.Globalization;
using System.Text.RegularExpressions;

namespace Camlab.Opf.Model;

/// <summary>
/// The <c>time</c> of a capture, ISO 8601 as the schema's pattern allows. The text is kept as written, so a
/// time without a zone stays "zone unknown" (it is never turned into local time) and fractions keep their digits.
/// </summary>
public readonly partial record struct CaptureTime
{
    /// <summary>The time exactly as written in the document.</summary>
    public string Text { get; }

    public CaptureTime(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>A known instant, written in UTC with a <c>Z</c> as the spec asks.</summary>
    public static CaptureTime FromInstant(DateTimeOffset instant) =>
        new(Format(instant.UtcDateTime) + "Z");

    /// <summary>A wall-clock reading whose zone is unknown (written without a zone).</summary>
    public static CaptureTime FromUnzoned(DateTime clockTime) => new(Format(clockTime));

    /// <summary>True when the text matches the schema's pattern (it may still name an impossible date).</summary>
    public bool IsWellFormed => Text is not null && Pattern().IsMatch(Text);

    /// <summary>True when a zone (<c>Z</c> or <c>±hh:mm</c>) was given.</summary>
    public bool HasZone => Match() is { Success: true } m && m.Groups["zone"].Success;

    /// <summary>The zone offset, or null when no zone was given (the zone is unknown).</summary>
    public TimeSpan? UtcOffset
    {
        get
        {
            var m = Match();
            if (m is not { Success: true } || !m.Groups["zone"].Success) return null;
            var z = m.Groups["zone"].Value;
            if (z == "Z") return TimeSpan.Zero;
            var span = new TimeSpan(int.Parse(z.AsSpan(1, 2), CultureInfo.InvariantCulture),
                int.Parse(z.AsSpan(4, 2), CultureInfo.InvariantCulture), 0);
            return z[0] == '-' ? -span : span;
        }
    }

    /// <summary>
    /// Checks the pattern and that the date exists (no 31 April, 29 February only in leap years).
    /// Returns null when valid, otherwise what is wrong.
    /// </summary>
    public string? Problem()
    {
        var m = Match();
        if (m is not { Success: true })
            return $"must be an ISO 8601 time YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm], got \"{Text}\"";
        if (!long.TryParse(m.Groups["year"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year))
            return $"year {m.Groups["year"].Value} is out of range";
        var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        // Proleptic Gregorian leap rule, valid for negative years too (year 0 is a leap year).
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        if (day > days[month - 1])
            return $"{Text} is not a real calendar date ({CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year} has {days[month - 1]} days)";
        return null;
    }

    /// <summary>
    /// The wall-clock reading: <see cref="DateTimeKind.Utc"/> (converted) when a zone was given,
    /// <see cref="DateTimeKind.Unspecified"/> when the zone is unknown.
    /// </summary>
    public DateTime ToDateTime()
    {
        if (Problem() is { } problem) throw new FormatException(problem);
        var m = Match()!;
        var clock = new DateTime(
            int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture),
            DateTimeKind.Unspecified);
        if (m.Groups["fraction"].Success)
        {
            var digits = m.Groups["fraction"].Value[1..];
            var ticks = digits.Length >= 7 ? digits[..7] : digits.PadRight(7, '0');
            clock = clock.AddTicks(long.Parse(ticks, CultureInfo.InvariantCulture));
        }
        var offset = UtcOffset;
        return offset is null ? clock : DateTime.SpecifyKind(clock - offset.Value, DateTimeKind.Utc);
    }

    /// <summary>The instant, or null when the zone is unknown (an unzoned time is not an instant).</summary>
    public DateTimeOffset? ToInstant() =>
        HasZone ? new DateTimeOffset(ToDateTime(), TimeSpan.Zero) : null;

    public override string ToString() => Text ?? "";

    private Match? Match() => Text is null ? null : Pattern().Match(Text);

    private static string Format(DateTime t)
    {
        var s = t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? s : s + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    // The schema's pattern (input_cameras.schema.json, capture.time), with \z because .NET's $ accepts a final \n.
    [GeneratedRegex(@"^(?<year>-?(?:[1-9][0-9]*)?[0-9]{4})-(?<month>1[0-2]|0[1-9])-(?<day>3[01]|0[1-9]|[12][0-9])T(?<hour>2[0-3]|[01][0-9]):(?<minute>[0-5][0-9]):(?<second>[0-5][0-9])(?<fraction>\.[0-9]+)?(?<zone>Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
