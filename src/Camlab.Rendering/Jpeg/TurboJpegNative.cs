using System.Reflection;
using System.Runtime.InteropServices;

namespace Camlab.Rendering.Jpeg;

/// <summary>
/// The TurboJPEG 2.x C API (turbojpeg.h) as Debian's libturbojpeg0 exports it (tjInitCompress, tjCompress2,
/// tjDecompressHeader3, tjDecompress2 …; the tj3* API of TurboJPEG 3 is not in Debian 12's 2.1.5).
/// <c>unsigned long</c> sizes are <see cref="CULong"/> so the signatures hold on every ABI.
/// </summary>
internal static unsafe partial class TurboJpegNative
{
    public const string LibraryName = "turbojpeg";

    public const int PixelFormatRgb = 0;     // TJPF_RGB
    public const int FlagNoRealloc = 1024;   // TJFLAG_NOREALLOC
    public const int FlagFastDct = 2048;     // TJFLAG_FASTDCT
    public const int FlagAccurateDct = 4096; // TJFLAG_ACCURATEDCT
    public const int Subsampling420 = 2;     // TJSAMP_420

    static TurboJpegNative() => NativeLibrary.SetDllImportResolver(typeof(TurboJpegNative).Assembly, Resolve);

    /// <summary>The assembly's only DllImport resolver (one is allowed per assembly): TurboJPEG and OpenH264.</summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        LibraryName => TurboJpegLibrary.LoadOrThrow(),
        H264.OpenH264Native.LibraryName => H264.OpenH264Library.LoadOrThrow(),
        _ => IntPtr.Zero,
    };

    /// <summary>Runs the static constructor (installs the resolver) before the first call.</summary>
    public static void EnsureResolver() { }

    [LibraryImport(LibraryName)] public static partial IntPtr tjInitCompress();
    [LibraryImport(LibraryName)] public static partial IntPtr tjInitDecompress();
    [LibraryImport(LibraryName)] public static partial int tjDestroy(IntPtr handle);
    [LibraryImport(LibraryName)] public static partial CULong tjBufSize(int width, int height, int subsampling);
    [LibraryImport(LibraryName)] public static partial byte* tjAlloc(int bytes);
    [LibraryImport(LibraryName)] public static partial void tjFree(byte* buffer);
    [LibraryImport(LibraryName)] public static partial IntPtr tjGetErrorStr2(IntPtr handle);

    [LibraryImport(LibraryName)]
    public static partial int tjCompress2(IntPtr handle, byte* source, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuffer, CULong* jpegSize, int subsampling, int quality, int flags);

    /// <summary>RGB to planar YUV (Y, then U, then V; each row padded to <paramref name="pad"/> bytes), JFIF YCbCr.</summary>
    [LibraryImport(LibraryName)]
    public static partial int tjEncodeYUV3(IntPtr handle, byte* source, int width, int pitch, int height, int pixelFormat,
        byte* destination, int pad, int subsampling, int flags);

    [LibraryImport(LibraryName)]
    public static partial int tjDecompressHeader3(IntPtr handle, byte* jpeg, CULong jpegSize,
        int* width, int* height, int* subsampling, int* colorspace);

    [LibraryImport(LibraryName)]
    public static partial int tjDecompress2(IntPtr handle, byte* jpeg, CULong jpegSize, byte* destination,
        int width, int pitch, int height, int pixelFormat, int flags);

    public static string LastError(IntPtr handle) => Marshal.PtrToStringUTF8(tjGetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}
