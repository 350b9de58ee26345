using System.Globalization;

namespace Camlab.Device.Faults;

/// <summary>
/// One fault instruction as the configuration (<c>faults</c>), the CLI (<c>--fault</c>) and the HTTP API spell it:
/// <c>TARGET/KIND=on[;name=value]...</c> sets a fault, <c>TARGET/KIND=auto</c> (or off) clears it. The parameters
/// <c>after</c>, <c>for</c> and <c>every</c> are its <see cref="FaultSchedule"/> on the camera clock; the others belong
/// to the kind and are read through <see cref="Parameters"/>. Kind names are case-insensitive. docs/faults.md.
/// </summary>
public sealed class FaultInstruction
{
    private FaultInstruction(string text, string target, string kind, bool clears, FaultParameters parameters, FaultSchedule schedule)
    {
        Text = text;
        Target = target;
        Kind = kind;
        Clears = clears;
        Parameters = parameters;
        Schedule = schedule;
    }

    public string Text { get; }

    /// <summary>What the fault acts on: a PTZ node token, a service path segment, <c>onvif</c> for every service.</summary>
    public string Target { get; }

    public string Kind { get; }

    /// <summary>True for <c>=auto</c>/<c>=off</c>: the instruction removes the fault instead of setting it.</summary>
    public bool Clears { get; }

    public FaultParameters Parameters { get; }

    public FaultSchedule Schedule { get; }

    /// <summary>The kind named after the slash of <paramref name="text"/> (null when there is no slash): routes an instruction before it is parsed.</summary>
    public static string? KindOf(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0) return null;
        var end = text.IndexOfAny(['=', ';'], slash);
        return text[(slash + 1)..(end < 0 ? text.Length : end)].Trim();
    }

    /// <exception cref="FormatException">The spelling, a value or the schedule is wrong; the message names the field.</exception>
    public static FaultInstruction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 1024) throw new FormatException("an instruction is at most 1024 characters");
        var fields = text.Split(';');
        var head = fields[0];
        var slash = head.IndexOf('/');
        var equals = head.IndexOf('=', Math.Max(slash, 0));
        if (slash <= 0 || equals < slash + 2 || equals == head.Length - 1)
            throw new FormatException($"'{text}' is not TARGET/KIND=on|auto[;name=value]...");
        var target = head[..slash].Trim();
        var kind = head[(slash + 1)..equals].Trim();
        var clears = head[(equals + 1)..].Trim().ToLowerInvariant() switch
        {
            "on" or "true" => false,
            "auto" or "off" or "false" or "clear" => true,
            var other => throw new FormatException($"'{text}': value '{other}' is not on or auto (parameters follow after ';')"),
        };
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields.Skip(1))
        {
            var eq = field.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{text}': parameter '{field}' is not name=value");
            var name = field[..eq].Trim();
            if (!values.TryAdd(name, field[(eq + 1)..].Trim())) throw new FormatException($"'{text}': parameter '{name}' is given twice");
        }
        var parameters = new FaultParameters(text, values);
        if (clears)
        {
            if (values.Count > 0) throw new FormatException($"'{text}': clearing a fault takes no parameters");
            return new FaultInstruction(text, target, kind, true, parameters, FaultSchedule.Always);
        }
        var schedule = new FaultSchedule(parameters.Duration("after") ?? TimeSpan.Zero, parameters.Duration("for"), parameters.Duration("every"));
        try { schedule.Validate(); }
        catch (FormatException e) { throw new FormatException($"'{text}': {e.Message}", e); }
        return new FaultInstruction(text, target, kind, false, parameters, schedule);
    }

    /// <summary>
    /// Splits the trailing schedule fields (<c>;after=T</c>, <c>;for=D</c>, <c>;every=P</c>) off an instruction whose own
    /// grammar is not <c>TARGET/KIND=on</c> (the Imaging ones: <c>VideoSource_1/ImageTooDark=false;after=10s</c>).
    /// </summary>
    /// <returns>The instruction without them, and their schedule (null when there was none).</returns>
    /// <exception cref="FormatException">A schedule field is wrong or given twice; the message names it.</exception>
    public static (string Head, FaultSchedule? Schedule) SplitSchedule(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 1024) throw new FormatException("an instruction is at most 1024 characters");
        var fields = text.Split(';');
        var keep = fields.Length;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (keep > 1 && fields[keep - 1].IndexOf('=') is > 0 and var eq && fields[keep - 1][..eq].Trim() is var name
               && (name.Equals("after", StringComparison.OrdinalIgnoreCase) || name.Equals("for", StringComparison.OrdinalIgnoreCase) || name.Equals("every", StringComparison.OrdinalIgnoreCase)))
        {
            if (!values.TryAdd(name, fields[keep - 1][(eq + 1)..].Trim())) throw new FormatException($"'{text}': parameter '{name}' is given twice");
            keep--;
        }
        if (values.Count == 0) return (text, null);
        var parameters = new FaultParameters(text, values);
        var schedule = new FaultSchedule(parameters.Duration("after") ?? TimeSpan.Zero, parameters.Duration("for"), parameters.Duration("every"));
        try { schedule.Validate(); }
        catch (FormatException e) { throw new FormatException($"'{text}': {e.Message}", e); }
        return (string.Join(';', fields[..keep]), schedule);
    }

    /// <summary>An instruction of another grammar (an Imaging one) under a schedule: listed as <paramref name="text"/>.</summary>
    public static FaultInstruction Scheduled(string text, string target, string kind, FaultSchedule schedule) =>
        new(text, target, kind, false, new FaultParameters(text, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)), schedule);

    public override string ToString() => Text;
}

/// <summary>The kind's own parameters of a <see cref="FaultInstruction"/>; every read names the parameter when it fails.</summary>
public sealed class FaultParameters
{
    private readonly string _text;
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    internal FaultParameters(string text, Dictionary<string, string> values)
    {
        _text = text;
        _values = values;
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    private FormatException Wrong(string name, string why) => new($"'{_text}': {name}: {why}");

    public string? Text(string name, int maxLength = 256)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var value)) return null;
        if (value.Length == 0 || value.Length > maxLength || value.Any(char.IsControl)) throw Wrong(name, $"must be 1 to {maxLength} printable characters");
        return value;
    }

    public double? Number(string name, double min, double max)
    {
        if (Text(name) is not { } value) return null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            throw Wrong(name, $"'{value}' is not a number");
        if (number < min || number > max) throw Wrong(name, $"{value} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        return number;
    }

    public int? Integer(string name, int min, int max)
    {
        if (Text(name) is not { } value) return null;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            throw Wrong(name, value.TrimStart('-', '+').All(char.IsAsciiDigit) && value.TrimStart('-', '+').Length > 0 ? $"{value} is outside {min}..{max}" : $"'{value}' is not a whole number");
        if (number < min || number > max) throw Wrong(name, $"{value} is outside {min}..{max}");
        return (int)number;
    }

    public TimeSpan? Duration(string name)
    {
        if (Text(name) is not { } value) return null;
        try { return FaultDuration.Parse(value); }
        catch (FormatException e) { throw Wrong(name, e.Message); }
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive, returned as spelled there), or <paramref name="fallback"/>.</summary>
    public string Choice(string name, string fallback, params string[] choices)
    {
        if (Text(name) is not { } value) return fallback;
        return choices.FirstOrDefault(c => c.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw Wrong(name, $"'{value}' is not one of {string.Join(", ", choices)}");
    }

    /// <summary>Refuses a parameter the kind did not read (a typo must not pass silently).</summary>
    public void RefuseUnread(string kind)
    {
        if (_values.Keys.FirstOrDefault(k => !_read.Contains(k)) is { } unknown)
        {
            var known = _read.Where(k => k is not ("after" or "for" or "every")).Order(StringComparer.Ordinal).ToList();
            throw new FormatException($"'{_text}': {kind} has no parameter '{unknown}'" + (known.Count > 0 ? $" (it takes {string.Join(", ", known)}; every fault takes after, for, every)" : " (it takes after, for, every)"));
        }
    }
}
