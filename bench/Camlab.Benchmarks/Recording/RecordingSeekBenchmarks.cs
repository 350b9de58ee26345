using BenchmarkDotNet.Attributes;
using Camlab.Recording;
using Camlab.Recording.Playback;

namespace Camlab.Benchmarks.Recording;

/// <summary>
/// Seeking in a 24-hour recording index generated on disk: 25 frames/s for 86,400 s = 2,160,000 frames in 144
/// ten-minute segments (index files written with <see cref="IndexEntry"/>, data files sparse), loaded with
/// <see cref="RecordingIndex.Load"/>. Measured at the start, middle and end: the index lookup alone, and a
/// playback engine's SeekTo plus the first frame (headers computed, 1,000-byte payload read).
/// </summary>
[MemoryDiagnoser]
public class RecordingSeekBenchmarks
{
    private const int FramesPerSecond = 25;
    private const int Hours = 24;
    private const int SegmentSeconds = 600;
    private const int PayloadSize = 1000;
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private string _directory = "";
    private RecordingIndex _index = null!;
    private PlaybackEngine _engine = null!;
    private long _time;

    [Params("start", "middle", "end")]
    public string Position { get; set; } = "start";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("camlab-bench-seek-").FullName;
        int perSegment = FramesPerSecond * SegmentSeconds;
        long frames = (long)FramesPerSecond * 3600 * Hours;
        var entry = new byte[IndexEntry.Size];
        for (long first = 0; first < frames; first += perSegment)
        {
            string basePath = SegmentFileNames.BasePath(_directory, first);
            using (var data = File.Create(basePath + SegmentFileNames.DataExtension))
                data.SetLength((long)perSegment * PayloadSize);
            using var index = new BufferedStream(File.Create(basePath + SegmentFileNames.IndexExtension), 1 << 20);
            var header = new byte[SegmentFileNames.IndexHeaderSize];
            SegmentFileNames.WriteIndexHeader(header, first);
            index.Write(header);
            for (int i = 0; i < perSegment; i++)
            {
                long frame = first + i;
                new IndexEntry(T0 + frame * 1000 / FramesPerSecond, (long)i * PayloadSize, PayloadSize, 0, RecordFlags.KeyFrame, 0).Write(entry);
                index.Write(entry);
            }
        }
        _index = RecordingIndex.Load(_directory);
        if (_index.LastFrame != frames - 1) throw new InvalidOperationException($"generated {_index.LastFrame + 1} frames, expected {frames}");
        long span = (frames - 1) * 1000 / FramesPerSecond;
        _time = T0 + Position switch { "start" => 20, "middle" => span / 2 + 20, _ => span - 20 };
        _engine = new PlaybackEngine(_index, TimeProvider.System, new PlaybackOptions(), DateTimeOffset.FromUnixTimeMilliseconds(T0), 1.0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public long IndexFindAtOrBefore() => _index.FindAtOrBefore(_time);

    [Benchmark]
    public long EngineSeekToAndFirstFrame()
    {
        _engine.SeekTo(DateTimeOffset.FromUnixTimeMilliseconds(_time));
        return _engine.Next()!.FrameNumber;
    }
}
