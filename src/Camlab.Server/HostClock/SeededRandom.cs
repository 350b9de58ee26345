using System.Text;

namespace Camlab.Server.HostClock;

/// <summary>
/// Every random choice of a host (<c>camlab serve --seed N</c>, docs/clock.md): random preset-tour order, sensor
/// noise, RTP SSRC, sequence numbers and timestamps, pull-point subscription ids, stream-API stream ids, device
/// UUIDs, and whatever else asks for one (fault draws). <see cref="For"/> gives each consumer its own
/// generator derived from the seed and a purpose name, so one consumer drawing more or fewer numbers never shifts
/// another's — the same seed, configuration and command sequence give the same choices.
/// Without a seed every generator is seeded from the system's entropy, as an unseeded <see cref="Random"/> is.
/// Secrets (digest nonces and keys, session ids, stream tickets, generated passwords) never come from here: they stay
/// cryptographic whatever the seed.
/// </summary>
public sealed class SeededRandom
{
    /// <summary>No seed: every generator is unpredictable.</summary>
    public static readonly SeededRandom Unseeded = new(null);

    public SeededRandom(long? seed) => Seed = seed;

    public long? Seed { get; }

    /// <summary>
    /// A generator for <paramref name="purpose"/> (e.g. <c>camera-1/tour/PTZNode_1</c>): with a seed, the same
    /// sequence in every run; safe to share between threads.
    /// </summary>
    public Random For(string purpose) => new Locked(Seed is { } seed ? new Random(Derive(seed, purpose)) : new Random());

    /// <summary>A 64-bit value for <paramref name="purpose"/> (null without a seed): for things seeded by a number rather than a generator, such as sensor noise.</summary>
    public ulong? Value(string purpose) => Seed is { } seed ? Mix((ulong)seed ^ Fnv1a(purpose)) : null;

    /// <summary>A version 4 (random) UUID, RFC 9562 5.4, drawn from <paramref name="random"/>.</summary>
    public static Guid Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A generator for <paramref name="purpose"/> when a seed is given; null without one (the caller keeps its cryptographic source).</summary>
    public Random? SeededFor(string purpose) => Seed is null ? null : For(purpose);

    private static int Derive(long seed, string purpose) => (int)(Mix((ulong)seed ^ Fnv1a(purpose)) & int.MaxValue);

    // FNV-1a over UTF-8: stable across runs and platforms (string.GetHashCode is randomised per process).
    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211;
        return hash;
    }

    // SplitMix64's finaliser: nearby seeds and purposes give unrelated values.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    // Random is not thread-safe; a consumer may draw from several threads (RTSP connections).
    private sealed class Locked(Random inner) : Random
    {
        public override int Next() { lock (inner) return inner.Next(); }
        public override int Next(int maxValue) { lock (inner) return inner.Next(maxValue); }
        public override int Next(int minValue, int maxValue) { lock (inner) return inner.Next(minValue, maxValue); }
        public override long NextInt64() { lock (inner) return inner.NextInt64(); }
        public override long NextInt64(long maxValue) { lock (inner) return inner.NextInt64(maxValue); }
        public override long NextInt64(long minValue, long maxValue) { lock (inner) return inner.NextInt64(minValue, maxValue); }
        public override double NextDouble() { lock (inner) return inner.NextDouble(); }
        public override float NextSingle() { lock (inner) return inner.NextSingle(); }
        public override void NextBytes(byte[] buffer) { lock (inner) inner.NextBytes(buffer); }
        public override void NextBytes(Span<byte> buffer) { lock (inner) inner.NextBytes(buffer); }
        protected override double Sample() { lock (inner) return inner.NextDouble(); }
    }
}
