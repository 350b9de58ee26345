namespace Camlab.VideoChannel;

/// <summary>
/// The main header's HeaderExtensionFlags: which extension headers follow, in ascending bit order.
/// Bits above 0x200 are not defined by the specification; a reader skips their bytes.
/// </summary>
[Flags]
public enum HeaderExtensionFlags : ushort
{
    None = 0,
    SizeInfo = 0x01,
    LiveInfo = 0x02,
    PlaybackInfo = 0x04,
    NativeData = 0x08,
    MotionInfo = 0x10,
    LocationInfo = 0x20,
    StreamInfo = 0x40,
    CarouselInfo = 0x80,
    DynamicInfo = 0x100,
    PlaybackRequest = 0x200,

    /// <summary>Every extension this codec understands.</summary>
    AllKnown = 0x3FF,
}
