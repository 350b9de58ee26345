using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Json;

/// <summary>
/// Writes the model as canonical OPF JSON: UTF-8, 2-space indent, "\n" line ends and a final newline, known
/// properties in the order of the spec's tables, numbers in their shortest round-trip form, ids as exact
/// integers. Unknown properties are written back next to the known property they followed when read, and
/// extensions last, both verbatim. Writing what <see cref="OpfReader"/> read, then reading and writing
/// again, gives the same bytes.
/// </summary>
public static class OpfWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Sensor names and WKT strings are written as people typed them, not as \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8Bytes(InputCameras document)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Write(document, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJsonString(InputCameras document) => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(document));

    public static void Write(InputCameras document, Stream stream)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Write(document, buffer);
        stream.Write(buffer.WrittenSpan);
    }

    public static void Write(InputCameras document, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(document);
        using (var w = new Utf8JsonWriter(output, Options))
            new OpfJsonWriter(w).WriteRoot(document);
        output.Write("\n"u8);
    }
}
