using System.Text;

namespace Camlab.Testing.Fuzz;

/// <summary>
/// A small mutation fuzzer for the parser tests: each case is a corpus input changed by a few random mutations
/// (bit flips, interesting bytes and numbers, deletions, duplications, splices of another input, insertions of
/// tokens the format cares about). Deterministic per seed, so a failure names its seed and case and replays.
/// CI runs <see cref="DefaultIterations"/> cases per target; <c>CAMLAB_FUZZ_ITERATIONS</c> and
/// <c>CAMLAB_FUZZ_SEED</c> make a longer or different run (docs/security.md). We looked for a .NET fuzzing
/// library on NuGet usable in plain xunit without instrumentation (SharpFuzz needs AFL/libFuzzer and a rewritten
/// assembly), so this is written by hand.
/// </summary>
public sealed class Fuzzer
{
    public const int DefaultIterations = 3000;

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0xED, 0xF4, 0xFE, (byte)'<', (byte)'>', (byte)'"', (byte)'&', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'(', (byte)')', (byte)'\\', (byte)':', (byte)','];

    private static readonly int[] InterestingNumbers = [0, 1, -1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, int.MaxValue, int.MinValue];

    private readonly IReadOnlyList<byte[]> _corpus;
    private readonly IReadOnlyList<byte[]> _tokens;

    public Fuzzer(IEnumerable<byte[]> corpus, IEnumerable<string>? tokens = null)
    {
        _corpus = corpus.ToList();
        _tokens = (tokens ?? []).Select(t => Encoding.UTF8.GetBytes(t)).ToList();
        if (_corpus.Count == 0) throw new ArgumentException("the corpus is empty", nameof(corpus));
    }

    public static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("CAMLAB_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : DefaultIterations;

    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("CAMLAB_FUZZ_SEED"), out var s) ? s : fallback;

    /// <summary>Runs <paramref name="target"/> on <see cref="Iterations"/> mutated inputs; a throw is reported with its seed, case and input.</summary>
    public void Run(int seed, Action<byte[]> target)
    {
        seed = Seed(seed);
        var random = new Random(seed);
        var iterations = Iterations;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(random);
            try { target(input); }
            catch (Exception e)
            {
                var shown = input.Length > 512 ? input[..512] : input;
                throw new Xunit.Sdk.XunitException(
                    $"fuzz case {i} of seed {seed} failed: {e.GetType().Name}: {e.Message}\ninput ({input.Length} bytes, base64 of the first {shown.Length}): {Convert.ToBase64String(shown)}\n{e}");
            }
        }
    }

    public byte[] Mutate(Random random)
    {
        var data = new List<byte>(_corpus[random.Next(_corpus.Count)]);
        var mutations = 1 + random.Next(random.Next(2) == 0 ? 3 : 12);
        for (var m = 0; m < mutations; m++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
            switch (random.Next(9))
            {
                case 0 when data.Count > 0: // flip a bit
                    at = Math.Min(at, data.Count - 1);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0: // an interesting byte
                    data[Math.Min(at, data.Count - 1)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when data.Count > 0: // delete a run
                    data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(random.Next(1, 64), data.Count - Math.Min(at, data.Count - 1)));
                    break;
                case 3 when data.Count > 0: // duplicate a run, sometimes many times (nesting, long values)
                {
                    var start = random.Next(data.Count);
                    var run = data.GetRange(start, Math.Min(random.Next(1, 32), data.Count - start));
                    var times = random.Next(4) == 0 ? random.Next(2, 400) : 1;
                    for (var t = 0; t < times; t++) data.InsertRange(Math.Min(at, data.Count), run);
                    break;
                }
                case 4: // splice in part of another corpus input
                {
                    var other = _corpus[random.Next(_corpus.Count)];
                    if (other.Length == 0) break;
                    var start = random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(start, Math.Min(random.Next(1, 128), other.Length - start)).ToArray());
                    break;
                }
                case 5 when _tokens.Count > 0: // a token of the format
                    data.InsertRange(at, _tokens[random.Next(_tokens.Count)]);
                    break;
                case 6: // an interesting number, as text
                    data.InsertRange(at, Encoding.ASCII.GetBytes(InterestingNumbers[random.Next(InterestingNumbers.Length)].ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case 7 when data.Count >= 4: // an interesting number, as little- or big-endian bytes
                {
                    var value = BitConverter.GetBytes(InterestingNumbers[random.Next(InterestingNumbers.Length)]);
                    if (random.Next(2) == 0) Array.Reverse(value);
                    at = Math.Min(at, data.Count - 4);
                    for (var k = 0; k < 4; k++) data[at + k] = value[k];
                    break;
                }
                default: // truncate
                    if (data.Count > 0) data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                    break;
            }
        }
        return data.ToArray();
    }
}
