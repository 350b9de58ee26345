using System.Text;
using Camlab.Opf.Json;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

/// <summary>Damaged input gets a syntax exception or a list of errors, never any other exception.</summary>
public class RobustnessTests
{
    private static void ValidateOrSyntaxError(byte[] json)
    {
        try
        {
            var result = OpfValidator.Validate(json);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            if (result.IsFaithful)
                Assert.Equal(OpfWriter.ToUtf8Bytes(result.Document), OpfWriter.ToUtf8Bytes(OpfReader.Parse(OpfWriter.ToUtf8Bytes(result.Document))));
        }
        catch (OpfSyntaxException)
        {
        }
    }

    [Fact]
    public void Every_truncation_of_the_example_is_handled()
    {
        var json = TestDocuments.SpecExample;
        for (var length = 0; length < json.Length; length += 3)
            ValidateOrSyntaxError(json[..length]);
    }

    [Fact]
    public void Removing_any_one_line_of_the_example_is_handled()
    {
        var lines = TestDocuments.SpecExampleText.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            ValidateOrSyntaxError(Encoding.UTF8.GetBytes(string.Join('\n', lines.Where((_, k) => k != i))));
    }

    [Fact]
    public void Replacing_any_value_with_values_of_other_types_is_handled()
    {
        // Each line "key": value, gets the value replaced by null, a string, an array, an object and a big number.
        var lines = TestDocuments.SpecExampleText.Split('\n');
        string[] replacements = ["null", "\"x\"", "[1, \"a\"]", "{\"k\": 1}", "1e999", "18446744073709551616", "-0.5", "true"];
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf("\": ", StringComparison.Ordinal);
            if (colon < 0) continue;
            var trailingComma = lines[i].TrimEnd().EndsWith(',');
            var opens = lines[i].TrimEnd().EndsWith('{') || lines[i].TrimEnd().EndsWith('[');
            if (opens) continue;
            foreach (var replacement in replacements)
            {
                var copy = (string[])lines.Clone();
                copy[i] = lines[i][..(colon + 3)] + replacement + (trailingComma ? "," : "");
                ValidateOrSyntaxError(Encoding.UTF8.GetBytes(string.Join('\n', copy)));
            }
        }
    }
}
