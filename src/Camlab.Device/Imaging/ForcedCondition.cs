namespace Camlab.Device.Imaging;

/// <summary>
/// One fault-injection instruction as configuration files, the CLI and the HTTP API spell it:
/// <c>VideoSource_1/ImageTooDark=true</c> forces the condition on, <c>=false</c> forces it off, <c>=auto</c>
/// releases it to what the video analysis detects. Condition names are case-insensitive.
/// </summary>
public sealed record ForcedCondition(string Source, VideoSourceCondition Condition, bool? State)
{
    public static ForcedCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        var equals = text.IndexOf('=', Math.Max(slash, 0));
        if (slash <= 0 || equals < slash + 2 || equals == text.Length - 1)
            throw new FormatException($"'{text}' is not <VideoSourceToken>/<Condition>=<true|false|auto>");
        var source = text[..slash].Trim();
        VideoSourceCondition condition;
        try { condition = VideoSourceAlarms.ParseCondition(text[(slash + 1)..equals].Trim()); }
        catch (ArgumentException ex) { throw new FormatException($"'{text}': {ex.Message}", ex); }
        bool? state = text[(equals + 1)..].Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "1" => true,
            "false" or "off" or "0" => false,
            "auto" or "clear" => null,
            var other => throw new FormatException($"'{text}': state '{other}' is not true, false or auto"),
        };
        return new ForcedCondition(source, condition, state);
    }

    /// <summary>Forces or releases the condition (ImagingException NoSource / NoImagingForSource on a bad source).</summary>
    public void ApplyTo(VideoSourceAlarms alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        if (State is { } state) alarms.ForceCondition(Source, Condition, state);
        else alarms.ClearForcedCondition(Source, Condition);
    }

    public override string ToString() => $"{Source}/{Condition}={(State is { } s ? (s ? "true" : "false") : "auto")}";
}
