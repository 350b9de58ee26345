using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Camlab.Server.Tests.Observability;

/// <summary>A scrape of <c>/metrics</c> read the way Prometheus reads the text format: one sample per line, <c>name{labels} value</c>.</summary>
public sealed partial class MetricsText
{
    private MetricsText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a sample line of the Prometheus text format: {line}");
            Samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public List<(string Name, string Labels, double Value)> Samples { get; } = new();

    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet();

    /// <summary>The value of the sample <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (<c>camera="1"</c>...); null when none.</summary>
    public double? Value(string name, params string[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => Regex.IsMatch(s.Labels, $@"(^|,){Regex.Escape(l)}(,|$)"))).Select(s => (double?)s.Value).FirstOrDefault();

    public static async Task<MetricsText> ScrapeAsync(Uri baseUri, string user = "viewer", string password = ServerHarness.ViewerPassword)
    {
        using var handler = new HttpClientHandler { Credentials = new NetworkCredential(user, password) };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return new MetricsText(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|[+-]Inf)( \d+)?$")]
    private static partial Regex Sample();
}
