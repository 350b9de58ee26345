using System.Buffers;
using System.Runtime.InteropServices;
using Camlab.Rendering.Encoding;

namespace Camlab.Rendering.Jpeg;

/// <summary>
/// Encodes RGB frames to baseline JPEG with TurboJPEG's tjCompress2 into a native buffer allocated once at
/// the worst-case size (tjBufSize, TJFLAG_NOREALLOC), so steady-state encoding allocates only the output.
/// One encoder serves one thread at a time (a tjhandle is not thread-safe); calls are serialised.
/// </summary>
public sealed unsafe class JpegEncoder : IFrameEncoder
{
    private readonly object _gate = new();
    private readonly TurboJpegHandle _handle;
    private byte* _buffer;
    private int _bufferCapacity;
    private bool _disposed;

    /// <param name="quality">1..100, libjpeg's quality scale.</param>
    /// <param name="fastDct">TJFLAG_FASTDCT. TurboJPEG already uses the fast integer DCT unless told otherwise, so this changes nothing
    /// with libjpeg-turbo 2.x (FastDctTests pins it).</param>
    public JpegEncoder(int quality = 85, JpegSubsampling subsampling = JpegSubsampling.Yuv420, bool fastDct = false)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality must be within 1..100");
        if (!Enum.IsDefined(subsampling)) throw new ArgumentOutOfRangeException(nameof(subsampling), subsampling, "unknown chroma subsampling");
        Quality = quality;
        Subsampling = subsampling;
        FastDct = fastDct;
        _handle = TurboJpegHandle.Create(compress: true);
    }

    public int Quality { get; }
    public JpegSubsampling Subsampling { get; }
    public bool FastDct { get; }

    public VideoCodec Codec => VideoCodec.Jpeg;

    /// <summary>JPEG is intra-only: every picture is a key frame, asked for or not.</summary>
    public EncodedPicture Encode(RgbImage image, bool keyFrame) => new(Encode(image), IsKeyFrame: true);

    public byte[] Encode(RgbImage image)
    {
        byte[]? result = null;
        EncodeCore(image, span => result = span.ToArray());
        return result!;
    }

    /// <summary>Appends the JPEG to <paramref name="output"/>; returns its length.</summary>
    public int Encode(RgbImage image, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = 0;
        EncodeCore(image, span =>
        {
            span.CopyTo(output.GetSpan(span.Length));
            output.Advance(span.Length);
            length = span.Length;
        });
        return length;
    }

    private delegate void JpegSink(ReadOnlySpan<byte> jpeg);

    private void EncodeCore(RgbImage image, JpegSink sink)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ulong worst = TurboJpegNative.tjBufSize(image.Width, image.Height, (int)Subsampling).Value;
            if (worst == 0 || worst > int.MaxValue)
                throw new ArgumentException($"TurboJPEG cannot encode a {image.Width}×{image.Height} image", nameof(image));
            if (_bufferCapacity < (int)worst)
            {
                if (_buffer != null) TurboJpegNative.tjFree(_buffer);
                _buffer = TurboJpegNative.tjAlloc((int)worst);
                _bufferCapacity = _buffer == null ? 0 : (int)worst;
                if (_buffer == null) throw new OutOfMemoryException($"tjAlloc could not allocate {worst} bytes for a JPEG");
            }
            byte* jpeg = _buffer;
            var size = new CULong((nuint)_bufferCapacity);
            int flags = TurboJpegNative.FlagNoRealloc | (FastDct ? TurboJpegNative.FlagFastDct : 0);
            bool added = false;
            try
            {
                _handle.DangerousAddRef(ref added);
                fixed (byte* source = image.Pixels)
                {
                    int rc = TurboJpegNative.tjCompress2(_handle.DangerousGetHandle(), source, image.Width, image.Stride, image.Height,
                        TurboJpegNative.PixelFormatRgb, &jpeg, &size, (int)Subsampling, Quality, flags);
                    if (rc != 0) throw new InvalidOperationException($"TurboJPEG could not encode the frame: {TurboJpegNative.LastError(_handle.DangerousGetHandle())}");
                }
            }
            finally
            {
                if (added) _handle.DangerousRelease();
            }
            sink(new ReadOnlySpan<byte>(jpeg, checked((int)size.Value)));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_buffer != null) TurboJpegNative.tjFree(_buffer);
            _buffer = null;
            _handle.Dispose();
        }
    }
}
