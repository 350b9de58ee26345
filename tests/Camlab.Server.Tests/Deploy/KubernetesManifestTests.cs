using System.Net;
using Camlab.Server.Hosting;
using YamlDotNet.RepresentationModel;

namespace Camlab.Server.Tests.Deploy;

/// <summary>
/// deploy/k8s/camlab.yaml parses (YamlDotNet) and names only what exists: flags <c>camlab serve</c> accepts, the ports
/// those flags open, the health path the host serves, a configuration file Camlab loads, volumes that are declared.
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

    private static List<string> Args(string password = "secret") =>
        Items(Container, "args").Select(a => ((YamlScalarNode)a).Value!.Replace("$(CAMLAB_ADMIN_PASSWORD)", password)).ToList();

    [Fact]
    public void The_container_arguments_are_a_command_line_camlab_serve_accepts()
    {
        var args = Args();
        Assert.Empty(DeployFiles.ServeErrors(args));
        // The password comes from the Secret the container's environment names.
        var env = Items(Container, "env").Single();
        Assert.Equal("CAMLAB_ADMIN_PASSWORD", Text(env, "name"));
        Assert.Equal("camlab-users", Text(env, "valueFrom", "secretKeyRef", "name"));
        Assert.Contains(Args("$(CAMLAB_ADMIN_PASSWORD)"), a => a.Contains("$(CAMLAB_ADMIN_PASSWORD)"));
        // What the flags say is valid as a whole (camera count within limits, and so on).
        var cameras = int.Parse(DeployFiles.OptionValue(args, "--cameras")!, System.Globalization.CultureInfo.InvariantCulture);
        new ServerOptions { Cameras = cameras, Http = DeployFiles.OptionValue(args, "--http")!, Rtsp = new RtspOptions { Listen = DeployFiles.OptionValue(args, "--rtsp") } }.Validate();
    }

    [Fact]
    public void Container_ports_are_the_ports_the_flags_open_and_the_headless_service_targets_them()
    {
        var args = Args();
        var ports = Items(Container, "ports").ToDictionary(p => Text(p, "name"), p => int.Parse(Text(p, "containerPort"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DeployFiles.Port(DeployFiles.OptionValue(args, "--http")!), ports["http"]);
        Assert.Equal(DeployFiles.Port(DeployFiles.OptionValue(args, "--rtsp")!), ports["rtsp"]);
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
        foreach (var port in Items(service, "spec", "ports"))
            Assert.Contains(Text(port, "targetPort"), ports.Keys);
        Assert.Equal(ports["http"].ToString(System.Globalization.CultureInfo.InvariantCulture), Text(set, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
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
    public void The_configuration_file_comes_from_the_config_map_and_the_state_from_a_claim_per_pod()
    {
        var args = Args();
        var mounts = Items(Container, "volumeMounts").ToDictionary(m => Text(m, "name"), m => Text(m, "mountPath"));
        var set = Kind("StatefulSet");

        // --config names a key of the ConfigMap mounted at its directory; Camlab loads and accepts that file.
        var config = DeployFiles.OptionValue(args, "--config")!;
        var volume = Items(set, "spec", "template", "spec", "volumes").Single(v => mounts[Text(v, "name")] == Path.GetDirectoryName(config));
        var configMap = Kind("ConfigMap");
        Assert.Equal(Text(configMap, "metadata", "name"), Text(volume, "configMap", "name"));
        var file = Path.Combine(Path.GetTempPath(), "camlab-k8s-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, Text(configMap, "data", Path.GetFileName(config)));
        try { ServerOptions.Load(file).Validate(); }
        finally { File.Delete(file); }

        // --data is the mount of the pod's own claim.
        var claim = Text(Items(set, "spec", "volumeClaimTemplates").Single(), "metadata", "name");
        Assert.Equal(DeployFiles.OptionValue(args, "--data"), mounts[claim]);
        Assert.Equal(mounts.Keys.Order(), new[] { claim, Text(volume, "name") }.Order());
        // The pod runs as the image's non-root user, which owns the state directory.
        Assert.Equal("1654", Text(set, "spec", "template", "spec", "securityContext", "runAsUser"));
    }
}
