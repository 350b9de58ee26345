using Microsoft.Win32.SafeHandles;

namespace Camlab.Rendering.Jpeg;

/// <summary>A tjhandle, destroyed exactly once even if its owner is never disposed.</summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private TurboJpegHandle() : base(ownsHandle: true) { }

    public static TurboJpegHandle Create(bool compress)
    {
        TurboJpegLibrary.EnsureAvailable();
        var h = new TurboJpegHandle();
        h.SetHandle(compress ? TurboJpegNative.tjInitCompress() : TurboJpegNative.tjInitDecompress());
        if (h.IsInvalid)
            throw new InvalidOperationException($"TurboJPEG could not create a {(compress ? "compressor" : "decompressor")}: {TurboJpegNative.LastError(IntPtr.Zero)}");
        return h;
    }

    protected override bool ReleaseHandle() => TurboJpegNative.tjDestroy(handle) == 0;
}
