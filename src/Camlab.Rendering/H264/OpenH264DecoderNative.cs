using System.Runtime.InteropServices;

namespace Camlab.Rendering.H264;

/// <summary>
/// The decoder half of OpenH264 2.x's C API (wels/codec_api.h, codec_app_def.h, codec_def.h of 2.3.1): WelsCreateDecoder /
/// WelsDestroyDecoder and the ISVCDecoder function table. C <c>long</c> is pointer-sized on LP64, hence <see cref="nint"/>;
/// C++ <c>bool</c> is one byte, enums are <c>int</c>. H264DecoderTests pins sizes and offsets against those headers.
/// </summary>
internal static unsafe partial class OpenH264Native
{
    // codec_app_def.h
    public const int VideoBitstreamAvc = 0;          // VIDEO_BITSTREAM_AVC
    public const int ErrorConcealmentDisabled = 0;   // ERROR_CON_DISABLE: a damaged picture is reported, not patched
    public const int DecoderOptionEndOfStream = 1;   // DECODER_OPTION_END_OF_STREAM
    public const int DecoderOptionTraceLevel = 9;    // DECODER_OPTION_TRACE_LEVEL
    // codec_def.h DECODING_STATE
    public const int DecodingStateSuccess = 0;       // dsErrorFree

    /// <summary>long WelsCreateDecoder(ISVCDecoder** ppDecoder).</summary>
    [LibraryImport(LibraryName)] public static partial nint WelsCreateDecoder(IntPtr* decoder);
    [LibraryImport(LibraryName)] public static partial void WelsDestroyDecoder(IntPtr decoder);

    /// <summary>struct ISVCDecoderVtbl, in declaration order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DecoderVtbl
    {
        public delegate* unmanaged[Cdecl]<IntPtr, DecodingParam*, nint> Initialize;
        public delegate* unmanaged[Cdecl]<IntPtr, nint> Uninitialize;
        public IntPtr DecodeFrame;
        public delegate* unmanaged[Cdecl]<IntPtr, byte*, int, byte**, BufferInfo*, int> DecodeFrameNoDelay;
        public IntPtr DecodeFrame2;
        public delegate* unmanaged[Cdecl]<IntPtr, byte**, BufferInfo*, int> FlushFrame;
        public IntPtr DecodeParser;
        public IntPtr DecodeFrameEx;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, nint> SetOption;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, nint> GetOption;
    }

    public static DecoderVtbl* DecoderTable(IntPtr decoder) => *(DecoderVtbl**)decoder;

    /// <summary>SVideoProperty.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VideoProperty
    {
        public uint size;
        public int eVideoBsType;
    }

    /// <summary>SDecodingParam (TagSVCDecodingParam).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DecodingParam
    {
        public byte* pFileNameRestructed;
        public uint uiCpuLoad;
        public byte uiTargetDqLayer;
        public int eEcActiveIdc;
        public byte bParseOnly;
        public VideoProperty sVideoProperty;
    }

    /// <summary>SSysMEMBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SystemBuffer
    {
        public int iWidth;
        public int iHeight;
        public int iFormat;
        public fixed int iStride[2];
    }

    /// <summary>SBufferInfo.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BufferInfo
    {
        public int iBufferStatus;
        public ulong uiInBsTimeStamp;
        public ulong uiOutYuvTimeStamp;
        public SystemBuffer sSystemBuffer;
        public byte* pDst0;
        public byte* pDst1;
        public byte* pDst2;
    }
}
