namespace Camlab.Recording.Playback;

/// <summary>Where a ChangeStream seek goes.</summary>
public enum PlaybackSeek
{
    /// <summary>To <see cref="PlaybackChange.Time"/>.</summary>
    Time,
    DatabaseStart,
    DatabaseEnd,
    PreviousSequence,
    NextSequence,
    PreviousFrame,
    NextFrame,
}

/// <summary>
/// One ChangeStream request (e.g. the body of a stream PATCH): a new speed, a seek, or both. Validated as a whole
/// before <see cref="PlaybackEngine.Apply"/> changes anything; the speed applies before the seek, so a seek inside a
/// gap lands on the side of the new direction.
/// </summary>
public sealed record PlaybackChange
{
    /// <summary>New speed (negative backwards, 0 pauses); null leaves it.</summary>
    public double? Speed { get; init; }

    /// <summary>A seek; null for none.</summary>
    public PlaybackSeek? Seek { get; init; }

    /// <summary>The target of <see cref="PlaybackSeek.Time"/>; must be absent for the other seeks.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>Null when the change is valid, else why not (naming the member).</summary>
    public string? Validate()
    {
        if (Speed is null && Seek is null) return "a change needs a speed, a seek, or both";
        if (Speed is { } s && !double.IsFinite(s)) return $"speed {s} is not a finite number";
        if (Seek is { } k && !Enum.IsDefined(k)) return $"seek {(int)k} is not a known seek";
        if (Seek == PlaybackSeek.Time && Time is null) return "a seek to a time needs the time";
        if (Seek != PlaybackSeek.Time && Time is not null) return "a time is only allowed with a seek to a time";
        return null;
    }
}
