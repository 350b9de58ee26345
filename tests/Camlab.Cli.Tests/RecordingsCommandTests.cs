using System.CommandLine;
using System.Text.Json;
using Camlab.Cli;
using Camlab.Recording;
using Camlab.Testing;

namespace Camlab.Cli.Tests;

public class RecordingsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("camlab-cli-rec-").FullName;

    public RecordingsCommandTests()
    {
        var clock = new FakeTimeProvider(Start);
        using var recorder = Recorder.Open(_dir, new RecorderOptions { Signing = true, SignEveryFrames = 4 }, clock);
        for (int i = 0; i < 12; i++)
        {
            recorder.Append(new byte[] { (byte)i, 1, 2, 3 }, isKeyFrame: true, motionAmount: (uint)i);
            clock.Advance(0.1);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Verify_passes_an_intact_recording_and_fails_a_tampered_one_naming_the_range()
    {
        var ok = Run("recordings", "verify", _dir);
        Assert.Equal((0, "1 segments, 3 signed ranges, 12 frames checked: OK\n"), (ok.Exit, ok.Output));

        var data = SegmentFileNames.BasePath(_dir, 0) + ".dat";
        var bytes = File.ReadAllBytes(data);
        bytes[4 * 5 + 2] ^= 0xFF; // frame 5's third byte
        File.WriteAllBytes(data, bytes);
        var bad = Run("recordings", "verify", data);
        Assert.Equal(1, bad.Exit);
        Assert.Equal(
            "tampered: frames 4..7 2026-03-01T12:00:00.400Z..2026-03-01T12:00:00.700Z: the signature does not match the frames\n" +
            "1 segments, 3 signed ranges, 12 frames checked: FAILED (1 problems)\n", bad.Output);
    }

    [Fact]
    public void Verify_of_a_missing_path_exits_2()
    {
        var r = Run("recordings", "verify", Path.Combine(_dir, "nothing"));
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: cannot read", r.Error);
    }

    [Fact]
    public void Verify_of_a_directory_without_segments_exits_2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var r = Run("recordings", "verify", empty);
        Assert.Equal((2, $"error: {empty} holds no recording segments\n"), (r.Exit, r.Error));
    }

    [Fact]
    public void Export_writes_the_range_as_frames_that_frames_dump_reads()
    {
        var file = Path.Combine(_dir, "out.bin");
        var r = Run("recordings", "export", "--from", "2026-03-01T12:00:00.250Z", "--to", "2026-03-01T12:00:00.800Z", "-o", file,
            "--video-id", "822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e", _dir);
        Assert.Equal(0, r.Exit);
        Assert.StartsWith("exported 6 frames", r.Error);

        var json = new MemoryStream();
        Assert.Equal(0, Camlab.Cli.Commands.FramesCommand.DumpAsync(File.OpenRead(file), json, TextWriter.Null).GetAwaiter().GetResult());
        var frames = System.Text.Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([3UL, 4, 5, 6, 7, 8], frames.Select(f => f.GetProperty("payloadBase64").GetBytesFromBase64()[0] * 1UL));
        Assert.Equal((ulong)Start.AddMilliseconds(300).ToUnixTimeMilliseconds(), frames[0].GetProperty("timestampUtcMs").GetUInt64());
        Assert.Equal(2u, frames[0].GetProperty("playbackInfo").GetProperty("currentFlags").GetUInt32()); // PlayForward
        Assert.True(frames[0].TryGetProperty("playbackRequest", out _));
        Assert.False(frames[1].TryGetProperty("playbackRequest", out _));
        Assert.All(frames, f => Assert.False(f.TryGetProperty("liveInfo", out _)));
        // The signature sub-header on the first frame and at each new range (4..7, 8..11).
        Assert.Equal([true, true, false, false, false, true], frames.Select(f => f.GetProperty("nativeData").TryGetProperty("signature", out _)));
    }

    [Fact]
    public void Export_refuses_a_bad_time_and_a_reversed_range()
    {
        var file = Path.Combine(_dir, "out.bin");
        var bad = Run("recordings", "export", "--from", "yesterday", "--to", "0", "-o", file, _dir);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("--from 'yesterday' is neither", bad.Error);
        var reversed = Run("recordings", "export", "--from", "2000", "--to", "1000", "-o", file, _dir);
        Assert.Equal(1, reversed.Exit);
        Assert.Contains("--to must not be before --from", reversed.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Without_a_path_verify_and_export_use_the_servers_recording_of_the_camera_and_profile()
    {
        // camlab serve records camera N's PROFILE into DATA/camera-N/recordings/PROFILE.
        var data = Path.Combine(_dir, "data");
        var recording = Path.Combine(data, "camera-2", "recordings", "Profile_3");
        Directory.CreateDirectory(Path.GetDirectoryName(recording)!);
        Directory.CreateSymbolicLink(recording, _dir);

        var ok = Run("recordings", "verify", "--data", data, "--camera", "2", "--profile", "Profile_3");
        Assert.Equal((0, "1 segments, 3 signed ranges, 12 frames checked: OK\n"), (ok.Exit, ok.Output));
        var missing = Run("recordings", "verify", "--data", data); // camera-1/recordings/Profile_1 does not exist
        Assert.Equal(2, missing.Exit);
        Assert.Contains(Path.Combine(data, "camera-1", "recordings", "Profile_1"), missing.Error);

        var file = Path.Combine(_dir, "default.bin");
        var export = Run("recordings", "export", "--from", "2026-03-01T12:00:00Z", "--to", "2026-03-01T12:00:00.200Z", "-o", file,
            "--data", data, "--camera", "2", "--profile", "Profile_3");
        Assert.Equal(0, export.Exit);
        Assert.StartsWith("exported 3 frames", export.Error);
    }
}
