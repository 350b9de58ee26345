using System.Globalization;

namespace Camlab.Opf.Model;

/// <summary>
/// The <c>time</c> of a capture, ISO 8601 as the schema's pattern allows. The text is kept as written, so a
/// time without a zone stays "zone unknown" (it is never turned into local time) and fractions keep their digits.
/// </summary>
public readonly record struct CaptureTime
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
    public bool IsWellFormed => TryParse(Text, out _);

    /// <summary>True when a zone (<c>Z</c> or <c>±hh:mm</c>) was given.</summary>
    public bool HasZone => TryParse(Text, out var p) && p.Zone is not null;

    /// <summary>The zone offset, or null when no zone was given (the zone is unknown).</summary>
    public TimeSpan? UtcOffset => TryParse(Text, out var p) ? p.Zone : null;

    /// <summary>
    /// Checks the pattern and that the date exists (no 31 April, 29 February only in leap years).
    /// Returns null when valid, otherwise what is wrong.
    /// </summary>
    public string? Problem()
    {
        if (!TryParse(Text, out var p))
            return $"must be an ISO 8601 time YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm], got \"{Text}\"";
        if (p.Year is null) return $"year {Text[..Text.IndexOf('-', 1)]} is out of range";
        var days = DaysInMonth(p.Year.Value, p.Month);
        if (p.Day > days)
            return $"{Text} is not a real calendar date ({CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.Month)} {p.Year} has {days} days)";
        return null;
    }

    /// <summary>
    /// The wall-clock reading: <see cref="DateTimeKind.Utc"/> (converted) when a zone was given,
    /// <see cref="DateTimeKind.Unspecified"/> when the zone is unknown.
    /// </summary>
    public DateTime ToDateTime()
    {
        if (Problem() is { } problem) throw new FormatException(problem);
        TryParse(Text, out var p);
        if (p.Year is not (>= 1 and <= 9999)) throw new FormatException($"year {p.Year} is outside what DateTime can hold");
        var clock = new DateTime((int)p.Year.Value, p.Month, p.Day, p.Hour, p.Minute, p.Second, DateTimeKind.Unspecified).AddTicks(p.FractionTicks);
        return p.Zone is { } offset ? DateTime.SpecifyKind(clock - offset, DateTimeKind.Utc) : clock;
    }

    /// <summary>The instant, or null when the zone is unknown (an unzoned time is not an instant).</summary>
    public DateTimeOffset? ToInstant() =>
        HasZone ? new DateTimeOffset(ToDateTime(), TimeSpan.Zero) : null;

    public override string ToString() => Text ?? "";

    private static string Format(DateTime t)
    {
        var s = t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? s : s + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static int DaysInMonth(long year, int month)
    {
        // Proleptic Gregorian, valid for negative years too (year 0 is a leap year).
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    private readonly record struct Parts(long? Year, int Month, int Day, int Hour, int Minute, int Second, long FractionTicks, TimeSpan? Zone);

    /// <summary>
    /// The schema's pattern (input_cameras.schema.json, capture.time), parsed by hand so that checking
    /// thousands of captures allocates nothing:
    /// <c>^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?$</c>
    /// </summary>
    private static bool TryParse(string? text, out Parts parts)
    {
        parts = default;
        if (text is null) return false;
        var s = text.AsSpan();
        var i = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) i++;
        var yearStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        var yearDigits = s[yearStart..i];
        // Four digits, or more without a leading zero.
        if (yearDigits.Length < 4 || (yearDigits.Length > 4 && yearDigits[0] == '0')) return false;
        long? year = long.TryParse(yearDigits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? (negative ? -y : y) : null;
        if (!Expect(s, ref i, '-') || !TwoDigits(s, ref i, 1, 12, out var month)
            || !Expect(s, ref i, '-') || !TwoDigits(s, ref i, 1, 31, out var day)
            || !Expect(s, ref i, 'T') || !TwoDigits(s, ref i, 0, 23, out var hour)
            || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, 0, 59, out var minute)
            || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, 0, 59, out var second))
            return false;
        long ticks = 0;
        if (i < s.Length && s[i] == '.')
        {
            var start = ++i;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
                if (i - start < 7) ticks = ticks * 10 + (s[i] - '0');
            if (i == start) return false;
            for (var k = Math.Min(i - start, 7); k < 7; k++) ticks *= 10;
        }
        TimeSpan? zone = null;
        if (i < s.Length && s[i] == 'Z')
        {
            zone = TimeSpan.Zero;
            i++;
        }
        else if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            var sign = s[i++] == '-' ? -1 : 1;
            if (!TwoDigits(s, ref i, 0, 23, out var zh) || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, 0, 59, out var zm)) return false;
            zone = sign * new TimeSpan(zh, zm, 0);
        }
        if (i != s.Length) return false;
        parts = new Parts(year, month, day, hour, minute, second, ticks, zone);
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i >= s.Length || s[i] != c) return false;
        i++;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, ref int i, int min, int max, out int value)
    {
        value = 0;
        if (i + 2 > s.Length || !char.IsAsciiDigit(s[i]) || !char.IsAsciiDigit(s[i + 1])) return false;
        value = (s[i] - '0') * 10 + (s[i + 1] - '0');
        i += 2;
        return value >= min && value <= max;
    }
}
