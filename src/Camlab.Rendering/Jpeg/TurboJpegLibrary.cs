using System.Runtime.InteropServices;

namespace Camlab.Rendering.Jpeg;

/// <summary>Thrown when libjpeg-turbo's TurboJPEG library cannot be loaded; the message says how to install it.</summary>
public sealed class TurboJpegUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Finds and loads <c>libturbojpeg.so.0</c> once. The server checks <see cref="IsAvailable"/> at start-up
/// to print <see cref="Diagnose"/>'s message and keep the control plane running without video.
/// </summary>
public static class TurboJpegLibrary
{
    public const string InstallHint =
        "Install libjpeg-turbo's TurboJPEG library: 'apt-get install libturbojpeg0' on Debian/Ubuntu " +
        "('dnf install turbojpeg' on Fedora, 'brew install jpeg-turbo' on macOS); ./camlab installs it when run as root.";

    /// <summary>File names tried in order: Debian's soname first.</summary>
    public static readonly string[] Candidates = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg.dll", "turbojpeg"];

    /// <summary>Every export this assembly calls; an older library missing one is reported, not crashed on.</summary>
    internal static readonly string[] RequiredExports =
        ["tjInitCompress", "tjInitDecompress", "tjDestroy", "tjBufSize", "tjAlloc", "tjFree", "tjGetErrorStr2",
         "tjCompress2", "tjEncodeYUV3", "tjDecompressHeader3", "tjDecompress2"];

    private static readonly Lazy<(IntPtr Handle, string? Error)> Loaded = new(() =>
        TryLoad(Candidates, out var handle, out var error) ? (handle, null) : (IntPtr.Zero, error));

    public static bool IsAvailable => Loaded.Value.Error is null;

    /// <summary>Null when the library works; otherwise a one-paragraph message for the start-up log.</summary>
    public static string? Diagnose() => Loaded.Value.Error;

    public static void EnsureAvailable()
    {
        if (Loaded.Value.Error is { } error) throw new TurboJpegUnavailableException(error);
        TurboJpegNative.EnsureResolver();
    }

    internal static IntPtr LoadOrThrow() =>
        Loaded.Value.Error is { } error ? throw new TurboJpegUnavailableException(error) : Loaded.Value.Handle;

    /// <summary>Loads the first candidate that exists and exports everything needed.</summary>
    internal static bool TryLoad(IEnumerable<string> candidates, out IntPtr handle, out string error)
    {
        var tried = new List<string>();
        foreach (var name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, typeof(TurboJpegLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out handle)
                && !NativeLibrary.TryLoad(name, out handle))
            {
                tried.Add(name);
                continue;
            }
            var loaded = handle;
            var missing = RequiredExports.Where(e => !NativeLibrary.TryGetExport(loaded, e, out _)).ToArray();
            if (missing.Length == 0) { error = ""; return true; }
            NativeLibrary.Free(handle);
            tried.Add($"{name} (lacks {string.Join(", ", missing)}; TurboJPEG 1.4 or newer is needed)");
        }
        handle = IntPtr.Zero;
        error = $"JPEG encoding is unavailable: libjpeg-turbo's TurboJPEG library could not be loaded (tried {string.Join(", ", tried)}). {InstallHint}";
        return false;
    }
}
