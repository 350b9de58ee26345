using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Camlab.Recording;
using Camlab.Cli.Recordings;
using Spectre.Console;

namespace Camlab.Cli.Commands;

/// <summary>
/// `camlab recordings verify` and `camlab recordings export` over a recording directory (docs/recording.md).
/// Exit codes: 0 done (verify: every frame signed and intact); 1 verification failed or a bad argument;
/// 2 the recording or the output cannot be opened.
/// </summary>
public static class RecordingsCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int CannotOpen = 2;

    public static Command Create()
    {
        var command = new Command("recordings",
            "Work with the recordings the camera keeps: 'verify' checks their signatures, 'export' writes a time range as video channel frames.");
        command.Subcommands.Add(CreateVerify());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    private static Command CreateVerify()
    {
        var path = new Argument<string?>("DIR|FILE")
        {
            Description = "A stream's recording directory, or one segment file (.dat, .idx or .sig) in it " +
                          "(default: what 'camlab serve' records, DATA/camera-N/recordings/PROFILE).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var (data, camera, profile) = LocationOptions();
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "PEM public key to check against (default: signing-key.pub.pem in the recording directory). " +
                          "Pin the key you exported earlier: one kept beside the recording can be replaced with it.",
        };
        var command = new Command("verify",
            "Check every signed range against the frames it covers. Prints one line per problem (tampered, unsigned or damaged, " +
            "with frame numbers and UTC times) and a summary; exits 0 when every frame is signed and intact, else 1.")
        {
            path, publicKey, data, camera, profile,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string target = parse.GetValue(path) ?? ServerRecording(parse, data, camera, profile);
            string? keyPath = parse.GetValue(publicKey);
            ECDsa? key = null;
            try
            {
                if (keyPath is not null) key = SigningKey.LoadPublic(keyPath);
                var report = RecordingVerifier.Verify(target, key);
                if (report.SegmentsChecked == 0)
                {
                    // Saying OK about a directory that holds nothing would hide a wrong path.
                    error.WriteLine($"error: {target} holds no recording segments");
                    return CannotOpen;
                }
                foreach (var finding in report.Findings)
                    output.WriteLine(finding.ToString());
                output.WriteLine($"{report.SegmentsChecked} segments, {report.RangesChecked} signed ranges, {report.FramesChecked} frames checked: " +
                                 (report.IsValid ? "OK" : $"FAILED ({report.Findings.Count} problems)"));
                return report.IsValid ? Ok : Failed;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot read {keyPath ?? target}: {e.Message}");
                return CannotOpen;
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                error.WriteLine($"error: {keyPath}: not a PEM public key: {e.Message}");
                return Failed;
            }
            finally
            {
                key?.Dispose();
            }
        });
        return command;
    }

    private static Command CreateExport()
    {
        var directory = new Argument<string?>("DIR")
        {
            Description = "The stream's recording directory (default: what 'camlab serve' records, DATA/camera-N/recordings/PROFILE).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var (data, camera, profile) = LocationOptions();
        var from = TimeOption("--from", "First time to export (ISO 8601, UTC unless an offset is given, or Unix milliseconds).");
        var to = TimeOption("--to", "Last time to export (inclusive).");
        var outputPath = new Option<string>("--output", "-o") { Description = "File to write the frames to, back to back.", Required = true };
        var videoId = new Option<Guid?>("--video-id") { Description = "Video ID of the exported frames (default: a new one)." };
        var command = new Command("export",
            "Write the recorded frames between --from and --to as video channel frames with their playback headers " +
            "(readable by 'camlab frames dump'); a progress bar shows on a terminal.")
        {
            directory, from, to, outputPath, videoId, data, camera, profile,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            string dir = parse.GetValue(directory) ?? ServerRecording(parse, data, camera, profile);
            string file = parse.GetValue(outputPath)!;
            DateTimeOffset start = parse.GetValue(from)!.Value, end = parse.GetValue(to)!.Value;
            if (end < start)
            {
                error.WriteLine("error: --to must not be before --from.");
                return Failed;
            }
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"error: cannot read {dir}: no such directory");
                return CannotOpen;
            }
            using var index = RecordingIndex.Load(dir);
            Stream output;
            try
            {
                output = File.Create(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write {file}: {e.Message}");
                return CannotOpen;
            }
            using (output)
            {
                var export = new RecordingExport(index, start, end, parse.GetValue(videoId) ?? Guid.NewGuid());
                try
                {
                    bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
                    if (terminal)
                    {
                        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                        console.Progress().Start(context =>
                        {
                            var task = context.AddTask("exporting", maxValue: Math.Max(export.EstimatedFrames, 1));
                            export.Run(output, () => task.Increment(1));
                            task.Value = task.MaxValue;
                        });
                    }
                    else
                    {
                        export.Run(output, null);
                    }
                }
                catch (IOException e)
                {
                    error.WriteLine($"error: cannot write {file}: {e.Message}");
                    return CannotOpen;
                }
                error.WriteLine($"exported {export.FramesWritten} frames ({export.BytesWritten} bytes) to {file}" +
                                (export.UnreadableFrames > 0 ? $"; {export.UnreadableFrames} unreadable (sent empty, flagged DatabaseError)" : ""));
            }
            return Ok;
        });
        return command;
    }

    /// <summary>Where 'camlab serve' keeps a profile's recording: the defaults of a path not given.</summary>
    private static (Option<string> Data, Option<int> Camera, Option<string> Profile) LocationOptions() =>
    (
        new Option<string>("--data") { Description = "The server's data directory (default ./camlab-data), used when no path is given.", DefaultValueFactory = _ => "./camlab-data" },
        new Option<int>("--camera") { Description = "Camera number (default 1), used when no path is given.", DefaultValueFactory = _ => 1 },
        new Option<string>("--profile") { Description = "Recorded media profile (default Profile_1), used when no path is given.", DefaultValueFactory = _ => Camlab.Device.CameraDefinition.Default.Profiles[0].Token }
    );

    private static string ServerRecording(ParseResult parse, Option<string> data, Option<int> camera, Option<string> profile) =>
        Path.Combine(parse.GetValue(data)!, $"camera-{parse.GetValue(camera)}", "recordings", parse.GetValue(profile)!);

    private static Option<DateTimeOffset?> TimeOption(string name, string description)
    {
        return new Option<DateTimeOffset?>(name)
        {
            Description = description,
            Required = true,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms);
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return time.ToUniversalTime();
                result.AddError($"{name} '{text}' is neither an ISO 8601 time nor Unix milliseconds.");
                return null;
            },
        };
    }
}
