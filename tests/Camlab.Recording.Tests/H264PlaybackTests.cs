using Camlab.Recording.Playback;
using Camlab.VideoChannel;

namespace Camlab.Recording.Tests;

/// <summary>
/// An H.264 recording (frame facts name H264; a key frame every four frames, as a GOP of 4): playback starts and seeks
/// on the key frame a decoder needs, frame steps still move one frame, and an export-style forward play keeps whole GOPs.
/// </summary>
public sealed class H264PlaybackTests : IDisposable
{
    private readonly RecordingFixture _f = new();
    private readonly Recorder _recorder;
    private readonly long _t0 = RecordingFixture.Start.ToUnixTimeMilliseconds();

    public H264PlaybackTests()
    {
        _recorder = _f.Open();
        var facts = new FrameFacts(StreamDataType.H264, new SizeInfo(1920, 1080, 0, 0, 1920, 1080, 640, 360, 3_000_000), 0, 0, 60, 0, null);
        for (int i = 0; i < 12; i++)
        {
            _recorder.Append(RecordingFixture.Payload(i), isKeyFrame: i % 4 == 0, 0, _f.Clock.GetUtcNow(), facts, "");
            _f.Clock.Advance(TimeSpan.FromMilliseconds(40));
        }
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _f.Dispose();
    }

    private PlaybackEngine Play(long atMs) =>
        new(_recorder.Index, _f.Clock, new PlaybackOptions { VideoId = Guid.NewGuid() }, DateTimeOffset.FromUnixTimeMilliseconds(atMs), 1.0);

    [Fact]
    public void Playback_from_the_middle_of_a_GOP_starts_at_its_key_frame()
    {
        var engine = Play(_t0 + 40 * 6); // frame 6: its GOP starts at frame 4
        var first = engine.Next()!;
        Assert.Equal(_recorder.Index.FirstFrame + 4, first.FrameNumber);
        Assert.True(first.Entry.IsKeyFrame);
        Assert.Equal(StreamDataType.H264, first.Header.StreamInfo!.Value.DataType);
        Assert.True(first.Header.StreamInfo!.Value.IsKeyFrame);
    }

    [Fact]
    public void A_seek_lands_on_a_key_frame_and_frame_steps_move_one_frame()
    {
        var engine = Play(_t0);
        Assert.True(engine.Next()!.Entry.IsKeyFrame);
        engine.SeekTo(DateTimeOffset.FromUnixTimeMilliseconds(_t0 + 40 * 11));
        var sought = engine.Next()!;
        Assert.Equal(_recorder.Index.FirstFrame + 8, sought.FrameNumber);
        engine.SeekToNextFrame();
        Assert.Equal(_recorder.Index.FirstFrame + 9, engine.Next()!.FrameNumber);
    }

    [Fact]
    public void Forward_play_keeps_every_frame_of_each_GOP_in_order()
    {
        var engine = Play(_t0 + 40 * 2);
        var frames = new List<long>();
        for (int i = 0; i < 20 && frames.Count < 12; i++)
        {
            _f.Clock.Advance(TimeSpan.FromMilliseconds(40));
            while (engine.Next() is { } frame) { frames.Add(frame.FrameNumber - _recorder.Index.FirstFrame); if (frames.Count >= 12) break; }
        }
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), frames);
    }
}
