using System.Net;
using System.Net.WebSockets;
using Camlab.Server.MobileServer;
using Camlab.Server.Tests.Recording;
using Camlab.Server.Tests.Streaming;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.MobileServer;

/// <summary>
/// RequestStream → /XProtectMobile/Video/{VideoId} → CloseStream at byte level, over the same pump as /video/{id}:
/// live (pull and WebSocket push) with the headers the request asked for, playback with its flags, and thumbnails.
/// </summary>
public sealed class MobileVideoChannelTests
{
    private static string VideoUrl(StreamingRig rig, string videoId, bool webSocket = false) =>
        (webSocket ? rig.BaseUri.ToString().Replace("http", "ws", StringComparison.Ordinal) : rig.BaseUri.ToString()).TrimEnd('/')
        + MobileServerEndpoint.VideoPath + videoId + "/";

    [RequiresVideoFact]
    public async Task A_requested_live_stream_is_pulled_and_pushed_with_its_headers_and_ends_with_CloseStream()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var wide = MobileCamera.All(rig.Server.Host.Cameras)[1];
        var answer = await client.SendAsync("RequestStream", ("CameraId", wide.Id.ToString()), ("DestWidth", "320"), ("DestHeight", "240"),
            ("SignalType", "Live"), ("MethodType", "Pull"), ("Fps", "10"), ("ComprLevel", "70"), ("RequestSize", "Yes"), ("StreamType", "Transcoded"));
        Assert.True(answer.Ok, answer.ToString());
        var videoId = answer["VideoId"]!;

        // Pull: one POST, one frame. No HTTP authentication: the Video ID of a live connection is the capability.
        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        using var pulled = await rig.Pump(anonymous.PostAsync(VideoUrl(rig, videoId), null));
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        var bytes = await pulled.Content.ReadAsByteArrayAsync();
        var frame = FrameReader.ReadFrame(bytes, out int consumed);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(Guid.Parse(videoId), frame.Header.VideoId);
        Assert.True(StreamingRig.IsJpeg(frame.Payload));
        var size = frame.Header.SizeInfo!.Value;
        Assert.Equal((3840, 2160, 320, 180), (size.SrcStrideX, size.SrcStrideY, size.DestStrideX, size.DestStrideY));
        Assert.NotNull(frame.Header.LiveInfo);
        Assert.Equal(Camlab.Server.Streaming.FrameCodec.DataType(Camlab.Rendering.Encoding.VideoCodec.Jpeg), frame.Header.StreamInfo!.Value.DataType);
        // Nothing in RequestStream asks for native data or location (the web SDK's parser misreads both).
        Assert.Equal(HeaderExtensionFlags.None, frame.Header.HeaderExtensionFlags & (HeaderExtensionFlags.NativeData | HeaderExtensionFlags.LocationInfo));
        var pulledCount = frame.Header.FrameCount;

        // WebSocket push, one binary message per frame.
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(VideoUrl(rig, videoId, webSocket: true)), CancellationToken.None);
        var pushedBytes = await rig.ReceiveFrameAsync(socket);
        var pushed = StreamingRig.Header(pushedBytes);
        Assert.Equal(Guid.Parse(videoId), pushed.VideoId);
        Assert.True(pushed.FrameCount > pulledCount);

        Assert.True((await client.SendAsync("CloseStream", ("VideoId", videoId))).Ok);
        var buffer = new byte[1024];
        var end = await rig.Pump(Drain(socket, buffer));
        Assert.Equal(WebSocketMessageType.Close, end);
        using var gone = await anonymous.PostAsync(VideoUrl(rig, videoId), null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<WebSocketMessageType> Drain(ClientWebSocket socket, byte[] buffer)
    {
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) return r.MessageType;
        }
    }

    [RequiresVideoFact]
    public async Task Without_RequestSize_frames_carry_no_size_header_and_the_stream_API_ids_are_not_served_here()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var wide = MobileCamera.All(rig.Server.Host.Cameras)[1];
        var videoId = (await client.SendAsync("RequestStream", ("CameraId", wide.Id.ToString()), ("MethodType", "Pull")))["VideoId"]!;
        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        using var pulled = await rig.Pump(anonymous.PostAsync(VideoUrl(rig, videoId), null));
        var frame = FrameReader.ReadFrame(await pulled.Content.ReadAsByteArrayAsync(), out _);
        Assert.Null(frame.Header.SizeInfo);
        Assert.NotNull(frame.Header.StreamInfo);
        // A stream of the Digest-protected stream API is no command channel stream.
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        using var other = await anonymous.PostAsync(VideoUrl(rig, created.GetProperty("videoId").GetString()!), null);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var garbage = await anonymous.GetAsync(MobileServerEndpoint.VideoPath + "not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
    }

    [RequiresVideoFact]
    public async Task GetThumbnail_answers_a_jpeg_of_the_camera_in_base64()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var wide = MobileCamera.All(rig.Server.Host.Cameras)[1];
        var answer = await rig.Pump(client.SendAsync("GetThumbnail", ("CameraId", wide.Id.ToString()), ("ComprLevel", "70"), ("DestWidth", "160"), ("DestHeight", "160")));
        Assert.True(answer.Ok, answer.ToString());
        var jpeg = Convert.FromBase64String(answer.Command.Element("Thumbnail")!.Value);
        Assert.True(StreamingRig.IsJpeg(jpeg));
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
    }

    [RequiresVideoFact]
    public async Task A_recording_is_listed_timed_sequenced_played_back_with_its_flags_and_steered_by_ChangeStream()
    {
        await using var rig = await StreamingRig.StartAsync(configure: o => o with { Recording = RecordingRig.Profile2 });
        var recorder = rig.Recorder();
        await rig.RecordAsync(recorder, 6);
        var index = recorder.Recorder.Index;
        Assert.True(index.TryGet(index.FirstFrame, out var first));
        var client = await MobileClient.LoggedInAsync(rig.Client);
        // The dome streams Profile_1; its sub stream Profile_2 (same source) is the recorded one.
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0];
        Assert.Equal("Profile_2", dome.PlaybackProfile);

        var start = await client.SendAsync("GetRecordingTime", ("CameraId", dome.Id.ToString()), ("SeekType", "DbStart"));
        Assert.Equal(first.TimeUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture), start["Time"]);
        var sequences = await client.SendAsync("GetSequences", ("ItemId", dome.Id.ToString()), ("SeqType", "Recording"), ("Time", first.TimeUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("AfterTime", "3600"), ("AfterCount", "10"), ("ItemKind", "Camera"));
        var sequence = Assert.Single(sequences.Command.Element("Sequences")!.Elements("Sequence"));
        Assert.Equal(first.TimeUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture), sequence.Attribute("StartTime")!.Value);
        (await client.SendAsync("GetSequences", ("ItemId", dome.Id.ToString()), ("SeqType", "Motion"), ("Time", "0"))).AssertError(MobileServerError.NotImplemented);
        var wide = MobileCamera.All(rig.Server.Host.Cameras)[1];
        (await client.SendAsync("GetRecordingTime", ("CameraId", wide.Id.ToString()))).AssertError(MobileServerError.NoRecordingsFound);

        var answer = await client.SendAsync("RequestStream", ("CameraId", dome.Id.ToString()), ("SignalType", "Playback"), ("MethodType", "Pull"), ("RequestSize", "Yes"),
            ("SeekType", "Time"), ("Time", first.TimeUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(answer.Ok, answer.ToString());
        Assert.Equal("No", answer["PTZ"]);
        var videoId = Guid.Parse(answer["VideoId"]!);
        var played = rig.Server.Host.Cameras[0].Video!.Recordings!.FindPlayback(videoId)!;
        Assert.Equal(0, played.Engine.Speed);

        (await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("DestWidth", "100"))).AssertError(MobileServerError.NotFullyImplemented);
        (await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("SeekType", "Sideways"))).AssertError(MobileServerError.WrongInputParameter);
        (await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("SeekType", "Time"))).AssertError(MobileServerError.WrongInputParameter);
        (await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("Speed", "fast"))).AssertError(MobileServerError.WrongInputParameter);
        Assert.Equal(0, played.Engine.Speed);
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("Speed", "1"))).Ok);
        Assert.Equal(1, played.Engine.Speed);

        using var anonymous = new HttpClient { BaseAddress = rig.BaseUri };
        using var pulled = await rig.Pump(anonymous.PostAsync(VideoUrl(rig, videoId.ToString()), null));
        var frame = FrameReader.ReadFrame(await pulled.Content.ReadAsByteArrayAsync(), out _);
        Assert.Equal(videoId, frame.Header.VideoId);
        Assert.Null(frame.Header.LiveInfo);
        Assert.True(frame.Header.PlaybackInfo!.Value.CurrentFlags.HasFlag(PlaybackFlags.PlayForward));
        Assert.Equal((ulong)first.TimeUtcMs, frame.Header.TimestampUtcMs);
        Assert.Equal(HeaderExtensionFlags.None, frame.Header.HeaderExtensionFlags & (HeaderExtensionFlags.NativeData | HeaderExtensionFlags.LocationInfo));

        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId.ToString()), ("SeekType", "DbEnd"))).Ok);
        Assert.True((await client.SendAsync("CloseStream", ("VideoId", videoId.ToString()))).Ok);
        Assert.Null(rig.Server.Host.Cameras[0].Video!.Recordings!.FindPlayback(videoId));
    }
}
