using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Recording;

/// <summary>
/// Record through the real host on the fake clock, then play the recording back over the video channel: playback
/// headers on every frame, no live header, ChangeStream by PATCH (seek, pause, bad bodies change nothing).
/// </summary>
public sealed class PlaybackHostTests
{
    [Fact]
    public async Task Recorded_frames_play_back_over_websocket_with_playback_headers_and_seek_out_of_range()
    {
        var data = RecordingRig.NewDataDirectory();
        try
        {
            await using var rig = await RecordingRig.RecordTwoSequencesAsync(data, 5);
            var recorder = rig.Recorder();
            await rig.RecordAsync(recorder, 3);
            var index = recorder.Recorder.Index;
            Assert.True(index.TryGet(index.FirstFrame, out var first));
            // The first host wrote at least 5 frames (one more may have been rendering when it stopped).
            int k = 0;
            while (index.TryGet(index.FirstFrame + k, out var e) && e.SequenceId == first.SequenceId) k++;
            Assert.InRange(k, 5, 6);
            Assert.True(index.TryGet(index.FirstFrame + k - 1, out var lastOfFirstSequence));
            Assert.True(index.TryGet(index.FirstFrame + k, out var firstOfSecond));
            Assert.True(index.TryGet(index.FirstFrame + k + 1, out _));

            var created = await rig.CreatePlaybackAsync(new { mode = "playback", profile = "Profile_2", start = RecordingRig.Iso(DateTimeOffset.FromUnixTimeMilliseconds(first.TimeUtcMs)) });
            Assert.Equal("playback", created.GetProperty("mode").GetString());
            var videoId = created.GetProperty("videoId").GetGuid();
            using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);

            var headers = new List<FrameHeader>();
            for (int i = 0; i < k + 2; i++)
            {
                var bytes = await rig.ReceiveFrameAsync(socket);
                var frame = FrameReader.ReadFrame(bytes, out _);
                Assert.True(StreamingRig.IsJpeg(frame.Payload));
                headers.Add(frame.Header);
            }
            for (int i = 0; i < headers.Count; i++)
            {
                var h = headers[i];
                Assert.Equal(videoId, h.VideoId);
                Assert.Equal((uint)(i + 1), h.FrameCount);
                Assert.Null(h.LiveInfo);     // live-only headers are absent in playback
                // The recorded frame's facts are sent as they were live (PlaybackFidelityTests compares them).
                Assert.Equal(640, h.SizeInfo!.Value.DestStrideX);
                Assert.NotNull(h.LocationInfo);
                var flags = h.PlaybackInfo!.Value.CurrentFlags;
                Assert.True(flags.HasFlag(PlaybackFlags.PlayForward), $"frame {i + 1}: {flags}");
                Assert.Equal(i == 0, flags.HasFlag(PlaybackFlags.DatabaseStart));
                Assert.Equal(i == k, flags.HasFlag(PlaybackFlags.RangeNoData)); // the first frame after the gap
                var native = h.NativeData!.Value;
                Assert.True(native.Flags.HasFlag(NativeDataFlags.Sequence));
                Assert.True(native.Flags.HasFlag(NativeDataFlags.PlaybackSync)); // every recorded JPEG is a sync point
                Assert.Equal(i < k ? first.SequenceId : firstOfSecond.SequenceId, native.SequenceId);
                Assert.Equal(i == 0, h.PlaybackRequest is not null);
                index.TryGet(index.FirstFrame + i, out var recorded);
                Assert.Equal((ulong)recorded.TimeUtcMs, h.TimestampUtcMs);
            }
            Assert.Equal((ulong)first.TimeUtcMs, headers[0].PlaybackRequest!.Value.RequestedTimeStampUtcMs);
            // Sync time stamps name the neighbouring sync points (every frame is one), across the gap too.
            Assert.Equal((headers[0].TimestampUtcMs, headers[2].TimestampUtcMs),
                (headers[1].NativeData!.Value.PreviousSyncTimeStamp, headers[1].NativeData!.Value.NextSyncTimeStamp));
            Assert.Equal((ulong)lastOfFirstSequence.TimeUtcMs, headers[k].NativeData!.Value.PreviousSyncTimeStamp);
            Assert.True(headers[0].NativeData!.Value.Flags.HasFlag(NativeDataFlags.Signature)); // signed recording: first frame says so

            // A seek before the recording lands on its first frame, flagged OutOfRange, with the requested time.
            var before = DateTimeOffset.FromUnixTimeMilliseconds(first.TimeUtcMs).AddHours(-1);
            var (status, _) = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { seek = "time", time = RecordingRig.Iso(before) });
            Assert.Equal(HttpStatusCode.OK, status);
            var seeked = await NextMatchingAsync(rig, socket, h => h.PlaybackRequest is not null);
            Assert.True(seeked.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.OutOfRange));
            Assert.True(seeked.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.DatabaseStart));
            Assert.Equal((ulong)before.ToUnixTimeMilliseconds(), seeked.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
            Assert.Equal((ulong)first.TimeUtcMs, seeked.TimestampUtcMs);

            // Pause: the current frame once more, flagged PlayStopped.
            (status, _) = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { pause = true });
            Assert.Equal(HttpStatusCode.OK, status);
            var paused = await NextMatchingAsync(rig, socket, h => h.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayStopped));
            Assert.True(paused.PlaybackInfo!.Value.ChangedFlags.HasFlag(PlaybackFlags.PlayStopped));

            // Bad bodies: 400 naming the member, nothing changes (still paused at speed 0).
            var bad = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { seek = "sideways" });
            Assert.Equal((HttpStatusCode.BadRequest, "seek"), (bad.Status, bad.Body.GetProperty("field").GetString()));
            bad = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { seek = "databaseEnd", time = RecordingRig.Iso(before) });
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            bad = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { speed = 2, pause = true });
            Assert.Equal((HttpStatusCode.BadRequest, "pause"), (bad.Status, bad.Body.GetProperty("field").GetString()));
            bad = await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{videoId}", new { width = 320 });
            Assert.Equal((HttpStatusCode.BadRequest, "width"), (bad.Status, bad.Body.GetProperty("field").GetString()));
            var described = await rig.Client.GetFromJsonAsync<JsonElement>($"/api/v1/streams/{videoId}");
            Assert.Equal(0, described.GetProperty("speed").GetDouble());

            // DELETE ends the WebSocket with a close frame.
            Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync($"/api/v1/streams/{videoId}")).StatusCode);
            await Assert.ThrowsAsync<WebSocketException>(() => rig.ReceiveFrameAsync(socket));
        }
        finally { RecordingRig.Delete(data); }
    }

    [Fact]
    public async Task Pull_serves_one_frame_per_request_and_204_when_paused_after_the_current_frame()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        var recorder = rig.Recorder();
        await rig.RecordAsync(recorder, 3);
        var created = await rig.CreatePlaybackAsync(new { mode = "playback", profile = "Profile_2", speed = -1.0,
            start = recorder.Recorder.Index.TryGet(recorder.Recorder.Index.LastFrame, out var last) ? last.TimeUtcMs : 0 });
        var pull = created.GetProperty("urls").GetProperty("pull").GetString()!;

        var one = await rig.Client.PostAsync(pull, null);
        var header = StreamingRig.Header(await one.Content.ReadAsByteArrayAsync());
        Assert.Equal((ulong)last.TimeUtcMs, header.TimestampUtcMs);
        Assert.True(header.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayBackward));
        var two = StreamingRig.Header(await (await rig.Client.PostAsync(pull, null)).Content.ReadAsByteArrayAsync());
        Assert.True(two.TimestampUtcMs < header.TimestampUtcMs); // backwards

        var id = created.GetProperty("videoId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await rig.SendJsonAsync(HttpMethod.Patch, $"/api/v1/streams/{id}", new { speed = 0 })).Status);
        var stopped = StreamingRig.Header(await (await rig.Client.PostAsync(pull, null)).Content.ReadAsByteArrayAsync());
        Assert.True(stopped.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayStopped));
        Assert.Equal(two.TimestampUtcMs, stopped.TimestampUtcMs);
        Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.PostAsync(pull, null)).StatusCode);
    }

    [Fact]
    public async Task Http_push_sends_recorded_frames_back_to_back_at_double_speed()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        var recorder = rig.Recorder();
        await rig.RecordAsync(recorder, 4);
        var created = await rig.CreatePlaybackAsync(new { mode = "playback", profile = "Profile_2", speed = 2.0 });
        using var response = await rig.Pump(rig.Client.GetAsync(created.GetProperty("urls").GetProperty("httpPush").GetString()!, HttpCompletionOption.ResponseHeadersRead));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var reader = new FrameStreamReader(body, leaveOpen: true);
        var index = recorder.Recorder.Index;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await rig.Pump(reader.ReadNextAsync().AsTask(), step: 0.02));
            var header = StreamingRig.Header(reader.FrameBytes.ToArray());
            index.TryGet(index.FirstFrame + i, out var recorded);
            Assert.Equal((ulong)recorded.TimeUtcMs, header.TimestampUtcMs); // no start: the database start
            Assert.True(header.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayForward));
            Assert.Null(header.LiveInfo);
        }
        // A second push connection to the same stream is refused.
        var second = await rig.Client.GetAsync(created.GetProperty("urls").GetProperty("httpPush").GetString()!, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task Playback_requests_are_checked()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        await rig.RecordAsync(rig.Recorder(), 1);
        var cases = new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { mode = "playback" }, HttpStatusCode.BadRequest, "profile"),
            (new { mode = "playback", profile = "Profile_3" }, HttpStatusCode.NotFound, "profile"), // never recorded
            (new { mode = "playback", profile = "../camera-1" }, HttpStatusCode.BadRequest, "profile"),
            (new { mode = "playback", profile = "Profile_2", start = "yesterday" }, HttpStatusCode.BadRequest, "start"),
            (new { mode = "playback", profile = "Profile_2", speed = 1000 }, HttpStatusCode.BadRequest, "speed"),
            (new { mode = "playback", profile = "Profile_2", width = 320 }, HttpStatusCode.BadRequest, "width"),
            (new { mode = "rewind", profile = "Profile_2" }, HttpStatusCode.BadRequest, "mode"),
        };
        foreach (var (body, expected, field) in cases)
        {
            var (status, answer) = await rig.SendJsonAsync(HttpMethod.Post, "/api/v1/streams", body);
            Assert.True((expected, field) == (status, answer.GetProperty("field").GetString()), $"{JsonSerializer.Serialize(body)} → {status} {answer}");
        }
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Recordings!.PlaybackCount);
        // A live stream may say so explicitly.
        var live = await rig.CreateStreamAsync(new { mode = "live", profile = "Profile_2" });
        Assert.False(live.TryGetProperty("mode", out _));
    }

    private static async Task<FrameHeader> NextMatchingAsync(StreamingRig rig, ClientWebSocket socket, Func<FrameHeader, bool> match)
    {
        for (int i = 0; i < 4; i++)
        {
            var header = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
            Assert.Null(header.LiveInfo);
            if (match(header)) return header;
        }
        throw new Xunit.Sdk.XunitException("the change was not delivered within 4 frames");
    }
}
