using System.Buffers;
using System.Text;

namespace Camlab.Rtsp.Protocol;

/// <summary>
/// Parses RTSP 1.0 requests (RFC 2326 6) from bytes, in the manner of Kestrel's HttpParser: it sees only a buffer,
/// says how much of it one request occupied, returns false when it needs more bytes, and throws an
/// <see cref="RtspProtocolException"/> carrying the status to answer (400, 413, 414, 505) through small helpers.
/// Lines end in CRLF (a bare LF is accepted, as most servers do). Every length is checked against
/// <see cref="RtspLimits"/> before more is buffered, so a client cannot make the server hold more than the limits.
/// Request lines in HTTP/1.x are accepted too: they open the RTSP-over-HTTP tunnel; their bodies are not read here.
/// </summary>
public static class RtspRequestParser
{
    public static bool TryParse(in ReadOnlySequence<byte> buffer, RtspLimits limits, out RtspRequest? request, out SequencePosition consumed)
    {
        request = null;
        consumed = buffer.Start;
        var reader = new SequenceReader<byte>(buffer);
        var lines = new List<ReadOnlySequence<byte>>();
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                // Incomplete: refuse now if what is buffered can no longer become a valid head.
                if (reader.Remaining > limits.MaxLineLength) throw RtspErrors.LineTooLong(limits.MaxLineLength, null);
                if (reader.Consumed + reader.Remaining > limits.MaxHeadBytes) throw RtspErrors.HeadTooLarge(limits.MaxHeadBytes);
                return false;
            }
            if (line.Length > limits.MaxLineLength) throw RtspErrors.LineTooLong(limits.MaxLineLength, null);
            if (reader.Consumed > limits.MaxHeadBytes) throw RtspErrors.HeadTooLarge(limits.MaxHeadBytes);
            if (line.Length == 0 || (line.Length == 1 && line.FirstSpan[0] == '\r'))
            {
                // RFC 2326 does not allow it, but clients (and RFC 7230 3.5) send a CRLF between messages: skip it.
                if (lines.Count == 0) { consumed = reader.Position; continue; }
                break;
            }
            if (lines.Count > limits.MaxHeaderCount) throw RtspErrors.TooManyHeaders(limits.MaxHeaderCount, SkipAfterHead(ref reader, limits));
            lines.Add(line);
        }
        // Bad heads are skipped whole (the connection goes on after them): the skip counts from the buffer's start.
        request = ParseHead(lines, reader.Consumed);

        if (request.IsHttp)
        {
            consumed = reader.Position;
            return true;
        }
        var length = request.ContentLength;
        if (length > limits.MaxBodyBytes) throw RtspErrors.BodyTooLarge(length, limits.MaxBodyBytes, request.CSeq);
        if (reader.Remaining < length) { request = null; return false; }
        if (length > 0)
        {
            request.Body = buffer.Slice(reader.Position, length).ToArray();
            reader.Advance(length);
        }
        consumed = reader.Position;
        return true;
    }

    // A head with too many lines: its length when it is all buffered (so the connection can skip it), else unknown.
    private static long? SkipAfterHead(ref SequenceReader<byte> reader, RtspLimits limits)
    {
        var copy = reader;
        while (copy.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (line.Length == 0 || (line.Length == 1 && line.FirstSpan[0] == '\r')) return copy.Consumed;
            if (copy.Consumed > limits.MaxHeadBytes) return null;
        }
        return null;
    }

    private static RtspRequest ParseHead(List<ReadOnlySequence<byte>> lines, long skip)
    {
        var requestLine = Text(lines[0]);
        var parts = requestLine.Split(' ');
        if (parts.Length != 3) throw RtspErrors.BadRequestLine("expected 'Method SP Request-URI SP RTSP-Version'", skip);
        var (method, target, version) = (parts[0], parts[1], parts[2]);
        if (method.Length == 0 || !IsToken(method)) throw RtspErrors.BadRequestLine($"method '{Printable(method)}' is not a token", skip);
        if (target.Length == 0 || target.Any(c => c <= ' ' || c == 0x7f)) throw RtspErrors.BadRequestLine("the Request-URI is empty or contains control characters", skip);

        var headers = new List<KeyValuePair<string, string>>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var text = Text(lines[i]);
            if (text[0] is ' ' or '\t')
            {
                // Folded continuation of the previous field (RFC 2326 4.2 allows LWS folding).
                if (headers.Count == 0) throw RtspErrors.BadHeader(i + 1, "continuation line before any header field", skip, null);
                var last = headers[^1];
                headers[^1] = new(last.Key, (last.Value + " " + text.Trim()).Trim());
                continue;
            }
            var colon = text.IndexOf(':');
            if (colon <= 0) throw RtspErrors.BadHeader(i + 1, "no ':' after a field name", skip, CSeqOf(headers));
            var name = text[..colon];
            if (!IsToken(name)) throw RtspErrors.BadHeader(i + 1, $"field name '{Printable(name)}' is not a token", skip, CSeqOf(headers));
            var value = text[(colon + 1)..].Trim(' ', '\t');
            if (value.Any(c => c < ' ' && c != '\t' || c == 0x7f)) throw RtspErrors.BadHeader(i + 1, $"{name} contains control characters", skip, CSeqOf(headers));
            headers.Add(new(name, value));
        }

        var cseq = CSeqOf(headers);
        if (!version.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            if (!version.StartsWith("RTSP/", StringComparison.Ordinal) || version.Length < 8) throw RtspErrors.BadRequestLine($"'{Printable(version)}' is not a protocol version", skip);
            if (version != "RTSP/1.0") throw RtspErrors.UnsupportedVersion(Printable(version), skip, cseq);
            if (cseq is null || !uint.TryParse(cseq, System.Globalization.NumberStyles.None, null, out _)) throw RtspErrors.BadCSeq(skip);
        }
        else if (version is not ("HTTP/1.0" or "HTTP/1.1")) throw RtspErrors.UnsupportedVersion(Printable(version), skip, cseq);

        var request = new RtspRequest(method, target, version, headers);
        if (request.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, System.Globalization.NumberStyles.None, null, out var length)) throw RtspErrors.BadContentLength(skip, cseq);
            request.ContentLength = length;
        }
        return request;
    }

    private static string? CSeqOf(List<KeyValuePair<string, string>> headers)
    {
        foreach (var (key, value) in headers)
            if (string.Equals(key, "CSeq", StringComparison.OrdinalIgnoreCase)) return uint.TryParse(value, System.Globalization.NumberStyles.None, null, out _) ? value : null;
        return null;
    }

    private static string Text(in ReadOnlySequence<byte> line)
    {
        var length = (int)line.Length;
        if (length > 0 && (line.IsSingleSegment ? line.FirstSpan[^1] : line.Slice(length - 1).FirstSpan[0]) == '\r') length--;
        // UTF-8 for user names in Authorization; invalid sequences become U+FFFD and fail later checks, never throw.
        return Encoding.UTF8.GetString(line.Slice(0, length));
    }

    // RFC 2326 15.1 token: CHARs except CTLs and tspecials.
    private static bool IsToken(string text)
    {
        foreach (var c in text)
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c)) return false;
        return true;
    }

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => c is >= ' ' and < (char)0x7f ? c : '?').ToArray());
}
