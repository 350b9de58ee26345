using System.Globalization;
using Camlab.Recording;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;
using Camlab.Server.MobileServer;
using Camlab.Server.Recording;
using Camlab.Server.Tests.Recording;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;
using Xunit;

namespace Camlab.Server.Tests.MobileServer;

/// <summary>Mobile SDK clients show JPEG only: H.264 recordings play back as JPEG at the size asked for.</summary>
public sealed class MobilePlaybackTranscodeTests
{
    [RequiresVideoFact]
    public async Task An_H264_recording_plays_back_to_a_Mobile_client_as_JPEG_at_the_requested_size()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = new RecordingOptions { Enabled = true, Profiles = ["Profile_1"], Fps = 5 } });
        var recorder = rig.Recorder("Profile_1");
        await rig.RecordAsync(recorder, 8);
        var index = recorder.Recorder.Index;
        Assert.True(index.TryGet(index.FirstFrame, out var first));
        Assert.True(first.IsKeyFrame);
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0];
        Assert.Equal("Profile_1", dome.PlaybackProfile);

        var answer = await client.SendAsync("RequestStream", ("CameraId", dome.Id.ToString()), ("SignalType", "Playback"), ("MethodType", "Pull"), ("RequestSize", "Yes"),
            ("DestWidth", "320"), ("DestHeight", "320"), ("ComprLevel", "60"),
            ("SeekType", "Time"), ("Time", first.TimeUtcMs.ToString(CultureInfo.InvariantCulture)));
        Assert.True(answer.Ok, answer.ToString());
        var videoId = Guid.Parse(answer["VideoId"]!);
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("Speed", "1"))).Ok);

        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        using var jpeg = new JpegDecoder();
        var url = rig.BaseUri.ToString().TrimEnd('/') + MobileServerEndpoint.VideoPath + videoId + "/";
        int expectedHeight = (int)Math.Round(320.0 * dome.SourceHeight / dome.SourceWidth);
        for (int i = 0; i < 4; i++)
        {
            using var pulled = await rig.Pump(anonymous.PostAsync(url, null));
            var frame = FrameReader.ReadFrame(await pulled.Content.ReadAsByteArrayAsync(), out _);
            Assert.Equal(videoId, frame.Header.VideoId);
            Assert.Equal(StreamDataType.Jpeg, frame.Header.StreamInfo!.Value.DataType);
            Assert.True(frame.Header.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayForward));
            var payload = frame.Payload.ToArray();
            Assert.Equal([0xFF, 0xD8], payload[..2]);
            var info = jpeg.ReadHeader(payload);
            Assert.Equal((320, expectedHeight), (info.Width, info.Height));
            var size = frame.Header.SizeInfo!.Value;
            Assert.Equal((320, expectedHeight), (size.DestStrideX, size.DestStrideY));
            if (i == 0) Assert.Equal((ulong)first.TimeUtcMs, frame.Header.TimestampUtcMs);
        }

        // A size change on the playing stream applies to the next frames.
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("DestWidth", "160"), ("DestHeight", "160"))).Ok);
        using (var pulled = await rig.Pump(anonymous.PostAsync(url, null)))
        {
            var frame = FrameReader.ReadFrame(await pulled.Content.ReadAsByteArrayAsync(), out _);
            Assert.Equal(160, jpeg.ReadHeader(frame.Payload.ToArray()).Width);
        }
        Assert.True((await client.SendAsync("CloseStream", ("VideoId", videoId.ToString()))).Ok);
    }

    [RequiresVideoFact]
    public async Task A_seek_into_a_GOP_shows_the_frame_of_that_time_first()
    {
        if (!OpenH264Library.IsAvailable) { System.Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = new RecordingOptions { Enabled = true, Profiles = ["Profile_1"], Fps = 5 } });
        var recorder = rig.Recorder("Profile_1");
        await rig.RecordAsync(recorder, 8);
        var index = recorder.Recorder.Index;
        // A frame inside the first GOP (GOV 25 at 5 fps: one key frame every 5 s), not a key frame itself.
        long target = index.FirstFrame + 7;
        Assert.True(index.TryGet(target, out var shown));
        Assert.False(shown.IsKeyFrame);
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0];

        var answer = await client.SendAsync("RequestStream", ("CameraId", dome.Id.ToString()), ("SignalType", "Playback"), ("MethodType", "Pull"),
            ("DestWidth", "320"), ("DestHeight", "320"), ("SeekType", "Time"), ("Time", (shown.TimeUtcMs + 50).ToString(CultureInfo.InvariantCulture)));
        Assert.True(answer.Ok, answer.ToString());
        var videoId = Guid.Parse(answer["VideoId"]!);
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("Speed", "1"))).Ok);

        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        var url = rig.BaseUri.ToString().TrimEnd('/') + MobileServerEndpoint.VideoPath + videoId + "/";
        using var pulled = await rig.Pump(anonymous.PostAsync(url, null));
        var frame = FrameReader.ReadFrame(await pulled.Content.ReadAsByteArrayAsync(), out _);
        // The key frame and the frames after it up to the target were decoded, not sent.
        Assert.Equal((ulong)shown.TimeUtcMs, frame.Header.TimestampUtcMs);
        Assert.Equal(StreamDataType.Jpeg, frame.Header.StreamInfo!.Value.DataType);
        // It answers the seek: the requested time of the decoded-only key frame goes out on the first frame sent.
        Assert.Equal((ulong)(shown.TimeUtcMs + 50), frame.Header.PlaybackRequest!.Value.RequestedTimeStampUtcMs);
    }
}
