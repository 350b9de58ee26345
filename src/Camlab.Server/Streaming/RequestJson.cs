using System.Text.Json;

namespace Camlab.Server.Streaming;

/// <summary>
/// Strict reading of the stream API's small JSON bodies (live and playback alike): one object, shallow, members
/// matched case-insensitively, an unknown member refused by name — every problem a <see cref="StreamRequestException"/>.
/// </summary>
internal static class RequestJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        // Checked whole: JsonDocument reads string contents lazily and would throw without a position on GetString.
        if (Camlab.Opf.Json.Utf8Validation.FirstInvalidByte(body.Span) is var bad and >= 0)
            throw new StreamRequestException("", "the body is not UTF-8: " + Camlab.Opf.Json.Utf8Validation.Describe(body.Span, bad));
        JsonDocument document;
        try { document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw new StreamRequestException("", $"the body is not JSON: {e.Message}"); }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new StreamRequestException("", "the body must be a JSON object");
        }
        return document;
    }

    /// <summary>
    /// Runs a reader of the parsed body, turning the one failure JsonDocument defers to reading time — a string
    /// whose escapes are not Unicode (a lone "\ud800") — into a 400 like any other.
    /// </summary>
    public static T Read<T>(Func<T> read)
    {
        try { return read(); }
        catch (InvalidOperationException e) { throw new StreamRequestException("", "a string of the body is not valid Unicode: " + e.Message); }
    }

    public static void CheckMembers(JsonElement root, string[] allowed)
    {
        foreach (var member in root.EnumerateObject())
            if (!allowed.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
                throw new StreamRequestException(member.Name, $"unknown member '{member.Name}' (allowed: {string.Join(", ", allowed)})");
    }

    public static JsonElement? Find(JsonElement root, string name)
    {
        foreach (var member in root.EnumerateObject())
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase)) return member.Value;
        return null;
    }
}
