namespace Camlab.Rtsp.Protocol;

/// <summary>
/// One parsed RTSP (or, for the HTTP tunnel's first request, HTTP) request: request line, header fields in order
/// (names compared case-insensitively, RFC 2326 4.2) and the body.
/// </summary>
public sealed class RtspRequest(string method, string target, string version, IReadOnlyList<KeyValuePair<string, string>> headers)
{
    public string Method { get; } = method;

    /// <summary>The Request-URI as sent: an absolute rtsp:// URL, <c>*</c>, or (HTTP) a path.</summary>
    public string Target { get; } = target;

    /// <summary><c>RTSP/1.0</c>, or <c>HTTP/1.0</c>/<c>HTTP/1.1</c> for the tunnel's GET/POST.</summary>
    public string Version { get; } = version;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; internal set; }

    public bool IsHttp => Version.StartsWith("HTTP/", StringComparison.Ordinal);

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>Every value of <paramref name="name"/> in order (Authorization may come more than once).</summary>
    public IEnumerable<string> HeaderValues(string name)
    {
        foreach (var (key, value) in Headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) yield return value;
    }

    public string? CSeq => Header("CSeq");

    public long ContentLength { get; internal set; }

    /// <summary>The Session header's id without its parameters (RFC 2326 12.37).</summary>
    public string? SessionId => Header("Session") is { } s ? s.Split(';', 2)[0].Trim() : null;
}
