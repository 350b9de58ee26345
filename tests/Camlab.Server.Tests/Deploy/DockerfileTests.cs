using System.Diagnostics;
using System.Text.Json;
using Camlab.Server.Hosting;

namespace Camlab.Server.Tests.Deploy;

/// <summary>
/// The Dockerfile, linted (tagged base images, sources that exist, scripts that were copied, a non-root user, a
/// health check on /healthz, a command line <c>camlab serve</c> accepts), and its RUN steps run here as the scripts
/// they are, since this machine has no Docker.
/// </summary>
[Collection(ContainerBuildCollection.Name)]
public sealed class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments, int Stage);

    /// <summary>The Dockerfile's instructions: comments dropped, continuation lines joined.</summary>
    private static List<Instruction> Instructions()
    {
        var instructions = new List<Instruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(DeployFiles.PathOf("Dockerfile")))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ');
            var keyword = line[..space].ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new Instruction(keyword, line[(space + 1)..].Trim(), stage));
        }
        Assert.Equal("", pending);
        return instructions;
    }

    private static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Base_images_are_tagged_and_the_image_is_built_in_one_stage_and_run_from_another()
    {
        var froms = Instructions().Where(i => i.Keyword == "FROM").Select(i => Words(i.Arguments)).ToList();
        Assert.Equal(2, froms.Count);
        foreach (var from in froms)
        {
            var image = from[0];
            var tag = image[(image.LastIndexOf(':') + 1)..];
            Assert.True(image.Contains(':') && tag != "latest" && tag.StartsWith("10.0"), $"base image {image} must name a .NET 10 tag");
            Assert.Equal("AS", from[1], ignoreCase: true);
        }
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", froms[0][0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", froms[1][0]); // no SDK in what runs
    }

    [Fact]
    public void Every_copy_source_exists_and_every_run_step_is_a_copied_script()
    {
        var stages = new List<string>();
        var copied = new Dictionary<string, string>(); // destination in the image -> source in the repository
        var workdir = "/";
        foreach (var instruction in Instructions())
        {
            var words = Words(instruction.Arguments);
            switch (instruction.Keyword)
            {
                case "FROM":
                    stages.Add(words[2]);
                    copied.Clear();
                    workdir = "/";
                    break;
                case "WORKDIR":
                    workdir = words[0];
                    break;
                case "COPY" when words[0].StartsWith("--from="):
                    Assert.Contains(words[0]["--from=".Length..], stages.SkipLast(1));
                    break;
                case "COPY":
                    foreach (var source in words[..^1])
                    {
                        var path = DeployFiles.PathOf(source.TrimEnd('/'));
                        Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file in the repository");
                        var destination = words[^1].StartsWith('/') ? words[^1] : Path.Combine(workdir, words[^1]);
                        copied[destination] = source;
                    }
                    break;
                case "RUN":
                    // Each step is one script of the repository, so a test can run exactly what the image runs.
                    Assert.Equal("bash", words[0]);
                    var script = words[1].StartsWith('/') ? words[1] : Path.Combine(workdir, words[1]);
                    Assert.True(copied.ContainsKey(script), $"RUN {instruction.Arguments}: {script} was not copied into this stage");
                    Assert.StartsWith("deploy/container/", copied[script]);
                    break;
            }
        }
        var ignored = File.ReadAllLines(DeployFiles.PathOf(".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_checks_healthz_and_starts_a_command_line_serve_accepts()
    {
        var runtime = Instructions().Where(i => i.Stage == 1).ToList();
        var user = runtime.FindLastIndex(i => i.Keyword == "USER");
        Assert.True(user > runtime.FindLastIndex(i => i.Keyword == "RUN"), "USER must come after the last RUN");
        Assert.DoesNotContain(runtime[user].Arguments, new[] { "root", "0" });

        var defaultPort = DeployFiles.Port(new ServerOptions().Http);
        var health = runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains($"http://127.0.0.1:{defaultPort}/healthz", health);
        var exposed = runtime.Where(i => i.Keyword == "EXPOSE").SelectMany(i => Words(i.Arguments)).Select(int.Parse).ToList();
        Assert.Contains(defaultPort, exposed);
        Assert.Contains(RtspOptions.DefaultPort, exposed);

        var entry = JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!;
        Assert.Equal(["dotnet", "/opt/camlab/camlab.dll"], entry);
        var command = JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Keyword == "CMD").Arguments)!;
        Assert.Empty(DeployFiles.ServeErrors(command));
        // Loopback unless told otherwise: the default command names no --http.
        Assert.Null(DeployFiles.OptionValue(command, "--http"));
        var volume = JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Keyword == "VOLUME").Arguments)!;
        Assert.Equal(volume.Single(), DeployFiles.OptionValue(command, "--data"));
        // The documented run command also parses.
        string[] documented = ["serve", "--http", "0.0.0.0:8080", "--rtsp", "0.0.0.0:8554", "--data", "/var/lib/camlab"];
        Assert.Contains(string.Join(' ', documented), File.ReadAllText(DeployFiles.PathOf("Dockerfile")) + File.ReadAllText(DeployFiles.PathOf("docs/deploy.md")));
        Assert.Empty(DeployFiles.ServeErrors(documented));
    }

    private static (int Code, string Output) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = DeployFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DeployFiles.PathOf(script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(20)), $"{script} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [RequiresContainerPrerequisitesFact]
    public void The_runtime_stage_script_finds_every_prerequisite_and_prepares_the_state_directory()
    {
        var state = Path.Combine(Path.GetTempPath(), "camlab-runtime-setup-" + Guid.NewGuid().ToString("N"), "state");
        try
        {
            var uid = Environment.GetEnvironmentVariable("UID") ?? RunId();
            var (code, output) = Run("deploy/container/runtime-setup.sh", state, uid);
            Assert.True(code == 0, output);
            Assert.True(Directory.Exists(state));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
            // Without its arguments it says how to call it and does nothing.
            var (usage, text) = Run("deploy/container/runtime-setup.sh");
            Assert.NotEqual(0, usage);
            Assert.Contains("usage: runtime-setup.sh STATE_DIR OWNER_UID", text);
        }
        finally { Directory.Delete(Path.GetDirectoryName(state)!, recursive: true); }
    }

    private static string RunId()
    {
        using var id = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true })!;
        var text = id.StandardOutput.ReadToEnd().Trim();
        id.WaitForExit();
        return text;
    }

    [Fact]
    public void The_build_stage_script_publishes_a_camlab_that_starts()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "camlab-image-build-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Its own bin/obj: the work tree's builds are not touched, and the build starts clean as in the image.
            var (code, output) = Run("deploy/container/build.sh", Path.Combine(scratch, "app"), Path.Combine(scratch, "artifacts"));
            Assert.True(code == 0, output);
            Assert.True(File.Exists(Path.Combine(scratch, "app", "camlab.dll")));
            Assert.True(File.Exists(Path.Combine(scratch, "app", "wwwroot", "index.html")), "the web console ships in the image");
        }
        finally { if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true); }
    }
}

/// <summary>Runs where the container's native prerequisites are installed (or can be: as root), as on the image.</summary>
public sealed class RequiresContainerPrerequisitesFactAttribute : FactAttribute
{
    public RequiresContainerPrerequisitesFactAttribute()
    {
        var present = Camlab.Server.Streaming.CameraVideo.Available && Camlab.Rendering.H264.OpenH264Library.IsAvailable
            && File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf");
        if (!present && Environment.UserName != "root")
            Skip = "libturbojpeg0, libopenh264-7 or fonts-dejavu-core is missing and apt-get needs root: the runtime stage's script cannot run here";
    }
}

/// <summary>
/// The image build (a whole Release publish) and the tests that time a <c>camlab serve</c> process run one after the
/// other, so the build's load never decides whether a process started and stopped within its timeout.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContainerBuildCollection
{
    public const string Name = "container build and timed processes";
}
