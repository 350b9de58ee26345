using System.Diagnostics;
using Camlab.Server.Hosting;
using Camlab.Server.State;
using Microsoft.Extensions.Logging;

namespace Camlab.Server.Tests.Foundation;

/// <summary>
/// A kill during a state write leaves <c>.NAME.json.PID.tmp</c> beside an intact document: the next start removes
/// every such file of a process that is gone (in any folder of the camera's data), says so in the log, and keeps
/// the documents and a file some other live process may still be writing.
/// </summary>
public sealed class StateLeftoverTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "camlab-leftovers-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private string Leftover(string directory, string document, int pid, string content = "{\"torn\":")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".{document}.{pid}.tmp");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Leftovers_of_dead_writers_go_documents_and_live_writers_files_stay()
    {
        var camera = Path.Combine(_root, "camera-1");
        new FileStateStore(camera).Write("ptz/presets.json", "{\"a\":1}");
        var dead = DeadPid();
        var gone = new[]
        {
            Leftover(Path.Combine(camera, "ptz"), "presets.json", dead),
            Leftover(camera, "identity.json", dead),
            Leftover(Path.Combine(camera, "device"), "users.json", Environment.ProcessId),
        };
        var live = Leftover(camera, "other.json", 1); // init never exits
        var unrelated = Path.Combine(camera, "notes.tmp");
        File.WriteAllText(unrelated, "mine");

        var store = new FileStateStore(camera);

        Assert.Equal(gone.Order(), store.RemovedLeftovers.Order());
        Assert.All(gone, p => Assert.False(File.Exists(p)));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
        Assert.Equal("{\"a\":1}", store.Read("ptz/presets.json"));
    }

    [Fact]
    public async Task The_host_logs_each_removed_leftover_on_start()
    {
        var camera = Path.Combine(_root, "camera-1");
        var path = Leftover(Path.Combine(camera, "ptz"), "presets.json", DeadPid());
        var logs = new ListLoggerProvider();
        var options = new ServerOptions
        {
            Http = "127.0.0.1:0",
            Data = _root,
            Users = [new UserOption { Name = "admin", Password = "pw" }],
            Discovery = new DiscoveryOptions { Enabled = false, Port = 0 },
            Recording = new Camlab.Server.Recording.RecordingOptions { Enabled = false },
        };
        await using (await CameraHost.StartAsync(options, logger: logs))
        {
            Assert.False(File.Exists(path));
        }
        Assert.Contains(logs.Lines, l => l.Contains("removed " + path, StringComparison.Ordinal) && l.Contains("interrupted by a kill", StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines) owner.Lines.Add(formatter(state, exception));
            }
        }
    }
}
