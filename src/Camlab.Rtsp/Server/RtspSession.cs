using Camlab.Rtsp.Media;
using Camlab.Rtsp.Rtcp;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Server;

public enum RtspSessionState { Ready, Playing, Closed }

/// <summary>
/// One RTSP session (RFC 2326 A.1): one stream, one transport, its RTP sequence/SSRC/clock, the frames waiting to
/// be sent and the loop that sends them. Kept alive by RTSP requests, RTCP from the client and TCP traffic; the
/// server tears it down when none came for the timeout.
/// </summary>
internal sealed class RtspSession : IRtspFrameReceiver
{
    private readonly RtspServer _server;
    private readonly SessionFrameQueue _queue;
    private readonly object _gate = new();
    private IDisposable? _subscription;
    private CancellationTokenSource? _sending;
    private long _lastActivity;
    private DateTimeOffset? _lastReport;
    private int _closing;

    public RtspSession(RtspServer server, string id, RtspStreamDescription stream, string path, RtpTransport transport, RtpPacketizer packetizer)
    {
        _server = server;
        Id = id;
        Stream = stream;
        Path = path;
        Transport = transport;
        Packetizer = packetizer;
        Clock = new RtpClock((uint)server.Options.Random.Next(int.MaxValue) * 2u);
        _queue = new SessionFrameQueue(server.Options.FrameQueueCapacity, stream.EveryFrameIsKey);
        CName = $"camlab-{id[..8]}@{server.Options.ServerName}";
        Touch();
    }

    public string Id { get; }
    public RtspStreamDescription Stream { get; }

    /// <summary>The aggregate path the session was set up for (its control URL is path + "/trackID=1").</summary>
    public string Path { get; }
    public RtpTransport Transport { get; }
    public RtpPacketizer Packetizer { get; }
    public RtpClock Clock { get; }
    public string CName { get; }
    public RtspSessionState State { get; private set; } = RtspSessionState.Ready;
    public long FramesSent { get; private set; }
    public long FramesDropped => _queue.Dropped;
    public long ReceiverReports { get; private set; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivity), TimeSpan.Zero);

    public void Touch() => Interlocked.Exchange(ref _lastActivity, _server.Time.GetUtcNow().UtcTicks);

    public void OnRtcp(ReadOnlySpan<byte> compound)
    {
        var reports = RtcpPackets.CountReceiverReports(compound);
        if (reports < 0) return;
        ReceiverReports += reports;
        Touch();
    }

    /// <summary>Starts (or resumes) sending; returns the sequence number and RTP time the first packet will have.</summary>
    public (ushort Sequence, uint RtpTime) Play()
    {
        lock (_gate)
        {
            if (State == RtspSessionState.Closed) throw new ObjectDisposedException(Id);
            var start = (Packetizer.NextSequence, Clock.Timestamp(_server.Time.GetUtcNow()));
            if (State == RtspSessionState.Playing) return start;
            State = RtspSessionState.Playing;
            _queue.Clear();
            _sending = new CancellationTokenSource();
            var cancel = _sending.Token;
            _ = Task.Run(() => SendLoopAsync(cancel));
            _subscription = _server.Media.Subscribe(Stream, this);
            return start;
        }
    }

    public void Pause()
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (State != RtspSessionState.Playing) return;
            State = RtspSessionState.Ready;
            subscription = _subscription;
            _subscription = null;
            _sending?.Cancel();
            _sending = null;
        }
        subscription?.Dispose();
    }

    public void OnFrame(in RtspFrame frame)
    {
        if (State == RtspSessionState.Playing) _queue.Enqueue(frame);
    }

    private async Task SendLoopAsync(CancellationToken cancel)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var frame = await _queue.DequeueAsync(cancel).ConfigureAwait(false);
                var timestamp = Clock.Timestamp(frame.CaptureTime);
                ReportDue? report = null;
                if (_lastReport is not { } last || frame.CaptureTime - last >= _server.Options.SenderReportInterval || frame.CaptureTime < last)
                {
                    report = new ReportDue(RtpClock.Ntp(frame.CaptureTime), timestamp);
                    _lastReport = frame.CaptureTime;
                }
                try
                {
                    await Transport.SendAsync(this, frame.Payload, timestamp, report, cancel).ConfigureAwait(false);
                    FramesSent++;
                }
                catch (UnsupportedFrameException e) { _server.Log(e); }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The connection is gone: the session cannot be served any more.
            _server.Close(this, sendGoodbye: false);
        }
    }

    /// <summary>Stops sending; sends BYE when asked and the transport is still there. Idempotent.</summary>
    public async ValueTask CloseAsync(bool sendGoodbye)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        Pause();
        lock (_gate) State = RtspSessionState.Closed;
        if (!sendGoodbye) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Transport.SendGoodbyeAsync(this, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException) { }
    }
}
