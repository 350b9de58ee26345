namespace Camlab.Rendering;

/// <summary>
/// Seeded, counter-based sensor noise: the value at (seed, sample index) is a pure function, so frames are
/// reproducible and parallel bands need no shared generator. Approximately Gaussian (sum of four uniform
/// bytes, standard deviation <see cref="RawSigma"/>).
/// </summary>
internal static class SensorNoise
{
    /// <summary>Standard deviation of <see cref="Raw"/>: √(4·(256² − 1)/12).</summary>
    public const double RawSigma = 147.8;

    /// <summary>Noise standard deviation on the 12-bit linear signal at 0 dB gain; gain multiplies it.</summary>
    public const double BaseSigmaLinear = 8;

    public static int Raw(ulong seed, uint index)
    {
        ulong h = seed ^ (index * 0x9E3779B97F4A7C15UL);
        h ^= h >> 33; h *= 0xFF51AFD7ED558CCDUL; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53UL; h ^= h >> 33;
        uint u = (uint)h;
        return (int)(u & 255) + (int)((u >> 8) & 255) + (int)((u >> 16) & 255) + (int)(u >> 24) - 510;
    }
}
