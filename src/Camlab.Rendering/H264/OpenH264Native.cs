using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Camlab.Rendering.H264;

/// <summary>
/// The part of OpenH264 2.x's encoder C API (wels/codec_api.h, codec_app_def.h, codec_def.h of libopenh264-dev 2.3.1) that
/// Camlab calls: WelsCreateSVCEncoder/WelsDestroySVCEncoder and the ISVCEncoder function table. The structs mirror the
/// C declarations field by field (C++ <c>bool</c> is one byte, enums are <c>int</c>); their sizes and field offsets are
/// pinned by OpenH264LayoutTests against values measured with gcc's offsetof on those headers, because a layout mistake
/// here corrupts memory instead of failing.
/// </summary>
internal static unsafe partial class OpenH264Native
{
    public const string LibraryName = "openh264";

    // codec_app_def.h
    public const int MaxSpatialLayers = 4;       // MAX_SPATIAL_LAYER_NUM
    public const int MaxLayersOfFrame = 128;     // MAX_LAYER_NUM_OF_FRAME
    public const int MaxSlices = 35;             // MAX_SLICES_NUM_TMP
    public const int UsageCameraRealTime = 0;    // CAMERA_VIDEO_REAL_TIME
    public const int RcQualityMode = 0;          // RC_QUALITY_MODE
    public const int RcBitrateMode = 1;          // RC_BITRATE_MODE
    public const int SpsPpsConstantId = 0;       // CONSTANT_ID
    public const int OptionTraceLevel = 25;      // ENCODER_OPTION_TRACE_LEVEL
    public const int LogQuiet = 0;               // WELS_LOG_QUIET
    // codec_def.h
    public const int VideoFormatI420 = 23;       // videoFormatI420
    public const int FrameTypeInvalid = 0, FrameTypeIdr = 1, FrameTypeI = 2, FrameTypeP = 3, FrameTypeSkip = 4;
    public const int CmResultSuccess = 0;        // cmResultSuccess

    /// <summary>An assembly has one DllImport resolver: TurboJpegNative's installs it and resolves this library's name too.</summary>
    public static void EnsureResolver() => Jpeg.TurboJpegNative.EnsureResolver();

    /// <summary>int WelsCreateSVCEncoder(ISVCEncoder** ppEncoder); the ISVCEncoder is a pointer to the function table.</summary>
    [LibraryImport(LibraryName)] public static partial int WelsCreateSVCEncoder(IntPtr* encoder);
    [LibraryImport(LibraryName)] public static partial void WelsDestroySVCEncoder(IntPtr encoder);

    /// <summary>struct ISVCEncoderVtbl, in declaration order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct EncoderVtbl
    {
        public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> Initialize;
        public delegate* unmanaged[Cdecl]<IntPtr, EncParamExt*, int> InitializeExt;
        public delegate* unmanaged[Cdecl]<IntPtr, EncParamExt*, int> GetDefaultParams;
        public delegate* unmanaged[Cdecl]<IntPtr, int> Uninitialize;
        public delegate* unmanaged[Cdecl]<IntPtr, SourcePicture*, FrameBsInfo*, int> EncodeFrame;
        public delegate* unmanaged[Cdecl]<IntPtr, FrameBsInfo*, int> EncodeParameterSets;
        public delegate* unmanaged[Cdecl]<IntPtr, byte, int> ForceIntraFrame;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, int> SetOption;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, int> GetOption;
    }

    public static EncoderVtbl* Vtbl(IntPtr encoder) => *(EncoderVtbl**)encoder;

    /// <summary>SSliceArgument.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SliceArgument
    {
        public int uiSliceMode;
        public uint uiSliceNum;
        public fixed uint uiSliceMbNum[MaxSlices];
        public uint uiSliceSizeConstraint;
    }

    /// <summary>SSpatialLayerConfig.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SpatialLayerConfig
    {
        public int iVideoWidth;
        public int iVideoHeight;
        public float fFrameRate;
        public int iSpatialBitrate;
        public int iMaxSpatialBitrate;
        public int uiProfileIdc;
        public int uiLevelIdc;
        public int iDLayerQp;
        public SliceArgument sSliceArgument;
        public byte bVideoSignalTypePresent;
        public byte uiVideoFormat;
        public byte bFullRange;
        public byte bColorDescriptionPresent;
        public byte uiColorPrimaries;
        public byte uiTransferCharacteristics;
        public byte uiColorMatrix;
        public byte bAspectRatioPresent;
        public int eAspectRatio;
        public ushort sAspectRatioExtWidth;
        public ushort sAspectRatioExtHeight;
    }

    [InlineArray(MaxSpatialLayers)]
    public struct SpatialLayers { private SpatialLayerConfig _first; }

    /// <summary>SEncParamExt.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct EncParamExt
    {
        public int iUsageType;
        public int iPicWidth;
        public int iPicHeight;
        public int iTargetBitrate;
        public int iRCMode;
        public float fMaxFrameRate;
        public int iTemporalLayerNum;
        public int iSpatialLayerNum;
        public SpatialLayers sSpatialLayers;
        public int iComplexityMode;
        public uint uiIntraPeriod;
        public int iNumRefFrame;
        public int eSpsPpsIdStrategy;
        public byte bPrefixNalAddingCtrl;
        public byte bEnableSSEI;
        public byte bSimulcastAVC;
        public int iPaddingFlag;
        public int iEntropyCodingModeFlag;
        public byte bEnableFrameSkip;
        public int iMaxBitrate;
        public int iMaxQp;
        public int iMinQp;
        public uint uiMaxNalSize;
        public byte bEnableLongTermReference;
        public int iLTRRefNum;
        public uint iLtrMarkPeriod;
        public ushort iMultipleThreadIdc;
        public byte bUseLoadBalancing;
        public int iLoopFilterDisableIdc;
        public int iLoopFilterAlphaC0Offset;
        public int iLoopFilterBetaOffset;
        public byte bEnableDenoise;
        public byte bEnableBackgroundDetection;
        public byte bEnableAdaptiveQuant;
        public byte bEnableFrameCroppingFlag;
        public byte bEnableSceneChangeDetect;
        public byte bIsLosslessLink;
        public byte bFixRCOverShoot;
        public int iIdrBitrateRatio;
    }

    /// <summary>SSourcePicture.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SourcePicture
    {
        public int iColorFormat;
        public fixed int iStride[4];
        public byte* pData0;
        public byte* pData1;
        public byte* pData2;
        public byte* pData3;
        public int iPicWidth;
        public int iPicHeight;
        public long uiTimeStamp;
    }

    /// <summary>SLayerBSInfo.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LayerBsInfo
    {
        public byte uiTemporalId;
        public byte uiSpatialId;
        public byte uiQualityId;
        public int eFrameType;
        public byte uiLayerType;
        public int iSubSeqId;
        public int iNalCount;
        public int* pNalLengthInByte;
        public byte* pBsBuf;
    }

    [InlineArray(MaxLayersOfFrame)]
    public struct Layers { private LayerBsInfo _first; }

    /// <summary>SFrameBSInfo.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FrameBsInfo
    {
        public int iLayerNum;
        public Layers sLayerInfo;
        public int eFrameType;
        public int iFrameSizeInBytes;
        public long uiTimeStamp;
    }
}
