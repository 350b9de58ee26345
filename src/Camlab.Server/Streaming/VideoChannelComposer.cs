using System.Buffers;
using System.Text;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.VideoChannel;

namespace Camlab.Server.Streaming;

/// <summary>
/// Turns an encoded frame, live or played back, into the video channel frame one stream sends: the transport's own
/// headers (Video ID, frame count, live or playback info, sequence and signature native data) come in; the frame's
/// facts are added the same way for both — its capture time, size and crop (0x01), privacy mask (0x08), motion
/// (0x20), codec and key flag (0x40) and location with the view's azimuth (0x80). The privacy mask header goes on the
/// first frame of a request or connection and whenever the mask changes, never otherwise. One composer per stream.
/// </summary>
public sealed class VideoChannelComposer
{
    private readonly object _gate = new();
    private string? _maskSent;
    // The H.264 stream's profile_idc, constraint flags byte and level_idc, from the last SPS this stream carried.
    private (byte Profile, byte Compatibility, byte Level)? _h264Profile;

    /// <summary>
    /// Extension headers this stream's client did not ask for (SizeInfo, NativeData, MotionInfo, LocationInfo): they are
    /// left out of every frame. None by default: the stream API's streams carry every header.
    /// </summary>
    public HeaderExtensionFlags Omitted { get; set; }

    /// <summary>The next frame carries the privacy mask again (a new connection is a new request for it).</summary>
    public void ResendPrivacyMask()
    {
        lock (_gate) _maskSent = null;
    }

    /// <param name="header">The transport's headers; the frame's facts replace the headers listed above.</param>
    /// <param name="timeBetweenFramesMs">The stream's frame interval for stream info, or 0 when it has none (playback).</param>
    /// <param name="signature">The native data signature string, when <paramref name="header"/> announces one.</param>
    /// <returns>The frame in a pooled buffer; dispose it once sent.</returns>
    public ComposedFrame Compose(EncodedFrame frame, FrameHeader header, uint timeBetweenFramesMs = 0, ReadOnlySpan<byte> signature = default)
    {
        string? mask = null;
        lock (_gate)
        {
            if (frame.PrivacyMask != (_maskSent ?? "") || (_maskSent is null && frame.PrivacyMask.Length > 0))
                mask = frame.PrivacyMask;
            if (_maskSent is null || mask is not null) _maskSent = frame.PrivacyMask;
        }
        var native = header.NativeData;
        if (mask is not null)
        {
            // The header is sent only when a mask exists (spec: not sent if no privacy mask is specified) — except
            // when the last mask was removed, where an empty mask tells a caching client to drop it.
            native = (native ?? new NativeData()) with
            {
                Flags = (native?.Flags ?? 0) | NativeDataFlags.PrivacyMask,
                PrivacyMaskState = mask.Length > 0 ? 1u : 0u,
            };
        }
        var fields = StreamInfoFields.DataType | StreamInfoFields.Flags | (timeBetweenFramesMs > 0 ? StreamInfoFields.TimeBetweenFrames : 0);
        var codecProfile = frame.Codec == VideoCodec.H264 ? H264Profile(frame) : null;
        if (codecProfile is not null) fields |= StreamInfoFields.Profile | StreamInfoFields.Level | StreamInfoFields.Compatibility | StreamInfoFields.Constraints;
        var (profile, compatibility, level) = codecProfile ?? default;
        header = header with
        {
            TimestampUtcMs = (ulong)frame.CaptureTime.ToUnixTimeMilliseconds(),
            SizeInfo = frame.Size == default ? header.SizeInfo : frame.Size,
            NativeData = native,
            MotionInfo = new MotionInfo(frame.MotionAmount),
            LocationInfo = frame.Location is { } l
                ? LocationInfo.FromDegrees(l.Longitude, l.Latitude, l.Elevation, azimuth: frame.Pose.AzimuthDeg) with
                {
                    // Accuracies and speed are not known for a configured position: only what is, is valid.
                    ValidFields = LocationFields.Longitude | LocationFields.Latitude | LocationFields.Altitude | LocationFields.Azimuth,
                }
                : header.LocationInfo,
            StreamInfo = new StreamInfo(StreamInfo.CurrentVersion, fields, timeBetweenFramesMs, FrameCodec.DataType(frame.Codec),
                frame.IsKeyFrame ? StreamInfoFlags.KeyFrame : StreamInfoFlags.None, profile, level, compatibility, Constraints(compatibility), 0),
        };
        var omitted = Omitted;
        if (omitted != HeaderExtensionFlags.None)
        {
            header = header with
            {
                SizeInfo = omitted.HasFlag(HeaderExtensionFlags.SizeInfo) ? null : header.SizeInfo,
                NativeData = omitted.HasFlag(HeaderExtensionFlags.NativeData) ? null : header.NativeData,
                MotionInfo = omitted.HasFlag(HeaderExtensionFlags.MotionInfo) ? null : header.MotionInfo,
                LocationInfo = omitted.HasFlag(HeaderExtensionFlags.LocationInfo) ? null : header.LocationInfo,
            };
            if (header.NativeData is null)
            {
                mask = null;
                signature = default;
            }
        }
        var maskBytes = mask is null ? default : Encoding.ASCII.GetBytes(mask);
        var composed = new Frame(header, frame.Payload) { PrivacyMask = maskBytes, Signature = signature };
        int length = FrameWriter.GetFrameLength(composed);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        FrameWriter.Write(buffer, composed);
        return new ComposedFrame(buffer, length);
    }

    /// <summary>
    /// The H.264 profile of the stream as its latest SPS states it (ITU-T H.264 7.3.2.1.1): a key frame carries SPS and
    /// PPS and updates it; the frames after it keep it. Null before the first key frame of the stream.
    /// </summary>
    private (byte, byte, byte)? H264Profile(EncodedFrame frame)
    {
        lock (_gate)
        {
            if (frame.IsKeyFrame && H264Bitstream.TryGetParameterSets(frame.Payload, out var sps, out _))
                _h264Profile = H264Bitstream.SpsProfile(sps);
            return _h264Profile;
        }
    }

    /// <summary>The constraint_set0..5 flags (the high six bits of the SPS's constraint byte) as bits 0..5 of Constraints.</summary>
    private static ulong Constraints(byte compatibility)
    {
        ulong flags = 0;
        for (int n = 0; n < 6; n++) if ((compatibility & (0x80 >> n)) != 0) flags |= 1UL << n;
        return flags;
    }
}

/// <summary>A composed frame in a pooled buffer; <see cref="Dispose"/> returns the buffer.</summary>
public sealed class ComposedFrame(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(ComposedFrame))).AsMemory(0, length);

    /// <summary>The frame's bytes, to damage on purpose (an injected fault) before it is sent.</summary>
    internal Span<byte> Writable => (_buffer ?? throw new ObjectDisposedException(nameof(ComposedFrame))).AsSpan(0, length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } b) ArrayPool<byte>.Shared.Return(b);
    }
}
