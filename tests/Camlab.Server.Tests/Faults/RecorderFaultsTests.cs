using Camlab.Device.Faults;
using Camlab.Recording;
using Camlab.Recording.Playback;
using Camlab.Rendering;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.Rendering.Scenes;
using Camlab.Server.Faults;
using Camlab.Server.Recording;
using Camlab.Server.Streaming;
using Camlab.Server.Tests.Streaming;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Faults;

/// <summary>
/// DiskFull / DatabaseFail: while one acts the recorder appends nothing (the frames are counted as refused, the recording
/// shows the gap as RangeNoData), says so once, and live video channel frames carry the protocol's flag; cleared, it
/// records again and the flag goes (ChangedFlags marks both edges). The clock is fake: one tick per frame.
/// </summary>
public sealed class RecorderFaultsTests : IDisposable
{
    private readonly TempFolder _folder = new("camlab-recorder-faults-");

    public void Dispose() => _folder.Dispose();

    private sealed class Rig : IDisposable
    {
        public readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        public readonly RenderKey Key;
        public readonly RecorderFaults Faults = new();
        public readonly List<string> Warnings = new();
        public readonly RenderHub Hub;
        public readonly ProfileRecorder Recording;
        private long _produced = 1; // the first frame comes as the recorder subscribes

        public Rig(string directory, RenderKey? key = null)
        {
            Key = key ?? new("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 25);
            Hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(),
                new EventBusAnalysisReporter(new Device.Events.EventBus()), Time, ["VideoSource_1"], () => false, e => throw e);
            var options = new RecorderOptions();
            Recording = new ProfileRecorder("Profile_1", Key, 25, Recorder.Open(directory, options, Time), options, Hub, Time, e => throw e,
                w => { lock (Warnings) Warnings.Add(w); }, faults: Faults);
            Assert.True(SpinWait.SpinUntil(() => Hub.FramesProduced(Key) >= 1, TimeSpan.FromSeconds(30)));
            Handled();
        }

        /// <summary>One frame period: the loop renders a frame and the recorder appends or refuses it.</summary>
        public void Frame()
        {
            Time.Advance(TimeSpan.FromMilliseconds(40));
            _produced++;
            Assert.True(SpinWait.SpinUntil(() => Hub.FramesProduced(Key) >= _produced, TimeSpan.FromSeconds(30)), "the loop renders each tick");
            Handled();
        }

        private void Handled() =>
            Assert.True(SpinWait.SpinUntil(() => Recording.FramesWritten + Recording.FramesRefused + Recording.FramesAwaitingKeyFrame >= _produced,
                TimeSpan.FromSeconds(30)),
                $"{Recording.FramesWritten} written + {Recording.FramesRefused} refused + {Recording.FramesAwaitingKeyFrame} awaiting a key frame of {_produced}");

        public List<PlaybackFrame> Played()
        {
            var engine = new PlaybackEngine(Recording.Recorder.Index, Time, new PlaybackOptions { VideoId = Guid.NewGuid() }, DateTimeOffset.UnixEpoch, 1.0);
            var frames = new List<PlaybackFrame>();
            while (engine.Next() is { } frame) frames.Add(frame);
            return frames;
        }

        public void Dispose()
        {
            Recording.Dispose();
            Hub.Dispose();
        }
    }

    private static List<int> Gaps(List<PlaybackFrame> frames) =>
        frames.Select((f, i) => (f, i)).Where(x => (x.f.Flags & PlaybackFlags.RangeNoData) != 0).Select(x => x.i).ToList();

    [Fact]
    public void A_full_disk_refuses_every_frame_while_it_acts_and_the_recording_shows_the_gap()
    {
        using var rig = new Rig(_folder.Path);
        for (int i = 0; i < 4; i++) rig.Frame();
        Assert.Equal(5, rig.Recording.FramesWritten);
        Assert.True(rig.Recording.IsRecording);

        var full = new RecorderFault.DiskFull(null);
        rig.Faults.Begin(full);
        for (int i = 0; i < 6; i++) rig.Frame();
        Assert.Equal(5, rig.Recording.FramesWritten);
        Assert.Equal(6, rig.Recording.FramesRefused);
        Assert.False(rig.Recording.IsRecording); // the live Recording flag drops
        Assert.Equal(0, rig.Recording.FramesDropped); // refused, not lost to a slow disk

        rig.Faults.End(full);
        for (int i = 0; i < 3; i++) rig.Frame();
        Assert.Equal(8, rig.Recording.FramesWritten);
        Assert.Equal(6, rig.Recording.FramesRefused);
        Assert.True(rig.Recording.IsRecording);
        lock (rig.Warnings)
        {
            Assert.Equal(2, rig.Warnings.Count);
            Assert.Contains("recording Profile_1 stopped", rig.Warnings[0]);
            Assert.Contains("the recording disk is full", rig.Warnings[0]);
            Assert.Contains("recording Profile_1 resumed", rig.Warnings[1]);
        }

        var played = rig.Played();
        Assert.Equal(8, played.Count);
        Assert.Equal([5], Gaps(played));
        Assert.Equal(7 * 40ul, played[5].Header.TimestampUtcMs - played[4].Header.TimestampUtcMs); // six refused frames between them
    }

    [Fact]
    public void After_a_refusal_in_the_middle_of_an_h264_gop_the_next_recorded_sequence_starts_at_a_key_frame()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        const int gop = 10;
        using var rig = new Rig(_folder.Path,
            new RenderKey("VideoSource_1", 160, 96, null, VideoCodec.H264, 60, new H264Parameters(25, gop, H264CodingProfile.Main, 500, false)));
        for (int i = 0; i < 2; i++) rig.Frame(); // the IDR and two predicted frames

        var full = new RecorderFault.DiskFull(null);
        rig.Faults.Begin(full);
        for (int i = 0; i < 2; i++) rig.Frame(); // frames 3 and 4 of the GOP are refused
        rig.Faults.End(full);
        for (int i = 0; i < 4; i++) rig.Frame();

        // Frame 5 is predicted from a picture the recording does not hold: it is lost to the gap, and the render loop is
        // asked for a key frame at once (long before the GOP's own at frame 10).
        Assert.Equal(1, rig.Recording.FramesAwaitingKeyFrame);
        Assert.Equal(3 + 3, rig.Recording.FramesWritten);
        var played = rig.Played();
        Assert.Equal([3], Gaps(played));
        Assert.Equal([true, false, false, true, false, false], played.Select(f => f.Entry.IsKeyFrame));
        Assert.Equal(StreamInfoFlags.KeyFrame, played[3].Header.StreamInfo!.Value.Flags & StreamInfoFlags.KeyFrame);

        // Each sequence decodes from its own first frame, as a playback that starts there (or seeks to it) decodes it.
        foreach (var sequence in new[] { played.Take(3), played.Skip(3) })
        {
            using var decoder = new H264Decoder();
            foreach (var frame in sequence) Assert.NotNull(decoder.Decode(frame.Payload));
        }
    }

    [Fact]
    public void A_fault_on_another_profile_leaves_this_recorder_alone()
    {
        using var rig = new Rig(_folder.Path);
        rig.Faults.Begin(new RecorderFault.DatabaseFail("Profile_2"));
        for (int i = 0; i < 3; i++) rig.Frame();
        Assert.Equal(4, rig.Recording.FramesWritten);
        Assert.Equal(0, rig.Recording.FramesRefused);
        Assert.Equal(LiveFlags.DatabaseFail, rig.Faults.Flags); // the camera's live frames still say its database fails
    }

    [Fact]
    public void A_scheduled_database_failure_refuses_exactly_the_frames_of_its_window_on_the_camera_clock()
    {
        using var rig = new Rig(_folder.Path);
        using var scheduler = new FaultScheduler(rig.Time);
        var instruction = FaultInstruction.Parse("Profile_1/DatabaseFail=on;after=190ms;for=200ms");
        var fault = RecorderFault.From(instruction, "DatabaseFail", "Profile_1")!;
        scheduler.Set("Profile_1/DatabaseFail", instruction, () => rig.Faults.Begin(fault), () => rig.Faults.End(fault));
        var refusedAt = new List<int>();
        for (int i = 1; i <= 15; i++)
        {
            var before = rig.Recording.FramesRefused;
            rig.Frame();
            if (rig.Recording.FramesRefused > before) refusedAt.Add(i);
        }
        // Frames every 40 ms from t=0: the fault acts from 190 ms (frame 5 at 200 ms is the first refused) until 390 ms (frame 10 at 400 ms is recorded).
        Assert.Equal([5, 6, 7, 8, 9], refusedAt);
        Assert.Equal(16 - 5, rig.Recording.FramesWritten);
        Assert.Equal([5], Gaps(rig.Played()));
        Assert.Equal(0, (int)rig.Faults.Flags);
    }

    [Fact]
    public async Task Live_video_channel_frames_carry_the_flag_while_the_fault_acts_with_changed_flags_on_both_edges()
    {
        var time = new FakeTimeProvider();
        var faults = new RecorderFaults();
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), new TestViewState(),
            new EventBusAnalysisReporter(new Device.Events.EventBus()), time, ["VideoSource_1"], () => false, e => throw e);
        using var stream = new VideoStream(Guid.NewGuid(), "Profile_1", "VideoSource_1", 1920, 1080, new StreamSettings(160, 90, 10, 70, null), hub)
        {
            RecorderFlags = () => faults.Flags,
        };
        async Task<LiveInfo> Next()
        {
            for (var tick = 0; tick < 200; tick++)
            {
                if (stream.Sink.TryRead(out var frame)) return FrameReader.ReadFrame(stream.Compose(frame)).Header.LiveInfo!.Value;
                time.Advance(0.1);
                for (var wait = 0; wait < 100 && stream.Sink.Queued == 0; wait++) await Task.Delay(2);
            }
            throw new TimeoutException("no frame");
        }
        await Next();
        Assert.Equal(LiveFlags.None, (await Next()).CurrentFlags & (LiveFlags.DiskFull | LiveFlags.DatabaseFail));

        var full = new RecorderFault.DiskFull(null);
        faults.Begin(full);
        var first = await Next();
        Assert.Equal(LiveFlags.DiskFull, first.CurrentFlags & (LiveFlags.DiskFull | LiveFlags.DatabaseFail));
        Assert.Equal(LiveFlags.DiskFull, first.ChangedFlags & LiveFlags.DiskFull);
        var second = await Next();
        Assert.Equal(LiveFlags.DiskFull, second.CurrentFlags & LiveFlags.DiskFull);
        Assert.Equal(LiveFlags.None, second.ChangedFlags & LiveFlags.DiskFull);

        var database = new RecorderFault.DatabaseFail("Profile_1");
        faults.Begin(database);
        Assert.Equal(LiveFlags.DiskFull | LiveFlags.DatabaseFail, (await Next()).CurrentFlags & (LiveFlags.DiskFull | LiveFlags.DatabaseFail));
        faults.End(full);
        faults.End(database);
        var cleared = await Next();
        Assert.Equal(LiveFlags.None, cleared.CurrentFlags & (LiveFlags.DiskFull | LiveFlags.DatabaseFail));
        Assert.Equal(LiveFlags.DiskFull | LiveFlags.DatabaseFail, cleared.ChangedFlags & (LiveFlags.DiskFull | LiveFlags.DatabaseFail));
        Assert.Equal(LiveFlags.LiveFeed, cleared.CurrentFlags & LiveFlags.LiveFeed);
    }
}
