using System.Globalization;
using System.Net;
using Camlab.Server.Hosting;
using YamlDotNet.RepresentationModel;

namespace Camlab.Server.Tests.Deploy;

/// <summary>
/// deploy/k8s/camlab.yaml parses (YamlDotNet) and names only what exists: flags <c>camlab serve</c> accepts, the ports
/// those flags open (the shared listener's and every camera's own), the health path the host serves, a configuration
/// file and a site file per pod that Camlab loads, volumes that are declared.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string ManifestPath = DeployFiles.PathOf("deploy/k8s/camlab.yaml");

    private static List<YamlMappingNode> Documents()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(ManifestPath)) stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Kind(string kind) => Documents().Single(d => Text(d, "kind") == kind);

    private static YamlNode Get(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"no '{key}' in the manifest at {node.Start}");
            node = child;
        }
        return node;
    }

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)Get(node, path)).Value!;

    private static IEnumerable<YamlNode> Items(YamlNode node, params string[] path) => ((YamlSequenceNode)Get(node, path)).Children;

    private static YamlNode Container => Items(Kind("StatefulSet"), "spec", "template", "spec", "containers").Single();

    // The container's arguments as the kubelet expands them for pod <paramref name="ordinal"/>.
    private static List<string> Args(string password = "secret", int ordinal = 0) =>
        Items(Container, "args").Select(a => ((YamlScalarNode)a).Value!
            .Replace("$(CAMLAB_ADMIN_PASSWORD)", password, StringComparison.Ordinal)
            .Replace("$(POD_INDEX)", ordinal.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int Replicas => Int(Text(Kind("StatefulSet"), "spec", "replicas"));

    private static Dictionary<string, int> ContainerPorts => Items(Container, "ports").ToDictionary(p => Text(p, "name"), p => Int(Text(p, "containerPort")));

    // The file a path of the container names, written out of the ConfigMap mounted at its directory.
    private static string MountedFile(string path)
    {
        var mounts = Items(Container, "volumeMounts").ToDictionary(m => Text(m, "name"), m => Text(m, "mountPath"));
        var volume = Items(Kind("StatefulSet"), "spec", "template", "spec", "volumes").Single(v => mounts[Text(v, "name")] == Path.GetDirectoryName(path));
        var configMap = Kind("ConfigMap");
        Assert.Equal(Text(configMap, "metadata", "name"), Text(volume, "configMap", "name"));
        var folder = Path.Combine(Path.GetTempPath(), "camlab-k8s-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, Path.GetFileName(path));
        File.WriteAllText(file, Text(configMap, "data", Path.GetFileName(path)));
        return file;
    }

    // What camlab serve makes of the flags for pod <paramref name="ordinal"/>: the configuration file, the pod's site, the
    // listeners. Checked whole as serve checks it (ports that collide, a site with an error: nothing starts).
    private static ServerOptions Options(int ordinal)
    {
        var args = Args(ordinal: ordinal);
        var config = MountedFile(DeployFiles.OptionValue(args, "--config")!);
        var site = MountedFile(DeployFiles.OptionValue(args, "--site")!);
        try
        {
            var document = Camlab.Server.Site.SiteFile.Load(site);
            var options = ServerOptions.Load(config) with
            {
                Http = DeployFiles.OptionValue(args, "--http")!,
                Rtsp = ServerOptions.Load(config).Rtsp with { Listen = DeployFiles.OptionValue(args, "--rtsp") },
                Site = document,
                Cameras = document.Cameras.Count,
                OwnListeners = new OwnListenerOptions
                {
                    HttpBase = Int(DeployFiles.OptionValue(args, "--port-per-camera")!),
                    RtspBase = Int(DeployFiles.OptionValue(args, "--rtsp-port-per-camera")!),
                },
            };
            options.Validate();
            return options;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(config)!, recursive: true);
            Directory.Delete(Path.GetDirectoryName(site)!, recursive: true);
        }
    }

    [Fact]
    public void The_container_arguments_are_a_command_line_camlab_serve_accepts()
    {
        var args = Args();
        Assert.Empty(DeployFiles.ServeErrors(args));
        // The password comes from the Secret the container's environment names, the pod's ordinal from its label.
        var env = Items(Container, "env").ToDictionary(e => Text(e, "name"));
        Assert.Equal("camlab-users", Text(env["CAMLAB_ADMIN_PASSWORD"], "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("metadata.labels['apps.kubernetes.io/pod-index']", Text(env["POD_INDEX"], "valueFrom", "fieldRef", "fieldPath"));
        var raw = Items(Container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Contains(raw, a => a.Contains("$(CAMLAB_ADMIN_PASSWORD)", StringComparison.Ordinal));
        Assert.Contains(raw, a => a.Contains("$(POD_INDEX)", StringComparison.Ordinal));
        // Every variable an argument names is one the container defines (the kubelet leaves others as they are).
        foreach (var name in raw.SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a, @"\$\(([A-Z_]+)\)").Select(m => m.Groups[1].Value)))
            Assert.Contains(name, env.Keys);
        // --cameras is the site's count: serve refuses both disagreeing, so the manifest leaves it out.
        Assert.DoesNotContain("--cameras", args);
    }

    [Fact]
    public void Every_pod_has_a_site_file_that_validates_and_its_flags_make_a_host_that_starts()
    {
        Assert.True(Replicas >= 1);
        var counts = new List<int>();
        for (var ordinal = 0; ordinal < Replicas; ordinal++)
        {
            var options = Options(ordinal);
            Assert.True(options.OwnListeners.Enabled);
            counts.Add(options.Cameras);
        }
        // Every pod serves the same number of cameras: the ports the pod template lists are for all of them.
        Assert.Single(counts.Distinct());
        // Each pod's cameras are cameras of their own: no name repeats across the site's pods.
        var names = new List<string>();
        for (var ordinal = 0; ordinal < Replicas; ordinal++)
        {
            var site = MountedFile(DeployFiles.OptionValue(Args(ordinal: ordinal), "--site")!);
            try { names.AddRange(Camlab.Server.Site.SiteFile.Load(site).Cameras.Select(c => c.Name!)); }
            finally { Directory.Delete(Path.GetDirectoryName(site)!, recursive: true); }
        }
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Container_ports_are_the_ports_the_flags_open_and_the_headless_service_names_each()
    {
        var args = Args();
        var options = Options(0);
        var ports = ContainerPorts;
        // The shared listener, and each camera's own HTTP and RTSP port — no more, no fewer.
        var expected = new Dictionary<string, int>
        {
            ["http"] = DeployFiles.Port(DeployFiles.OptionValue(args, "--http")!),
            ["rtsp"] = DeployFiles.Port(DeployFiles.OptionValue(args, "--rtsp")!),
        };
        var loopback = System.Net.IPAddress.Any;
        for (var n = 1; n <= options.Cameras; n++)
        {
            expected[$"c{n}-http"] = options.OwnListeners.Http(n, loopback)!.Port;
            expected[$"c{n}-rtsp"] = options.OwnListeners.Rtsp(n, loopback)!.Port;
        }
        Assert.Equal(expected.OrderBy(p => p.Key), ports.OrderBy(p => p.Key));
        Assert.Equal("0.0.0.0", DeployFiles.OptionValue(args, "--http")![..DeployFiles.OptionValue(args, "--http")!.LastIndexOf(':')]);

        var service = Kind("Service");
        var set = Kind("StatefulSet");
        Assert.Equal("None", Text(service, "spec", "clusterIP"));
        Assert.Equal(Text(service, "metadata", "name"), Text(set, "spec", "serviceName"));
        var podLabels = (YamlMappingNode)Get(set, "spec", "template", "metadata", "labels");
        foreach (var (key, value) in (YamlMappingNode)Get(service, "spec", "selector"))
            Assert.Equal(value, podLabels.Children[key]);
        foreach (var (key, value) in (YamlMappingNode)Get(set, "spec", "selector", "matchLabels"))
            Assert.Equal(value, podLabels.Children[key]);
        // The Service names every container port once, on the same number.
        var servicePorts = Items(service, "spec", "ports").ToDictionary(p => Text(p, "targetPort"), p => Int(Text(p, "port")));
        Assert.Equal(ports.OrderBy(p => p.Key), servicePorts.OrderBy(p => p.Key));
        Assert.All(ports.Keys, name => Assert.InRange(name.Length, 1, 15)); // IANA_SVC_NAME
        Assert.Equal(ports["http"].ToString(CultureInfo.InvariantCulture), Text(set, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
        Assert.Contains("--metrics-anonymous", args); // an annotation-discovered scraper sends no credentials
    }

    [Fact]
    public async Task Readiness_and_liveness_ask_a_path_the_host_serves()
    {
        var paths = new[] { "readinessProbe", "livenessProbe" }.Select(p => (Path: Text(Container, p, "httpGet", "path"), Port: Text(Container, p, "httpGet", "port"))).ToList();
        Assert.All(paths, p => Assert.Equal("http", p.Port));
        var annotations = Get(Kind("StatefulSet"), "spec", "template", "metadata", "annotations");
        await using var server = await ServerHarness.StartAsync(configure: o => o with { Metrics = new MetricsOptions { Anonymous = true } });
        foreach (var path in paths.Select(p => p.Path).Append(Text(annotations, "prometheus.io/path")))
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public void The_configuration_and_site_come_from_the_config_map_and_the_state_from_a_claim_per_pod()
    {
        var args = Args();
        var mounts = Items(Container, "volumeMounts").ToDictionary(m => Text(m, "name"), m => Text(m, "mountPath"));
        var set = Kind("StatefulSet");
        // Both files are keys of the ConfigMap mounted at their directory (Options() loads them).
        Assert.Equal(Path.GetDirectoryName(DeployFiles.OptionValue(args, "--config")), Path.GetDirectoryName(DeployFiles.OptionValue(args, "--site")));
        var configVolume = Items(set, "spec", "template", "spec", "volumes").Single();
        Assert.Equal(Path.GetDirectoryName(DeployFiles.OptionValue(args, "--config")), mounts[Text(configVolume, "name")]);

        // --data is the mount of the pod's own claim.
        var claim = Text(Items(set, "spec", "volumeClaimTemplates").Single(), "metadata", "name");
        Assert.Equal(DeployFiles.OptionValue(args, "--data"), mounts[claim]);
        Assert.Equal(mounts.Keys.Order(), new[] { claim, Text(configVolume, "name") }.Order());
        // The pod runs as the image's non-root user, which owns the state directory.
        Assert.Equal("1654", Text(set, "spec", "template", "spec", "securityContext", "runAsUser"));
    }
}
