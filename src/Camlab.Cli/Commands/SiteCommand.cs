using System.CommandLine;
using System.Globalization;
using Camlab.Server.Site;

namespace Camlab.Cli.Commands;

/// <summary>
/// <c>camlab site init|validate</c>: write a plausible site file, check one (docs/site.md). <c>camlab serve --site FILE</c>
/// runs it. Exit codes: 0 done (valid), 2 a site file with errors (each printed with its JSON path) or bad arguments.
/// </summary>
public static class SiteCommand
{
    public static Command Create()
    {
        var command = new Command("site", "Write and check site files: many cameras, each its own device (docs/site.md).");
        command.Subcommands.Add(CreateInit());
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    private static Command CreateInit()
    {
        var cameras = new Option<int>("--cameras") { Description = $"How many cameras (1..{Camlab.Server.Hosting.ServerOptions.MaxCameras})", DefaultValueFactory = _ => 50 };
        var around = new Option<string>("--around") { Description = "LAT,LON of the site's middle (WGS 84 degrees)", Required = true };
        var spacing = new Option<double>("--spacing") { Description = "Metres between neighbouring poles (default 60)", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the poles' jitter and heights (default 1)", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "File to write (.yaml/.yml: YAML, otherwise JSON); default: YAML on stdout" };
        var command = new Command("init",
            "Write a plausible site: cameras on poles around LAT,LON, each heading to the middle, every dome with presets aimed at its " +
            "nearest neighbours' poles and a tour over them, every fifth camera a fixed one.")
        {
            cameras, around, spacing, seed, output,
        };
        command.SetAction(parse =>
        {
            var parts = parse.GetValue(around)!.Split(',');
            if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
                !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                Console.Error.WriteLine($"camlab site init: --around '{parse.GetValue(around)}' is not LAT,LON");
                return 2;
            }
            var spacingM = parse.GetValue(spacing);
            if (!double.IsFinite(spacingM) || spacingM is < 5 or > 10_000)
            {
                Console.Error.WriteLine("camlab site init: --spacing must be within 5..10000 metres");
                return 2;
            }
            System.Text.Json.Nodes.JsonObject site;
            try { site = SiteInit.Create(new SiteInit.Options(parse.GetValue(cameras), lat, lon, spacingM, parse.GetValue(seed))); }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("camlab site init: " + e.Message);
                return 2;
            }
            var file = parse.GetValue(output);
            var yaml = file is null || file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            var text = yaml ? SiteInit.ToYaml(site) : SiteInit.ToJson(site);
            if (file is null) Console.Out.Write(text);
            else
            {
                // Written beside and moved over the target: a reader never sees half a file.
                var temporary = file + ".tmp";
                File.WriteAllText(temporary, text);
                File.Move(temporary, file, overwrite: true);
                Console.Out.WriteLine($"{file}: {site["cameras"]!.AsArray().Count} cameras");
            }
            return 0;
        });
        return command;
    }

    private static Command CreateValidate()
    {
        var file = new Argument<string>("FILE") { Description = "The site file (YAML or JSON)" };
        var command = new Command("validate", "Check a site file: prints 'FILE: valid (N cameras)' or one line per error 'FILE: <json path>: <message>'. Exit 0 valid, 2 not.")
        {
            file,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var site = SiteFile.Load(path);
                Console.Out.WriteLine($"{path}: valid ({site.Cameras.Count} cameras)");
                return 0;
            }
            catch (SiteFileException e)
            {
                foreach (var error in e.Errors) Console.Out.WriteLine($"{path}: {error}");
                return 2;
            }
        });
        return command;
    }
}
