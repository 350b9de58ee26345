using System.CommandLine;
using System.Globalization;
using System.Text;
using Camlab.Opf.Geometry;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Cli.Commands;

/// <summary>
/// <c>camlab opf validate|format|describe</c>: check, canonicalise and summarise OPF input cameras files.
/// Exit codes: 0 all valid (or done), 1 a document is invalid, 2 a file cannot be read or is not JSON at all.
/// </summary>
public static class OpfCommand
{
    public const int Valid = 0, Invalid = 1, Unreadable = 2;

    public static Command Create()
    {
        var command = new Command("opf", "Read, check and rewrite OPF input cameras files (application/opf-input-cameras+json).");
        command.Subcommands.Add(CreateValidate());
        command.Subcommands.Add(CreateFormat());
        command.Subcommands.Add(CreateDescribe());
        return command;
    }

    private static Command CreateValidate()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "OPF input cameras files to check." };
        var lenient = new Option<bool>("--lenient") { Description = "Accept enum values OPF 1.0 does not list (e.g. a future shutter_type)." };
        var command = new Command("validate",
            "Check files against every rule of the OPF schemas and the semantic rules. Prints 'FILE: valid' or one line per error " +
            "'FILE: <json pointer>: <message>'. Exit 0 all valid, 1 any invalid, 2 a file unreadable or not JSON.")
        {
            files, lenient,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = parse.GetValue(lenient) ? OpfValidationOptions.Lenient : OpfValidationOptions.Strict;
            var exit = Valid;
            foreach (var file in parse.GetValue(files)!)
            {
                var result = Load(file, error, r => OpfValidator.Validate(r, options));
                if (result is null)
                {
                    exit = Unreadable;
                    continue;
                }
                if (result.IsValid) output.WriteLine($"{file}: valid");
                else
                {
                    WriteErrors(output, file, result.Errors);
                    exit = Math.Max(exit, Invalid);
                }
            }
            return exit;
        });
        return command;
    }

    private static Command CreateFormat()
    {
        var file = new Argument<string>("FILE") { Description = "The OPF input cameras file to rewrite." };
        var outputOption = new Option<string?>("--output", "-o") { Description = "Write here instead of rewriting FILE in place ('-' for standard output)." };
        var command = new Command("format",
            "Rewrite a file canonically (2-space indent, the spec's property order), keeping unknown properties and extensions. " +
            "Refuses (exit 1) a document whose shape is wrong, since it could not be written back whole.")
        {
            file, outputOption,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var read = Load(path, error, r => OpfReader.Read(r));
            if (read is null) return Unreadable;
            if (!read.IsFaithful)
            {
                WriteErrors(output, path, read.Errors);
                return Invalid;
            }
            var bytes = OpfWriter.ToUtf8Bytes(read.Document);
            var target = parse.GetValue(outputOption) ?? path;
            if (target == "-")
            {
                output.Write(Encoding.UTF8.GetString(bytes));
                return Valid;
            }
            try
            {
                // Write beside the target and rename, so an interrupted format never leaves half a file.
                var temp = target + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                File.WriteAllBytes(temp, bytes);
                File.Move(temp, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{target}: cannot be written: {e.Message}");
                return Unreadable;
            }
            return Valid;
        });
        return command;
    }

    private static Command CreateDescribe()
    {
        var file = new Argument<string>("FILE") { Description = "The OPF input cameras file to summarise." };
        var command = new Command("describe", "Summarise a file: sensors with their field of view, captures with time, position and orientation.")
        {
            file,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(file)!;
            var read = Load(path, parse.InvocationConfiguration.Error, r => OpfReader.Read(r));
            if (read is null) return Unreadable;
            if (!read.IsFaithful)
            {
                WriteErrors(output, path, read.Errors);
                return Invalid;
            }
            OpfDescription.Write(output, path, read.Document);
            return Valid;
        });
        return command;
    }

    /// <summary>Reads the file and applies <paramref name="read"/>; null (after saying why) when unreadable or not JSON.</summary>
    private static T? Load<T>(string path, TextWriter error, Func<byte[], T> read) where T : class
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"{path}: cannot be read: {e.Message}");
            return null;
        }
        try
        {
            return read(bytes);
        }
        catch (OpfSyntaxException e)
        {
            error.WriteLine($"{path}: {e.Message} (line {e.LineNumber}, byte {e.BytePositionInLine})");
            return null;
        }
    }

    private static void WriteErrors(TextWriter output, string file, IEnumerable<OpfError> errors)
    {
        foreach (var e in errors) output.WriteLine($"{file}: {e}");
    }
}
