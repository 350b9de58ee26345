using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;

namespace Camlab.Rendering.Transcoding;

/// <summary>
/// The picture a transcoded stream sends: the box its size fits in (the aspect of the shown area is kept; 0×0 = the shown
/// area's own size), a JPEG quality,
/// and the area shown (null = whole picture) in a reference frame of <see cref="CropOf"/> pixels (the camera's source
/// size), scaled to each picture's own size.
/// </summary>
public sealed record TranscodeTarget(int Width, int Height, int Quality, (int Left, int Top, int Right, int Bottom)? Crop = null,
    (int Width, int Height)? CropOf = null)
{
    /// <summary>Whether a JPEG frame passes unchanged: no size, area or quality asked for.</summary>
    public bool KeepsJpeg => Width == 0 && Height == 0 && Crop is null && KeepJpegQuality;

    /// <summary>True when <see cref="Quality"/> is only the default for decoded H.264, not asked of JPEG frames.</summary>
    public bool KeepJpegQuality { get; init; }
}

/// <summary>A transcoded picture: the JPEG, its size, and the area of the decoded picture it shows.</summary>
public sealed record TranscodedFrame(byte[] Jpeg, int Width, int Height, int PictureWidth, int PictureHeight, int Left, int Top, int Right, int Bottom);

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
    public TranscodedFrame? Transcode(ReadOnlySpan<byte> frame, VideoCodec codec, bool keyFrame, TranscodeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RgbImage? picture;
            if (target.Width < 0 || target.Height < 0 || (target.Width == 0) != (target.Height == 0) || target.Quality is < 1 or > 100)
                throw new ArgumentOutOfRangeException(nameof(target), target, "a transcode target needs a positive size (or 0×0) and a quality within 1..100");
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

    private TranscodedFrame Encode(RgbImage picture, TranscodeTarget target)
    {
        var (left, top, right, bottom) = target.Crop ?? (0, 0, picture.Width, picture.Height);
        if (target.Crop is not null && target.CropOf is { Width: > 0, Height: > 0 } of && (of.Width != picture.Width || of.Height != picture.Height))
        {
            left = (int)((long)left * picture.Width / of.Width);
            right = (int)(((long)right * picture.Width + of.Width - 1) / of.Width);
            top = (int)((long)top * picture.Height / of.Height);
            bottom = (int)(((long)bottom * picture.Height + of.Height - 1) / of.Height);
        }
        left = Math.Clamp(left, 0, picture.Width - 1);
        top = Math.Clamp(top, 0, picture.Height - 1);
        right = Math.Clamp(right, left + 1, picture.Width);
        bottom = Math.Clamp(bottom, top + 1, picture.Height);
        var (width, height) = Fit(target.Width, target.Height, right - left, bottom - top);
        bool whole = left == 0 && top == 0 && right == picture.Width && bottom == picture.Height && width == picture.Width && height == picture.Height;
        var scaled = whole ? picture : RgbScaler.Scale(picture, left, top, right - left, bottom - top, width, height);
        if (_encoder is null || _encoder.Quality != target.Quality)
        {
            _encoder?.Dispose();
            _encoder = new JpegEncoder(target.Quality);
        }
        return new TranscodedFrame(_encoder.Encode(scaled), width, height, picture.Width, picture.Height, left, top, right, bottom);
    }

    /// <summary>The largest size inside the box with the area's aspect (at least 1×1).</summary>
    public static (int Width, int Height) Fit(int boxWidth, int boxHeight, int areaWidth, int areaHeight)
    {
        if (boxWidth == 0 && boxHeight == 0) return (areaWidth, areaHeight);
        double scale = Math.Min((double)boxWidth / areaWidth, (double)boxHeight / areaHeight);
        return (Math.Max(1, (int)Math.Round(areaWidth * scale)), Math.Max(1, (int)Math.Round(areaHeight * scale)));
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
