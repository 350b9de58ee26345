using System.Buffers;
using System.Globalization;
using System.Text;

namespace Camlab.Rtsp.Protocol;

/// <summary>An RTSP 1.0 response (RFC 2326 7): status, header fields in order, optional body.</summary>
public sealed class RtspResponse(int status)
{
    private readonly List<KeyValuePair<string, string>> _headers = new();

    public int Status { get; } = status;
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;
    public ReadOnlyMemory<byte> Body { get; private set; }
    public string? ContentType { get; private set; }

    public RtspResponse With(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public RtspResponse WithBody(string contentType, ReadOnlyMemory<byte> body)
    {
        ContentType = contentType;
        Body = body;
        return this;
    }

    public string? Header(string name) => _headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A response with a short plain-text body saying why (bad input gets a precise error).</summary>
    public static RtspResponse Error(int status, string why) =>
        new RtspResponse(status).WithBody("text/plain; charset=utf-8", Encoding.UTF8.GetBytes(why + "\r\n"));

    /// <summary>Writes the response: status line, CSeq first (echoed, RFC 2326 12.17), headers, Content-Length, body.</summary>
    public void WriteTo(IBufferWriter<byte> output, string? cseq, string server)
    {
        var head = new StringBuilder(256);
        head.Append("RTSP/1.0 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(RtspStatus.Reason(Status)).Append("\r\n");
        if (cseq is not null) head.Append("CSeq: ").Append(cseq).Append("\r\n");
        head.Append("Server: ").Append(server).Append("\r\n");
        foreach (var (name, value) in _headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (ContentType is not null) head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        if (!Body.IsEmpty || ContentType is not null) head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");
        var text = head.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
        if (!Body.IsEmpty) output.Write(Body.Span);
    }
}
