namespace Camlab.Rtsp.Rtp;

/// <summary>
/// Media time to RTP timestamps (90 kHz for video, RFC 3551 5) and to NTP timestamps (RFC 3550 4) for the sender
/// report's mapping. The RTP clock starts at a random offset per stream (RFC 3550 5.1) and counts from the capture
/// time, so timestamps follow the frames' real spacing, not the order they were sent in.
/// </summary>
public readonly struct RtpClock(uint offset, int clockRate = 90_000)
{
    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public uint Offset { get; } = offset;
    public int ClockRate { get; } = clockRate;

    public uint Timestamp(DateTimeOffset time)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        // ticks × rate / 10^7 in 128 bits: exact, and no overflow for any date.
        var units = (long)((Int128)ticks * ClockRate / TimeSpan.TicksPerSecond);
        return unchecked(Offset + (uint)units);
    }

    /// <summary>64-bit NTP timestamp: seconds since 1900 in the high word, binary fraction in the low word.</summary>
    public static ulong Ntp(DateTimeOffset time)
    {
        var ticks = (time - NtpEpoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(((UInt128)(ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond);
        return (seconds << 32) | fraction;
    }
}
