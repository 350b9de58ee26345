using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Camlab.Benchmarks.Rtsp;
using Camlab.Benchmarks.Streaming;
using Camlab.Server.Streaming;

namespace Camlab.Benchmarks;

/// <summary>
/// The load runs' command lines, <c>load</c> and <c>rtsp-load</c>, parsed by System.CommandLine as the camlab CLI is:
/// every option is typed and range-checked before a camera starts, an unknown or malformed one ends the run with its
/// message and exit code 1, and <c>--help</c> lists them all.
/// </summary>
public static class LoadCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Camlab's load runs (the BenchmarkDotNet benchmarks run when neither verb is given).");
        root.Subcommands.Add(CreateLoad());
        root.Subcommands.Add(CreateRtspLoad());
        return root;
    }

    // `load` is two runs behind one verb, as docs/performance.md writes them: --viewers (one camera, N viewers of one
    // stream: StreamingLoad) or --cameras (a site: SiteLoad). Size, rate and pan default per run, hence the nullable options.
    private static Command CreateLoad()
    {
        var viewers = Ranged<int>("--viewers", "Viewers of one stream of one camera (the streaming run; default 10).", 1, 10_000);
        var cameras = Ranged<int>("--cameras", "Cameras in the process (the site run).", 1, 10_000);
        var moving = Ranged<int>("--moving", "Site run: how many of the cameras pan without pause (default 0).", 0, 10_000);
        var perCamera = Ranged<int>("--viewers-per-camera", "Site run: WebSocket viewers per camera (default 1).", 0, 100);
        var recording = new Option<bool>("--recording") { Description = "Site run: every camera records its first profile." };
        var idle = new Option<bool>("--idle") { Description = "Site run: start the cameras and measure their start and memory alone." };
        var seconds = Ranged<int>("--seconds", "How long to measure, after the warm-up (default 60).", 1, 86_400);
        var width = Ranged<int>("--width", "Stream width (default 1920 streaming, 1280 site).", 16, StreamSettings.MaxDimension);
        var height = Ranged<int>("--height", "Stream height (default 1080 streaming, 720 site).", 16, StreamSettings.MaxDimension);
        var fps = Ranged<double>("--fps", "Stream frame rate (default 25 streaming, 10 site).", StreamSettings.MinFps, StreamSettings.MaxFps);
        var quality = Ranged<int>("--quality", "JPEG quality (default 80).", 1, 100);
        var profile = new Option<string>("--profile") { Description = "Media profile streamed (default Profile_1).", DefaultValueFactory = _ => "Profile_1" };
        // JPEG by default: the streaming figures in docs/performance.md are the JPEG render-and-encode path; H.264 viewers
        // have their own table (rtsp-load).
        var encoding = new Option<string>("--encoding") { Description = "JPEG (default) or H264 (the profile's own H.264).", DefaultValueFactory = _ => "JPEG" };
        encoding.AcceptOnlyFromAmong("JPEG", "H264");
        var pan = Ranged<double>("--pan", "Generic pan velocity of the panning cameras, −1..1 (default 0 streaming, 0.5 site).", -1, 1);
        var park = new Option<(double Pan, double Tilt)?>("--park")
        {
            Description = "Site run: send the cameras that do not pan to PAN,TILT (degrees) first, so their views are still.",
            CustomParser = ParsePose,
        };
        var command = new Command("load",
            "The streaming load run (--viewers N: one camera, N viewers of one stream) or the site load run (--cameras N: " +
            "N cameras, --moving M of them panning, viewers per camera, --recording). Prints the figures docs/performance.md shows.")
        {
            viewers, cameras, moving, perCamera, recording, idle, seconds, width, height, fps, quality, profile, encoding, pan, park,
        };
        command.Validators.Add(result =>
        {
            bool site = result.GetResult(cameras) is not null;
            if (site && result.GetResult(viewers) is not null) result.AddError("--viewers is the streaming run, --cameras the site run: give one of them");
            if (!site)
                foreach (var option in new Option[] { moving, perCamera, recording, idle, park })
                    if (result.GetResult(option) is not null) result.AddError($"{option.Name} belongs to the site run: add --cameras N");
            if (site && result.GetValue(moving) > result.GetValue(cameras)) result.AddError("--moving cannot exceed --cameras");
        });
        command.SetAction((parse, _) =>
        {
            if (parse.GetValue(cameras) is { } n)
                return SiteLoad.Run(new SiteLoadSettings(n, parse.GetValue(moving) ?? 0, parse.GetValue(perCamera) ?? 1, parse.GetValue(recording),
                    parse.GetValue(idle), parse.GetValue(seconds) ?? 60, parse.GetValue(width) ?? 1280, parse.GetValue(height) ?? 720,
                    parse.GetValue(fps) ?? 10, parse.GetValue(quality) ?? 80, parse.GetValue(profile)!, parse.GetValue(encoding)!,
                    parse.GetValue(pan) ?? 0.5, parse.GetValue(park)));
            return StreamingLoad.Run(new StreamingLoadSettings(parse.GetValue(viewers) ?? 10, parse.GetValue(seconds) ?? 60,
                parse.GetValue(width) ?? 1920, parse.GetValue(height) ?? 1080, parse.GetValue(fps) ?? 25, parse.GetValue(quality) ?? 80,
                parse.GetValue(profile)!, parse.GetValue(pan) ?? 0, parse.GetValue(encoding)!));
        });
        return command;
    }

    private static Command CreateRtspLoad()
    {
        var clients = Ranged<int>("--clients", "RTSP clients of the second phase (default 50).", 1, 10_000);
        var seconds = Ranged<int>("--seconds", "How long each phase is measured (default 20).", 1, 86_400);
        var profile = new Option<string>("--profile") { Description = "Media profile played (default Profile_1).", DefaultValueFactory = _ => "Profile_1" };
        var pan = Ranged<double>("--pan", "Generic pan velocity of the camera, −1..1 (default 0.5: every frame rendered and encoded; 0: a still view, sent from its ring).", -1, 1);
        var command = new Command("rtsp-load",
            "One RTSP client (TCP interleaved, Digest) on a profile, then N on the same profile, and the process CPU of each phase.")
        {
            clients, seconds, profile, pan,
        };
        command.SetAction((parse, _) => RtspLoad.Run(new RtspLoadSettings(parse.GetValue(clients) ?? 50, parse.GetValue(seconds) ?? 20, parse.GetValue(profile)!,
            parse.GetValue(pan) ?? 0.5)));
        return command;
    }

    /// <summary>An optional number that must lie within <paramref name="min"/>..<paramref name="max"/>; null when not given.</summary>
    /// <remarks>Parsed and checked in one custom parser: a validator that read the value of a token that is not a number would throw.</remarks>
    private static Option<T?> Ranged<T>(string name, string description, T min, T max) where T : struct, INumber<T>
    {
        var styles = typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer;
        return new Option<T?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return null;
                var text = result.Tokens[0].Value;
                if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number within {min}..{max}, not '{text}'"));
                return null;
            },
        };
    }

    private static (double Pan, double Tilt)? ParsePose(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var pan) && pan is >= -180 and <= 360
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var tilt) && tilt is >= -90 and <= 90)
            return (pan, tilt);
        result.AddError($"--park takes PAN,TILT in degrees (pan −180..360, tilt −90..90), not '{text}'");
        return null;
    }
}

/// <summary>What <c>load --viewers N</c> runs (<see cref="StreamingLoad"/>).</summary>
public sealed record StreamingLoadSettings(int Viewers, int Seconds, int Width, int Height, double Fps, int Quality, string Profile, double Pan, string Encoding);

/// <summary>What <c>load --cameras N</c> runs (<see cref="SiteLoad"/>).</summary>
public sealed record SiteLoadSettings(int Cameras, int Moving, int ViewersPerCamera, bool Recording, bool Idle, int Seconds, int Width, int Height,
    double Fps, int Quality, string Profile, string Encoding, double Pan, (double Pan, double Tilt)? Park);

/// <summary>What <c>rtsp-load</c> runs (<see cref="RtspLoad"/>).</summary>
public sealed record RtspLoadSettings(int Clients, int Seconds, string Profile, double Pan);
