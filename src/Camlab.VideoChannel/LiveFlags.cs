namespace Camlab.VideoChannel;

/// <summary>Header flag 0x02: the live state bits of <see cref="LiveInfo"/>.</summary>
[Flags]
public enum LiveFlags : uint
{
    None = 0,
    LiveFeed = 1,
    Motion = 2,
    Recording = 4,
    Notification = 8,
    CameraConnectionLost = 16,
    DatabaseFail = 32,
    DiskFull = 64,
    ClientLiveStopped = 128,
}
