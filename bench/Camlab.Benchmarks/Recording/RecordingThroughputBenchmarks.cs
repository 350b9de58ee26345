using BenchmarkDotNet.Attributes;
using Camlab.Recording;

namespace Camlab.Benchmarks.Recording;

/// <summary>
/// Recording 200 frames of 1080p-sized JPEGs (100,000-byte payloads, 20 MB) into a fresh directory, beside a plain
/// sequential FileStream write of the same bytes to one fresh file in the same run. Per operation = one frame
/// (OperationsPerInvoke), so frames/s = 1 s / Mean and MB/s = 100,000 B / Mean. No fsync on either side.
/// </summary>
[MemoryDiagnoser]
public class RecordingThroughputBenchmarks
{
    private const int FrameCount = 200;
    private const int PayloadSize = 100_000;
    private readonly byte[][] _payloads = new byte[FrameCount][];
    private string _root = "";
    private string _target = "";
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        for (int i = 0; i < FrameCount; i++)
        {
            _payloads[i] = new byte[PayloadSize];
            random.NextBytes(_payloads[i]);
        }
        _root = Directory.CreateTempSubdirectory("camlab-bench-rec-").FullName;
    }

    [IterationSetup]
    public void NewTarget()
    {
        _target = Path.Combine(_root, (_run++).ToString());
        Directory.CreateDirectory(_target);
        // The signing key exists before the measured part, as it does on a running camera.
        using var _ = Recorder.Open(_target, new RecorderOptions { Signing = true }, TimeProvider.System);
    }

    [IterationCleanup]
    public void RemoveTarget() => Directory.Delete(_target, recursive: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = FrameCount)]
    public void PlainFileStreamWrite()
    {
        using var stream = new FileStream(Path.Combine(_target, "plain.bin"), FileMode.CreateNew, FileAccess.Write);
        foreach (var payload in _payloads)
            stream.Write(payload);
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public void RecorderAppend()
    {
        using var recorder = Recorder.Open(_target, new RecorderOptions(), TimeProvider.System);
        for (int i = 0; i < FrameCount; i++)
            recorder.Append(_payloads[i], isKeyFrame: true, motionAmount: (uint)i);
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public void RecorderAppendSigned()
    {
        using var recorder = Recorder.Open(_target, new RecorderOptions { Signing = true }, TimeProvider.System);
        for (int i = 0; i < FrameCount; i++)
            recorder.Append(_payloads[i], isKeyFrame: true, motionAmount: (uint)i);
    }
}
