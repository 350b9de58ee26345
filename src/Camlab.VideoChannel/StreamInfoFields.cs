namespace Camlab.VideoChannel;

/// <summary>Stream info Fields: which of the stream info values are meaningful.</summary>
[Flags]
public enum StreamInfoFields : uint
{
    None = 0,
    TimeBetweenFrames = 0x01,
    DataType = 0x02,
    Flags = 0x04,
    Profile = 0x08,
    Level = 0x10,
    Compatibility = 0x20,
    Constraints = 0x40,
    FramesCount = 0x80,
}
