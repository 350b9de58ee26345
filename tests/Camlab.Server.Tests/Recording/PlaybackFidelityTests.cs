using System.Text;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Recording;

/// <summary>
/// A played-back frame is the frame that was live: through the real host on the fake clock, a live viewer and the
/// recorder share one render loop, and each recorded frame plays back with the live frame's payload, capture time,
/// size and crop, azimuth and privacy mask (which playback now sends too).
/// </summary>
public sealed class PlaybackFidelityTests
{
    private sealed record Seen(byte[] Payload, FrameHeader Header, string Mask);

    /// <summary>Reads frames, tracking the privacy mask in force as a client does (the header comes on changes only).</summary>
    private static async Task<List<Seen>> ReceiveAsync(StreamingRig rig, System.Net.WebSockets.ClientWebSocket socket, int count, Action<int>? between = null)
    {
        var seen = new List<Seen>();
        string mask = "";
        for (int i = 0; i < count; i++)
        {
            between?.Invoke(i);
            var bytes = await rig.ReceiveFrameAsync(socket);
            var frame = FrameReader.ReadFrame(bytes, out _);
            if (frame.Header.NativeData is { } native && native.Flags.HasFlag(NativeDataFlags.PrivacyMask))
                mask = Encoding.ASCII.GetString(frame.PrivacyMask);
            seen.Add(new Seen(frame.Payload.ToArray(), frame.Header, mask));
        }
        return seen;
    }

    [Fact]
    public async Task A_played_back_frame_carries_the_live_frames_capture_time_size_azimuth_and_mask()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        var state = rig.State!;
        state.Pose = new ViewPose(30, -5);
        // The recorder renders Profile_2 at its encoder's size; a live stream of the same size and rate shares its loop.
        var live = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 5 });
        using var socket = await rig.ConnectAsync(live.GetProperty("urls").GetProperty("webSocket").GetString()!);
        var hub = rig.Server.Host.Cameras[0].Video!.Hub;
        Assert.Equal(1, hub.LoopCount);
        var liveFrames = await ReceiveAsync(rig, socket, 12, i =>
        {
            if (i == 4) state.Masks = [new PrivacyMask([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(5, 0)])];
            if (i == 6) state.Pose = new ViewPose(75, -5);
            if (i == 9) state.Masks = [];
        });
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);

        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)liveFrames[0].Header.TimestampUtcMs);
        var played = await rig.CreatePlaybackAsync(new { mode = "playback", profile = "Profile_2", start = RecordingRig.Iso(start), speed = 8 });
        using var playback = await rig.ConnectAsync(played.GetProperty("urls").GetProperty("webSocket").GetString()!);
        var recorded = rig.Recorder().Recorder.Index;
        long available = recorded.LastFrame - recorded.FindAtOrBefore(start.ToUnixTimeMilliseconds()) + 1;
        var playedFrames = await ReceiveAsync(rig, playback, (int)Math.Min(available, 14));

        // Every rendered frame has its own noise, so equal payloads mean the same frame.
        var byPayload = playedFrames.GroupBy(f => Convert.ToBase64String(f.Payload)).ToDictionary(g => g.Key, g => g.First());
        int matched = 0;
        var azimuths = new HashSet<double>();
        var masks = new HashSet<string>();
        foreach (var l in liveFrames)
        {
            if (!byPayload.TryGetValue(Convert.ToBase64String(l.Payload), out var p)) continue;
            matched++;
            Assert.Equal(l.Header.TimestampUtcMs, p.Header.TimestampUtcMs); // the capture time, not when it was recorded
            Assert.Equal(l.Header.SizeInfo, p.Header.SizeInfo);
            Assert.Equal(l.Header.LocationInfo!.Value.AzimuthDegrees, p.Header.LocationInfo!.Value.AzimuthDegrees, 9);
            Assert.Equal(l.Mask, p.Mask);
            Assert.Equal(l.Header.StreamInfo!.Value.DataType, p.Header.StreamInfo!.Value.DataType);
            Assert.Equal(l.Header.StreamInfo!.Value.IsKeyFrame, p.Header.StreamInfo!.Value.IsKeyFrame);
            azimuths.Add(l.Header.LocationInfo!.Value.AzimuthDegrees);
            masks.Add(l.Mask);
        }
        // Enough frames matched, across the pan and both mask changes, for the comparison to mean something.
        Assert.True(matched >= 8, $"only {matched} of {liveFrames.Count} live frames were found in the playback");
        Assert.Equal(2, azimuths.Count);
        Assert.Equal(2, masks.Count);
    }
}
