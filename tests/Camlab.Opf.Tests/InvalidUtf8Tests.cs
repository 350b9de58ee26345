using System.Text;
using Camlab.Opf.Json;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

/// <summary>
/// Invalid UTF-8 anywhere in a document (inside a string, a key, between tokens, cut short at the end) is an
/// <see cref="OpfSyntaxException"/> naming the byte offset, line and byte in the line — never another exception.
/// </summary>
public sealed class InvalidUtf8Tests
{
    /// <summary>Byte sequences that are not UTF-8 (RFC 3629): unused bytes, overlong forms, surrogates, truncated sequences.</summary>
    public static readonly byte[][] Bad =
    [
        [0xFF], [0xFE], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    [Fact]
    public void Every_bad_sequence_anywhere_is_a_syntax_error_with_its_offset()
    {
        var document = TestDocuments.SpecExample;
        var random = new Random(6);
        for (var i = 0; i < 2000; i++)
        {
            var bad = Bad[random.Next(Bad.Length)];
            // Inserted between two whole characters (the example may hold multi-byte ones): move to a lead byte.
            var at = random.Next(0, document.Length + 1);
            while (at < document.Length && (document[at] & 0xC0) == 0x80) at++;
            var mutated = document[..at].Concat(bad).Concat(document[at..]).ToArray();
            var e = Assert.Throws<OpfSyntaxException>(() => OpfValidator.Validate(mutated));
            Assert.Contains($"invalid UTF-8 at byte offset {at} ", e.Message);
            Assert.Equal(mutated.AsSpan(0, at).Count((byte)'\n') + 1, e.LineNumber);
        }
    }

    [Fact]
    public void The_finder_agrees_with_the_framework_decoder()
    {
        var random = new Random(7);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            var offset = Utf8Validation.FirstInvalidByte(bytes);
            var valid = true;
            try { strict.GetCharCount(bytes); } catch (DecoderFallbackException) { valid = false; }
            Assert.Equal(valid, offset < 0);
            if (offset >= 0)
            {
                Assert.True(Utf8Validation.FirstInvalidByte(bytes.AsSpan(0, offset)) < 0, "everything before the offset is UTF-8");
            }
        }
    }

    [Fact]
    public void Nesting_past_the_reader_depth_is_a_syntax_error()
    {
        foreach (var depth in new[] { 129, 1000, 100_000 })
        {
            var json = "{\"format\":" + new string('[', depth) + new string(']', depth) + "}";
            Assert.Throws<OpfSyntaxException>(() => OpfValidator.Validate(Encoding.UTF8.GetBytes(json)));
        }
    }
}
