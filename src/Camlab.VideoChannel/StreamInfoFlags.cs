namespace Camlab.VideoChannel;

/// <summary>Stream info Flags.</summary>
[Flags]
public enum StreamInfoFlags : uint
{
    None = 0,

    /// <summary>The payload contains a key frame.</summary>
    KeyFrame = 0x01,
}
