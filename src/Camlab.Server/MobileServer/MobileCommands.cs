using System.Net;
using System.Security.Cryptography;
using System.Text;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;

namespace Camlab.Server.MobileServer;

/// <summary>What one command runs with: the request, the caller's session (null before Connect) and address.</summary>
public sealed record MobileCommandContext(CommunicationRequest Request, MobileSession? Session, IPAddress? Remote, CancellationToken Cancel)
{
    public MobileSession LoggedIn => Session is { User: not null } s ? s
        : throw new MobileServerException(MobileServerError.NotAllowedInThisState, $"{Request.Name} needs LogIn first");
}

/// <summary>
/// The commands of the command channel (one method per command, named as the clients name it). Sessions, users and
/// CHAP are checked here before a command runs; a command either completes or answers an error and changes nothing.
/// Commands Camlab does not implement answer NotImplemented.
/// </summary>
public sealed partial class MobileCommands(IReadOnlyList<SimulatedCamera> cameras, MobileSessions sessions)
{
    public const int MaxChallengesPerRequest = 100;

    /// <summary>Commands that may take a while: a connection that asked for Processing messages gets one first.</summary>
    public static bool IsSlow(string name) => name is "RequestStream" or "GetThumbnail";

    public MobileSessions Sessions => sessions;

    private SimulatedCamera Authority => cameras[0];

    public async Task<CommunicationResponse> RunAsync(CommunicationRequest request, IPAddress? remote, CancellationToken cancel)
    {
        try
        {
            if (request.Name == "Connect") return Connect(request);
            var session = (request.ConnectionId is { } id ? sessions.Find(id) : null)
                ?? throw new MobileServerException(MobileServerError.WrongId, "Wrong connection ID");
            var context = new MobileCommandContext(request, session, remote, cancel);
            if (request.Name is not ("LogIn" or "RequestChallenges") && session.User is not null) CheckChallenge(context);
            sessions.KeepAlive(session);
            var response = request.Name switch
            {
                "LogIn" => LogIn(context),
                "RequestChallenges" => RequestChallenges(context),
                "LiveMessage" => Ok(context),
                "Disconnect" => Disconnect(context),
                "GetAllViewsAndCameras" => GetAllViewsAndCameras(context),
                "RequestStream" => RequestStream(context),
                "ChangeStream" => ChangeStream(context),
                "CloseStream" => CloseStream(context),
                "ControlPTZ" => ControlPtz(context),
                "GetPtzPresets" => GetPtzPresets(context),
                "GetThumbnail" => await GetThumbnailAsync(context).ConfigureAwait(false),
                "GetRecordingTime" => GetRecordingTime(context),
                "GetSequences" => GetSequences(context),
                _ => throw new MobileServerException(MobileServerError.NotImplemented, $"Camlab does not implement the {request.Name} command"),
            };
            if (request.Name != "Disconnect") response.ConnectionId = session.Id;
            return response;
        }
        catch (MobileServerException e)
        {
            return CommunicationResponse.Failure(request.SequenceId, request.Name, e.Code, e.Message);
        }
    }

    private static CommunicationResponse Ok(MobileCommandContext context) => new(context.Request.SequenceId, context.Request.Name);

    // Connect: the key exchange. PublicKey is required: credentials never travel in clear text.
    private CommunicationResponse Connect(CommunicationRequest request)
    {
        var keys = MobileKeyExchange.Agree(request.Require("PublicKey"), request.Get("PrimeLength"), request.Get("EncryptionPadding"));
        var session = sessions.Create(keys, request.YesNo("ProcessingMessage") ?? true);
        return new CommunicationResponse(request.SequenceId, request.Name)
            .Add("ConnectionId", session.Id.ToString())
            .Add("Timeout", ((int)MobileSessions.Timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("ServerId", MobileCamera.IdOf(0, Authority.Identity.SerialNumber).ToString())
            .Add("PublicKey", keys.ServerPublicKey)
            .Add("SecurityEnabled", true)
            .Add("CHAPSupported", true)
            .Add("WebSocketSupport", true);
    }

    // LogIn: the camera's users (its ONVIF user directory), with its authentication throttle.
    private CommunicationResponse LogIn(MobileCommandContext context)
    {
        var (request, session) = (context.Request, context.Session!);
        if (session.User is not null) throw new MobileServerException(MobileServerError.NotAllowedInThisState, "this connection is already logged in");
        var name = session.Keys.DecryptCredential(request.Require("Username"));
        var password = session.Keys.DecryptCredential(request.Require("Password"));
        var throttle = Authority.Endpoint.Http.Throttle;
        if (throttle.RetryAfter(context.Remote, name) is { } wait)
            throw new MobileServerException(MobileServerError.AccountLockedOut, $"too many failed logins: try again in {Math.Ceiling(wait.TotalSeconds)} s");
        var user = Authenticate(name, password);
        if (user is null)
        {
            throttle.Failed(context.Remote, name is { Length: <= UserDirectory.MaxUserNameLength } ? name : null);
            throw new MobileServerException(MobileServerError.InvalidCredentials, "Incorrect user name or password");
        }
        throttle.Succeeded(context.Remote);
        if (sessions.LoggedInAs(user.Name) >= MobileSessions.MaxSessionsPerUser)
            throw new MobileServerException(MobileServerError.TooManySessions, $"user '{user.Name}' already has {MobileSessions.MaxSessionsPerUser} connections");
        int challenges = request.Int("NumChallenges", 0, MaxChallengesPerRequest) ?? 0;
        session.LogIn(user);
        var response = Ok(context)
            .Add("Username", user.Name)
            .Add("TranscodedStreamingAvailable", true)
            .Add("NativeStreamingAvailable", false)
            .Add("DirectStreamingLive", false)
            .Add("ExportToAvi", false)
            .Add("ExportToDb", false)
            .Add("ExportToMkv", false)
            // Size headers carry the decimal resampling factor (× 10^6); the clients scale by it only when told so.
            .Add("SupportsExtendedResamplingFactor", true);
        foreach (var c in session.IssueChallenges(challenges, sessions.Time.GetUtcNow())) response.Add("Challenge", c);
        return response;
    }

    private UserAccount? Authenticate(string? name, string? password)
    {
        if (name is null || password is null || name.Length == 0) return null;
        if (!Authority.Endpoint.Security.AuthenticationRequired)
            return Authority.Users.Find(name) ?? new UserAccount(name, "", UserLevel.Administrator);
        var account = Authority.Users.Find(name);
        // Compare even for an unknown name, so the answer takes as long either way.
        var expected = Encoding.UTF8.GetBytes(account?.Password ?? "\u0000unknown-user");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), expected) && account is not null ? account : null;
    }

    private CommunicationResponse RequestChallenges(MobileCommandContext context)
    {
        // Challenges are worthless without the shared key, so a connection may ask for them before LogIn (the web
        // SDK does, while it logs in). Reset is read but drops nothing: the web SDK sends its first RequestChallenges
        // with Reset beside LogIn, and when it arrives second it would void LogIn's challenges. The connection keeps
        // at most MobileSession.MaxChallenges, oldest dropped first, so forgotten ones cost nothing.
        int count = context.Request.Int("NumChallenges", 1, MaxChallengesPerRequest) ?? MaxChallengesPerRequest;
        _ = context.Request.YesNo("Reset");
        var response = Ok(context);
        foreach (var c in context.Session!.IssueChallenges(count, sessions.Time.GetUtcNow()))
            response.Add("Challenge", c);
        return response;
    }

    private void CheckChallenge(MobileCommandContext context)
    {
        var challenge = context.Request.Get("Challenge");
        var answer = context.Request.Get("ChalAnswer");
        if (string.IsNullOrEmpty(challenge) || string.IsNullOrEmpty(answer))
            throw new MobileServerException(MobileServerError.SecurityError, $"{context.Request.Name} needs Challenge and ChalAnswer (CHAP is on for this connection)");
        if (!context.Session!.TrySpend(challenge, answer, sessions.Time.GetUtcNow()))
            throw new MobileServerException(MobileServerError.SecurityError, "the challenge is unknown, spent or expired, or its answer is wrong");
    }

    private CommunicationResponse Disconnect(MobileCommandContext context)
    {
        sessions.End(context.Session!.Id);
        return Ok(context);
    }

    private static void Require(MobileCommandContext context, AccessClass access, string what)
    {
        var user = context.LoggedIn.User!;
        if (!AccessPolicy.Allows(user.Level, access))
            throw new MobileServerException(MobileServerError.InsufficientUserRights, $"user '{user.Name}' may not {what}");
    }

    private IReadOnlyList<MobileCamera> Cameras => MobileCamera.All(cameras);

    private MobileCamera CameraOf(MobileCommandContext context, string parameter = "CameraId")
    {
        var id = context.Request.Id(parameter, MobileServerError.UnknownCameraId);
        return Cameras.FirstOrDefault(c => c.Id == id)
            ?? throw new MobileServerException(MobileServerError.UnknownCameraId, $"no camera {id}");
    }

    // The clients show items[0].Items[0].Items[0].Items: a root folder, a folder, a view, then the cameras.
    private CommunicationResponse GetAllViewsAndCameras(MobileCommandContext context)
    {
        _ = context.LoggedIn;
        var list = Cameras.Select(c => new CommunicationItem("Camera", c.Id, c.Name, CameraProperties(c), [])).ToList();
        var view = new CommunicationItem("View", MobileCamera.IdOf(0, "view/all"), "All cameras", [new("Layout", list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))], list);
        var folder = new CommunicationItem("Folder", MobileCamera.IdOf(0, "folder/views"), "Views", [], [view]);
        var root = new CommunicationItem("Folder", MobileCamera.IdOf(0, "folder/root"), "Camlab", [], [folder]);
        return new CommunicationResponse(context.Request.SequenceId, context.Request.Name) { Items = [root] };
    }

    private static List<KeyValuePair<string, string>> CameraProperties(MobileCamera c) =>
    [
        new("SrcWidth", c.SourceWidth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("SrcHeight", c.SourceHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("PTZ", c.Ptz is not null ? "Yes" : "No"),
        new("Preset", c.HasPresets ? "Yes" : "No"),
        new("Playback", c.PlaybackProfile is not null ? "Yes" : "No"),
        new("Live", "Yes"),
    ];
}
