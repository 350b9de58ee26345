namespace Camlab.Recording;

/// <summary>Per-frame flags kept in the index.</summary>
[Flags]
public enum RecordFlags : uint
{
    None = 0,

    /// <summary>A sync point (key frame): every JPEG frame, an I-frame in H.264.</summary>
    KeyFrame = 0x1,

    /// <summary>
    /// Index version 3: the frame's payload and privacy mask text are byte for byte an earlier frame's of the same
    /// segment, and the entry points at those bytes (its <see cref="IndexEntry.Offset"/>) instead of the frame storing
    /// them again. Everything else in the entry (time, flags, motion, facts) is the frame's own.
    /// </summary>
    SharedPayload = 0x2,
}
