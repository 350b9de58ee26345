namespace Camlab.Recording;

public enum FindingKind
{
    /// <summary>A signature does not match the frames it covers (or frames it covers are gone).</summary>
    Tampered,

    /// <summary>Frames no signature covers (the range still open when the recording stopped, or signing was off).</summary>
    Unsigned,

    /// <summary>A file that is not what the recorder writes: damaged headers, bytes no entry accounts for, missing segments.</summary>
    Damaged,
}

/// <summary>One problem, located by frame numbers and times (UTC milliseconds; -1 when unknown).</summary>
public sealed record VerificationFinding(FindingKind Kind, long FirstFrame, long LastFrame, long FirstTimeUtcMs, long LastTimeUtcMs, string Detail)
{
    public override string ToString()
    {
        string time = FirstTimeUtcMs < 0 ? "" :
            $" {DateTimeOffset.FromUnixTimeMilliseconds(FirstTimeUtcMs):yyyy-MM-ddTHH:mm:ss.fffZ}..{DateTimeOffset.FromUnixTimeMilliseconds(LastTimeUtcMs):yyyy-MM-ddTHH:mm:ss.fffZ}";
        string frames = FirstFrame < 0 ? "" : $" frames {FirstFrame}..{LastFrame}";
        return $"{Kind.ToString().ToLowerInvariant()}:{frames}{time}: {Detail}";
    }
}

public sealed class VerificationReport
{
    public List<VerificationFinding> Findings { get; } = new();
    public int SegmentsChecked { get; internal set; }
    public int RangesChecked { get; internal set; }
    public long FramesChecked { get; internal set; }

    /// <summary>Every frame is covered by a valid signature and every file is whole.</summary>
    public bool IsValid => Findings.Count == 0;
}
