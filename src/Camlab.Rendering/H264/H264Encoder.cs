using System.Runtime.InteropServices;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Jpeg;

namespace Camlab.Rendering.H264;

/// <summary>
/// Encodes RGB frames to H.264 (Annex B access units, no B frames) with Cisco's OpenH264 through its C API. Colour
/// conversion to I420 is TurboJPEG's SIMD tjEncodeYUV3 (full-range BT.601 YCbCr, signalled in the SPS VUI). The GOP is
/// <see cref="H264Parameters.GovLength"/> frames; every IDR carries SPS and PPS (constant ids, so the SDP's
/// sprop-parameter-sets stay valid). One encoder serves one stream; calls are serialised.
/// <para>
/// Rate control: CBR is OpenH264's bitrate mode at the limit; VBR is its quality mode with the limit as the maximum and
/// the quality (1..100) choosing the smallest QP it may use (<see cref="MinQp"/>), so a still picture costs few bits.
/// </para>
/// </summary>
public sealed unsafe class H264Encoder : IFrameEncoder
{
    private readonly object _gate = new();
    private readonly TurboJpegHandle _yuv;
    private IntPtr _encoder;
    private readonly byte* _i420;
    private readonly OpenH264Native.FrameBsInfo* _info;
    private long _frames;
    private bool _disposed;

    public H264Encoder(int width, int height, int quality, H264Parameters parameters)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "quality must be within 1..100");
        if (parameters.Check(width, height) is { } problem) throw new ArgumentException(problem, nameof(parameters));
        OpenH264Library.EnsureAvailable();
        Width = width;
        Height = height;
        Quality = quality;
        Parameters = parameters;
        _yuv = TurboJpegHandle.Create(compress: true);
        IntPtr encoder;
        int rc = OpenH264Native.WelsCreateSVCEncoder(&encoder);
        if (rc != 0 || encoder == IntPtr.Zero)
        {
            _yuv.Dispose();
            throw new InvalidOperationException($"OpenH264 could not create an encoder (WelsCreateSVCEncoder returned {rc})");
        }
        _encoder = encoder;
        try
        {
            var vtbl = OpenH264Native.Vtbl(encoder);
            int quiet = OpenH264Native.LogQuiet;
            vtbl->SetOption(encoder, OpenH264Native.OptionTraceLevel, &quiet);
            OpenH264Native.EncParamExt p;
            rc = vtbl->GetDefaultParams(encoder, &p);
            if (rc != 0) throw new InvalidOperationException($"OpenH264 GetDefaultParams failed ({rc})");
            Configure(ref p);
            rc = vtbl->InitializeExt(encoder, &p);
            if (rc != 0) throw new ArgumentException($"OpenH264 refused the configuration {width}×{height} {parameters} (InitializeExt returned {rc})", nameof(parameters));
            _i420 = (byte*)NativeMemory.Alloc((nuint)I420Length);
            _info = (OpenH264Native.FrameBsInfo*)NativeMemory.AllocZeroed((nuint)sizeof(OpenH264Native.FrameBsInfo));
        }
        catch
        {
            OpenH264Native.WelsDestroySVCEncoder(encoder);
            _encoder = IntPtr.Zero;
            _yuv.Dispose();
            throw;
        }
    }

    public int Width { get; }
    public int Height { get; }
    public int Quality { get; }
    public H264Parameters Parameters { get; }

    public VideoCodec Codec => VideoCodec.H264;

    /// <summary>The smallest QP VBR may use: quality 100 → 16, 80 → 21, 50 → 29, 1 → 42 (a quarter QP per quality step).</summary>
    public static int MinQp(int quality) => (int)Math.Round(42 - (quality - 1) * 26 / 99.0);

    private int I420Length => Width * Height * 3 / 2;

    private void Configure(ref OpenH264Native.EncParamExt p)
    {
        var h = Parameters;
        int bitrate = checked(h.BitrateKbps * 1000);
        p.iUsageType = OpenH264Native.UsageCameraRealTime;
        p.iPicWidth = Width;
        p.iPicHeight = Height;
        p.fMaxFrameRate = (float)h.FrameRate;
        p.iTargetBitrate = bitrate;
        p.iMaxBitrate = bitrate;
        p.iRCMode = h.ConstantBitRate ? OpenH264Native.RcBitrateMode : OpenH264Native.RcQualityMode;
        p.iMinQp = h.ConstantBitRate ? 10 : MinQp(Quality);
        p.iMaxQp = 51;
        p.bEnableFrameSkip = 0;                 // every rendered picture becomes a frame: viewers count on the frame rate
        p.uiIntraPeriod = (uint)h.GovLength;    // an IDR every GovLength frames
        p.eSpsPpsIdStrategy = OpenH264Native.SpsPpsConstantId;
        p.iTemporalLayerNum = 1;
        p.iSpatialLayerNum = 1;
        p.iNumRefFrame = 1;
        p.iEntropyCodingModeFlag = h.Profile == H264CodingProfile.Baseline ? 0 : 1;
        p.iComplexityMode = 0;                  // LOW_COMPLEXITY: a live camera encodes in real time
        p.iMultipleThreadIdc = 1;               // one thread per stream: the render pipeline already overlaps render and encode
        p.bEnableDenoise = 0;
        p.bEnableBackgroundDetection = 1;
        p.bEnableAdaptiveQuant = 1;
        p.bEnableSceneChangeDetect = 0;         // IDRs only where the GOP or a viewer asks for them
        p.bEnableLongTermReference = 0;
        p.bPrefixNalAddingCtrl = 0;
        p.bEnableSSEI = 0;
        p.bEnableFrameCroppingFlag = 1;
        ref var layer = ref p.sSpatialLayers[0];
        layer.iVideoWidth = Width;
        layer.iVideoHeight = Height;
        layer.fFrameRate = (float)h.FrameRate;
        layer.iSpatialBitrate = bitrate;
        layer.iMaxSpatialBitrate = bitrate;
        layer.uiProfileIdc = h.Profile switch { H264CodingProfile.Main => 77, H264CodingProfile.High => 100, _ => 66 };
        layer.uiLevelIdc = 0;                   // the encoder picks the level the size and rate need
        layer.sSliceArgument.uiSliceMode = 0;   // SM_SINGLE_SLICE
        layer.sSliceArgument.uiSliceNum = 1;
        // TurboJPEG's conversion is JFIF YCbCr: BT.601 matrix, full range, sRGB primaries and transfer.
        layer.bVideoSignalTypePresent = 1;
        layer.uiVideoFormat = 5;                // unspecified
        layer.bFullRange = 1;
        layer.bColorDescriptionPresent = 1;
        layer.uiColorPrimaries = 1;             // BT.709 (sRGB)
        layer.uiTransferCharacteristics = 13;   // IEC 61966-2-1 (sRGB)
        layer.uiColorMatrix = 6;                // SMPTE 170M (BT.601)
    }

    public EncodedPicture Encode(RgbImage image, bool keyFrame)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != Width || image.Height != Height)
            throw new ArgumentException($"this encoder takes {Width}×{Height} pictures, not {image.Width}×{image.Height}", nameof(image));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ToI420(image);
            var vtbl = OpenH264Native.Vtbl(_encoder);
            // The first picture is an IDR anyway; forcing one there would leave the request pending for the second.
            if (keyFrame && _frames > 0) vtbl->ForceIntraFrame(_encoder, 1);
            int lumaSize = Width * Height, chromaWidth = Width / 2;
            var picture = new OpenH264Native.SourcePicture
            {
                iColorFormat = OpenH264Native.VideoFormatI420,
                iPicWidth = Width,
                iPicHeight = Height,
                pData0 = _i420,
                pData1 = _i420 + lumaSize,
                pData2 = _i420 + lumaSize + lumaSize / 4,
                uiTimeStamp = (long)Math.Round(_frames * 1000 / Parameters.FrameRate),
            };
            picture.iStride[0] = Width;
            picture.iStride[1] = chromaWidth;
            picture.iStride[2] = chromaWidth;
            _frames++;
            NativeMemory.Clear(_info, (nuint)sizeof(OpenH264Native.FrameBsInfo));
            int rc = vtbl->EncodeFrame(_encoder, &picture, _info);
            if (rc != OpenH264Native.CmResultSuccess) throw new InvalidOperationException($"OpenH264 could not encode the frame (EncodeFrame returned {rc})");
            int type = _info->eFrameType;
            if (type is OpenH264Native.FrameTypeInvalid or OpenH264Native.FrameTypeSkip)
                throw new InvalidOperationException($"OpenH264 produced no picture (frame type {type})");
            return new EncodedPicture(CopyAccessUnit(_info), IsKeyFrame: type == OpenH264Native.FrameTypeIdr);
        }
    }

    /// <summary>Concatenates the NAL units of every layer (each already starts with a 00 00 00 01 start code), length-checked.</summary>
    private static byte[] CopyAccessUnit(OpenH264Native.FrameBsInfo* info)
    {
        int layers = info->iLayerNum, declared = info->iFrameSizeInBytes;
        if (layers is < 0 or > OpenH264Native.MaxLayersOfFrame) throw new InvalidOperationException($"OpenH264 reported {layers} layers");
        if (declared <= 0) throw new InvalidOperationException($"OpenH264 reported a frame of {declared} bytes");
        long total = 0;
        for (int l = 0; l < layers; l++)
        {
            var layer = info->sLayerInfo[l];
            if (layer.iNalCount < 0 || (layer.iNalCount > 0 && (layer.pNalLengthInByte == null || layer.pBsBuf == null)))
                throw new InvalidOperationException($"OpenH264 layer {l} reports {layer.iNalCount} NAL units without buffers");
            for (int n = 0; n < layer.iNalCount; n++)
            {
                int length = layer.pNalLengthInByte[n];
                if (length < 0) throw new InvalidOperationException($"OpenH264 layer {l} NAL {n} has length {length}");
                total += length;
            }
        }
        if (total != declared) throw new InvalidOperationException($"OpenH264's NAL units add up to {total} bytes, its frame size says {declared}");
        var payload = new byte[total];
        int at = 0;
        for (int l = 0; l < layers; l++)
        {
            var layer = info->sLayerInfo[l];
            int length = 0;
            for (int n = 0; n < layer.iNalCount; n++) length += layer.pNalLengthInByte[n];
            new ReadOnlySpan<byte>(layer.pBsBuf, length).CopyTo(payload.AsSpan(at));
            at += length;
        }
        return payload;
    }

    private void ToI420(RgbImage image)
    {
        bool added = false;
        try
        {
            _yuv.DangerousAddRef(ref added);
            fixed (byte* source = image.Pixels)
            {
                int rc = TurboJpegNative.tjEncodeYUV3(_yuv.DangerousGetHandle(), source, Width, image.Stride, Height,
                    TurboJpegNative.PixelFormatRgb, _i420, 1, TurboJpegNative.Subsampling420, 0);
                if (rc != 0) throw new InvalidOperationException($"TurboJPEG could not convert the frame to I420: {TurboJpegNative.LastError(_yuv.DangerousGetHandle())}");
            }
        }
        finally
        {
            if (added) _yuv.DangerousRelease();
        }
    }

    /// <summary>The SPS and PPS this encoder writes before every IDR (Annex B), without encoding a picture.</summary>
    public byte[] ParameterSets()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            NativeMemory.Clear(_info, (nuint)sizeof(OpenH264Native.FrameBsInfo));
            var vtbl = OpenH264Native.Vtbl(_encoder);
            int rc = vtbl->EncodeParameterSets(_encoder, _info);
            if (rc != OpenH264Native.CmResultSuccess) throw new InvalidOperationException($"OpenH264 could not write the parameter sets ({rc})");
            // EncodeParameterSets does not fill iFrameSizeInBytes: total the NAL lengths instead.
            long total = 0;
            for (int l = 0; l < _info->iLayerNum && l < OpenH264Native.MaxLayersOfFrame; l++)
                for (int n = 0; n < _info->sLayerInfo[l].iNalCount; n++) total += _info->sLayerInfo[l].pNalLengthInByte[n];
            _info->iFrameSizeInBytes = (int)total;
            return CopyAccessUnit(_info);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_encoder != IntPtr.Zero)
            {
                OpenH264Native.Vtbl(_encoder)->Uninitialize(_encoder);
                OpenH264Native.WelsDestroySVCEncoder(_encoder);
                _encoder = IntPtr.Zero;
            }
            NativeMemory.Free(_i420);
            NativeMemory.Free(_info);
            _yuv.Dispose();
        }
    }
}
