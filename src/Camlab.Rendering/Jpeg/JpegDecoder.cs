namespace Camlab.Rendering.Jpeg;

/// <summary>
/// Decodes JPEG to RGB with TurboJPEG (the <c>--scene</c> panorama, round-trip tests, snapshot checks).
/// The header is read and the size checked before any pixel buffer is allocated.
/// </summary>
public sealed unsafe class JpegDecoder : IDisposable
{
    /// <summary>Largest decoded image accepted (a 16384×8192 panorama), to bound memory.</summary>
    public const long MaxPixels = 16384L * 8192;

    private readonly object _gate = new();
    private readonly TurboJpegHandle _handle = TurboJpegHandle.Create(compress: false);
    private bool _disposed;

    public JpegInfo ReadHeader(ReadOnlySpan<byte> jpeg)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReadHeaderCore(jpeg);
        }
    }

    public RgbImage Decode(ReadOnlySpan<byte> jpeg)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var info = ReadHeaderCore(jpeg);
            var image = new RgbImage(info.Width, info.Height);
            fixed (byte* src = jpeg)
            fixed (byte* dst = image.Pixels)
            {
                int rc = TurboJpegNative.tjDecompress2(_handle.DangerousGetHandle(), src, new System.Runtime.InteropServices.CULong((nuint)jpeg.Length),
                    dst, info.Width, image.Stride, info.Height, TurboJpegNative.PixelFormatRgb, 0);
                if (rc != 0) throw new InvalidDataException($"JPEG data could not be decoded: {TurboJpegNative.LastError(_handle.DangerousGetHandle())}");
            }
            return image;
        }
    }

    private JpegInfo ReadHeaderCore(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new InvalidDataException($"not a JPEG: {jpeg.Length} bytes without the FF D8 start-of-image marker at offset 0");
        int width, height, subsampling, colorspace;
        fixed (byte* src = jpeg)
        {
            int rc = TurboJpegNative.tjDecompressHeader3(_handle.DangerousGetHandle(), src, new System.Runtime.InteropServices.CULong((nuint)jpeg.Length),
                &width, &height, &subsampling, &colorspace);
            if (rc != 0) throw new InvalidDataException($"JPEG header could not be read: {TurboJpegNative.LastError(_handle.DangerousGetHandle())}");
        }
        if (width < 1 || height < 1 || (long)width * height > MaxPixels)
            throw new InvalidDataException($"JPEG of {width}×{height} pixels exceeds the {MaxPixels}-pixel limit");
        return new JpegInfo(width, height, Enum.IsDefined((JpegSubsampling)subsampling) ? (JpegSubsampling)subsampling : JpegSubsampling.Yuv420);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _handle.Dispose();
        }
    }
}
