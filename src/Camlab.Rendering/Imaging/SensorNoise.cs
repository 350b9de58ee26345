namespace Camlab.Rendering.Imaging;

/// <summary>
/// Seeded sensor noise. A fixed table of 2²³ approximately Gaussian samples (sum of four uniform bytes from
/// a counter-based hash, standard deviation <see cref="TableSigma"/>) is generated once; a frame reads it
/// sequentially from an offset derived from its seed. Same seed, same noise; reading a table costs a load
/// per sample instead of a 64-bit hash, which is what makes noise affordable at 1080p.
/// </summary>
internal static unsafe class SensorNoise
{
    public const int TableBits = 23;
    public const int TableMask = (1 << TableBits) - 1;
    /// <summary>Standard deviation of the table's values.</summary>
    public const double TableSigma = 24;
    /// <summary>Noise standard deviation on the 12-bit linear signal at 0 dB gain; gain multiplies it.</summary>
    public const double BaseSigmaLinear = 8;

    private static readonly Lazy<sbyte[]> LazyTable = new(BuildTable);

    public static sbyte[] Table => LazyTable.Value;

    /// <summary>The table is pinned, so its address is stable for the life of the process.</summary>
    public static sbyte* TablePointer
    {
        get { fixed (sbyte* p = LazyTable.Value) return p; }
    }

    /// <summary>Where frame <paramref name="seed"/> starts reading the table.</summary>
    public static int Offset(ulong seed) => (int)(Mix(seed) & TableMask);

    private static sbyte[] BuildTable()
    {
        var table = GC.AllocateUninitializedArray<sbyte>(1 << TableBits, pinned: true);
        // Sum of four uniform bytes has σ = 147.8; scale to TableSigma and clip at ±127 (5.3σ).
        const double scale = TableSigma / 147.8;
        for (int i = 0; i < table.Length; i++)
        {
            uint u = (uint)Mix(0x5EEDUL + (ulong)i);
            int raw = (int)(u & 255) + (int)((u >> 8) & 255) + (int)((u >> 16) & 255) + (int)(u >> 24) - 510;
            table[i] = (sbyte)Math.Clamp((int)Math.Round(raw * scale), -127, 127);
        }
        return table;
    }

    private static ulong Mix(ulong x)
    {
        ulong h = x * 0x9E3779B97F4A7C15UL;
        h ^= h >> 33; h *= 0xFF51AFD7ED558CCDUL; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53UL; h ^= h >> 33;
        return h;
    }
}
