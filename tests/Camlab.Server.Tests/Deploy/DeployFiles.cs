using System.CommandLine;
using Camlab.Cli.Commands;
using Camlab.Testing;

namespace Camlab.Server.Tests.Deploy;

/// <summary>Paths of the deployment files and what <c>camlab serve</c> accepts, for the tests of deploy/ and the Dockerfile.</summary>
internal static class DeployFiles
{
    public static string Root => SharedRef.RepositoryRoot;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Parses <paramref name="args"/> (after <c>camlab</c>) as the real command line does; returns its errors.</summary>
    public static IReadOnlyList<string> ServeErrors(IReadOnlyList<string> args)
    {
        Assert.Equal("serve", args[0]);
        var result = ServeCommand.Create().Parse(args.Skip(1).ToArray());
        return result.Errors.Select(e => e.Message).ToList();
    }

    /// <summary>The value after <paramref name="option"/> in <paramref name="args"/> (null when absent).</summary>
    public static string? OptionValue(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    public static int Port(string hostPort) => int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
