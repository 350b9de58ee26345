namespace Camlab.Rtsp.Media;

public enum RtspCodec { Jpeg, H264 }

/// <summary>
/// A stream a path resolves to: codec, picture size, frame rate, payload-format parameters for the SDP fmtp line
/// (H.264's <c>sprop-parameter-sets</c>; none for JPEG), who may watch it, and which group its sessions count
/// against (a camera: at most <see cref="RtspServerOptions.MaxSessionsPerGroup"/> sessions, then 453).
/// </summary>
public sealed record RtspStreamDescription(string Name, RtspCodec Codec, int Width, int Height, double FrameRate, string Group)
{
    /// <summary>The a=fmtp parameters without the payload type, or null.</summary>
    public string? FormatParameters { get; init; }

    /// <summary>Who may watch it; null leaves the stream open (<c>--no-auth</c>).</summary>
    public IRtspUserDirectory? Users { get; init; }

    /// <summary>
    /// The stream also carries an ONVIF metadata track (ONVIF Streaming 5.1.2.1: <c>vnd.onvif.metadata</c>, control
    /// <c>trackID=2</c>) whose frames come from <see cref="IRtspMediaSource.SubscribeMetadata"/>.
    /// </summary>
    public bool Metadata { get; init; }

    /// <summary>Frames do not depend on earlier ones (JPEG): a slow client may skip any single frame.</summary>
    public bool EveryFrameIsKey => Codec == RtspCodec.Jpeg;
}

/// <summary>One encoded frame: the payload (a JPEG file, or an H.264 access unit in Annex B form), whether it is
/// a key frame, and when it was captured (RTP timestamps come from it).</summary>
public readonly record struct RtspFrame(ReadOnlyMemory<byte> Payload, bool IsKeyFrame, DateTimeOffset CaptureTime);

/// <summary>Takes frames as the host produces them. Must not block: a session only queues them.</summary>
public interface IRtspFrameReceiver
{
    void OnFrame(in RtspFrame frame);

    /// <summary>
    /// The source ends the session, as a streaming process that crashed would: the server tears it down at once without
    /// RTCP BYE, closes the TCP connection that carries it (interleaved RTP, or both sides of an RTSP-over-HTTP tunnel)
    /// and forgets a UDP session, so its next request gets 454 Session Not Found. Called while the session's PLAY is
    /// being answered, it takes effect right after that answer is sent. May be called from any thread.
    /// </summary>
    void EndSession();
}

/// <summary>
/// What the host implements: which stream an RTSP path names, and a subscription to its encoded frames. The host
/// shares one encode per (source, size, rate, codec) between every subscriber; the library never encodes.
/// </summary>
public interface IRtspMediaSource
{
    /// <summary>The stream at <paramref name="path"/> (the URL's path, e.g. <c>/Profile_1</c>), or null (404).</summary>
    RtspStreamDescription? Resolve(string path);

    /// <summary>Starts delivering frames of <paramref name="stream"/>; disposing the result stops it.</summary>
    IDisposable Subscribe(RtspStreamDescription stream, IRtspFrameReceiver receiver);

    /// <summary>
    /// Starts delivering the metadata documents of a stream whose <see cref="RtspStreamDescription.Metadata"/> is true
    /// (each frame one tt:MetadataStream document, UTF-8); disposing the result stops it.
    /// </summary>
    IDisposable SubscribeMetadata(RtspStreamDescription stream, IRtspFrameReceiver receiver);
}

/// <summary>A user as RTSP authentication sees it: name, password, and whether its access class includes READ_MEDIA.</summary>
public sealed record RtspUser(string Name, string Password, bool MayReadMedia);

/// <summary>The host's users (e.g. the camera's ONVIF users, adapted).</summary>
public interface IRtspUserDirectory
{
    RtspUser? Find(string name);
}
