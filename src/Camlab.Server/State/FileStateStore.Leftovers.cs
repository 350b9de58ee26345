using System.Text.RegularExpressions;

namespace Camlab.Server.State;

// A kill during Write leaves its temporary file (.NAME.json.PID.tmp) beside the document; the document itself is
// intact (the rename never happened), so the leftover is only clutter, removed when the store opens.
public sealed partial class FileStateStore
{
    /// <summary>The temporary files of writes that a kill interrupted, removed when this store opened (full paths).</summary>
    public IReadOnlyList<string> RemovedLeftovers { get; private set; } = [];

    [GeneratedRegex(@"^\..+\.(?<pid>\d{1,10})\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverName();

    private void RemoveLeftovers()
    {
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(_root, ".*.tmp", SearchOption.AllDirectories))
        {
            var match = LeftoverName().Match(Path.GetFileName(path));
            if (!match.Success || !int.TryParse(match.Groups["pid"].ValueSpan, out var pid)) continue;
            // Another live process may be writing it right now (two servers on one data directory); ours is not yet.
            if (pid != Environment.ProcessId && IsRunning(pid)) continue;
            try
            {
                File.Delete(path);
                removed.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        RemovedLeftovers = removed;
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
