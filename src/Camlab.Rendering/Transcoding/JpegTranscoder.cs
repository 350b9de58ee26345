using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;

namespace Camlab.Rendering.Transcoding;

/// <summary>The picture a transcoded stream sends: a source rectangle (null = whole picture), an output size and a JPEG quality.</summary>
public sealed record TranscodeTarget(int Width, int Height, int Quality, (int Left, int Top, int Right, int Bottom)? Crop = null);

/// <summary>
/// Turns a played-back stream's frames (H.264 access units or JPEG pictures) into JPEG at a requested size, crop and quality.
/// H.264 decoding keeps its reference pictures from one frame to the next, so frames must arrive in order from a key frame;
/// after <see cref="Reset"/> (a seek) or a damaged unit, frames are skipped until the next key frame.
/// </summary>
public sealed class JpegTranscoder : IDisposable
{
    private readonly object _gate = new();
    private H264Decoder? _h264;
    private JpegDecoder? _jpegDecoder;
    private JpegEncoder? _encoder;
    private bool _awaitingKeyFrame = true;
    private bool _disposed;

    /// <summary>
    /// One frame in, one JPEG out; null when the frame must be skipped (no key frame seen since a reset or error, or a unit
    /// without a picture). A damaged frame throws <see cref="InvalidDataException"/> and the next key frame resumes.
    /// </summary>
    public byte[]? Transcode(ReadOnlySpan<byte> frame, VideoCodec codec, bool keyFrame, TranscodeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RgbImage? picture;
            if (codec == VideoCodec.H264)
            {
                if (keyFrame) _awaitingKeyFrame = false;
                if (_awaitingKeyFrame) return null;
                _h264 ??= new H264Decoder();
                if (keyFrame) _h264.Reset();
                try { picture = _h264.Decode(frame); }
                catch (InvalidDataException)
                {
                    _awaitingKeyFrame = true;
                    throw;
                }
                if (picture is null) return null;
            }
            else if (codec == VideoCodec.Jpeg)
            {
                _jpegDecoder ??= new JpegDecoder();
                picture = _jpegDecoder.Decode(frame);
            }
            else throw new NotSupportedException($"cannot transcode {codec}");
            return Encode(picture, target);
        }
    }

    private byte[] Encode(RgbImage picture, TranscodeTarget target)
    {
        var (left, top, right, bottom) = target.Crop ?? (0, 0, picture.Width, picture.Height);
        left = Math.Clamp(left, 0, picture.Width - 1);
        top = Math.Clamp(top, 0, picture.Height - 1);
        right = Math.Clamp(right, left + 1, picture.Width);
        bottom = Math.Clamp(bottom, top + 1, picture.Height);
        var scaled = RgbScaler.Scale(picture, left, top, right - left, bottom - top, target.Width, target.Height);
        if (_encoder is null || _encoder.Quality != target.Quality)
        {
            _encoder?.Dispose();
            _encoder = new JpegEncoder(target.Quality);
        }
        return _encoder.Encode(scaled);
    }

    /// <summary>A seek: forget the decoder's pictures and wait for a key frame.</summary>
    public void Reset()
    {
        lock (_gate) _awaitingKeyFrame = true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _h264?.Dispose();
            _jpegDecoder?.Dispose();
            _encoder?.Dispose();
        }
    }
}
