namespace Camlab.Recording;

/// <summary>How a <see cref="Recorder"/> cuts, keeps and signs a stream's recording.</summary>
public sealed record RecorderOptions
{
    /// <summary>A new segment starts when the current one spans this long…</summary>
    public TimeSpan SegmentDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>…or holds this many payload bytes.</summary>
    public long SegmentMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>A pause longer than this between two frames ends a sequence (and playback reports RangeNoData across it).</summary>
    public TimeSpan MaxFrameGap { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whole segments whose last frame is older than this are deleted; null keeps everything.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The oldest segments are deleted while the recording occupies more than this; null for no limit.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Sign ranges of frames with the directory's ECDSA P-256 key.</summary>
    public bool Signing { get; init; }

    /// <summary>A signed range closes after this many frames…</summary>
    public int SignEveryFrames { get; init; } = 250;

    /// <summary>…or when it spans this long, whichever comes first (and always at the end of a segment).</summary>
    public TimeSpan SignEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// fsync every frame. Off by default: a kill -9 cannot lose what was written to the kernel, only power loss
    /// can, and fsync per frame costs far more than the write (docs/recording.md).
    /// </summary>
    public bool FlushToDisk { get; init; }

    public void Validate()
    {
        if (SegmentDuration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SegmentDuration), "must be positive");
        if (SegmentMaxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(SegmentMaxBytes), "must be positive");
        if (MaxFrameGap <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxFrameGap), "must be positive");
        if (MaxAge is { } age && age <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxAge), "must be positive");
        if (MaxBytes is { } bytes && bytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxBytes), "must be positive");
        if (SignEveryFrames <= 0) throw new ArgumentOutOfRangeException(nameof(SignEveryFrames), "must be positive");
        if (SignEvery <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SignEvery), "must be positive");
    }
}
