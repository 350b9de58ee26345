using Camlab.Rendering.Jpeg;

namespace Camlab.Rendering.H264;

/// <summary>
/// Decodes H.264 Annex B access units (as <see cref="H264Encoder"/> writes and recordings store them) to RGB with Cisco's
/// OpenH264 decoder; TurboJPEG's tjDecodeYUVPlanes turns its I420 output back into RGB with the same JFIF YCbCr the encoder
/// used. The decoder keeps reference pictures between calls, so a stream is fed from a key frame on, frame by frame;
/// <see cref="Reset"/> forgets them (a seek). One decoder serves one stream; calls are serialised.
/// </summary>
public sealed unsafe class H264Decoder : IDisposable
{
    /// <summary>Largest picture accepted from the bitstream (8192×8192), to bound memory whatever an SPS claims.</summary>
    public const int MaxDimension = 8192;

    private readonly object _gate = new();
    private readonly TurboJpegHandle _yuv;
    private IntPtr _decoder;
    private bool _disposed;

    public H264Decoder()
    {
        OpenH264Library.EnsureAvailable();
        _yuv = TurboJpegHandle.Create(compress: false);
        try { _decoder = Create(); }
        catch { _yuv.Dispose(); throw; }
    }

    private static IntPtr Create()
    {
        IntPtr decoder;
        nint rc = OpenH264Native.WelsCreateDecoder(&decoder);
        if (rc != 0 || decoder == IntPtr.Zero) throw new InvalidOperationException($"OpenH264 could not create a decoder (WelsCreateDecoder returned {rc})");
        var table = OpenH264Native.DecoderTable(decoder);
        int quiet = OpenH264Native.LogQuiet;
        table->SetOption(decoder, OpenH264Native.DecoderOptionTraceLevel, &quiet);
        var p = new OpenH264Native.DecodingParam
        {
            eEcActiveIdc = OpenH264Native.ErrorConcealmentDisabled,
            sVideoProperty = new OpenH264Native.VideoProperty { size = (uint)sizeof(OpenH264Native.VideoProperty), eVideoBsType = OpenH264Native.VideoBitstreamAvc },
        };
        rc = table->Initialize(decoder, &p);
        if (rc != 0)
        {
            OpenH264Native.WelsDestroyDecoder(decoder);
            throw new InvalidOperationException($"OpenH264 refused the decoder configuration (Initialize returned {rc})");
        }
        return decoder;
    }

    /// <summary>
    /// Decodes one access unit. Returns its picture, or null when the unit holds no picture (parameter sets only).
    /// A damaged or undecodable unit throws <see cref="InvalidDataException"/>; the caller then resets and waits for a key frame.
    /// </summary>
    public RgbImage? Decode(ReadOnlySpan<byte> accessUnit)
    {
        if (accessUnit.IsEmpty) throw new InvalidDataException("an empty access unit holds no picture");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var table = OpenH264Native.DecoderTable(_decoder);
            byte** planes = stackalloc byte*[3];
            planes[0] = planes[1] = planes[2] = null;
            OpenH264Native.BufferInfo info = default;
            int state;
            fixed (byte* src = accessUnit)
                state = table->DecodeFrameNoDelay(_decoder, src, accessUnit.Length, planes, &info);
            if (state != OpenH264Native.DecodingStateSuccess)
                throw new InvalidDataException($"H.264 access unit of {accessUnit.Length} bytes could not be decoded (OpenH264 decoding state 0x{state:x})");
            if (info.iBufferStatus != 1)
            {
                // Outside Baseline, OpenH264 holds each picture back for display reordering until the next one arrives.
                // Recordings have no B slices (decode order is display order), so the held picture is released at once:
                // end of stream, flush, and on with the stream.
                int end = 1;
                table->SetOption(_decoder, OpenH264Native.DecoderOptionEndOfStream, &end);
                info = default;
                state = table->FlushFrame(_decoder, planes, &info);
                end = 0;
                table->SetOption(_decoder, OpenH264Native.DecoderOptionEndOfStream, &end);
                if (state != OpenH264Native.DecodingStateSuccess || info.iBufferStatus != 1) return null;
            }
            return ToRgb(info);
        }
    }

    private RgbImage ToRgb(in OpenH264Native.BufferInfo info)
    {
        var sb = info.sSystemBuffer;
        int width = sb.iWidth, height = sb.iHeight, lumaStride = sb.iStride[0], chromaStride = sb.iStride[1];
        if (width is < 2 or > MaxDimension || height is < 2 or > MaxDimension)
            throw new InvalidDataException($"OpenH264 reported a {width}×{height} picture (allowed 2..{MaxDimension} per side)");
        if (sb.iFormat != OpenH264Native.VideoFormatI420)
            throw new InvalidDataException($"OpenH264 reported picture format {sb.iFormat}, not I420 ({OpenH264Native.VideoFormatI420})");
        // Each plane must hold its rows: luma width×height, chroma ⌈w/2⌉×⌈h/2⌉ at their strides.
        int chromaWidth = (width + 1) / 2;
        if (lumaStride < width || chromaStride < chromaWidth || lumaStride > 4 * MaxDimension || chromaStride > 4 * MaxDimension)
            throw new InvalidDataException($"OpenH264 reported strides {lumaStride}/{chromaStride} for a {width}-pixel-wide picture");
        if (info.pDst0 == null || info.pDst1 == null || info.pDst2 == null)
            throw new InvalidDataException("OpenH264 reported a ready picture without its planes");
        var image = new RgbImage(width, height);
        byte** planes = stackalloc byte*[3];
        planes[0] = info.pDst0; planes[1] = info.pDst1; planes[2] = info.pDst2;
        int* strides = stackalloc int[3];
        strides[0] = lumaStride; strides[1] = chromaStride; strides[2] = chromaStride;
        bool added = false;
        try
        {
            _yuv.DangerousAddRef(ref added);
            fixed (byte* dst = image.Pixels)
            {
                int rc = TurboJpegNative.tjDecodeYUVPlanes(_yuv.DangerousGetHandle(), planes, strides, TurboJpegNative.Subsampling420,
                    dst, width, image.Stride, height, TurboJpegNative.PixelFormatRgb, 0);
                if (rc != 0) throw new InvalidOperationException($"TurboJPEG could not convert the I420 picture to RGB: {TurboJpegNative.LastError(_yuv.DangerousGetHandle())}");
            }
        }
        finally
        {
            if (added) _yuv.DangerousRelease();
        }
        return image;
    }

    /// <summary>Forgets every reference picture and parameter set: the next unit must be a key frame with SPS and PPS.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Destroy();
            _decoder = Create();
        }
    }

    private void Destroy()
    {
        if (_decoder == IntPtr.Zero) return;
        OpenH264Native.DecoderTable(_decoder)->Uninitialize(_decoder);
        OpenH264Native.WelsDestroyDecoder(_decoder);
        _decoder = IntPtr.Zero;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Destroy();
            _yuv.Dispose();
        }
    }
}
