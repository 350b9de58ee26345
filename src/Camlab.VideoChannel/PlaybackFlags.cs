namespace Camlab.VideoChannel;

/// <summary>Header flag 0x04: the playback state bits of <see cref="PlaybackInfo"/>.</summary>
[Flags]
public enum PlaybackFlags : uint
{
    None = 0,
    PlayStopped = 0x1,
    PlayForward = 0x2,
    PlayBackward = 0x4,
    DatabaseStart = 0x10,
    DatabaseEnd = 0x20,
    DatabaseError = 0x40,
    RangeNoData = 0x100,
    OutOfRange = 0x200,
}
