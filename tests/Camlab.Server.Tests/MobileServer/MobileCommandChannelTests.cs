using System.Text;
using Camlab.Server.MobileServer;
using Camlab.Server.Tests.Streaming;

namespace Camlab.Server.Tests.MobileServer;

/// <summary>The command channel over HTTP on the fake clock: each command's answer and its errors, sessions and CHAP.</summary>
public sealed class MobileCommandChannelTests
{
    [Fact]
    public async Task Connect_answers_the_connection_its_timeout_and_the_servers_public_key()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        var answer = await client.ConnectAsync();
        Assert.True(answer.Ok, answer.ToString());
        Assert.True(Guid.TryParse(answer["ConnectionId"], out _));
        Assert.Equal("30", answer["Timeout"]);
        Assert.Equal("Yes", answer["SecurityEnabled"]);
        Assert.Equal("Yes", answer["CHAPSupported"]);
        Assert.NotNull(answer["PublicKey"]);
        // Connect's answer carries no ConnectionId element: the client has none yet; later answers repeat it.
        Assert.Null(answer.Communication.Element("ConnectionId"));
        Assert.Equal(1, rig.Server.Host.Mobile.Sessions.Count);
    }

    [Fact]
    public async Task Connect_without_a_public_key_or_with_a_bad_one_is_refused_and_opens_nothing()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        (await client.SendAsync("Connect")).AssertError(MobileServerError.MissingInputParameter);
        (await client.SendAsync("Connect", ("PublicKey", Convert.ToBase64String([1])))).AssertError(MobileServerError.IncorrectPublicKey);
        (await client.SendAsync("Connect", ("PublicKey", "not base64!"))).AssertError(MobileServerError.IncorrectPublicKey);
        (await client.SendAsync("Connect", ("PublicKey", MobileKeyExchange.ClientSide().PublicKey), ("PrimeLength", "4096"))).AssertError(MobileServerError.WrongInputParameter);
        Assert.Equal(0, rig.Server.Host.Mobile.Sessions.Count);
    }

    [Fact]
    public async Task LogIn_with_the_cameras_user_answers_the_user_and_the_challenges_asked_for()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        await client.ConnectAsync("1024", "PKCS7");
        var login = await client.LogInAsync("admin", ServerHarness.AdminPassword, challenges: 7);
        Assert.True(login.Ok, login.ToString());
        Assert.Equal("admin", login["Username"]);
        Assert.Equal(7, login.All("Challenge").Distinct().Count());
        Assert.Equal(client.ConnectionId.ToString(), login.Communication.Element("ConnectionId")!.Value);
        Assert.Equal("Yes", login["SupportsExtendedResamplingFactor"]);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_user_is_InvalidCredentials_and_repeated_failures_lock_out()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        await client.ConnectAsync();
        (await client.LogInAsync("admin", "wrong")).AssertError(MobileServerError.InvalidCredentials);
        (await client.LogInAsync("nobody", "wrong")).AssertError(MobileServerError.InvalidCredentials);
        // Credentials not encrypted with the agreed key do not decrypt: refused the same way.
        (await client.SendAsync("LogIn", ("Username", "admin"), ("Password", ServerHarness.AdminPassword))).AssertError(MobileServerError.InvalidCredentials);
        Answer last = null!;
        for (int i = 0; i < 12; i++) last = await client.LogInAsync("admin", "wrong");
        last.AssertError(MobileServerError.AccountLockedOut);
        // Locked out: even the right password waits.
        (await client.LogInAsync("admin", ServerHarness.AdminPassword)).AssertError(MobileServerError.AccountLockedOut);
    }

    [Fact]
    public async Task Every_command_after_LogIn_needs_a_fresh_answered_challenge()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var bare = new MobileClient(rig.Client) { ConnectionId = client.ConnectionId };
        (await bare.SendAsync("LiveMessage")).AssertError(MobileServerError.SecurityError);
        // A challenge answered with another key, and the same challenge replayed, are both refused.
        var issued = (await client.SendAsync("RequestChallenges", ("NumChallenges", "2"))).All("Challenge").ToList();
        (await bare.SendAsync("LiveMessage", ("Challenge", issued[0]), ("ChalAnswer", MobileKeyExchange.ChallengeAnswer(issued[0], new string('0', 96))))).AssertError(MobileServerError.SecurityError);
        var answer = MobileKeyExchange.ChallengeAnswer(issued[1], client.SharedKey!);
        Assert.True((await bare.SendAsync("LiveMessage", ("Challenge", issued[1]), ("ChalAnswer", answer))).Ok);
        (await bare.SendAsync("LiveMessage", ("Challenge", issued[1]), ("ChalAnswer", answer))).AssertError(MobileServerError.SecurityError);
        // The web SDK's first RequestChallenges (Reset Yes) can arrive after LogIn: LogIn's challenges stay valid.
        Assert.True((await bare.SendAsync("RequestChallenges", ("NumChallenges", "1"), ("Reset", "Yes"))).Ok);
        Assert.True((await client.SendAsync("LiveMessage")).Ok);
    }

    [Fact]
    public async Task Commands_before_LogIn_or_without_a_connection_are_refused()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        (await client.SendAsync("LiveMessage")).AssertError(MobileServerError.WrongId);
        client.ConnectionId = Guid.NewGuid();
        (await client.SendAsync("GetAllViewsAndCameras")).AssertError(MobileServerError.WrongId);
        await client.ConnectAsync();
        (await client.SendAsync("GetAllViewsAndCameras")).AssertError(MobileServerError.NotAllowedInThisState);
        // Challenges are worthless without the key: a connection may take them before LogIn (the web SDK does).
        Assert.Equal(5, (await client.SendAsync("RequestChallenges", ("NumChallenges", "5"))).All("Challenge").Count());
    }

    [Fact]
    public async Task A_silent_connection_expires_on_the_camera_clock_and_its_streams_close()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var camera = MobileCamera.All(rig.Server.Host.Cameras)[0];
        var stream = await client.SendAsync("RequestStream", ("CameraId", camera.Id.ToString()), ("DestWidth", "320"), ("DestHeight", "240"));
        Assert.True(stream.Ok, stream.ToString());
        var video = rig.Server.Host.Cameras[0].Video!;
        Assert.NotNull(video.Streams.Find(Guid.Parse(stream["VideoId"]!)));
        // LiveMessage every 20 s keeps it (the SDK sends one every Timeout/3).
        for (int i = 0; i < 3; i++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(20));
            Assert.True((await client.SendAsync("LiveMessage")).Ok);
        }
        rig.Time.Advance(MobileSessions.Timeout + TimeSpan.FromSeconds(6));
        Assert.Null(video.Streams.Find(Guid.Parse(stream["VideoId"]!)));
        Assert.Equal(0, rig.Server.Host.Mobile.Sessions.Count);
        (await client.SendAsync("LiveMessage")).AssertError(MobileServerError.WrongId);
    }

    [Fact]
    public async Task A_connection_id_without_the_key_keeps_nothing_alive()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var bare = new MobileClient(rig.Client) { ConnectionId = client.ConnectionId };
        rig.Time.Advance(TimeSpan.FromSeconds(20));
        (await bare.SendAsync("LiveMessage")).AssertError(MobileServerError.SecurityError);
        rig.Time.Advance(TimeSpan.FromSeconds(20));
        (await client.SendAsync("LiveMessage")).AssertError(MobileServerError.WrongId);
    }

    [Fact]
    public async Task Disconnect_ends_the_connection_and_closes_its_streams()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var camera = MobileCamera.All(rig.Server.Host.Cameras)[1];
        var id = Guid.Parse((await client.SendAsync("RequestStream", ("CameraId", camera.Id.ToString())))["VideoId"]!);
        Assert.True((await client.SendAsync("Disconnect")).Ok);
        Assert.Null(rig.Server.Host.Cameras[0].Video!.Streams.Find(id));
        (await client.SendAsync("LiveMessage")).AssertError(MobileServerError.WrongId);
    }

    [Fact]
    public async Task GetAllViewsAndCameras_lists_each_video_source_as_a_camera_with_its_capabilities()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var answer = await client.SendAsync("GetAllViewsAndCameras");
        Assert.True(answer.Ok);
        // The web samples read items[0].Items[0].Items[0].Items: root folder, folder, view, cameras.
        var view = answer.Command.Element("Items")!.Element("Item")!.Element("Items")!.Element("Item")!.Element("Items")!.Element("Item")!;
        Assert.Equal("View", view.Attribute("Type")!.Value);
        var cameras = view.Element("Items")!.Elements("Item").ToList();
        Assert.Equal(["PTZ dome", "Wide fixed"], cameras.Select(c => c.Attribute("Name")!.Value));
        var dome = cameras[0].Element("Properties")!;
        Assert.Equal(("Yes", "Yes", "1920", "1080"), (dome.Attribute("PTZ")!.Value, dome.Attribute("Preset")!.Value, dome.Attribute("SrcWidth")!.Value, dome.Attribute("SrcHeight")!.Value));
        // The wide source's profile drives its digital PTZ window.
        Assert.Equal("Yes", cameras[1].Element("Properties")!.Attribute("PTZ")!.Value);
        // Recording is off in this rig: nothing to play back.
        Assert.All(cameras, c => Assert.Equal("No", c.Element("Properties")!.Attribute("Playback")!.Value));
        Assert.Equal(MobileCamera.IdOf(1, "VideoSource_1").ToString(), cameras[0].Attribute("Id")!.Value);
    }

    [Fact]
    public async Task Unknown_commands_answer_NotImplemented_and_bad_parameters_name_themselves()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var answer = await client.SendAsync("GetOutputsAndEvents");
        answer.AssertError(MobileServerError.NotImplemented);
        Assert.Contains("GetOutputsAndEvents", answer.Command.Element("ErrorString")!.Value);
        (await client.SendAsync("RequestStream", ("CameraId", Guid.NewGuid().ToString()))).AssertError(MobileServerError.UnknownCameraId);
        (await client.SendAsync("RequestStream", ("CameraId", "camera-1"))).AssertError(MobileServerError.UnknownCameraId);
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0].Id.ToString();
        (await client.SendAsync("RequestStream", ("CameraId", dome), ("Fps", "500"))).AssertError(MobileServerError.WrongInputParameter);
        (await client.SendAsync("RequestStream", ("CameraId", dome), ("DestWidth", "-5"))).AssertError(MobileServerError.WrongInputParameter);
        (await client.SendAsync("RequestStream", ("CameraId", dome), ("StreamType", "FragmentedMP4"))).AssertError(MobileServerError.NotImplemented);
        (await client.SendAsync("RequestStream", ("CameraId", dome), ("SignalType", "Upload"))).AssertError(MobileServerError.NotImplemented);
        (await client.SendAsync("RequestStream", ("CameraId", dome), ("SignalType", "Playback"))).AssertError(MobileServerError.NoRecordingsFound);
        (await client.SendAsync("CloseStream", ("VideoId", Guid.NewGuid().ToString()))).AssertError(MobileServerError.UnknownItemId);
        Assert.Equal(0, rig.Server.Host.Cameras[0].Video!.Streams.Count);
    }

    [Fact]
    public async Task ChangeStream_crops_and_resizes_a_live_stream_all_or_nothing()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0].Id.ToString();
        var requested = await client.SendAsync("RequestStream", ("CameraId", dome), ("DestWidth", "400"), ("DestHeight", "300"), ("Fps", "10"), ("ComprLevel", "60"));
        var stream = rig.Server.Host.Cameras[0].Video!.Streams.Find(Guid.Parse(requested["VideoId"]!))!;
        Assert.Equal((400, 225, 10.0, 60), (stream.Settings.Width, stream.Settings.Height, stream.Settings.Fps, stream.Settings.Quality));
        var videoId = requested["VideoId"]!;
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId), ("SrcLeft", "480"), ("SrcTop", "270"), ("SrcRight", "1440"), ("SrcBottom", "810"),
            ("DestWidth", "320"), ("DestHeight", "320"))).Ok);
        Assert.Equal(new Camlab.Server.Streaming.CropRect(480, 270, 1440, 810), stream.Settings.Crop);
        Assert.Equal((320, 180), (stream.Settings.Width, stream.Settings.Height));
        // A crop outside the source changes nothing, not even the size given with it.
        (await client.SendAsync("ChangeStream", ("VideoId", videoId), ("SrcRight", "5000"), ("DestWidth", "100"))).AssertError(MobileServerError.WrongInputParameter);
        Assert.Equal((320, 180), (stream.Settings.Width, stream.Settings.Height));
        (await client.SendAsync("ChangeStream", ("VideoId", videoId), ("Speed", "2"))).AssertError(MobileServerError.NotAllowedInThisState);
        (await client.SendAsync("ChangeStream", ("VideoId", videoId), ("MotionAmount", "50"))).AssertError(MobileServerError.NotImplemented);
        Assert.True((await client.SendAsync("ChangeStream", ("VideoId", videoId), ("Fps", "5"))).Ok);
        Assert.Equal(5, stream.Settings.Fps);
        // Another connection cannot touch it.
        var other = await MobileClient.LoggedInAsync(rig.Client);
        (await other.SendAsync("ChangeStream", ("VideoId", videoId), ("Fps", "1"))).AssertError(MobileServerError.UnknownItemId);
        (await other.SendAsync("CloseStream", ("VideoId", videoId))).AssertError(MobileServerError.UnknownItemId);
        Assert.True((await client.SendAsync("CloseStream", ("VideoId", videoId))).Ok);
        Assert.Null(rig.Server.Host.Cameras[0].Video!.Streams.Find(Guid.Parse(videoId)));
    }

    [Fact]
    public async Task ControlPTZ_moves_the_dome_ONVIF_drives_and_a_user_level_account_may_not()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var camera = MobileCamera.All(rig.Server.Host.Cameras)[0];
        var node = camera.Ptz!;
        var before = node.GetStatus().Position.PanTilt!.Value;
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzMove", "Right"))).Ok);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = node.GetStatus().Position.PanTilt!.Value;
        Assert.True(after.X > before.X, $"pan {before.X} → {after.X}");
        Assert.Equal(before.Y, after.Y, 6);
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzMove", "ZoomIn"))).Ok);
        (await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzMove", "Sideways"))).AssertError(MobileServerError.WrongInputParameter);
        (await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()))).AssertError(MobileServerError.MissingInputParameter);
        // The wide camera's digital window has no field-of-view translation space: its step is in the generic space.
        var wide = MobileCamera.All(rig.Server.Host.Cameras)[1];
        Assert.Equal(Camlab.Device.Ptz.PtzNodeKind.DigitalWindow, wide.Ptz!.Definition.Kind);
        var window = wide.Ptz.GetStatus().Position.PanTilt!.Value;
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", wide.Id.ToString()), ("PtzMove", "ZoomIn"))).Ok);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", wide.Id.ToString()), ("PtzMove", "Left"))).Ok);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(wide.Ptz.GetStatus().Position.PanTilt!.Value.X < window.X, "the window moved left");
        var viewer = await MobileClient.LoggedInAsync(rig.Client, "viewer", ServerHarness.ViewerPassword);
        (await viewer.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzMove", "Left"))).AssertError(MobileServerError.InsufficientUserRights);
    }

    [Fact]
    public async Task GetPtzPresets_lists_the_nodes_presets_and_ControlPTZ_goes_to_one_by_name()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = await MobileClient.LoggedInAsync(rig.Client);
        var camera = MobileCamera.All(rig.Server.Host.Cameras)[0];
        (await client.SendAsync("GetPtzPresets", ("CameraId", camera.Id.ToString()))).AssertError(MobileServerError.NoPresetsAvailable);
        var token = camera.Ptz!.SetPreset(presetName: "Gate");
        var presets = await client.SendAsync("GetPtzPresets", ("CameraId", camera.Id.ToString()));
        Assert.Equal("Gate", presets[token]);
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzMove", "Left"))).Ok);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzPreset", "Gate"))).Ok);
        rig.Time.Advance(TimeSpan.FromSeconds(30));
        var preset = camera.Ptz.GetPresets().Single();
        Assert.Equal(preset.Pose.Pan, camera.Ptz.PeekPose.Pan, 3);
        (await client.SendAsync("ControlPTZ", ("CameraId", camera.Id.ToString()), ("PtzPreset", "Nowhere"))).AssertError(MobileServerError.WrongInputParameter);
    }

    [Fact]
    public async Task Hostile_bodies_get_a_bounded_error_answer()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        var bodies = new Dictionary<string, string>
        {
            ["dtd"] = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Communication><Command SequenceId=\"1\"><Type>Request</Type><Name>&a;</Name></Command></Communication>",
            ["not xml"] = "GET / HTTP/1.1",
            ["no command"] = "<Communication></Communication>",
            ["wrong root"] = "<Envelope/>",
            ["deep"] = "<Communication><Command><InputParams>" + string.Concat(Enumerable.Repeat("<a>", 20)) + string.Concat(Enumerable.Repeat("</a>", 20)) + "</InputParams></Command></Communication>",
            ["huge"] = "<Communication><Command SequenceId=\"1\"><Type>Request</Type><Name>LiveMessage</Name><InputParams>" + new string(' ', 70_000) + "</InputParams></Command></Communication>",
            ["response type"] = "<Communication><Command SequenceId=\"1\"><Type>Response</Type><Name>Connect</Name></Command></Communication>",
            ["bad sequence"] = "<Communication><Command SequenceId=\"-1\"><Type>Request</Type><Name>Connect</Name></Command></Communication>",
            ["long value"] = MobileClient.Request(null, 1, "Connect", [("PublicKey", new string('A', 5000))]),
            ["many params"] = MobileClient.Request(null, 1, "Connect", Enumerable.Range(0, 300).Select(i => ("P" + i, "v"))),
        };
        foreach (var (what, body) in bodies)
        {
            var (status, messages, raw) = await client.PostRawAsync(body);
            Assert.True(status == 400, $"{what}: {status} {raw}");
            var command = messages.Single().Element("Command")!;
            Assert.Equal("Error", command.Element("Result")!.Value);
            Assert.False(string.IsNullOrEmpty(command.Element("ErrorString")!.Value), what);
        }
        Assert.Equal(0, rig.Server.Host.Mobile.Sessions.Count);
        using var get = await rig.Client.GetAsync(MobileServerEndpoint.CommunicationPath);
        Assert.Equal(405, (int)get.StatusCode);
    }

    [Fact]
    public async Task The_command_channel_answers_a_cross_origin_preflight()
    {
        await using var rig = await StreamingRig.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, MobileServerEndpoint.CommunicationPath);
        request.Headers.Add("Origin", "http://example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await rig.Client.SendAsync(request);
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Content-Type", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task A_connection_that_wants_Processing_messages_gets_one_before_a_RequestStream_answer()
    {
        await using var rig = await StreamingRig.StartAsync();
        var client = new MobileClient(rig.Client);
        await client.ConnectAsync(processingMessages: true);
        Assert.True((await client.LogInAsync("admin", ServerHarness.AdminPassword)).Ok);
        var dome = MobileCamera.All(rig.Server.Host.Cameras)[0].Id.ToString();
        var answer = await client.SendAsync("RequestStream", ("CameraId", dome));
        Assert.True(answer.Ok);
        Assert.Equal(1, answer.ProcessingMessages);
        Assert.Equal(0, (await client.SendAsync("LiveMessage")).ProcessingMessages);
        var quiet = await MobileClient.LoggedInAsync(rig.Client);
        Assert.Equal(0, (await quiet.SendAsync("RequestStream", ("CameraId", dome))).ProcessingMessages);
    }

    [Fact]
    public async Task Sessions_are_limited_per_user()
    {
        await using var rig = await StreamingRig.StartAsync();
        for (int i = 0; i < MobileSessions.MaxSessionsPerUser; i++) await MobileClient.LoggedInAsync(rig.Client, "viewer", ServerHarness.ViewerPassword);
        var client = new MobileClient(rig.Client);
        await client.ConnectAsync();
        (await client.LogInAsync("viewer", ServerHarness.ViewerPassword)).AssertError(MobileServerError.TooManySessions);
        Assert.True((await client.LogInAsync("admin", ServerHarness.AdminPassword)).Ok);
    }
}
