using System.Security.Cryptography;
using Camlab.Rtsp.Media;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Server;

/// <summary>The media of a stream that a SETUP names: the video (<c>trackID=1</c>) or the ONVIF metadata (<c>trackID=2</c>).</summary>
public enum RtspTrackKind { Video = 1, Metadata = 2 }

/// <summary>
/// One set-up track of a session (RFC 2326 1.3 "media stream"): its transport, RTP sequence/SSRC/clock, the frames
/// waiting to be sent and the loop that sends them. The tracks of a session start, pause and end together (aggregate
/// control); each has its own RTP stream and RTCP, as RFC 3550 wants one SSRC per media.
/// </summary>
internal sealed class RtspTrack : IRtspFrameReceiver
{
    private readonly SessionFrameQueue _queue;
    private readonly object _gate = new();
    private IDisposable? _subscription;
    private CancellationTokenSource? _sending;
    private DateTimeOffset? _lastReport;
    private bool _playing;

    public RtspTrack(RtspSession session, RtspTrackKind kind, RtpTransport transport, RtpPacketizer packetizer)
    {
        Session = session;
        Kind = kind;
        Transport = transport;
        Packetizer = packetizer;
        // The RTP timestamp starts at a random offset (RFC 3550 5.1), drawn from the server's generator (seeded with --seed).
        Clock = new RtpClock((uint)session.Server.Options.Random.Next(int.MaxValue) * 2u);
        // Metadata documents stand alone: like JPEG frames, any single one may be skipped.
        _queue = new SessionFrameQueue(session.Server.Options.FrameQueueCapacity, kind == RtspTrackKind.Metadata || session.Stream.EveryFrameIsKey);
    }

    public RtspSession Session { get; }
    public RtspTrackKind Kind { get; }
    public RtpTransport Transport { get; }
    public RtpPacketizer Packetizer { get; }
    public RtpClock Clock { get; }
    public long FramesSent { get; private set; }
    public long FramesDropped => _queue.Dropped;

    /// <summary>The track's control attribute in the SDP, appended to the aggregate URL by clients.</summary>
    public string Control => ControlOf(Kind);

    public static string ControlOf(RtspTrackKind kind) => "trackID=" + (int)kind;

    /// <summary>Starts (or resumes) sending; returns the sequence number and RTP time the first packet will have.</summary>
    public (ushort Sequence, uint RtpTime) Play(DateTimeOffset now)
    {
        lock (_gate)
        {
            var start = (Packetizer.NextSequence, Clock.Timestamp(now));
            if (_playing) return start;
            _playing = true;
            _queue.Clear();
            _sending = new CancellationTokenSource();
            var cancel = _sending.Token;
            _ = Task.Run(() => SendLoopAsync(cancel));
            var media = Session.Server.Media;
            _subscription = Kind == RtspTrackKind.Metadata ? media.SubscribeMetadata(Session.Stream, this) : media.Subscribe(Session.Stream, this);
            return start;
        }
    }

    public void Pause()
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (!_playing) return;
            _playing = false;
            subscription = _subscription;
            _subscription = null;
            _sending?.Cancel();
            _sending = null;
        }
        subscription?.Dispose();
    }

    public void OnFrame(in RtspFrame frame)
    {
        if (_playing) _queue.Enqueue(frame);
    }

    public void EndSession() => Session.Kill();

    private async Task SendLoopAsync(CancellationToken cancel)
    {
        var server = Session.Server;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var frame = await _queue.DequeueAsync(cancel).ConfigureAwait(false);
                var timestamp = Clock.Timestamp(frame.CaptureTime);
                ReportDue? report = null;
                if (_lastReport is not { } last || frame.CaptureTime - last >= server.Options.SenderReportInterval || frame.CaptureTime < last)
                {
                    report = new ReportDue(RtpClock.Ntp(frame.CaptureTime), timestamp);
                    _lastReport = frame.CaptureTime;
                }
                try
                {
                    await Transport.SendAsync(this, frame.Payload, timestamp, report, cancel).ConfigureAwait(false);
                    FramesSent++;
                }
                catch (UnsupportedFrameException e) { server.Log(e); }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The connection is gone: the session cannot be served any more.
            server.Close(Session, sendGoodbye: false);
        }
    }
}
