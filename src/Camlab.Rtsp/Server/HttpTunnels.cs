using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace Camlab.Rtsp.Server;

/// <summary>
/// The RTSP-over-HTTP tunnels open now (QuickTime's scheme, which ONVIF Streaming 5.1.1.4 calls RTP/RTSP/HTTP/TCP):
/// a GET connection carries the server's output; POST connections with the same <c>x-sessioncookie</c> carry the
/// client's requests base64-encoded. The GET side registers a pipe here; each POST decodes into it.
/// </summary>
internal sealed class HttpTunnels
{
    private readonly ConcurrentDictionary<string, HttpTunnel> _open = new(StringComparer.Ordinal);

    public HttpTunnel? Open(string cookie)
    {
        var tunnel = new HttpTunnel(new Pipe());
        return _open.TryAdd(cookie, tunnel) ? tunnel : null;
    }

    public HttpTunnel? Find(string cookie) => _open.GetValueOrDefault(cookie);

    public void Close(string cookie, HttpTunnel tunnel) => _open.TryRemove(new(cookie, tunnel));
}

/// <summary>One tunnel: the pipe its POSTs decode into, read by its GET connection, and the POST connections feeding it now.</summary>
internal sealed class HttpTunnel(Pipe pipe)
{
    public Pipe Pipe { get; } = pipe;
    public ConcurrentDictionary<RtspConnection, byte> Posts { get; } = new();
}

/// <summary>
/// Decodes base64 that arrives in arbitrary pieces: whitespace is skipped, every complete quad is decoded (a quad
/// with '=' padding ends one message; another may follow, as each request is encoded alone).
/// </summary>
internal sealed class Base64Stream
{
    private readonly char[] _quad = new char[4];
    private int _held;

    /// <summary>Decodes what it can into <paramref name="output"/>; false on a character that is not base64.</summary>
    public bool Decode(ReadOnlySpan<byte> input, PipeWriter output)
    {
        Span<byte> decoded = stackalloc byte[3];
        foreach (var b in input)
        {
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') continue;
            if (!(b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'/' or (byte)'=')) return false;
            _quad[_held++] = (char)b;
            if (_held < 4) continue;
            _held = 0;
            if (!Convert.TryFromBase64Chars(_quad, decoded, out var written)) return false;
            output.Write(decoded[..written]);
        }
        return true;
    }
}
