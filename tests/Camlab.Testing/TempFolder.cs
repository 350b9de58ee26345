namespace Camlab.Testing;

/// <summary>
/// A folder under the system's temporary directory for one test's files, removed with everything in it when the test
/// ends (xUnit disposes a test class after each test), so a suite run repeatedly leaves nothing behind.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "camlab-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (a relative path) in the folder and returns the file's path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A path in the folder that nothing has created (for a data directory a refused start must not create).</summary>
    public string Child(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a process the test started may still hold a file; the system cleans its temp folder
        catch (UnauthorizedAccessException) { }
    }
}
