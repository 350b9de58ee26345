using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Camlab.Rtsp.Tests;

/// <summary>A test client that speaks raw RTSP bytes: requests are strings, responses and interleaved frames are read back as bytes.</summary>
internal sealed class RawRtspClient : IDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = new();
    private int _cseq;

    public RawRtspClient(IPEndPoint server)
    {
        _tcp.Connect(server);
        _stream = _tcp.GetStream();
        _stream.ReadTimeout = 10_000;
        Url = $"rtsp://{server.Address}:{server.Port}";
    }

    public string Url { get; }
    public List<(byte Channel, byte[] Payload)> Frames { get; } = new();
    public (string User, string Password)? Credentials { get; set; }
    private Dictionary<string, string>? _challenge;

    public void SendRaw(string text) => _stream.Write(Encoding.ASCII.GetBytes(text));

    public Response Request(string method, string url, params string[] headers)
    {
        var lines = new List<string> { $"{method} {url} RTSP/1.0", $"CSeq: {++_cseq}" };
        lines.AddRange(headers);
        if (Credentials is { } c && _challenge is { } ch)
        {
            var ha1 = Md5($"{c.User}:{ch["realm"]}:{c.Password}");
            var ha2 = Md5($"{method}:{url}");
            lines.Add($"Authorization: Digest username=\"{c.User}\", realm=\"{ch["realm"]}\", nonce=\"{ch["nonce"]}\", uri=\"{url}\", response=\"{Md5($"{ha1}:{ch["nonce"]}:{ha2}")}\"");
        }
        SendRaw(string.Join("\r\n", lines) + "\r\n\r\n");
        var response = ReadResponse();
        if (response.Status == 401 && Credentials is not null && _challenge is null)
        {
            var md5 = response.Headers.Where(h => h.Key == "WWW-Authenticate").Select(h => h.Value).Last();
            _challenge = Camlab.Rtsp.Auth.RtspDigestAuthenticator.ParseFields(md5.AsSpan(7))!;
            _cseq--;
            return Request(method, url, headers);
        }
        return response;
    }

    public Response ReadResponse()
    {
        while (true)
        {
            while (_pending.Count > 0 && _pending[0] == '$')
            {
                Fill(4);
                var length = (_pending[2] << 8) | _pending[3];
                Fill(4 + length);
                Frames.Add((_pending[1], _pending.GetRange(4, length).ToArray()));
                _pending.RemoveRange(0, 4 + length);
            }
            if (_pending.Count == 0) { Fill(1); continue; }
            if (_pending[0] == '$') continue;
            var end = IndexOf("\r\n\r\n");
            if (end < 0) { Fill(_pending.Count + 1); continue; }
            var head = Encoding.UTF8.GetString(_pending.GetRange(0, end).ToArray()).Split("\r\n");
            var headers = head.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].Trim())).ToList();
            var bodyLength = int.Parse(headers.FirstOrDefault(h => h.Key == "Content-Length").Value ?? "0");
            Fill(end + 4 + bodyLength);
            var body = Encoding.UTF8.GetString(_pending.GetRange(end + 4, bodyLength).ToArray());
            _pending.RemoveRange(0, end + 4 + bodyLength);
            return new Response(int.Parse(head[0].Split(' ')[1]), headers, body);
        }
    }

    /// <summary>Reads interleaved frames until <paramref name="count"/> arrived on <paramref name="channel"/>.</summary>
    public void ReadFrames(byte channel, int count)
    {
        while (Frames.Count(f => f.Channel == channel) < count)
        {
            Fill(4);
            if (_pending[0] != '$') throw new InvalidDataException("expected an interleaved frame");
            var length = (_pending[2] << 8) | _pending[3];
            Fill(4 + length);
            Frames.Add((_pending[1], _pending.GetRange(4, length).ToArray()));
            _pending.RemoveRange(0, 4 + length);
        }
    }

    public bool IsClosedByServer()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = _stream.Read(buffer);
                if (n == 0) return true;
            }
        }
        catch (IOException) { return false; }
    }

    private int IndexOf(string text)
    {
        var pattern = Encoding.ASCII.GetBytes(text);
        for (var i = 0; i + pattern.Length <= _pending.Count; i++)
            if (pattern.Select((b, k) => _pending[i + k] == b).All(x => x)) return i;
        return -1;
    }

    private void Fill(int count)
    {
        var buffer = new byte[65536];
        while (_pending.Count < count)
        {
            var n = _stream.Read(buffer);
            if (n == 0) throw new EndOfStreamException("the server closed the connection");
            _pending.AddRange(buffer.AsSpan(0, n));
        }
    }

    private static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));

    public void Dispose() => _tcp.Dispose();

    public sealed record Response(int Status, List<KeyValuePair<string, string>> Headers, string Body)
    {
        public string? this[string name] => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
