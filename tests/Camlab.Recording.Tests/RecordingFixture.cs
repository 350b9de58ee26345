using Camlab.Recording;
using Camlab.Testing;

namespace Camlab.Recording.Tests;

/// <summary>A temporary recording directory on a fake clock, and frames with payloads a test can recompute.</summary>
public sealed class RecordingFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public RecordingFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("camlab-rec-").FullName;

    public string Directory { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public Recorder Open(RecorderOptions? options = null) => Recorder.Open(Directory, options ?? new RecorderOptions(), Clock);

    public static byte[] Payload(long frame) => Enumerable.Range(0, 50 + (int)(frame % 13)).Select(k => (byte)(frame * 3 + k)).ToArray();

    /// <summary>Appends <paramref name="count"/> frames <paramref name="intervalMs"/> apart (the clock advances after each).</summary>
    public List<RecordedFrame> Record(Recorder recorder, int count, int intervalMs = 40, int keyEvery = 1, Func<int, uint>? motion = null)
    {
        var frames = new List<RecordedFrame>();
        for (int i = 0; i < count; i++)
        {
            frames.Add(recorder.Append(Payload(recorder.NextFrameNumber), isKeyFrame: i % keyEvery == 0, motionAmount: motion?.Invoke(i) ?? 0));
            Clock.Advance(TimeSpan.FromMilliseconds(intervalMs));
        }
        return frames;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
