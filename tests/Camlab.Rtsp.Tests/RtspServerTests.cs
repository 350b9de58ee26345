using System.Buffers.Binary;
using System.Net;
using Camlab.Rtsp.Media;
using Camlab.Rtsp.Server;
using Camlab.Testing;

namespace Camlab.Rtsp.Tests;

/// <summary>The server over real sockets with a fake media source and a fake clock.</summary>
public sealed class RtspServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSource _source = new();
    private RtspServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new RtspServer(_source, new RtspServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), MaxSessionsPerGroup = 2, SessionTimeout = TimeSpan.FromSeconds(60) }, _time);
        _server.Start();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private RawRtspClient Connect() => new(_server.EndPoint);

    [Fact]
    public void OptionsListsMethodsAndEchoesCSeq()
    {
        using var client = Connect();
        var response = client.Request("OPTIONS", client.Url + "/open");
        Assert.Equal(200, response.Status);
        Assert.Equal("1", response["CSeq"]);
        Assert.Contains("GET_PARAMETER", response["Public"]);
    }

    [Fact]
    public void DescribeAnswersSdpWithControlRangeFramerateAndSize()
    {
        using var client = Connect();
        var response = client.Request("DESCRIBE", client.Url + "/open", "Accept: application/sdp");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/sdp", response["Content-Type"]);
        Assert.Equal(client.Url + "/open/", response["Content-Base"]);
        Assert.Contains("m=video 0 RTP/AVP 26\r\n", response.Body);
        Assert.Contains("a=rtpmap:26 JPEG/90000\r\n", response.Body);
        Assert.Contains("a=range:npt=now-\r\n", response.Body);
        Assert.Contains("a=framerate:10\r\n", response.Body);
        Assert.Contains("a=framesize:26 320-240\r\n", response.Body);
        Assert.Contains("a=control:trackID=1\r\n", response.Body);
        Assert.Equal(404, client.Request("DESCRIBE", client.Url + "/nothing").Status);
    }

    [Fact]
    public void InterleavedSessionStreamsRtpJpegWithRtpInfoAndSenderReports()
    {
        using var client = Connect();
        var setup = client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        Assert.Equal(200, setup.Status);
        Assert.StartsWith("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=", setup["Transport"]);
        var session = setup["Session"]!.Split(';')[0];
        Assert.EndsWith(";timeout=60", setup["Session"]);
        var play = client.Request("PLAY", client.Url + "/open/", $"Session: {session}", "Range: npt=0.000-");
        Assert.Equal(200, play.Status);
        Assert.Matches($"^url={client.Url}/open/trackID=1;seq=\\d+;rtptime=\\d+$", play["RTP-Info"]);
        var seq = ushort.Parse(play["RTP-Info"]!.Split(";seq=")[1].Split(';')[0]);

        _source.Push(TestJpeg.Build(320, 240, 0x22, 3000), _time.GetUtcNow());
        client.ReadFrames(0, 3);
        client.ReadFrames(1, 1);
        var rtp = client.Frames.Where(f => f.Channel == 0).ToList();
        Assert.Equal(seq, BinaryPrimitives.ReadUInt16BigEndian(rtp[0].Payload.AsSpan(2)));
        Assert.Equal(26, rtp[0].Payload[1] & 0x7f);
        Assert.Equal(0x80, rtp[2].Payload[1] & 0x80);
        var sr = client.Frames.First(f => f.Channel == 1).Payload;
        Assert.Equal(200, sr[1]); // SR first, then SDES with the CNAME
        Assert.Equal(202, sr[28 + 1]);

        Assert.Equal(200, client.Request("TEARDOWN", client.Url + "/open/", $"Session: {session}").Status);
        Assert.Equal(0, _server.SessionCount);
        Assert.Equal(0, _source.Subscribers);
    }

    [Fact]
    public void A_session_carries_the_video_and_the_metadata_track_under_aggregate_control()
    {
        using var client = Connect();
        var describe = client.Request("DESCRIBE", client.Url + "/meta");
        Assert.Contains("m=video 0 RTP/AVP 26\r\n", describe.Body);
        Assert.Contains("m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\na=control:trackID=2\r\n", describe.Body);
        Assert.DoesNotContain("m=application", client.Request("DESCRIBE", client.Url + "/open").Body);

        var video = client.Request("SETUP", client.Url + "/meta/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        var session = video["Session"]!.Split(';')[0];
        var metadata = client.Request("SETUP", client.Url + "/meta/trackID=2", $"Session: {session}", "Transport: RTP/AVP/TCP;unicast");
        Assert.Equal(200, metadata.Status);
        Assert.StartsWith("RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=", metadata["Transport"]); // the next free pair
        Assert.Equal(459, client.Request("SETUP", client.Url + "/meta/trackID=2", $"Session: {session}", "Transport: RTP/AVP/TCP;unicast").Status);
        Assert.Equal(459, client.Request("SETUP", client.Url + "/open/trackID=1", $"Session: {session}", "Transport: RTP/AVP/TCP;unicast").Status);
        Assert.Equal(1, _server.SessionCount);

        var play = client.Request("PLAY", client.Url + "/meta/", $"Session: {session}");
        Assert.Equal(200, play.Status);
        Assert.Matches($"^url={client.Url}/meta/trackID=1;seq=\\d+;rtptime=\\d+,url={client.Url}/meta/trackID=2;seq=\\d+;rtptime=\\d+$", play["RTP-Info"]);

        var document = "<tt:MetadataStream xmlns:tt=\"http://www.onvif.org/ver10/schema\"/>"u8.ToArray();
        _source.PushMetadata(document, _time.GetUtcNow());
        _source.Push(TestJpeg.Build(320, 240, 0x22, 3000), _time.GetUtcNow());
        client.ReadFrames(2, 1);
        client.ReadFrames(0, 3);
        var packet = client.Frames.First(f => f.Channel == 2).Payload;
        Assert.Equal(0x80 | 107, packet[1]); // marker: the document fits one packet
        Assert.Equal(document, packet[12..]);

        Assert.Equal(200, client.Request("TEARDOWN", client.Url + "/meta/", $"Session: {session}").Status);
        Assert.Equal(0, _source.Subscribers);
        Assert.Equal(0, _source.MetadataSubscribers);
    }

    [Fact]
    public void A_stream_without_metadata_has_no_second_track()
    {
        using var client = Connect();
        Assert.Equal(404, client.Request("SETUP", client.Url + "/open/trackID=2", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").Status);
        Assert.Equal(0, _server.SessionCount);
    }

    [Fact]
    public void DigestProtectsTheStreamAndWrongCredentialsGet401()
    {
        using var anonymous = Connect();
        var refused = anonymous.Request("DESCRIBE", anonymous.Url + "/secure");
        Assert.Equal(401, refused.Status);
        var challenges = refused.Headers.Where(h => h.Key == "WWW-Authenticate").Select(h => h.Value).ToList();
        Assert.Contains(challenges, c => c.Contains("algorithm=SHA-256") && c.Contains("realm=\"Camlab\""));
        Assert.Contains(challenges, c => c.Contains("algorithm=MD5"));

        using var wrong = Connect();
        wrong.Credentials = ("viewer", "nope");
        Assert.Equal(401, wrong.Request("DESCRIBE", wrong.Url + "/secure").Status);

        using var noMedia = Connect();
        noMedia.Credentials = ("blind", "secret");
        Assert.Equal(403, noMedia.Request("DESCRIBE", noMedia.Url + "/secure").Status);

        using var right = Connect();
        right.Credentials = ("viewer", "secret");
        Assert.Equal(200, right.Request("DESCRIBE", right.Url + "/secure").Status);
        Assert.Equal(200, right.Request("SETUP", right.Url + "/secure/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").Status);
    }

    [Fact]
    public void SessionsNotKeptAliveAreTornDownAfterTheTimeoutAndKeptAliveOnesStay()
    {
        using var idle = Connect();
        var idleSession = idle.Request("SETUP", idle.Url + "/open/trackID=1", "Transport: RTP/AVP;unicast;client_port=40000-40001")["Session"]!.Split(';')[0];
        using var alive = Connect();
        var aliveSession = alive.Request("SETUP", alive.Url + "/open/trackID=1", "Transport: RTP/AVP;unicast;client_port=40002-40003")["Session"]!.Split(';')[0];
        Assert.Equal(2, _server.SessionCount);
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(200, alive.Request("GET_PARAMETER", alive.Url + "/open/", $"Session: {aliveSession}").Status);
        }
        Assert.Equal(1, _server.SessionCount);
        Assert.Equal(454, idle.Request("PLAY", idle.Url + "/open/", $"Session: {idleSession}").Status);
    }

    [Fact]
    public async Task ReceiverReportsOverUdpKeepASessionAlive()
    {
        using var rtcp = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientRtcp = ((IPEndPoint)rtcp.Client.LocalEndPoint!).Port;
        using var client = Connect();
        var setup = client.Request("SETUP", client.Url + "/open/trackID=1", $"Transport: RTP/AVP;unicast;client_port={clientRtcp - 1}-{clientRtcp}");
        var serverRtcp = int.Parse(setup["Transport"]!.Split("server_port=")[1].Split(';')[0].Split('-')[1]);
        // An RR with no report blocks, then an empty SDES: a valid compound packet (RFC 3550 6.1).
        byte[] report = [0x80, 201, 0, 1, 0, 0, 0, 7, 0x80, 202, 0, 0];
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(40));
            await rtcp.SendAsync(report, new IPEndPoint(IPAddress.Loopback, serverRtcp));
            for (var wait = 0; _server.Sessions.Single().ReceiverReports < i + 1; wait++)
            {
                Assert.True(wait < 500, "the receiver report never arrived");
                await Task.Delay(10); // the UDP receive loop runs on its own; nothing simulated is awaited here
            }
        }
        Assert.Equal(1, _server.SessionCount); // 120 s after SETUP, kept alive by RTCP alone
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(0, _server.SessionCount);
    }

    [Fact]
    public void AClientThatDoesNotReadLosesWholeFramesAndTheServerHoldsOnlyAFew()
    {
        using var client = Connect();
        var setup = client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        var session = setup["Session"]!.Split(';')[0];
        Assert.Equal(200, client.Request("PLAY", client.Url + "/open/", $"Session: {session}").Status);
        var jpeg = TestJpeg.Build(640, 480, 0x22, 200_000);
        // The client reads nothing: socket buffers fill, the sender waits, newer frames replace queued ones.
        for (var i = 0; i < 300; i++) _source.Push(jpeg, _time.GetUtcNow().AddMilliseconds(40 * i));
        var (_, _, _, sent, dropped, _) = _server.Sessions.Single();
        Assert.True(dropped > 250, $"sent {sent}, dropped {dropped}");
        Assert.True(sent + dropped <= 300);
    }

    [Fact]
    public void PastTheSessionLimit453AndMulticastIsUnsupported()
    {
        using var client = Connect();
        Assert.Equal(461, client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP;multicast").Status);
        Assert.Equal(200, client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").Status);
        Assert.Equal(200, client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").Status);
        Assert.Equal(453, client.Request("SETUP", client.Url + "/open/trackID=1", "Transport: RTP/AVP/TCP;unicast;interleaved=4-5").Status);
    }

    [Fact]
    public void UnknownMethods501MalformedRequests400AndTheConnectionGoesOn()
    {
        using var client = Connect();
        Assert.Equal(501, client.Request("RECORD", client.Url + "/open").Status);
        client.SendRaw("OPTIONS * RTSP/1.0\r\nCSeq: 9\r\nbad header line\r\n\r\n");
        var bad = client.ReadResponse();
        Assert.Equal(400, bad.Status);
        Assert.Equal("9", bad["CSeq"]);
        Assert.Contains("header", bad.Body);
        client.SendRaw("OPTIONS * RTSP/2.0\r\nCSeq: 10\r\n\r\n");
        Assert.Equal(505, client.ReadResponse().Status);
        Assert.Equal(200, client.Request("OPTIONS", "*").Status);
        Assert.Equal(454, client.Request("PLAY", client.Url + "/open", "Session: nosuch").Status);
        // A line that never ends is answered and the connection closed cleanly.
        client.SendRaw(new string('x', 10_000));
        Assert.Equal(414, client.ReadResponse().Status);
        Assert.True(client.IsClosedByServer());
    }

    [Fact]
    public void HttpTunnelCarriesBase64RequestsOnPostAndAnswersOnGet()
    {
        using var get = new System.Net.Sockets.TcpClient();
        get.Connect(_server.EndPoint);
        var getStream = get.GetStream();
        getStream.ReadTimeout = 10_000;
        getStream.Write("GET /open HTTP/1.0\r\nx-sessioncookie: c00kie\r\nAccept: application/x-rtsp-tunnelled\r\n\r\n"u8);
        var head = ReadUntil(getStream, "\r\n\r\n");
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        Assert.Contains("application/x-rtsp-tunnelled", head);

        using var post = new System.Net.Sockets.TcpClient();
        post.Connect(_server.EndPoint);
        var request = Convert.ToBase64String("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"u8);
        // Split mid-quad, with a line break inside, as clients may.
        post.GetStream().Write(System.Text.Encoding.ASCII.GetBytes($"POST /open HTTP/1.0\r\nx-sessioncookie: c00kie\r\nContent-Type: application/x-rtsp-tunnelled\r\nContent-Length: 32767\r\n\r\n{request[..5]}"));
        post.GetStream().Flush();
        Thread.Sleep(50);
        post.GetStream().Write(System.Text.Encoding.ASCII.GetBytes("\r\n" + request[5..]));
        var answer = ReadUntil(getStream, "\r\n\r\n");
        Assert.StartsWith("RTSP/1.0 200 OK", answer);
        Assert.Contains("CSeq: 1", answer);
    }

    private static string ReadUntil(System.IO.Stream stream, string end)
    {
        var text = new System.Text.StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            if (stream.Read(one) == 0) throw new EndOfStreamException(text.ToString());
            text.Append((char)one[0]);
        }
        return text.ToString();
    }

    private sealed class FakeSource : IRtspMediaSource, IRtspUserDirectory
    {
        private readonly List<IRtspFrameReceiver> _receivers = new();
        private readonly List<IRtspFrameReceiver> _metadata = new();

        public int MetadataSubscribers { get { lock (_metadata) return _metadata.Count; } }

        public int Subscribers { get { lock (_receivers) return _receivers.Count; } }

        public RtspStreamDescription? Resolve(string path) => path switch
        {
            "/open" => new RtspStreamDescription("open", RtspCodec.Jpeg, 320, 240, 10, "camera-1"),
            "/meta" => new RtspStreamDescription("meta", RtspCodec.Jpeg, 320, 240, 10, "camera-3") { Metadata = true },
            "/secure" => new RtspStreamDescription("secure", RtspCodec.Jpeg, 320, 240, 10, "camera-2") { Users = this },
            _ => null,
        };

        public RtspUser? Find(string name) => name switch
        {
            "viewer" => new RtspUser("viewer", "secret", true),
            "blind" => new RtspUser("blind", "secret", false),
            _ => null,
        };

        public IDisposable Subscribe(RtspStreamDescription stream, IRtspFrameReceiver receiver)
        {
            lock (_receivers) _receivers.Add(receiver);
            return new Unsubscribe(() => { lock (_receivers) _receivers.Remove(receiver); });
        }

        public IDisposable SubscribeMetadata(RtspStreamDescription stream, IRtspFrameReceiver receiver)
        {
            lock (_metadata) _metadata.Add(receiver);
            return new Unsubscribe(() => { lock (_metadata) _metadata.Remove(receiver); });
        }

        public void PushMetadata(byte[] document, DateTimeOffset time)
        {
            IRtspFrameReceiver[] receivers;
            lock (_metadata) receivers = _metadata.ToArray();
            foreach (var r in receivers) r.OnFrame(new RtspFrame(document, true, time));
        }

        public void Push(byte[] jpeg, DateTimeOffset time)
        {
            IRtspFrameReceiver[] receivers;
            lock (_receivers) receivers = _receivers.ToArray();
            foreach (var r in receivers) r.OnFrame(new RtspFrame(jpeg, true, time));
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
