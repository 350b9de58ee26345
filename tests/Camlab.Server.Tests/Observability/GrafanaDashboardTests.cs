using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Camlab.Testing;

namespace Camlab.Server.Tests.Observability;

/// <summary>docs/grafana-dashboard.json queries only metrics that <c>/metrics</c> exports after a short run of a host.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static string DashboardPath => Path.Combine(SharedRef.RepositoryRoot, "docs", "grafana-dashboard.json");

    /// <summary>Every PromQL expression of the dashboard: panel targets and template variable queries.</summary>
    private static List<string> Expressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var found = new List<string>();
        void Walk(JsonElement element, string? name)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject()) Walk(property.Value, property.Name);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) Walk(item, name);
                    break;
                case JsonValueKind.String when name is "expr" or "definition":
                    found.Add(element.GetString()!);
                    break;
            }
        }
        Walk(document.RootElement, null);
        return found;
    }

    // A metric name in PromQL: an identifier not followed by '(' (a function) nor '=' or '!' or '~' (a label), nor
    // inside {...}, [...] or quotes. The dashboard names only camlab_ and process_ metrics.
    [GeneratedRegex(@"\b(?:camlab|process)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [Fact]
    public void The_dashboard_is_grafana_json_whose_every_query_names_a_metric()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = document.RootElement;
        Assert.Equal("camlab-site", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 10);
        var ids = panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var panel in panels)
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        var expressions = Expressions();
        Assert.True(expressions.Count >= panels.Count);
        foreach (var expression in expressions) Assert.True(MetricName().IsMatch(expression), $"no Camlab metric in: {expression}");
    }

    [RequiresVideoFact]
    public async Task Every_metric_the_dashboard_queries_is_exported_after_a_short_run()
    {
        var wanted = Expressions().SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet();
        // What the site view must show (the issue's list): fps, drops, viewers, SOAP rate and faults, recorder lag.
        Assert.Superset(new HashSet<string> { "camlab_frames_delivered_total", "camlab_frames_dropped_total", "camlab_viewers", "camlab_rtsp_sessions",
            "camlab_soap_requests_total", "camlab_soap_faults_total", "camlab_recorder_lag_seconds", "camlab_render_seconds_bucket", "camlab_encode_seconds_bucket" }, wanted);

        await using var server = await ServerHarness.StartAsync(configure: o => o with { Recording = o.Recording with { Enabled = true } });
        Assert.Equal(200, (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>")).Status);
        Assert.NotEqual(200, (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>", password: "wrong")).Status);
        MetricsText metrics;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        do metrics = await MetricsText.ScrapeAsync(server.Host.BaseUri);
        while (!wanted.IsSubsetOf(metrics.Names) && DateTime.UtcNow < deadline);
        Assert.Empty(wanted.Except(metrics.Names));
    }
}
