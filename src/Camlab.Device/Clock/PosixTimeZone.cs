using System.Globalization;

namespace Camlab.Device.Clock;

/// <summary>
/// A POSIX TZ string (IEEE 1003.1 section 8.3, the form ONVIF's tt:TimeZone/TZ carries): <c>std offset [dst
/// [offset] [,start[/time],end[/time]]]</c>, e.g. <c>CET-1CEST,M3.5.0,M10.5.0/3</c>. The offset is west of
/// Greenwich (UTC = local + offset). Rules are Mm.w.d, Jn or n. Hand-written: .NET's TimeZoneInfo reads IANA
/// names, not POSIX strings, and no NuGet package in the project's registries parses them.
/// </summary>
public sealed class PosixTimeZone
{
    private PosixTimeZone(string text, string standardName, TimeSpan standardOffset, string? daylightName, TimeSpan daylightOffset, Rule? start, Rule? end)
    {
        Text = text;
        StandardName = standardName;
        StandardOffset = standardOffset;
        DaylightName = daylightName;
        DaylightOffset = daylightOffset;
        Start = start;
        End = end;
    }

    public static PosixTimeZone Utc { get; } = Parse("UTC0");

    public string Text { get; }
    public string StandardName { get; }

    /// <summary>West of Greenwich, as written: <c>CET-1</c> is -1 h.</summary>
    public TimeSpan StandardOffset { get; }

    public string? DaylightName { get; }
    public TimeSpan DaylightOffset { get; }
    private Rule? Start { get; }
    private Rule? End { get; }

    public bool HasDaylightSaving => DaylightName is not null;

    public static bool TryParse(string? text, out PosixTimeZone zone, out string error)
    {
        zone = Utc;
        error = "";
        try
        {
            zone = Parse(text ?? "");
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <exception cref="FormatException">The text is not a POSIX TZ string; the message says where.</exception>
    public static PosixTimeZone Parse(string text)
    {
        if (text.Length is 0 or > 64) throw new FormatException("a POSIX TZ string has 1 to 64 characters");
        var p = new Cursor(text);
        var std = p.Name();
        var stdOffset = p.Offset() ?? throw new FormatException($"'{text}': the standard time offset is missing at {p.Position}");
        string? dst = null;
        var dstOffset = stdOffset - TimeSpan.FromHours(1);
        Rule? start = null, end = null;
        if (!p.End)
        {
            dst = p.Name();
            if (!p.End && p.Peek != ',') dstOffset = p.Offset() ?? throw new FormatException($"'{text}': bad daylight offset at {p.Position}");
            if (!p.End)
            {
                p.Expect(',');
                start = p.Rule();
                p.Expect(',');
                end = p.Rule();
            }
            else
            {
                // No rule: POSIX leaves it to the implementation; the US rule is the common default.
                start = Rule.MonthWeekDay(3, 2, 0, TimeSpan.FromHours(2));
                end = Rule.MonthWeekDay(11, 1, 0, TimeSpan.FromHours(2));
            }
        }
        if (!p.End) throw new FormatException($"'{text}': unexpected '{p.Peek}' at {p.Position}");
        return new PosixTimeZone(text, std, stdOffset, dst, dstOffset, start, end);
    }

    /// <summary>Whether daylight saving time is in force at <paramref name="utc"/>.</summary>
    public bool IsDaylightSaving(DateTimeOffset utc)
    {
        if (DaylightName is null || Start is null || End is null) return false;
        var year = (utc - StandardOffset).Year;
        // Start is given in standard local time, end in daylight local time.
        var startUtc = Start.Value.At(year) + StandardOffset;
        var endUtc = End.Value.At(year) + DaylightOffset;
        var t = utc.UtcDateTime;
        return startUtc < endUtc ? t >= startUtc && t < endUtc : t >= startUtc || t < endUtc;
    }

    public DateTime ToLocal(DateTimeOffset utc) =>
        (utc.UtcDateTime - (IsDaylightSaving(utc) ? DaylightOffset : StandardOffset));

    public override string ToString() => Text;

    private readonly record struct Rule(char Kind, int Month, int Week, int Day, TimeSpan Time)
    {
        public static Rule MonthWeekDay(int month, int week, int day, TimeSpan time) => new('M', month, week, day, time);

        public DateTime At(int year)
        {
            DateTime date;
            switch (Kind)
            {
                case 'J': // 1..365, February 29 never counted
                    date = new DateTime(year, 1, 1).AddDays(Day - 1);
                    if (DateTime.IsLeapYear(year) && Day >= 60) date = date.AddDays(1);
                    break;
                case 'N': // 0..365, February 29 counted
                    date = new DateTime(year, 1, 1).AddDays(Math.Min(Day, DateTime.IsLeapYear(year) ? 365 : 364));
                    break;
                default:
                    var first = new DateTime(year, Month, 1);
                    var delta = ((Day - (int)first.DayOfWeek) + 7) % 7;
                    date = first.AddDays(delta + 7 * (Week - 1));
                    if (Week == 5) while (date.Month != Month) date = date.AddDays(-7);
                    break;
            }
            return date + Time;
        }
    }

    private sealed class Cursor(string text)
    {
        private int _i;
        public int Position => _i;
        public bool End => _i >= text.Length;
        public char Peek => text[_i];

        public void Expect(char c)
        {
            if (End || text[_i] != c) throw new FormatException($"'{text}': expected '{c}' at {_i}");
            _i++;
        }

        public string Name()
        {
            var start = _i;
            string name;
            if (!End && text[_i] == '<')
            {
                var close = text.IndexOf('>', _i);
                if (close < 0) throw new FormatException($"'{text}': unterminated <name> at {_i}");
                name = text[(_i + 1)..close];
                _i = close + 1;
                if (name.Length < 3 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-'))
                    throw new FormatException($"'{text}': zone name at {start} needs 3 or more letters, digits, + or -");
                return name;
            }
            while (!End && char.IsAsciiLetter(text[_i])) _i++;
            name = text[start.._i];
            if (name.Length < 3) throw new FormatException($"'{text}': zone name at {start} needs 3 or more letters");
            return name;
        }

        public TimeSpan? Offset()
        {
            if (End || !(char.IsAsciiDigit(text[_i]) || text[_i] is '+' or '-')) return null;
            var sign = 1;
            if (text[_i] is '+' or '-') sign = text[_i++] == '-' ? -1 : 1;
            var value = Clock(maxHours: 24);
            return sign * value;
        }

        public TimeSpan Clock(int maxHours)
        {
            var h = Number(0, maxHours);
            var m = 0;
            var s = 0;
            if (!End && text[_i] == ':') { _i++; m = Number(0, 59); }
            if (!End && text[_i] == ':') { _i++; s = Number(0, 59); }
            return new TimeSpan(h, m, s);
        }

        public Rule Rule()
        {
            Rule rule;
            if (!End && text[_i] == 'M')
            {
                _i++;
                var month = Number(1, 12);
                Expect('.');
                var week = Number(1, 5);
                Expect('.');
                var day = Number(0, 6);
                rule = new Rule('M', month, week, day, TimeSpan.FromHours(2));
            }
            else if (!End && text[_i] == 'J')
            {
                _i++;
                rule = new Rule('J', 0, 0, Number(1, 365), TimeSpan.FromHours(2));
            }
            else rule = new Rule('N', 0, 0, Number(0, 365), TimeSpan.FromHours(2));
            if (!End && text[_i] == '/')
            {
                _i++;
                rule = rule with { Time = Clock(maxHours: 167) };
            }
            return rule;
        }

        private int Number(int min, int max)
        {
            var start = _i;
            while (!End && char.IsAsciiDigit(text[_i]) && _i - start < 3) _i++;
            if (start == _i) throw new FormatException($"'{text}': number expected at {start}");
            var value = int.Parse(text.AsSpan(start, _i - start), CultureInfo.InvariantCulture);
            if (value < min || value > max) throw new FormatException($"'{text}': {value} at {start} is outside {min}..{max}");
            return value;
        }
    }
}
