using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Camlab.Server.Site;

/// <summary>
/// <c>camlab site init</c>: a plausible site of N cameras around a point (docs/site.md). The cameras stand on poles
/// (5–10 m) on a grid with <see cref="Options.SpacingM"/> between neighbours, each heading towards the site's middle;
/// every dome gets one preset per nearest neighbour, aimed at the foot of that neighbour's pole from its own
/// geolocation and heading — the geometry GeoMove uses — and a tour over them, so the cameras look at each other's
/// areas and GeoMove to a neighbour lands where its preset does. Every fifth camera is a fixed camera (<c>model: fixed</c>,
/// the wide sensor with its digital window, no dome); every dome names its head (<c>ptz</c>: tilt travel, top speeds,
/// the compact ones a narrower zoom). Deterministic for the same arguments and seed.
/// </summary>
public static class SiteInit
{
    public sealed record Options(int Cameras, double Latitude, double Longitude, double SpacingM = 60, int Seed = 1, int Neighbours = 3);

    private const double MetresPerDegree = 111_320; // WGS 84 mean, fine for a site a few hundred metres wide

    public static JsonObject Create(Options o)
    {
        if (o.Cameras is < 1 or > SiteFile.MaxCameras) throw new ArgumentException($"--cameras must be within 1..{SiteFile.MaxCameras}");
        if (!(o.Latitude is >= -85 and <= 85) || !(o.Longitude is >= -180 and <= 180)) throw new ArgumentException("--around must be LAT,LON within ±85, ±180");
        var random = new Random(o.Seed);
        var lens = Optics.CameraOptics.Default.Lens;
        var columns = (int)Math.Ceiling(Math.Sqrt(o.Cameras));
        var rows = (o.Cameras + columns - 1) / columns;
        var poles = new List<(double East, double North, double Height)>();
        for (var i = 0; i < o.Cameras; i++)
        {
            // A grid with a little jitter, centred on the point: real poles are not on a perfect lattice.
            var east = (i % columns - (columns - 1) / 2.0) * o.SpacingM + (random.NextDouble() - 0.5) * o.SpacingM * 0.3;
            var north = ((rows - 1) / 2.0 - i / columns) * o.SpacingM + (random.NextDouble() - 0.5) * o.SpacingM * 0.3;
            poles.Add((east, north, Math.Round(5 + random.NextDouble() * 5, 1)));
        }
        var cameras = new JsonArray();
        for (var i = 0; i < o.Cameras; i++)
        {
            var (east, north, height) = poles[i];
            var fixedCamera = (i + 1) % 5 == 0;
            // Towards the middle (a camera on the middle faces north).
            var heading = Math.Abs(east) + Math.Abs(north) < 1 ? 0 : Normalize(Bearing(east, north, 0, 0), 0, 360);
            var camera = new JsonObject
            {
                ["name"] = $"{(fixedCamera ? "Fixed" : "Dome")} {i + 1:D3}",
                ["geolocation"] = new JsonObject
                {
                    ["latitude"] = Math.Round(o.Latitude + north / MetresPerDegree, 7),
                    ["longitude"] = Math.Round(o.Longitude + east / (MetresPerDegree * Math.Cos(o.Latitude * Math.PI / 180)), 7),
                    ["altitude"] = height,
                },
                ["yaw"] = Math.Round(heading, 1),
            };
            if (fixedCamera) camera["model"] = SiteModels.Fixed;
            else
            {
                camera["model"] = SiteModels.Dome;
                camera["ptz"] = Head(i, lens);
                var presets = new JsonArray();
                var spots = new JsonArray();
                var nearest = Enumerable.Range(0, o.Cameras).Where(j => j != i)
                    .OrderBy(j => Distance(poles[i], poles[j])).ThenBy(j => j).Take(o.Neighbours).ToList();
                foreach (var j in nearest)
                {
                    var distance = Distance(poles[i], poles[j]);
                    var bearing = Bearing(east, north, poles[j].East, poles[j].North);
                    var name = $"Pole {j + 1:D3}";
                    presets.Add(new JsonObject
                    {
                        ["name"] = name,
                        ["pan"] = Math.Round(Normalize(bearing - heading, -180, 180), 2),
                        // Down to the foot of the neighbour's pole, from this camera's height.
                        ["tilt"] = Math.Round(-Math.Atan2(height, distance) * 180 / Math.PI, 2),
                        // Farther neighbours get more zoom, so each fills about the same part of the picture.
                        ["zoom"] = Math.Round(Math.Clamp((distance - o.SpacingM * 0.5) / (o.SpacingM * 4), 0, 1), 3),
                    });
                    spots.Add(new JsonObject { ["preset"] = name, ["stay"] = 10 });
                }
                if (presets.Count > 0)
                {
                    camera["presets"] = presets;
                    camera["tours"] = new JsonArray(new JsonObject { ["name"] = "Neighbours", ["autoStart"] = false, ["spots"] = spots });
                }
            }
            cameras.Add(camera);
        }
        return new JsonObject
        {
            ["version"] = SiteDocument.Version,
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"{o.Cameras} cameras around {o.Latitude:0.#####},{o.Longitude:0.#####}"),
            ["cameras"] = cameras,
        };
    }

    // Two dome heads, as sites mix them: a fast dome with the whole 20x lens, and a compact one (every third dome)
    // that is slower and zooms over the wide half of the lens. Both tilt from 20° above the horizon to straight down
    // and pan endlessly, so every neighbour is in reach.
    private static JsonObject Head(int index, Camlab.Device.Ptz.ZoomLens lens)
    {
        var compact = index % 3 == 2;
        var head = new JsonObject
        {
            ["tiltRange"] = new JsonArray(-90, 20),
            ["panTiltMaxSpeed"] = compact ? 120 : 300,
        };
        if (compact) head["zoomRange"] = new JsonArray(lens.FocalMinMm, Math.Round((lens.FocalMinMm + lens.FocalMaxMm) / 2, 1));
        head["zoomMaxSpeed"] = compact ? 10 : 30;
        return head;
    }

    private static double Distance((double East, double North, double Height) a, (double East, double North, double Height) b) =>
        Math.Sqrt((a.East - b.East) * (a.East - b.East) + (a.North - b.North) * (a.North - b.North));

    // Degrees clockwise from north from (e1, n1) to (e2, n2) on the local plane.
    private static double Bearing(double e1, double n1, double e2, double n2) => Math.Atan2(e2 - e1, n2 - n1) * 180 / Math.PI;

    private static double Normalize(double degrees, double from, double to)
    {
        var span = to - from;
        var d = (degrees - from) % span;
        if (d < 0) d += span;
        return from + d;
    }

    /// <summary>The site as JSON (indented).</summary>
    public static string ToJson(JsonNode site) => site.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>
    /// The site as block-style YAML. Strings are written double-quoted with JSON's escapes (a YAML double-quoted scalar
    /// reads them the same), numbers and booleans plain: <see cref="SiteYaml"/> reads back exactly this JSON.
    /// </summary>
    public static string ToYaml(JsonNode site)
    {
        var text = new StringBuilder("# Camlab site file (docs/site.md): camlab serve --site FILE\n");
        Write(text, site, 0, inList: false);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int indent, bool inList)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject obj:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    text.Append(first && inList ? "" : pad).Append(key).Append(':');
                    first = false;
                    if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        text.Append('\n');
                        Write(text, value, value is JsonArray ? indent : indent + 2, inList: false);
                    }
                    else
                    {
                        text.Append(' ');
                        Scalar(text, value);
                        text.Append('\n');
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    text.Append(pad).Append("- ");
                    if (item is JsonObject { Count: > 0 }) Write(text, item, indent + 2, inList: true);
                    else
                    {
                        Scalar(text, item);
                        text.Append('\n');
                    }
                }
                break;
            default:
                Scalar(text, node);
                text.Append('\n');
                break;
        }
    }

    private static void Scalar(StringBuilder text, JsonNode? value) => text.Append(value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        _ => value.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
    });
}
