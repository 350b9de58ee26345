using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Camlab.Cli.Frames;
using Camlab.VideoChannel;

namespace Camlab.Cli.Commands;

/// <summary>
/// `camlab frames dump` and `camlab frames write`: video channel frames as JSON Lines and back. The
/// JSON shape is a contract other tools rely on (docs/video-channel.md). Exit codes: 0 done,
/// 1 malformed input (frames or spec), 2 the input or output cannot be opened.
/// </summary>
public static class FramesCommand
{
    public const int Ok = 0;
    public const int MalformedInput = 1;
    public const int CannotOpen = 2;

    public static Command Create()
    {
        var command = new Command("frames",
            "Inspect and produce video channel frames (the Mobile Server binary protocol): 'dump' prints frames as JSON Lines, " +
            "'write' turns JSON Lines back into frames.");
        command.Subcommands.Add(CreateDump());
        command.Subcommands.Add(CreateWrite());
        return command;
    }

    private static Command CreateDump()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Frames back to back (an HTTP-push body, or one frame per WebSocket message concatenated); '-' reads stdin.",
        };
        var maxFrameSize = new Option<int>("--max-frame-size")
        {
            Description = "Largest frame (headers and payload) accepted, in bytes.",
            DefaultValueFactory = _ => FrameHeader.DefaultMaxFrameSize,
            // Parsed here rather than checked in a validator: a validator that reads the value of a token that is not a
            // number throws out of Parse instead of reporting the error.
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return FrameHeader.DefaultMaxFrameSize;
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size >= FrameHeader.MainHeaderSize) return size;
                result.AddError($"--max-frame-size must be a whole number of bytes, at least {FrameHeader.MainHeaderSize} (the main header), not '{text}'.");
                return 0;
            },
        };
        var command = new Command("dump",
            "Print one JSON object per frame (JSON Lines) and exit 0. On a malformed frame print the frames decoded so far, " +
            "then 'error: <offset>: <reason>' on stderr, and exit 1.")
        {
            file, maxFrameSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(file)!;
            var error = parse.InvocationConfiguration.Error;
            Stream input;
            try
            {
                input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: cannot read {path}: {e.Message}");
                return CannotOpen;
            }
            await using (input)
            await using (var output = Console.OpenStandardOutput())
                return await DumpAsync(input, output, error, parse.GetValue(maxFrameSize), cancellationToken);
        });
        return command;
    }

    private static Command CreateWrite()
    {
        var spec = new Argument<string>("SPEC.jsonl")
        {
            Description = "JSON Lines in the shape 'frames dump' prints, plus payloadBase64; '-' reads stdin.",
        };
        var outputPath = new Option<string?>("--output", "-o")
        {
            Description = "Write the frames to this file instead of stdout.",
        };
        var command = new Command("write",
            "Write the binary frames described by a JSON Lines spec to stdout, back to back. Nothing is written when any line " +
            "is invalid: 'error: line <n>: <json path>: <reason>' goes to stderr and the exit code is 1.")
        {
            spec, outputPath,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(spec)!;
            string? target = parse.GetValue(outputPath);
            var error = parse.InvocationConfiguration.Error;
            TextReader input;
            try
            {
                input = path == "-" ? Console.In : File.OpenText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: cannot read {path}: {e.Message}");
                return CannotOpen;
            }
            using (input)
            {
                var frames = new ArrayBufferWriter<byte>();
                int status = await WriteAsync(input, frames, error, cancellationToken);
                if (status != Ok)
                    return status;
                try
                {
                    await using var output = target is null ? Console.OpenStandardOutput() : File.Create(target);
                    await output.WriteAsync(frames.WrittenMemory, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"error: cannot write {target}: {e.Message}");
                    return CannotOpen;
                }
                return Ok;
            }
        });
        return command;
    }

    /// <summary>Prints every frame of <paramref name="input"/> as a JSON line; stops at the first malformed one.</summary>
    public static async Task<int> DumpAsync(Stream input, Stream output, TextWriter error, int maxFrameSize = FrameHeader.DefaultMaxFrameSize,
        CancellationToken cancellationToken = default)
    {
        var options = new FrameStreamReaderOptions { Resynchronize = false, MaxFrameSize = maxFrameSize };
        await using var reader = new FrameStreamReader(input, options, leaveOpen: true);
        try
        {
            while (await reader.ReadNextAsync(cancellationToken))
                FrameJsonWriter.Write(output, reader.FrameOffset, reader.Frame);
        }
        catch (FrameFormatException e)
        {
            await output.FlushAsync(cancellationToken);
            await error.WriteLineAsync($"error: {e.Offset}: {e.Reason}");
            return MalformedInput;
        }
        await output.FlushAsync(cancellationToken);
        return Ok;
    }

    /// <summary>
    /// Turns every line of <paramref name="input"/> into a frame appended to <paramref name="output"/>.
    /// Returns <see cref="MalformedInput"/> at the first invalid line (what was appended so far is the
    /// caller's to discard).
    /// </summary>
    public static async Task<int> WriteAsync(TextReader input, IBufferWriter<byte> output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        long offset = 0;
        int lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var spec = FrameSpec.Parse(document.RootElement);
                var frame = spec.ToFrame();
                int headerLength = FrameWriter.GetHeaderLength(frame);
                spec.CheckComputedFields(offset, headerLength);
                offset += FrameWriter.Write(output, frame);
            }
            catch (JsonException e)
            {
                await error.WriteLineAsync($"error: line {lineNumber}: invalid JSON: {e.Message}");
                return MalformedInput;
            }
            catch (FrameSpecException e)
            {
                await error.WriteLineAsync($"error: line {lineNumber}: {e.Path}: {e.Reason}");
                return MalformedInput;
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync($"error: line {lineNumber}: $: {e.Message}");
                return MalformedInput;
            }
        }
        return Ok;
    }
}
