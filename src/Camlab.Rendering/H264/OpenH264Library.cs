using System.Runtime.InteropServices;

namespace Camlab.Rendering.H264;

/// <summary>Thrown when Cisco's OpenH264 library cannot be loaded; the message says how to install it.</summary>
public sealed class OpenH264UnavailableException(string message) : Exception(message);

/// <summary>
/// Finds and loads OpenH264 (<c>libopenh264.so.7</c>, Debian's libopenh264-7) once. Streams of an H.264 profile fail
/// with <see cref="Diagnose"/>'s message when it is missing; JPEG streams do not need it.
/// </summary>
public static class OpenH264Library
{
    public const string InstallHint =
        "Install Cisco's OpenH264 library: 'apt-get install libopenh264-7' on Debian 12 ('libopenh264-6' on older Ubuntu, " +
        "'dnf install openh264' on Fedora, 'brew install openh264' on macOS); ./camlab installs it when run as root.";

    /// <summary>File names tried in order: Debian 12's soname first.</summary>
    public static readonly string[] Candidates = ["libopenh264.so.7", "libopenh264.so", "libopenh264.dylib", "openh264.dll", "openh264"];

    internal static readonly string[] RequiredExports = ["WelsCreateSVCEncoder", "WelsDestroySVCEncoder", "WelsGetCodecVersion"];

    /// <summary>The encoder API (and struct layouts) Camlab was written against: OpenH264 2.x.</summary>
    public const uint RequiredMajorVersion = 2;

    private static readonly Lazy<(IntPtr Handle, string? Error, string Version)> Loaded = new(Load);

    public static bool IsAvailable => Loaded.Value.Error is null;

    /// <summary>Null when the library works; otherwise a one-paragraph message.</summary>
    public static string? Diagnose() => Loaded.Value.Error;

    /// <summary>The loaded library's version (major.minor.revision), or null.</summary>
    public static string? Version => IsAvailable ? Loaded.Value.Version : null;

    internal static IntPtr LoadOrThrow() =>
        Loaded.Value.Error is { } error ? throw new OpenH264UnavailableException(error) : Loaded.Value.Handle;

    public static void EnsureAvailable()
    {
        if (Loaded.Value.Error is { } error) throw new OpenH264UnavailableException(error);
        OpenH264Native.EnsureResolver();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenH264Version { public uint Major, Minor, Revision, Reserved; }

    private static unsafe (IntPtr, string?, string) Load()
    {
        var tried = new List<string>();
        foreach (var name in Candidates)
        {
            if (!NativeLibrary.TryLoad(name, typeof(OpenH264Library).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out var handle)
                && !NativeLibrary.TryLoad(name, out handle))
            {
                tried.Add(name);
                continue;
            }
            var missing = RequiredExports.Where(e => !NativeLibrary.TryGetExport(handle, e, out _)).ToArray();
            if (missing.Length > 0)
            {
                NativeLibrary.Free(handle);
                tried.Add($"{name} (lacks {string.Join(", ", missing)})");
                continue;
            }
            // OpenH264Version WelsGetCodecVersion(void): a 16-byte struct returned in registers (System V) or memory.
            var getVersion = (delegate* unmanaged[Cdecl]<OpenH264Version>)NativeLibrary.GetExport(handle, "WelsGetCodecVersion");
            var v = getVersion();
            var version = $"{v.Major}.{v.Minor}.{v.Revision}";
            if (v.Major != RequiredMajorVersion)
            {
                NativeLibrary.Free(handle);
                tried.Add($"{name} (version {version}; Camlab needs OpenH264 {RequiredMajorVersion}.x, whose encoder structures it knows)");
                continue;
            }
            return (handle, null, version);
        }
        return (IntPtr.Zero, $"H.264 encoding is unavailable: Cisco's OpenH264 library could not be loaded (tried {string.Join(", ", tried)}). {InstallHint}", "");
    }
}
