using System.Buffers;
using System.Text;

namespace Camlab.Opf.Json;

/// <summary>
/// Where a byte string stops being UTF-8 (RFC 3629): overlong forms such as C0 AF, surrogates such as ED A0 80,
/// bytes that never occur (FF) and sequences cut short. <see cref="System.Text.Json"/> checks string contents
/// only when a value is read as a string, and then throws without an offset; readers check the whole input
/// first so the error names its byte offset.
/// </summary>
public static class Utf8Validation
{
    /// <summary>The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 when there is none.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80) { i++; continue; }
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    /// <summary>A sentence for an error message: the offset and the bytes found there (at most four, in hex).</summary>
    public static string Describe(ReadOnlySpan<byte> bytes, int offset) =>
        $"invalid UTF-8 at byte offset {offset} ({Convert.ToHexString(bytes.Slice(offset, Math.Min(4, bytes.Length - offset))).ToLowerInvariant()})";
}
