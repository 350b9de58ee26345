namespace Camlab.Rtsp.Protocol;

/// <summary>
/// A request the server cannot accept, with the status it is answered with. <see cref="SkipLength"/> is how many
/// bytes the bad request occupied when its end is known (the connection then goes on after it); null when the
/// message cannot be delimited, and the connection is answered and closed.
/// </summary>
public sealed class RtspProtocolException(int status, string message, long? skipLength = null, string? cseq = null) : Exception(message)
{
    public int Status { get; } = status;
    public long? SkipLength { get; } = skipLength;
    public string? CSeq { get; } = cseq;
}

/// <summary>The parser's named throw helpers (Kestrel style: the hot path stays small and never builds messages).</summary>
internal static class RtspErrors
{
    public static RtspProtocolException HeadTooLarge(int limit) =>
        new(RtspStatus.BadRequest, $"request head exceeds {limit} bytes");

    public static RtspProtocolException LineTooLong(int limit, long? skip) =>
        new(RtspStatus.RequestUriTooLarge, $"a request line or header line exceeds {limit} bytes", skip);

    public static RtspProtocolException TooManyHeaders(int limit, long? skip) =>
        new(RtspStatus.BadRequest, $"more than {limit} header fields", skip);

    public static RtspProtocolException BadRequestLine(string why, long skip) =>
        new(RtspStatus.BadRequest, "malformed request line: " + why, skip);

    public static RtspProtocolException BadHeader(int line, string why, long skip, string? cseq) =>
        new(RtspStatus.BadRequest, $"malformed header field on line {line}: {why}", skip, cseq);

    public static RtspProtocolException UnsupportedVersion(string version, long skip, string? cseq) =>
        new(RtspStatus.VersionNotSupported, $"protocol version '{version}' is not RTSP/1.0", skip, cseq);

    public static RtspProtocolException BodyTooLarge(long length, int limit, string? cseq) =>
        new(RtspStatus.RequestEntityTooLarge, $"Content-Length {length} exceeds {limit} bytes", null, cseq);

    public static RtspProtocolException BadContentLength(long skip, string? cseq) =>
        new(RtspStatus.BadRequest, "Content-Length is not a non-negative integer", skip, cseq);

    public static RtspProtocolException BadCSeq(long skip) =>
        new(RtspStatus.BadRequest, "CSeq is missing or not an integer (RFC 2326 12.17)", skip);
}
