using System.Collections.Concurrent;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Reusable response buffers for the envelope writer: every request used to allocate (and zero) a fresh 4 KiB
/// buffer that grew by doubling for larger answers. A few are kept; oversized ones (a large GetProfiles or
/// pull-messages answer) are dropped so the pool never pins much memory.
/// </summary>
internal static class ResponseBuffers
{
    private const int MaxPooled = 16;
    private const int MaxKeptCapacity = 64 * 1024;
    private static readonly ConcurrentQueue<MemoryStream> Pool = new();

    public static MemoryStream Rent() => Pool.TryDequeue(out var stream) ? stream : new MemoryStream(4096);

    public static void Return(MemoryStream stream)
    {
        if (stream.Capacity > MaxKeptCapacity || Pool.Count >= MaxPooled) return;
        stream.SetLength(0);
        Pool.Enqueue(stream);
    }
}
