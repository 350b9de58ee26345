using Camlab.Recording;
using Camlab.Recording.Playback;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Transcoding;
using Camlab.Server.Streaming;
using Camlab.VideoChannel;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Recording;

/// <summary>
/// One playback stream (POST /api/v1/streams with mode playback): its Video ID, the recorded profile, the
/// <see cref="PlaybackEngine"/> and the signal that wakes its send loop — a PATCH, or a frame appended while the
/// loop waits at the database end. The loop paces frames by their <see cref="PlaybackFrame.DueAt"/> on the camera
/// clock; a change wakes it early.
/// </summary>
public sealed class PlaybackStream : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly RecordingIndex? _ownedIndex;
    private readonly CancellationTokenSource _closed = new();
    private readonly VideoChannelComposer _composer = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JpegTranscoder _transcoder = new();
    private TranscodeTarget? _transcode;
    private long _lastTranscoded = -2;
    // After a seek to a time, the frame shown at that time: frames of its GOP before it are decoded, not sent.
    private long _decodeOnlyBefore = -1;
    private PlaybackRequest? _carriedRequest;
    private PlaybackFlags _carriedChanged, _carriedFlags;
    private int _connected;
    private long _lastActivityTicks;

    /// <param name="ownedIndex">An index loaded for this stream alone (the profile is not being recorded); disposed with it.</param>
    public PlaybackStream(Guid id, string profileToken, RecordingIndex index, RecordingIndex? ownedIndex, TimeProvider time, bool signing,
        DateTimeOffset start, double speed)
    {
        Id = id;
        ProfileToken = profileToken;
        Index = index;
        _ownedIndex = ownedIndex;
        _time = time;
        Engine = new PlaybackEngine(index, time, new PlaybackOptions { VideoId = id, Signing = signing }, start, speed);
        Index.FrameAppended += OnFrameAppended;
        LastActivity = time.GetUtcNow();
    }

    public Guid Id { get; }
    public string ProfileToken { get; }
    public RecordingIndex Index { get; }
    public PlaybackEngine Engine { get; }

    public DateTimeOffset LastActivity
    {
        get => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);
        internal set => Interlocked.Exchange(ref _lastActivityTicks, value.UtcTicks);
    }

    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Cancelled by DELETE: open connections end.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Extension headers left out of this stream's frames (<see cref="Streaming.VideoChannelComposer.Omitted"/>).</summary>
    public Camlab.VideoChannel.HeaderExtensionFlags OmittedHeaders { get => _composer.Omitted; set => _composer.Omitted = value; }

    /// <summary>
    /// When set, every played frame is sent as JPEG of this size, area and quality (decoded from H.264 or JPEG); the
    /// Mobile Server's clients show JPEG only. Null sends the recorded frames as they are.
    /// </summary>
    public TranscodeTarget? Transcode
    {
        get { lock (_gate) return _transcode; }
        set { lock (_gate) _transcode = value; }
    }

    /// <summary>Frames skipped because they could not be transcoded (a damaged unit, or frames before the next key frame).</summary>
    public long TranscodeErrors => Interlocked.Read(ref _transcodeErrors);
    private long _transcodeErrors;

    /// <summary>Claims the stream for one push connection; false when another holds it.</summary>
    public bool TryConnect() => Interlocked.CompareExchange(ref _connected, 1, 0) == 0;

    public void Disconnect() => Volatile.Write(ref _connected, 0);

    /// <summary>Applies a validated change (speed, seek, pause) and wakes the send loop to deliver it now.</summary>
    public void Apply(PlaybackChange change)
    {
        Engine.Apply(change);
        Wake();
    }

    public void Wake()
    {
        lock (_gate) _signal.TrySetResult();
    }

    private void OnFrameAppended(long frame) => Wake();

    /// <summary>
    /// The next frame when it is due: waits (camera clock) until its due time, or until a change or a new recorded
    /// frame when the engine has nothing to send (paused, at the database end). A change during the wait for a due
    /// time sends the frame at once, so the change is delivered by the frame after it.
    /// </summary>
    public async Task<PlaybackFrame> NextDueAsync(CancellationToken cancel)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_signal.Task.IsCompleted) _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = _signal.Task;
            }
            // The signal is armed before Next(): a change or an append after this point is not missed.
            if (Engine.Next() is { } frame)
            {
                var wait = frame.DueAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    var delay = Task.Delay(wait, _time, delayCancel.Token);
                    await Task.WhenAny(delay, signal).ConfigureAwait(false);
                    delayCancel.Cancel();
                    cancel.ThrowIfCancellationRequested();
                }
                return frame;
            }
            await signal.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The frame as the video channel sends it, in a pooled buffer: the engine's playback headers, and the recorded
    /// frame's facts composed as the live frame's were (size, mask, motion, codec, location and azimuth).
    /// Null when the frame is skipped: transcoding waits for a key frame after a seek or a damaged unit.
    /// </summary>
    public ComposedFrame? Compose(PlaybackFrame frame)
    {
        var recorded = Recorded(frame);
        if (Transcode is not { } target || (recorded.Codec == VideoCodec.Jpeg && target.KeepsJpeg))
            return _composer.Compose(recorded, frame.Header, signature: frame.Signature);
        if (Transcoded(frame, recorded, target) is not { } jpeg)
        {
            Carry(frame.Header);
            return null;
        }
        // The signature covers the recorded bytes, which are not what is sent.
        return _composer.Compose(jpeg, WithCarried(frame.Header));
    }

    // A skipped frame's news for the client — the seek it answers (0x200 PlaybackRequest), flags that changed, a gap or
    // a seek out of range — goes out on the next frame sent, so a client waiting for its seek's answer gets it.
    private void Carry(FrameHeader skipped)
    {
        lock (_transcoder)
        {
            _carriedRequest = skipped.PlaybackRequest ?? _carriedRequest;
            if (skipped.PlaybackInfo is { } info)
            {
                _carriedChanged |= info.ChangedFlags;
                _carriedFlags |= info.CurrentFlags & (PlaybackFlags.RangeNoData | PlaybackFlags.OutOfRange);
            }
        }
    }

    private FrameHeader WithCarried(FrameHeader header)
    {
        lock (_transcoder)
        {
            if (_carriedRequest is null && _carriedChanged == PlaybackFlags.None && _carriedFlags == PlaybackFlags.None) return header;
            var info = header.PlaybackInfo ?? default;
            header = header with
            {
                PlaybackRequest = header.PlaybackRequest ?? _carriedRequest,
                PlaybackInfo = new PlaybackInfo(info.CurrentFlags | _carriedFlags, info.ChangedFlags | _carriedChanged | _carriedFlags),
            };
            (_carriedRequest, _carriedChanged, _carriedFlags) = (null, PlaybackFlags.None, PlaybackFlags.None);
            return header;
        }
    }

    private EncodedFrame? Transcoded(PlaybackFrame frame, EncodedFrame recorded, TranscodeTarget target)
    {
        TranscodedFrame? picture;
        lock (_transcoder)
        {
            // Decoding state carries from frame to frame only in order; any jump (seek, reverse, a skipped frame)
            // waits for the next key frame.
            bool jump = frame.FrameNumber != _lastTranscoded + 1;
            if (jump) _transcoder.Reset();
            // A seek to a time starts decoding at its GOP's key frame, the frame that answers the seek (it carries the
            // requested time); the client sees the frame of that time first. Frames sent before the seek took effect
            // are still in flight and play as they are. Playing backwards from there (a jump that does not answer a
            // seek) shows frames as they come.
            if (frame.Header.PlaybackRequest is { } request) _decodeOnlyBefore = Index.FindAtOrBefore((long)request.RequestedTimeStampUtcMs);
            else if (jump && _lastTranscoded >= 0 && frame.FrameNumber < _lastTranscoded) _decodeOnlyBefore = -1;
            bool decodeOnly = frame.FrameNumber < _decodeOnlyBefore;
            if (!decodeOnly) _decodeOnlyBefore = -1;
            _lastTranscoded = frame.FrameNumber;
            try { picture = _transcoder.Transcode(recorded.Payload, recorded.Codec, recorded.IsKeyFrame, target); }
            catch (InvalidDataException) { picture = null; }
            if (decodeOnly && picture is not null) return null;
        }
        if (picture is null)
        {
            Interlocked.Increment(ref _transcodeErrors);
            return null;
        }
        return recorded with { Payload = picture.Jpeg, Codec = VideoCodec.Jpeg, IsKeyFrame = true, Size = SentSize(recorded.Size, picture) };
    }

    /// <summary>
    /// The 0x01 size header of a transcoded frame: the area shown, in the camera source's pixels as the recorded header gave
    /// them (the recorded picture is the recorded crop of the source), and the size sent.
    /// </summary>
    internal static SizeInfo SentSize(SizeInfo recorded, TranscodedFrame picture)
    {
        var (srcWidth, srcHeight, areaLeft, areaTop, areaWidth, areaHeight) = recorded == default || recorded.SrcRight <= recorded.SrcLeft || recorded.SrcBottom <= recorded.SrcTop
            ? (picture.PictureWidth, picture.PictureHeight, 0, 0, picture.PictureWidth, picture.PictureHeight)
            : (recorded.SrcStrideX, recorded.SrcStrideY, recorded.SrcLeft, recorded.SrcTop, recorded.SrcRight - recorded.SrcLeft, recorded.SrcBottom - recorded.SrcTop);
        int X(int x) => areaLeft + (int)Math.Round((double)x * areaWidth / picture.PictureWidth);
        int Y(int y) => areaTop + (int)Math.Round((double)y * areaHeight / picture.PictureHeight);
        int left = X(picture.Left), top = Y(picture.Top), right = X(picture.Right), bottom = Y(picture.Bottom);
        int resampling = (int)Math.Round(Math.Max((right - left) / (double)picture.Width, (bottom - top) / (double)picture.Height) * 1_000_000);
        return new SizeInfo(srcWidth, srcHeight, left, top, right, bottom, picture.Width, picture.Height, resampling);
    }

    /// <summary>The played-back frame as the encoded frame it was when live (as far as its recording kept it).</summary>
    private EncodedFrame Recorded(PlaybackFrame frame)
    {
        var entry = frame.Entry;
        var facts = entry.Facts;
        uint dataType = facts?.DataType ?? frame.Header.StreamInfo?.DataType ?? StreamDataType.Jpeg;
        if (!FrameCodec.TryFromDataType(dataType, out var codec)) codec = VideoCodec.Jpeg;
        string mask = "";
        if (facts is { PrivacyMaskLength: > 0 })
        {
            try { mask = Index.ReadPrivacyMask(frame.FrameNumber); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException) { }
        }
        return new EncodedFrame(frame.Payload, codec, entry.IsKeyFrame, DateTimeOffset.FromUnixTimeMilliseconds(entry.TimeUtcMs), frame.FrameNumber,
            facts?.Size ?? default, LiveFlags.None, entry.MotionAmount, mask,
            facts?.Location is { } l ? new GeoLocation(l.LatitudeDeg, l.LongitudeDeg, l.AltitudeM) : null,
            facts is { } f ? new FramePose(f.PanDeg, f.TiltDeg, f.HorizontalFovDeg, f.AzimuthDeg) : default);
    }

    public void Dispose()
    {
        Index.FrameAppended -= OnFrameAppended;
        _closed.Cancel();
        _ownedIndex?.Dispose();
        lock (_transcoder) _transcoder.Dispose();
    }
}
