using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Camlab.Recording;
using Camlab.Server.HostClock;
using Camlab.Server.Tests.Imaging;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.HostClock;

/// <summary>
/// The proof of issue 18's clock half: one scripted session — PTZ moves, a random-order preset tour, a focus move, a
/// pull point with its events, a recorded minute — run against two fresh hosts under a manual clock with one seed
/// gives the same SOAP answers byte for byte and the same recorded frames. The only thing rewritten before comparing
/// is each host's own address (<c>http://127.0.0.1:PORT</c> in subscription references): two hosts side by side
/// cannot share a port.
/// </summary>
public class RepeatabilityTests
{
    private const string Ptz = "/onvif/ptz_service";
    private const string Img = "/onvif/imaging_service";
    private const string Events = "/onvif/event_service";
    private const string Source1 = "<timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken>";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(200); // recording.fps 5

    private static string Generic(double x, double y) =>
        FormattableString.Invariant($"<tt:PanTilt x=\"{x}\" y=\"{y}\" space=\"http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace\"/>");

    // Velocities and translations in the node's default spaces.
    private static string Vector(double x, double y) => FormattableString.Invariant($"<tt:PanTilt x=\"{x}\" y=\"{y}\"/>");

    private sealed record Run(List<string> Transcript, List<(long TimeMs, string Hash)> Frames, TimeSpan Elapsed);

    // Video (the recorded minute); answers are schema-validated when ../shared is there.
    [RequiresVideoFact]
    public async Task The_same_session_under_a_manual_clock_and_one_seed_gives_the_same_answers_and_frames()
    {
        var first = await RunSessionAsync(seed: 42);
        var second = await RunSessionAsync(seed: 42);

        Assert.Equal(first.Transcript.Count, second.Transcript.Count);
        for (var i = 0; i < first.Transcript.Count; i++) Assert.Equal(first.Transcript[i], second.Transcript[i]);

        // Every frame interval of clock time recorded one frame, stamped with its instant.
        var expected = (int)(first.Elapsed / FrameInterval);
        Assert.Equal(expected, first.Frames.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(k => (Start + k * FrameInterval).ToUnixTimeMilliseconds()), first.Frames.Select(f => f.TimeMs));
        Assert.Equal(first.Frames, second.Frames);
        // The picture moved: the tour and the moves show in the frames.
        Assert.True(first.Frames.Select(f => f.Hash).Distinct().Count() > expected / 2);

        // Another seed takes other choices: the tour visits the spots in another order (the positions GetStatus
        // reports while touring differ), and the sensor noise differs in every frame.
        var other = await RunSessionAsync(seed: 43);
        Assert.NotEqual(TourPositions(first), TourPositions(other));
        Assert.All(first.Frames.Zip(other.Frames), pair => Assert.NotEqual(pair.First.Hash, pair.Second.Hash));
    }

    private static List<string> TourPositions(Run run) => run.Transcript.Where(t => t.Contains("PTZStatus", StringComparison.Ordinal))
        .Select(t => Regex.Match(t, "<tt:PanTilt [^>]*>").Value).ToList();

    private static async Task<Run> RunSessionAsync(long seed)
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with
        {
            Clock = new ClockOptions { Mode = "manual", Start = "2026-03-01T08:00:00Z" },
            Seed = seed,
            Recording = new Camlab.Server.Recording.RecordingOptions { Profiles = ["Profile_2"], Fps = 5, Signing = false },
        });
        var clock = server.Host.ManualClock!;
        var authority = server.Host.BaseUri.GetLeftPart(UriPartial.Authority);
        var transcript = new List<string>();
        using var api = FaultApiTests.Client(server, "admin", ServerHarness.AdminPassword);

        async Task<string> Call(string path, string body)
        {
            var token = server.Token("admin", ServerHarness.AdminPassword, created: clock.GetUtcNow());
            var answer = await server.PostAsync(path, ServerHarness.Envelope(body, token));
            answer.AssertOk();
            if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(answer.Text);
            transcript.Add(answer.Text.Replace(authority, "http://{host}", StringComparison.Ordinal));
            return answer.Text;
        }
        async Task Advance(string duration)
        {
            var moved = await api.PostAsync("/api/v1/clock", FaultApiTests.Json($"{{\"advance\":\"{duration}\"}}"));
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }
        static string Value(string xml, string localName) => Regex.Match(xml, $"<[^>]*:{localName}>([^<]*)<").Groups[1].Value;

        var created = await Call(Events, Op("tev:CreatePullPointSubscription"));
        var pullPoint = new Uri(Value(created, "Address")).AbsolutePath;
        await Call(Ptz, Op("tptz:GetStatus", P1));

        // Four presets around the yard.
        var presets = new List<string>();
        foreach (var (x, y) in new[] { (-0.6, 0.1), (-0.2, 0.3), (0.3, -0.2), (0.7, 0.2) })
        {
            await Call(Ptz, Op("tptz:AbsoluteMove", P1 + "<tptz:Position>" + Generic(x, y) + "</tptz:Position>"));
            await Advance("PT3S");
            await Call(Ptz, Op("tptz:GetStatus", P1));
            presets.Add(Value(await Call(Ptz, Op("tptz:SetPreset", P1 + $"<tptz:PresetName>spot {presets.Count + 1}</tptz:PresetName>")), "PresetToken"));
        }

        // A continuous move that its timeout ends, and a relative one.
        await Call(Ptz, Op("tptz:ContinuousMove", P1 + "<tptz:Velocity>" + Vector(0.4, -0.2) + "</tptz:Velocity><tptz:Timeout>PT1.5S</tptz:Timeout>"));
        await Advance("PT0.6S");
        await Call(Ptz, Op("tptz:GetStatus", P1));
        await Advance("PT2S");
        await Call(Ptz, Op("tptz:RelativeMove", P1 + "<tptz:Translation>" + Vector(-0.1, 0.05) + "</tptz:Translation>"));
        await Advance("PT2S");
        await Call(Ptz, Op("tptz:GetStatus", P1));

        // A tour in random preset order, twice round.
        var tour = Value(await Call(Ptz, Op("tptz:CreatePresetTour", P1)), "PresetTourToken");
        await Call(Ptz, Op("tptz:ModifyPresetTour", P1 +
            $"<tptz:PresetTour token=\"{tour}\"><tt:Name>Yard</tt:Name><tt:Status><tt:State>Idle</tt:State></tt:Status><tt:AutoStart>false</tt:AutoStart>" +
            "<tt:StartingCondition RandomPresetOrder=\"true\"><tt:RecurringTime>2</tt:RecurringTime></tt:StartingCondition>" +
            string.Concat(presets.Select(p => $"<tt:TourSpot><tt:PresetDetail><tt:PresetToken>{p}</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT1S</tt:StayTime></tt:TourSpot>")) +
            "</tptz:PresetTour>"));
        await Call(Ptz, Op("tptz:OperatePresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken><tptz:Operation>Start</tptz:Operation>"));
        for (var i = 0; i < 8; i++)
        {
            await Advance("PT2S");
            await Call(Ptz, Op("tptz:GetStatus", P1));
            await Call(Ptz, Op("tptz:GetPresetTour", P1 + $"<tptz:PresetTourToken>{tour}</tptz:PresetTourToken>"));
        }
        await Call(pullPoint, Op("tev:PullMessages", "<tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>1000</tev:MessageLimit>"));

        // A focus move.
        await Call(Img, Op("timg:Move", Source1 + "<timg:Focus><tt:Absolute><tt:Position>0.3</tt:Position></tt:Absolute></timg:Focus>"));
        await Advance("PT0.4S");
        await Call(Img, Op("timg:GetStatus", Source1));
        await Advance("PT3S");
        await Call(Img, Op("timg:GetStatus", Source1));

        // The rest of the recorded minute, then what the pull point holds.
        var elapsed = clock.GetUtcNow() - Start;
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the script took {elapsed} of clock time");
        await Advance(System.Xml.XmlConvert.ToString(TimeSpan.FromSeconds(60) - elapsed));
        await Call(Ptz, Op("tptz:GetStatus", P1));
        await Call(pullPoint, Op("tev:PullMessages", "<tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>1000</tev:MessageLimit>"));

        elapsed = clock.GetUtcNow() - Start;
        // Under a manual clock every frame is appended before the move that rendered it answers.
        var index = server.Host.Cameras[0].Video!.Recordings!.Recorders.Single(r => r.ProfileToken == "Profile_2").Recorder.Index;
        var frames = new List<(long, string)>();
        for (var n = index.FirstFrame; n >= 0 && n <= index.LastFrame; n++)
        {
            Assert.True(index.TryGet(n, out var entry));
            frames.Add((entry.TimeUtcMs, Convert.ToHexStringLower(SHA256.HashData(index.ReadPayload(n)))));
        }
        return new Run(transcript, frames, elapsed);
    }

    /// <summary>
    /// What else a client sees of the seed: RTP SSRC, first sequence number and timestamp from the host's RTSP server
    /// and from a camera's own listener (<c>--port-per-camera</c>), and the ids of streams the stream API opens. Each
    /// would differ between the two runs if its generator were unseeded.
    /// </summary>
    [RequiresVideoFact]
    public async Task Rtsp_on_the_host_and_on_a_cameras_own_listener_and_stream_ids_repeat_with_the_seed()
    {
        var first = await ChoicesAsync(seed: 42);
        var second = await ChoicesAsync(seed: 42);
        Assert.Equal(first, second);
        var other = await ChoicesAsync(seed: 43);
        Assert.All(first.Zip(other), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    private static async Task<List<string>> ChoicesAsync(long seed)
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with
        {
            Clock = new ClockOptions { Mode = "manual", Start = "2026-03-01T08:00:00Z" },
            Seed = seed,
            Auth = o.Auth with { Enabled = false },
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
            OwnListeners = new Camlab.Server.Hosting.OwnListenerOptions { HttpBase = 0 },
        });
        var choices = new List<string>();
        foreach (var endpoint in new[] { server.Host.Rtsp!.EndPoint, server.Host.Listeners[1].Rtsp!.EndPoint })
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            tcp.Connect(endpoint);
            var stream = tcp.GetStream();
            var url = $"rtsp://127.0.0.1:{endpoint.Port}/Profile_1";
            Assert.StartsWith("RTSP/1.0 200", Exchange(stream, $"DESCRIBE {url} RTSP/1.0\r\nCSeq: 1\r\n\r\n"));
            var setup = Exchange(stream, $"SETUP {url}/trackID=1 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
            choices.Add(Regex.Match(setup, "ssrc=([0-9A-F]+)").Groups[1].Value);
            var session = Regex.Match(setup, "Session: ([^;\r]+)").Groups[1].Value;
            var play = Exchange(stream, $"PLAY {url} RTSP/1.0\r\nCSeq: 3\r\nSession: {session}\r\n\r\n");
            var info = Regex.Match(play, "seq=([0-9]+);rtptime=([0-9]+)");
            Assert.True(info.Success, play);
            choices.Add(info.Groups[1].Value);
            choices.Add(info.Groups[2].Value);
        }
        using var api = new HttpClient { BaseAddress = server.Host.BaseUri };
        for (var i = 0; i < 2; i++)
        {
            using var opened = await api.PostAsync("/api/v1/streams", new StringContent("{\"profile\":\"Profile_2\"}", System.Text.Encoding.UTF8, "application/json"));
            var text = await opened.Content.ReadAsStringAsync();
            Assert.True(opened.IsSuccessStatusCode, text);
            choices.Add(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("videoId").GetString()!);
        }
        return choices;
    }

    private static string Exchange(System.Net.Sockets.NetworkStream stream, string request)
    {
        stream.Write(System.Text.Encoding.ASCII.GetBytes(request));
        stream.ReadTimeout = 30_000;
        var text = new System.Text.StringBuilder();
        var buffer = new byte[8192];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = stream.Read(buffer);
            if (n == 0) break;
            text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }
        return text.ToString();
    }
}
