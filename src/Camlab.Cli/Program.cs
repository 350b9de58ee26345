using System.CommandLine;
using Camlab.Cli.Commands;

namespace Camlab.Cli;

public static class Program
{
    // SIGTERM/Ctrl+C cancel the running command, which then gets this long to stop cleanly (serve closes its
    // recordings, says WS-Discovery Bye and ends its subscriptions) before the process is killed. System.CommandLine's
    // default of 2 s is shorter than a busy host needs; 25 s stays inside a container runtime's usual 30 s grace.
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(25);

    public static int Main(string[] args) =>
        BuildRoot().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });

    /// <summary>The whole command tree; each verb lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Camlab — a virtual ONVIF PTZ camera for people who build and test video management software.\n" +
            "Start the camera with 'camlab serve'; inspect video channel frames with 'camlab frames';\n" +
            "read and check OPF camera descriptions with 'camlab opf'.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SiteCommand.Create());
        root.Subcommands.Add(FramesCommand.Create());
        root.Subcommands.Add(RecordingsCommand.Create());
        root.Subcommands.Add(SnapshotCommand.Create());

        root.Subcommands.Add(OpfCommand.Create());
        return root;
    }
}
