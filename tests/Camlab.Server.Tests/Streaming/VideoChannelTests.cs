using System.Net;
using System.Net.WebSockets;
using System.Text;
using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.VideoChannel;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Streaming;

/// <summary>Frames on the three video channel transports decode with the codec and carry every live header.</summary>
public sealed class VideoChannelTests
{
    [Fact]
    public async Task WebSocket_frames_carry_the_live_headers()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", width = 640, height = 360, fps = 10, quality = 70 });
        var videoId = created.GetProperty("videoId").GetGuid();
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);

        var frames = new List<byte[]>();
        for (int i = 0; i < 3; i++) frames.Add(await rig.ReceiveFrameAsync(socket));
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None); // keep-alive
        frames.Add(await rig.ReceiveFrameAsync(socket));

        uint expectedCount = 1;
        ulong previousTime = 0;
        foreach (var bytes in frames)
        {
            var h = StreamingRig.Header(bytes);
            Assert.Equal(videoId, h.VideoId);
            Assert.Equal(expectedCount++, h.FrameCount);
            Assert.True(h.TimestampUtcMs >= previousTime);
            Assert.InRange((long)h.TimestampUtcMs, rig.Time.GetUtcNow().AddSeconds(-60).ToUnixTimeMilliseconds(), rig.Time.GetUtcNow().ToUnixTimeMilliseconds());
            previousTime = h.TimestampUtcMs;
            Assert.Equal(new SizeInfo(1920, 1080, 0, 0, 1920, 1080, 640, 360, 3_000_000), h.SizeInfo);
            Assert.True((h.LiveInfo!.Value.CurrentFlags & LiveFlags.LiveFeed) != 0);
            Assert.NotNull(h.MotionInfo);
            var location = h.LocationInfo!.Value;
            Assert.Equal(55.6761, location.LatitudeDegrees, 6);
            Assert.Equal(12.5683, location.LongitudeDegrees, 6);
            Assert.Equal(14.5, location.AltitudeMetres, 2);
            Assert.Equal(LocationFields.Longitude | LocationFields.Latitude | LocationFields.Altitude | LocationFields.Azimuth, location.ValidFields);
            var info = h.StreamInfo!.Value;
            Assert.Equal(StreamDataType.Jpeg, info.DataType);
            Assert.Equal(100u, info.TimeBetweenFrames);
            Assert.True(info.IsKeyFrame);
            Assert.Null(h.NativeData); // no privacy mask configured: never sent
            Assert.True(StreamingRig.IsJpeg(h.PayloadRange.Slice(bytes.AsSpan())));
        }
        var first = StreamingRig.Header(frames[0]).LiveInfo!.Value;
        Assert.Equal(first.CurrentFlags, first.ChangedFlags); // everything is new on the first frame
        using var decoder = new JpegDecoder();
        var picture = decoder.Decode(StreamingRig.Header(frames[0]).PayloadRange.Slice(frames[0].AsSpan()));
        Assert.Equal((640, 360), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task Connection_loss_is_flagged_with_ChangedFlags_and_the_picture_freezes()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        var before = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
        Assert.Equal(0u, (uint)(before.LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost));

        rig.State!.Lost = true;
        byte[] lostFrame;
        FrameHeader lost;
        do { lostFrame = await rig.ReceiveFrameAsync(socket); lost = StreamingRig.Header(lostFrame); }
        while ((lost.LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost) == 0);
        Assert.True((lost.LiveInfo.Value.ChangedFlags & LiveFlags.CameraConnectionLost) != 0);
        var next = await rig.ReceiveFrameAsync(socket);
        var nextHeader = StreamingRig.Header(next);
        Assert.True((nextHeader.LiveInfo!.Value.CurrentFlags & LiveFlags.CameraConnectionLost) != 0);
        Assert.Equal(0u, (uint)(nextHeader.LiveInfo.Value.ChangedFlags & LiveFlags.CameraConnectionLost));
        Assert.Equal(lost.PayloadRange.Slice(lostFrame.AsSpan()).ToArray(), nextHeader.PayloadRange.Slice(next.AsSpan()).ToArray());
    }

    [Fact]
    public async Task Privacy_mask_is_sent_on_the_first_frame_and_on_changes_only()
    {
        await using var rig = await StreamingRig.StartAsync();
        rig.State!.Masks = [new PrivacyMask([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(5, 0), new PanTilt(-5, 0)])];
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);

        string? Mask(byte[] bytes)
        {
            var frame = FrameReader.ReadFrame(bytes);
            return frame.Header.NativeData is null ? null : Encoding.ASCII.GetString(frame.PrivacyMask);
        }
        Assert.Equal("-5,-10 5,-10 5,0 -5,0", Mask(await rig.ReceiveFrameAsync(socket)));
        for (int i = 0; i < 3; i++) Assert.Null(Mask(await rig.ReceiveFrameAsync(socket)));

        rig.State.Masks = [new PrivacyMask([new PanTilt(10, -10), new PanTilt(20, -10), new PanTilt(15, 0)])];
        string? changed;
        do changed = Mask(await rig.ReceiveFrameAsync(socket)); while (changed is null);
        Assert.Equal("10,-10 20,-10 15,0", changed);
        for (int i = 0; i < 3; i++) Assert.Null(Mask(await rig.ReceiveFrameAsync(socket)));

        // A new connection is a new request: the mask comes again on its first frame.
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        using var again = await ConnectWhenFreeAsync(rig, created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        Assert.Equal("10,-10 20,-10 15,0", Mask(await rig.ReceiveFrameAsync(again)));
    }

    private static async Task<ClientWebSocket> ConnectWhenFreeAsync(StreamingRig rig, string url)
    {
        // The server releases the stream once it has seen the close; until then a second push connection is refused (409).
        for (int attempt = 0; ; attempt++)
        {
            // The ticket in the URL is spent by the first connection: reconnect with Digest.
            try { return await rig.ConnectAsync(url.Split('?')[0]); }
            catch (WebSocketException) when (attempt < 50) { await Task.Delay(20); }
        }
    }

    [Fact]
    public async Task Http_push_sends_frames_back_to_back()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        var url = created.GetProperty("urls").GetProperty("httpPush").GetString()!;
        using var response = await rig.Pump(rig.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var reader = new FrameStreamReader(body);
        for (uint n = 1; n <= 3; n++)
        {
            Assert.True(await rig.Pump(reader.ReadNextAsync().AsTask()));
            Assert.Equal(created.GetProperty("videoId").GetGuid(), reader.Header.VideoId);
            Assert.Equal(n, reader.Header.FrameCount);
            Assert.Equal(640, reader.Header.SizeInfo!.Value.DestStrideX);
            Assert.True(StreamingRig.IsJpeg(reader.Payload.Span));
        }
        Assert.Equal(0, reader.TotalSkippedBytes);
    }

    [Fact]
    public async Task Pull_answers_one_frame_per_post()
    {
        await using var rig = await StreamingRig.StartAsync();
        var created = await rig.CreateStreamAsync(new { profile = "Profile_3", width = 480, height = 270, fps = 5 });
        var url = created.GetProperty("urls").GetProperty("pull").GetString()!;
        for (uint n = 1; n <= 2; n++)
        {
            using var response = await rig.Pump(rig.Client.PostAsync(url, null));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var h = StreamingRig.Header(bytes);
            Assert.Equal(n, h.FrameCount);
            Assert.Equal(new SizeInfo(3840, 2160, 0, 0, 3840, 2160, 480, 270, 8_000_000), h.SizeInfo);
            Assert.Equal(200u, h.StreamInfo!.Value.TimeBetweenFrames);
        }
    }

    [Fact]
    public async Task Location_and_azimuth_come_from_the_configured_geolocation_and_yaw()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false, configure: o => o with
        {
            Camera = new Hosting.CameraOptions { Geolocation = new Hosting.GeolocationOption { Latitude = -33.8568, Longitude = 151.2153, Altitude = 5 }, Yaw = 270 },
        });
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        using var response = await rig.Pump(rig.Client.PostAsync(created.GetProperty("urls").GetProperty("pull").GetString()!, null));
        var location = StreamingRig.Header(await response.Content.ReadAsByteArrayAsync()).LocationInfo!.Value;
        Assert.Equal(-33.8568, location.LatitudeDegrees, 6);
        Assert.Equal(151.2153, location.LongitudeDegrees, 6);
        Assert.Equal((uint)Math.Round((-33.8568 + 180) * 1e7), location.Latitude); // negative latitudes are shifted by 180°
        Assert.Equal(5, location.AltitudeMetres);
        Assert.Equal(270, location.AzimuthDegrees, 6);
    }
}

/// <summary>The 0x02 Motion flag and 0x10 amount follow the source's analysis, and the event bus says the same.</summary>
public sealed class MotionHeaderTests
{
    [Fact]
    public async Task Motion_in_view_sets_the_flag_with_ChangedFlags_and_raises_MotionAlarm()
    {
        await using var rig = await StreamingRig.StartAsync();
        var alarms = new List<Camlab.Device.Events.EventMessage>();
        using var _ = rig.Server.Host.Cameras[0].Events.Subscribe(m => { if (m.Topic == "VideoSource/MotionAlarm") lock (alarms) alarms.Add(m); });
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 25 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);

        FrameHeader h;
        LiveFlags previous = LiveFlags.None;
        int frames = 0;
        do
        {
            h = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
            if (frames++ > 0) Assert.Equal(previous ^ h.LiveInfo!.Value.CurrentFlags, h.LiveInfo!.Value.ChangedFlags);
            previous = h.LiveInfo!.Value.CurrentFlags;
        }
        while ((h.LiveInfo.Value.CurrentFlags & LiveFlags.Motion) == 0);
        Assert.True(frames > 1);
        Assert.True((h.LiveInfo.Value.ChangedFlags & LiveFlags.Motion) != 0);
        Assert.True(h.MotionInfo!.Value.MotionAmount > 0);
        lock (alarms) Assert.Contains(alarms, m => m.Data.Single().Value == "true");
    }

    [Fact]
    public async Task An_empty_sky_has_no_motion()
    {
        await using var rig = await StreamingRig.StartAsync();
        rig.State!.Pose = new Camlab.Rendering.Geometry.ViewPose(0, 60);
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", fps = 5 });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        for (int i = 0; i < 8; i++)
        {
            var h = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
            Assert.Equal(LiveFlags.LiveFeed, h.LiveInfo!.Value.CurrentFlags);
            Assert.Equal(0u, h.MotionInfo!.Value.MotionAmount);
        }
    }
}
