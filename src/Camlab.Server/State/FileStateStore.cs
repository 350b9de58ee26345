using System.Runtime.InteropServices;
using Camlab.Device.State;

namespace Camlab.Server.State;

/// <summary>
/// Documents as files under one directory. A write goes to a temporary file in the same directory, is
/// flushed to disk, renamed over the old file (atomic on POSIX) and the directory entry is flushed too, so a
/// kill -9 at any instant leaves either the previous or the new document — never a torn one.
/// </summary>
public sealed partial class FileStateStore : IStateStore
{
    private readonly string _root;
    private readonly object _gate = new();

    public FileStateStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        RemoveLeftovers();
    }

    public string Root => _root;

    public string? Read(string name)
    {
        var path = Resolve(name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void Write(string name, string content)
    {
        var path = Resolve(name);
        var directory = Path.GetDirectoryName(path)!;
        lock (_gate)
        {
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            FlushDirectory(directory);
        }
    }

    public void Delete(string name)
    {
        var path = Resolve(name);
        lock (_gate)
        {
            if (!File.Exists(path)) return;
            File.Delete(path);
            FlushDirectory(Path.GetDirectoryName(path)!);
        }
    }

    private string Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name))
            throw new ArgumentException($"state document name '{name}' must be a relative path", nameof(name));
        var full = Path.GetFullPath(Path.Combine(_root, name));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"state document name '{name}' leaves the data directory", nameof(name));
        return full;
    }

    // The rename is durable only once the directory entry itself is flushed: fsync on the directory's
    // descriptor. .NET will not open a directory as a file, so this goes to libc directly.
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Posix.open(directory, Posix.O_RDONLY);
        if (fd < 0) throw new IOException($"cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Posix.fsync(fd) != 0)
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Posix.close(fd);
        }
    }

    private static partial class Posix
    {
        public const int O_RDONLY = 0;

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int close(int fd);
    }
}
