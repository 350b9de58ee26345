namespace Camlab.Recording;

/// <summary>Per-frame flags kept in the index.</summary>
[Flags]
public enum RecordFlags : uint
{
    None = 0,

    /// <summary>A sync point (key frame): every JPEG frame, an I-frame in H.264.</summary>
    KeyFrame = 0x1,
}
