using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Camlab.Rtsp.Auth;
using Camlab.Rtsp.Media;
using Camlab.Rtsp.Protocol;
using Camlab.Rtsp.Rtp;
using Camlab.Rtsp.Sdp;

namespace Camlab.Rtsp.Server;

/// <summary>
/// One TCP connection: RTSP requests and interleaved frames in, responses and interleaved RTP/RTCP out (RFC 2326
/// 10.12), all through pipes. Its first request may instead be HTTP: a GET with <c>x-sessioncookie</c> makes it the
/// output side of an RTSP-over-HTTP tunnel (its RTSP input then comes from the tunnel's POST), a POST feeds a tunnel.
/// A request that cannot be parsed is answered with its status; the connection goes on after it when its end is
/// known, and is closed otherwise.
/// </summary>
internal sealed class RtspConnection : IAsyncDisposable
{
    public static readonly string[] Methods = ["OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER"];

    private readonly RtspServer _server;
    private readonly Socket _socket;
    private readonly PipeReader _socketInput;
    private readonly CancellationTokenSource _closed = new();
    private readonly List<RtspSession> _sessions = new();
    private int _disposed;
    // The session whose PLAY is being answered now (a kill waits for the answer).
    private RtspSession? _starting;
    // The tunnel this connection is the GET side of: its POST connections close with it when a session is killed.
    private HttpTunnel? _tunnel;

    public RtspConnection(RtspServer server, Socket socket)
    {
        _server = server;
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _socketInput = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public PipeWriter Output { get; }

    /// <summary>Held while writing to <see cref="Output"/>: responses and every session's interleaved packets.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Set under <see cref="WriteLock"/> when the output is completed: nothing may be written after it.</summary>
    public bool OutputClosed { get; private set; }
    public IPEndPoint Remote { get; }
    public IPEndPoint Local { get; }

    public async Task RunAsync(CancellationToken cancel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _closed.Token);
        await RequestLoopAsync(_socketInput, allowHttp: true, linked.Token).ConfigureAwait(false);
    }

    private async Task RequestLoopAsync(PipeReader input, bool allowHttp, CancellationToken cancel)
    {
        var limits = _server.Options.Limits;
        while (true)
        {
            var result = await input.ReadAsync(cancel).ConfigureAwait(false);
            var buffer = result.Buffer;
            var stop = false;
            while (!buffer.IsEmpty)
            {
                if (buffer.FirstSpan[0] == InterleavedFrame.Magic)
                {
                    if (!InterleavedFrame.TryRead(buffer, out var channel, out var payload, out var end)) break;
                    OnInterleaved(channel, payload);
                    buffer = buffer.Slice(end);
                    continue;
                }
                RtspRequest? request;
                SequencePosition consumed;
                try
                {
                    if (!RtspRequestParser.TryParse(buffer, limits, out request, out consumed)) break;
                }
                catch (RtspProtocolException e)
                {
                    await RespondAsync(RtspResponse.Error(e.Status, e.Message), e.CSeq, cancel).ConfigureAwait(false);
                    if (e.SkipLength is { } skip && skip <= buffer.Length) { buffer = buffer.Slice(skip); continue; }
                    stop = true;
                    break;
                }
                buffer = buffer.Slice(consumed);
                if (request!.IsHttp)
                {
                    if (!allowHttp)
                    {
                        await RespondAsync(RtspResponse.Error(RtspStatus.VersionNotSupported, "HTTP is only accepted as a connection's first request (the RTSP-over-HTTP tunnel)"), null, cancel).ConfigureAwait(false);
                        stop = true;
                        break;
                    }
                    input.AdvanceTo(buffer.Start);
                    await HttpAsync(request, cancel).ConfigureAwait(false);
                    return;
                }
                allowHttp = false;
                TouchSessions();
                var response = await HandleAsync(request).ConfigureAwait(false);
                try { await RespondAsync(response, request.CSeq, cancel).ConfigureAwait(false); }
                finally
                {
                    if (_starting is { } started)
                    {
                        _starting = null;
                        if (started.EndStart()) await _server.KillAsync(started).ConfigureAwait(false);
                    }
                }
                if (Volatile.Read(ref _disposed) == 1) { stop = true; break; }
            }
            if (stop) return;
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled) return;
        }
    }

    private void OnInterleaved(byte channel, in ReadOnlySequence<byte> payload)
    {
        // Any traffic keeps this connection's sessions alive; RTCP on a session's odd channel is read as such.
        TouchSessions();
        if (payload.Length > 2048) return;
        Span<byte> copy = stackalloc byte[(int)payload.Length];
        payload.CopyTo(copy);
        lock (_sessions)
            foreach (var session in _sessions)
                if (session.Tracks.Any(track => track.Transport is InterleavedTransport t && t.RtcpChannel == channel)) session.OnRtcp(copy);
    }

    private void TouchSessions()
    {
        lock (_sessions) foreach (var session in _sessions) session.Touch();
    }

    private async ValueTask RespondAsync(RtspResponse response, string? cseq, CancellationToken cancel)
    {
        await WriteLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(OutputClosed, this);
            response.WriteTo(Output, cseq, _server.Options.ServerName);
            await Output.FlushAsync(cancel).ConfigureAwait(false);
        }
        finally { WriteLock.Release(); }
    }

    // ---- RTSP over HTTP (QuickTime tunnelling) ----

    private async Task HttpAsync(RtspRequest request, CancellationToken cancel)
    {
        var cookie = request.Header("x-sessioncookie");
        if (cookie is { Length: > 0 and <= 128 } && request.Method == "GET")
        {
            var tunnel = _server.Tunnels.Open(cookie);
            if (tunnel is null) { await HttpAnswerAsync("409 Conflict", "x-sessioncookie is already in use", cancel).ConfigureAwait(false); return; }
            _tunnel = tunnel;
            var pipe = tunnel.Pipe;
            try
            {
                await WriteRawAsync("HTTP/1.0 200 OK\r\nServer: " + _server.Options.ServerName + "\r\nConnection: close\r\nCache-Control: no-store\r\nPragma: no-cache\r\n"
                    + "Content-Type: application/x-rtsp-tunnelled\r\n\r\n", cancel).ConfigureAwait(false);
                // The GET side sends nothing more; its end ends the tunnel.
                _ = DrainThenCompleteAsync(pipe.Writer, cancel);
                await RequestLoopAsync(pipe.Reader, allowHttp: false, cancel).ConfigureAwait(false);
            }
            finally
            {
                _server.Tunnels.Close(cookie, tunnel);
                await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            }
            return;
        }
        if (cookie is not null && request.Method == "POST")
        {
            var tunnel = _server.Tunnels.Find(cookie);
            if (tunnel is null) { await HttpAnswerAsync("404 Not Found", "no tunnel with this x-sessioncookie: open its GET first", cancel).ConfigureAwait(false); return; }
            var pipe = tunnel.Pipe;
            var decoder = new Base64Stream();
            tunnel.Posts[this] = 0;
            try
            {
                while (true)
                {
                    var result = await _socketInput.ReadAsync(cancel).ConfigureAwait(false);
                    var ok = true;
                    foreach (var segment in result.Buffer)
                        if (!(ok = decoder.Decode(segment.Span, pipe.Writer))) break;
                    _socketInput.AdvanceTo(result.Buffer.End);
                    if (!ok) return; // not base64: this POST ends, the tunnel stays
                    var flushed = await pipe.Writer.FlushAsync(cancel).ConfigureAwait(false);
                    if (result.IsCompleted || flushed.IsCompleted) return;
                }
            }
            finally { tunnel.Posts.TryRemove(this, out _); }
        }
        await HttpAnswerAsync("404 Not Found", "this port serves RTSP, and RTSP over HTTP (GET/POST with x-sessioncookie)", cancel).ConfigureAwait(false);
    }

    private async Task DrainThenCompleteAsync(PipeWriter tunnelInput, CancellationToken cancel)
    {
        try
        {
            while (true)
            {
                var result = await _socketInput.ReadAsync(cancel).ConfigureAwait(false);
                _socketInput.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or SocketException) { }
        await tunnelInput.CompleteAsync().ConfigureAwait(false);
    }

    private Task HttpAnswerAsync(string status, string why, CancellationToken cancel) =>
        WriteRawAsync($"HTTP/1.0 {status}\r\nContent-Type: text/plain\r\nContent-Length: {why.Length + 2}\r\nConnection: close\r\n\r\n{why}\r\n", cancel);

    private async Task WriteRawAsync(string text, CancellationToken cancel)
    {
        await WriteLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(OutputClosed, this);
            Output.Write(Encoding.ASCII.GetBytes(text));
            await Output.FlushAsync(cancel).ConfigureAwait(false);
        }
        finally { WriteLock.Release(); }
    }

    // ---- Methods ----

    private async ValueTask<RtspResponse> HandleAsync(RtspRequest request)
    {
        try
        {
            return request.Method switch
            {
                "OPTIONS" => Options(request),
                "DESCRIBE" => Describe(request),
                "SETUP" => Setup(request),
                "PLAY" => Play(request),
                "PAUSE" => Pause(request),
                "TEARDOWN" => await TeardownAsync(request).ConfigureAwait(false),
                "GET_PARAMETER" or "SET_PARAMETER" => Parameter(request),
                _ => RtspResponse.Error(RtspStatus.NotImplemented, $"method {request.Method} is not implemented").With("Public", string.Join(", ", Methods)),
            };
        }
        catch (RtspProtocolException e)
        {
            return RtspResponse.Error(e.Status, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _server.Log(e);
            return RtspResponse.Error(RtspStatus.InternalServerError, $"{request.Method} failed: {e.Message}");
        }
    }

    private RtspResponse Options(RtspRequest request)
    {
        var response = new RtspResponse(RtspStatus.Ok).With("Public", string.Join(", ", Methods));
        if (_server.Find(request.SessionId) is { } session)
        {
            session.Touch();
            response.With("Session", SessionHeader(session));
        }
        return response;
    }

    private RtspResponse Describe(RtspRequest request)
    {
        var (aggregate, _) = Paths(request.Target);
        var stream = Resolve(aggregate);
        if (Authorize(request, stream) is { } refused) return refused;
        var (payloadType, rtpMap) = PayloadFormat(stream.Codec);
        var sdp = SessionDescription.Write(stream, payloadType, rtpMap, Local.Address.ToString(), (ulong)_server.Time.GetUtcNow().ToUnixTimeSeconds(),
            _server.Options.MetadataPayloadType);
        return new RtspResponse(RtspStatus.Ok)
            .With("Content-Base", BaseUrl(request.Target) + "/")
            .WithBody("application/sdp", Encoding.UTF8.GetBytes(sdp));
    }

    /// <summary>
    /// SETUP of a track (RFC 2326 10.4): without a Session header it creates a session with that track; with one, it
    /// adds another track of the same stream to it (the metadata beside the video), each on its own transport.
    /// </summary>
    private RtspResponse Setup(RtspRequest request)
    {
        var (aggregate, kind) = Paths(request.Target);
        var stream = Resolve(aggregate);
        if (Authorize(request, stream) is { } refused) return refused;
        var trackKind = kind ?? RtspTrackKind.Video;
        if (trackKind == RtspTrackKind.Metadata && !stream.Metadata)
            return RtspResponse.Error(RtspStatus.NotFound, $"{Clip(aggregate)} has no metadata track (its profile has no metadata configuration)");
        RtspSession? existing = null;
        if (request.SessionId is { } id)
        {
            existing = _server.Find(id);
            if (existing is null) return RtspResponse.Error(RtspStatus.SessionNotFound, $"no session {Clip(id)}");
            if (existing.Path != aggregate)
                return RtspResponse.Error(RtspStatus.AggregateOperationNotAllowed, $"session {Clip(id)} plays {Clip(existing.Path)}: a track of another stream needs its own session");
            if (existing.Tracks.Any(t => t.Kind == trackKind))
                return RtspResponse.Error(RtspStatus.AggregateOperationNotAllowed, $"{RtspTrack.ControlOf(trackKind)} is set up in this session already");
            if (existing.State == RtspSessionState.Playing)
                return RtspResponse.Error(RtspStatus.MethodNotValidInThisState, "a track cannot be added while the session plays: PAUSE first");
            existing.Touch();
        }
        var header = request.Header("Transport") ?? throw new RtspProtocolException(RtspStatus.BadRequest, "SETUP needs a Transport header (RFC 2326 12.39)");
        var transport = ChooseTransport(TransportSpec.ParseHeader(header));
        var ssrc = (uint)_server.Options.Random.NextInt64(1, uint.MaxValue);
        var session = existing ?? new RtspSession(_server, RtspServer.NewSessionId(), stream, aggregate);
        if (existing is null && !_server.TryAdd(session))
            return RtspResponse.Error(RtspStatus.NotEnoughBandwidth, $"at most {_server.Options.MaxSessionsPerGroup} RTSP sessions may play from this camera at once");
        var packetizer = trackKind == RtspTrackKind.Metadata ? CreateMetadataPacketizer(ssrc) : CreatePacketizer(stream.Codec, ssrc);
        _server.AddTrack(new RtspTrack(session, trackKind, transport, packetizer));
        if (transport is InterleavedTransport) lock (_sessions) if (!_sessions.Contains(session)) _sessions.Add(session);
        return new RtspResponse(RtspStatus.Ok)
            .With("Transport", transport.Describe() + ";ssrc=" + ssrc.ToString("X8", CultureInfo.InvariantCulture))
            .With("Session", SessionHeader(session));
    }

    private RtpTransport ChooseTransport(IReadOnlyList<TransportSpec> specs)
    {
        var multicast = false;
        foreach (var spec in specs)
        {
            if (!spec.IsRtpAvp) continue;
            if (spec.Multicast) { multicast = true; continue; }
            if (spec.Kind == TransportKind.Interleaved)
            {
                lock (_sessions)
                {
                    var used = _sessions.SelectMany(s => s.Tracks).Select(t => t.Transport).OfType<InterleavedTransport>()
                        .SelectMany(t => new[] { t.RtpChannel, t.RtcpChannel }).ToHashSet();
                    var (rtp, rtcp) = spec.Interleaved ?? (Enumerable.Range(0, 127).Select(n => (n * 2, n * 2 + 1)).First(p => !used.Contains((byte)p.Item1)));
                    if (used.Contains((byte)rtp) || used.Contains((byte)rtcp))
                        throw new RtspProtocolException(RtspStatus.UnsupportedTransport, $"interleaved channels {rtp}-{rtcp} are in use on this connection");
                    return new InterleavedTransport(this, (byte)rtp, (byte)rtcp);
                }
            }
            if (spec.ClientPorts is { } ports && spec.LowerTransport is null or "UDP")
                return new UdpTransport(_server.Udp, Remote.Address, ports.Rtp, ports.Rtcp, _server.Options.Mtu);
        }
        throw new RtspProtocolException(RtspStatus.UnsupportedTransport, multicast
            ? "multicast is not supported: use RTP/AVP unicast over UDP (client_port) or RTP/AVP/TCP (interleaved)"
            : "supported transports: RTP/AVP;unicast;client_port=n-m and RTP/AVP/TCP;unicast;interleaved=n-m");
    }

    private RtspResponse Play(RtspRequest request)
    {
        var session = SessionOf(request);
        if (Authorize(request, session.Stream) is { } refused) return refused;
        if (session.Tracks.Count == 0) return RtspResponse.Error(RtspStatus.MethodNotValidInThisState, "the session has no track set up");
        // A source that ends the session while it starts (IRtspFrameReceiver.EndSession) does so after this answer.
        session.BeginStart();
        _starting = session;
        var started = session.Play();
        // RFC 2326 12.33: one entry per track, named by its control URL.
        var info = string.Join(",", started.Select(s => $"url={BaseUrl(request.Target)}/{s.Track.Control};seq={s.Sequence};rtptime={s.RtpTime}"));
        return new RtspResponse(RtspStatus.Ok)
            .With("Range", "npt=now-")
            .With("Session", SessionHeader(session))
            .With("RTP-Info", info);
    }

    private RtspResponse Pause(RtspRequest request)
    {
        var session = SessionOf(request);
        if (Authorize(request, session.Stream) is { } refused) return refused;
        session.Pause();
        return new RtspResponse(RtspStatus.Ok).With("Session", SessionHeader(session));
    }

    private async ValueTask<RtspResponse> TeardownAsync(RtspRequest request)
    {
        var session = SessionOf(request);
        if (Authorize(request, session.Stream) is { } refused) return refused;
        lock (_sessions) _sessions.Remove(session);
        await _server.CloseAsync(session, sendGoodbye: true).ConfigureAwait(false);
        return new RtspResponse(RtspStatus.Ok);
    }

    private RtspResponse Parameter(RtspRequest request)
    {
        RtspSession? session = null;
        if (request.SessionId is not null)
        {
            session = SessionOf(request);
            if (Authorize(request, session.Stream) is { } refused) return refused;
        }
        var response = request.Body.IsEmpty || request.Body.Span.IndexOfAnyExcept("\r\n \t"u8) < 0
            ? new RtspResponse(RtspStatus.Ok)
            : RtspResponse.Error(RtspStatus.ParameterNotUnderstood, "no parameters are defined; an empty GET_PARAMETER/SET_PARAMETER keeps a session alive");
        if (session is not null) response.With("Session", SessionHeader(session));
        return response;
    }

    private RtspSession SessionOf(RtspRequest request)
    {
        var id = request.SessionId ?? throw new RtspProtocolException(RtspStatus.SessionNotFound, $"{request.Method} needs a Session header");
        var session = _server.Find(id) ?? throw new RtspProtocolException(RtspStatus.SessionNotFound, $"no session {Clip(id)} (it may have timed out)");
        session.Touch();
        return session;
    }

    private RtspResponse? Authorize(RtspRequest request, RtspStreamDescription stream)
    {
        if (stream.Users is null) return null;
        var authorization = request.HeaderValues("Authorization").FirstOrDefault(a => a.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase));
        var result = _server.Authenticator.Validate(authorization, request.Method, request.Target, stream.Users, out _);
        if (result == DigestResult.Valid) return null;
        if (result == DigestResult.Forbidden) return RtspResponse.Error(RtspStatus.Forbidden, "the user's access class does not include READ_MEDIA");
        var response = RtspResponse.Error(RtspStatus.Unauthorized, authorization is null ? "authentication required (Digest)" : "the credentials were not accepted");
        foreach (var challenge in _server.Authenticator.Challenges(stale: result == DigestResult.Stale)) response.With("WWW-Authenticate", challenge);
        return response;
    }

    private RtspStreamDescription Resolve(string path) =>
        _server.Media.Resolve(path) ?? throw new RtspProtocolException(RtspStatus.NotFound, $"no stream at {Clip(path)}");

    private (byte PayloadType, string RtpMap) PayloadFormat(RtspCodec codec) => codec switch
    {
        RtspCodec.Jpeg => (JpegPacketizer.PayloadTypeJpeg, "JPEG/90000"),
        _ => (_server.Options.H264PayloadType, "H264/90000"),
    };

    private RtpPacketizer CreatePacketizer(RtspCodec codec, uint ssrc)
    {
        var sequence = (ushort)_server.Options.Random.Next(0, 65536);
        return codec switch
        {
            RtspCodec.Jpeg => new JpegPacketizer(ssrc, sequence, _server.Options.Mtu),
            _ => new H264Packetizer(_server.Options.H264PayloadType, ssrc, sequence, _server.Options.Mtu),
        };
    }

    private RtpPacketizer CreateMetadataPacketizer(uint ssrc) =>
        new MetadataPacketizer(_server.Options.MetadataPayloadType, ssrc, (ushort)_server.Options.Random.Next(0, 65536), _server.Options.Mtu);

    private string SessionHeader(RtspSession session) =>
        $"{session.Id};timeout={(int)_server.Options.SessionTimeout.TotalSeconds}";

    /// <summary>The stream's path (without a track's control suffix) and the track it names, if any.</summary>
    internal static (string Aggregate, RtspTrackKind? Track) Paths(string target)
    {
        string path;
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "rtsp" or "rtsps" or "rtspt") path = uri.AbsolutePath;
        else if (target.StartsWith('/')) path = target.Split('?', 2)[0];
        else throw new RtspProtocolException(RtspStatus.BadRequest, $"'{Clip(target)}' is not an rtsp:// URL");
        var (aggregate, kind) = SplitTrack(path.TrimEnd('/'));
        return (aggregate, kind);
    }

    private static (string Aggregate, RtspTrackKind? Track) SplitTrack(string path)
    {
        foreach (var kind in (ReadOnlySpan<RtspTrackKind>)[RtspTrackKind.Video, RtspTrackKind.Metadata])
        {
            var suffix = "/" + RtspTrack.ControlOf(kind);
            if (path.EndsWith(suffix, StringComparison.Ordinal)) return (path[..^suffix.Length], kind);
        }
        return (path, null);
    }

    private static string BaseUrl(string target) => SplitTrack(target.Split('?', 2)[0].TrimEnd('/')).Aggregate;

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Closes the connection as a crashed server would, with the POST sides of the tunnel it carries.</summary>
    public async ValueTask AbortAsync()
    {
        var posts = _tunnel?.Posts.Keys.ToArray() ?? [];
        await DisposeAsync().ConfigureAwait(false);
        foreach (var post in posts) await post.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _closed.Cancel();
        RtspSession[] sessions;
        lock (_sessions) { sessions = _sessions.ToArray(); _sessions.Clear(); }
        foreach (var session in sessions) _server.Close(session, sendGoodbye: false);
        await _socketInput.CompleteAsync().ConfigureAwait(false);
        // A sender may be inside a flush to a client that reads nothing: closing the socket ends that flush.
        var locked = await WriteLock.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        if (!locked)
        {
            _socket.Dispose();
            locked = await WriteLock.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        try
        {
            OutputClosed = true;
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException) { }
        finally
        {
            if (locked) WriteLock.Release();
        }
        _socket.Dispose();
    }
}
