using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Camlab.Cli;
using Camlab.Cli.Commands;
using Camlab.VideoChannel;

namespace Camlab.Cli.Tests;

public class FramesCommandTests
{
    private static readonly Guid VideoId = Guid.Parse("822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e");

    private static readonly byte[] MaskBytes = [(byte)'"', (byte)'q', (byte)'u', (byte)'o', (byte)'t', (byte)'e', (byte)'d', (byte)'"',
        (byte)'\\', (byte)';', 0x01, 0xE9];

    private static byte[] Write(Frame frame)
    {
        var bytes = new byte[FrameWriter.GetFrameLength(frame)];
        FrameWriter.Write(bytes, frame);
        return bytes;
    }

    private static byte[] EveryExtension(uint frameCount, bool extended)
    {
        var header = new FrameHeader
        {
            VideoId = VideoId,
            TimestampUtcMs = ulong.MaxValue,
            FrameCount = frameCount,
            UsesHeaderSizeBytesExt = extended,
            SizeInfo = new SizeInfo(1920, 1080, -1, 2, 1919, 1079, 640, 360, int.MinValue),
            LiveInfo = new LiveInfo(LiveFlags.LiveFeed | LiveFlags.Motion, LiveFlags.Motion),
            PlaybackInfo = new PlaybackInfo(PlaybackFlags.OutOfRange, PlaybackFlags.None),
            NativeData = new NativeData
            {
                Flags = NativeDataFlags.AllKnown, PreviousSyncTimeStamp = 1, NextSyncTimeStamp = ulong.MaxValue, SequenceId = 1UL << 63,
                HasMotion = 65535, PrivacyMaskState = uint.MaxValue, SignatureState = 4,
            },
            MotionInfo = new MotionInfo(uint.MaxValue),
            LocationInfo = LocationInfo.FromDegrees(-90, 42.670308, -12.5, 1, 2, 3, 359),
            StreamInfo = new StreamInfo(3, (StreamInfoFields)0xFF, 40, StreamDataType.H265, StreamInfoFlags.KeyFrame, 1, 2, 3, ulong.MaxValue, 9),
            CarouselInfo = new CarouselInfo(0, Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")),
            DynamicInfo = new DynamicInfo(),
            PlaybackRequest = new PlaybackRequest(ulong.MaxValue - 7),
        };
        DeviceState[] states = [new(Guid.Parse("11223344-5566-7788-99aa-bbccddeeff00"), 0x80000001)];
        return Write(new Frame(header, Encoding.ASCII.GetBytes($"payload {frameCount} \u00ff"))
        {
            PrivacyMask = MaskBytes, // bytes that JSON must escape, and a non-ASCII one
            Signature = "c2ln"u8,
            DeviceStates = new DeviceStateList(states),
        });
    }

    private static byte[] Plain(uint frameCount, int payloadLength, StreamInfo? streamInfo = null) =>
        Write(new Frame(new FrameHeader { VideoId = VideoId, FrameCount = frameCount, TimestampUtcMs = 1000, StreamInfo = streamInfo },
            Enumerable.Range(0, payloadLength).Select(i => (byte)(i * 7 + frameCount)).ToArray()));

    private static async Task<(int Code, string Stdout, string Stderr)> Dump(byte[] input)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        int code = await FramesCommand.DumpAsync(new MemoryStream(input), output, error);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static async Task<(int Code, byte[] Output, string Stderr)> WriteSpec(string spec)
    {
        var output = new ArrayBufferWriter<byte>();
        var error = new StringWriter();
        int code = await FramesCommand.WriteAsync(new StringReader(spec), output, error);
        return (code, output.WrittenSpan.ToArray(), error.ToString());
    }

    [Fact]
    public async Task Write_of_dump_gives_back_the_same_bytes()
    {
        var r = new Random(4242);
        var stream = EveryExtension(1, extended: false)
            .Concat(EveryExtension(2, extended: true))
            .Concat(Plain(3, 0))
            .Concat(Plain(4, 100_000, new StreamInfo(3, StreamInfoFields.DataType, 0, StreamDataType.Jpeg, StreamInfoFlags.None, 0, 0, 0, 0, 0)))
            .Concat(Plain(5, r.Next(1, 500)))
            .ToArray();

        var (code, json, stderr) = await Dump(stream);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(5, json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var (writeCode, written, writeErr) = await WriteSpec(json);
        Assert.Equal("", writeErr);
        Assert.Equal(0, writeCode);
        Assert.Equal(stream, written);
    }

    [Fact]
    public async Task Dump_prints_the_contract_keys_with_exact_integers()
    {
        var (code, json, _) = await Dump(EveryExtension(7, extended: false));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(
            ["offset", "videoId", "timestampUtcMs", "frameCount", "frameSizeBytes", "headerSizeBytes", "headerExtensionFlags",
             "payloadLength", "payloadSha256", "payloadBase64", "sizeInfo", "liveInfo", "playbackInfo", "nativeData", "motion",
             "location", "streamInfo", "carousel", "dynamicInfo", "playbackRequest"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Contains("\"timestampUtcMs\":18446744073709551615", json);
        Assert.Equal(ulong.MaxValue, root.GetProperty("timestampUtcMs").GetUInt64());
        Assert.Equal("822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e", root.GetProperty("videoId").GetString());
        Assert.Equal(0x3FF, root.GetProperty("headerExtensionFlags").GetInt32());
        Assert.Equal(
            ["srcStrideX", "srcStrideY", "srcLeft", "srcTop", "srcRight", "srcBottom", "destStrideX", "destStrideY", "resamplingTag"],
            root.GetProperty("sizeInfo").EnumerateObject().Select(p => p.Name));
        Assert.Equal(int.MinValue, root.GetProperty("sizeInfo").GetProperty("resamplingTag").GetInt32());
        Assert.Equal(3, root.GetProperty("liveInfo").GetProperty("currentFlags").GetInt32());
        Assert.Equal(0x200, root.GetProperty("playbackInfo").GetProperty("currentFlags").GetInt32());
        var native = root.GetProperty("nativeData");
        Assert.Equal(
            ["flags", "previousSyncTimeStamp", "nextSyncTimeStamp", "sequenceId", "hasMotion", "privacyMaskState", "privacyMask",
             "signatureState", "signature"],
            native.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1UL << 63, native.GetProperty("sequenceId").GetUInt64());
        Assert.Equal("\"quoted\"\\;\u0001\u00e9", native.GetProperty("privacyMask").GetString());
        Assert.Equal(uint.MaxValue, root.GetProperty("motion").GetProperty("motionAmount").GetUInt32());
        var location = root.GetProperty("location");
        Assert.Equal(2_700_000_000u, location.GetProperty("longitude").GetUInt32());
        Assert.Equal(426_703_080u, location.GetProperty("latitude").GetUInt32());
        Assert.Equal(-1250, location.GetProperty("altitude").GetInt32());
        var stream = root.GetProperty("streamInfo");
        Assert.Equal("H265", stream.GetProperty("dataType").GetString());
        Assert.Equal(ulong.MaxValue, stream.GetProperty("constraints").GetUInt64());
        Assert.Equal("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", root.GetProperty("carousel").GetProperty("itemId").GetString());
        var state = Assert.Single(root.GetProperty("dynamicInfo").GetProperty("deviceStates").EnumerateArray());
        Assert.Equal(0x80000001u, state.GetProperty("errorCode").GetUInt32());
        Assert.Equal(ulong.MaxValue - 7, root.GetProperty("playbackRequest").GetProperty("requestedTimeStampUtcMs").GetUInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes("payload 7 ?"))),
            root.GetProperty("payloadSha256").GetString());
    }

    [Fact]
    public async Task Dump_leaves_out_extensions_whose_bit_is_clear_and_prints_null_for_no_data_type()
    {
        var frame = Plain(1, 3, new StreamInfo(3, StreamInfoFields.None, 0, 0, StreamInfoFlags.None, 0, 0, 0, 0, 0));
        var (_, json, _) = await Dump(frame);
        using var doc = JsonDocument.Parse(json);

        Assert.False(doc.RootElement.TryGetProperty("sizeInfo", out _));
        Assert.False(doc.RootElement.TryGetProperty("nativeData", out _));
        Assert.False(doc.RootElement.TryGetProperty("headerSizeBytesExt", out _));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("streamInfo").GetProperty("dataType").ValueKind);
        Assert.Equal(36 + 52, doc.RootElement.GetProperty("headerSizeBytes").GetInt32());
    }

    [Fact]
    public async Task Dump_of_the_40_byte_form_prints_HeaderSizeBytesExt()
    {
        var (_, json, _) = await Dump(EveryExtension(1, extended: true));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(0, doc.RootElement.GetProperty("headerSizeBytes").GetInt32());
        Assert.True(doc.RootElement.GetProperty("headerSizeBytesExt").GetInt32() > 40);
    }

    [Fact]
    public async Task Dump_prints_what_it_decoded_then_the_error_and_exits_1()
    {
        var good = Plain(1, 10);
        var bad = Plain(2, 10);
        bad[32] = 12; // HeaderSizeBytes 12
        var (code, json, stderr) = await Dump(good.Concat(bad).ToArray());

        Assert.Equal(1, code);
        var line = Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"frameCount\":1", line);
        Assert.Equal($"error: {good.Length + 32}: HeaderSizeBytes 12 is smaller than the 36-byte main header\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Dump_of_a_truncated_stream_reports_the_end_offset()
    {
        var frame = Plain(1, 50);
        var (code, json, stderr) = await Dump(frame[..60]);

        Assert.Equal(1, code);
        Assert.Equal("", json);
        Assert.StartsWith("error: 60: the stream ended inside a frame", stderr);
    }

    [Theory]
    [InlineData("{\"frameCount\":1}", "error: line 1: $.videoId: is required")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"frameCount\":-1}",
        "error: line 1: $.frameCount: -1 is not an integer that fits UInt32")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"timestampUtcMs\":18446744073709551616}",
        "error: line 1: $.timestampUtcMs: 18446744073709551616 is not an integer that fits UInt64")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"frameCont\":1}",
        "error: line 1: $.frameCont: is not a key of this object")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"headerSizeBytes\":40}",
        "error: line 1: $.headerSizeBytes: is 40 but the frame as written has 36")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"payloadBase64\":\"AAE=\",\"payloadSha256\":\"00\"}",
        "error: line 1: $.payloadSha256: does not match the payload (its SHA-256 is")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"streamInfo\":{\"dataType\":\"MJPEG\"}}",
        "error: line 1: $.streamInfo.dataType: must be four letters")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"nativeData\":{\"flags\":1,\"sequenceId\":3}}",
        "error: line 1: $.nativeData.flags: 0x1 lacks 0x2 whose fields are given")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"dynamicInfo\":{\"deviceStates\":[{\"errorCode\":1}]}}",
        "error: line 1: $.dynamicInfo.deviceStates[0].itemId: is required")]
    [InlineData("{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\",\"headerExtensionFlags\":2}",
        "error: line 1: $.headerExtensionFlags: is 2 but the frame as written has 0")]
    [InlineData("{\"videoId\":", "error: line 1: invalid JSON:")]
    public async Task Write_reports_the_first_bad_line_and_exits_1(string line, string expected)
    {
        var (code, _, stderr) = await WriteSpec(line);
        Assert.Equal(1, code);
        Assert.StartsWith(expected, stderr);
    }

    [Fact]
    public async Task Write_counts_lines_including_blank_ones()
    {
        string spec = "{\"videoId\":\"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\"}\n\n{\"videoId\":\"nope\"}\n";
        var (code, _, stderr) = await WriteSpec(spec);
        Assert.Equal(1, code);
        Assert.StartsWith("error: line 3: $.videoId: must be a GUID string", stderr);
    }

    [Fact]
    public async Task Write_checks_offsets_of_later_frames()
    {
        string id = "822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e";
        string spec = $"{{\"videoId\":\"{id}\",\"payloadBase64\":\"AAECAw==\",\"offset\":0}}\n{{\"videoId\":\"{id}\",\"offset\":40}}\n{{\"videoId\":\"{id}\",\"offset\":1}}\n";
        var (code, written, stderr) = await WriteSpec(spec);
        Assert.Equal(1, code);
        Assert.StartsWith("error: line 3: $.offset: is 1 but the frame as written has 76", stderr);
        Assert.Equal(76, written.Length); // the command discards this; it writes only when every line is valid
    }

    [Fact]
    public async Task The_command_line_runs_dump_and_write_end_to_end()
    {
        string dir = Path.Combine(Path.GetTempPath(), "camlab-frames-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var frames = EveryExtension(1, false).Concat(Plain(2, 5000)).ToArray();
            string bin = Path.Combine(dir, "in.bin");
            await File.WriteAllBytesAsync(bin, frames);

            var dump = await Run("frames", "dump", bin);
            Assert.Equal(0, dump.Code);
            string spec = Path.Combine(dir, "spec.jsonl");
            await File.WriteAllTextAsync(spec, dump.Stdout);

            var write = await Run("frames", "write", spec);
            Assert.Equal(0, write.Code);
            Assert.Equal(frames, write.StdoutBytes);

            var viaStdin = await Run(["frames", "dump", "-"], stdin: frames[..100]);
            Assert.Equal(1, viaStdin.Code);
            Assert.StartsWith("error: 100: the stream ended inside a frame", viaStdin.Stderr);

            await File.WriteAllTextAsync(spec, dump.Stdout + "{\"videoId\":1}\n");
            string output = Path.Combine(dir, "out.bin");
            var bad = await Run("frames", "write", spec, "-o", output);
            Assert.Equal(1, bad.Code);
            Assert.StartsWith("error: line 3: $.videoId:", bad.Stderr);
            Assert.False(File.Exists(output)); // nothing is written when a line is invalid

            var missing = await Run("frames", "dump", Path.Combine(dir, "missing.bin"));
            Assert.Equal(2, missing.Code);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Help_lists_both_verbs()
    {
        var output = new StringWriter();
        int code = Program.BuildRoot().Parse(["frames", "--help"]).Invoke(new InvocationConfiguration { Output = output });
        Assert.Equal(0, code);
        Assert.Contains("dump", output.ToString());
        Assert.Contains("write", output.ToString());
    }

    private sealed record RunResult(int Code, byte[] StdoutBytes, string Stderr)
    {
        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
    }

    private static Task<RunResult> Run(params string[] args) => Run(args, null);

    private static async Task<RunResult> Run(string[] args, byte[]? stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        await Task.WhenAll(copy, stderr, process.WaitForExitAsync());
        return new RunResult(process.ExitCode, stdout.ToArray(), await stderr);
    }
}
