using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Camlab.Testing;

namespace Camlab.Cli.Tests;

/// <summary><c>camlab opf</c>: output lines and exit codes, run in-process on files in a temporary folder.</summary>
public sealed class OpfCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("camlab-opf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A small complete document: one perspective sensor, one capture whose time has no zone.
    private const string Valid = """
        {
          "format": "application/opf-input-cameras+json",
          "version": "1.0",
          "sensors": [
            {
              "id": 18446744073709551615,
              "name": "Camlab dome",
              "bands": [{"name": "Y", "weight": 1}],
              "image_size_px": [1920, 1080],
              "pixel_size_um": 2.0,
              "internals": {"type": "perspective", "principal_point_px": [960, 540], "focal_length_px": 2000,
                            "radial_distortion": [0, 0, 0], "tangential_distortion": [0, 0]},
              "shutter_type": "global",
              "ACME_future": 1.50
            }
          ],
          "captures": [
            {
              "id": 7, "reference_camera_id": 8, "rig_model_source": "not_applicable",
              "cameras": [{"sensor_id": 18446744073709551615, "id": 8, "model_source": "user", "pixel_type": "uint8",
                           "pixel_range": {"min": 0, "max": 255}}],
              "geolocation": {"crs": {"definition": "EPSG:4326+5773"}, "coordinates": [46.5, 6.5, 500], "sigmas": [1, 1, 2]},
              "orientation": {"type": "yaw_pitch_roll", "angles_deg": [90, 0, 0], "sigmas_deg": [1, 1, 1]},
              "time": "2026-11-21T05:00:00"
            }
          ]
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Broken(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static (int Exit, string[] Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public void Validate_prints_valid_and_exits_0_when_every_file_is_valid()
    {
        var a = Write("a.json", Valid);
        var b = Write("b.json", Valid);

        var (exit, output, error) = Run("opf", "validate", a, b);

        Assert.Equal(0, exit);
        Assert.Equal([$"{a}: valid", $"{b}: valid"], output);
        Assert.Empty(error);
    }

    [Fact]
    public void Validate_prints_one_line_per_error_with_its_pointer_and_exits_1()
    {
        var good = Write("good.json", Valid);
        var bad = Write("bad.json", Broken(r =>
        {
            r["sensors"]![0]!["bands"]![0]!["weight"] = 0.5;
            r["captures"]![0]!["cameras"]![0]!["pixel_type"] = "uint9";
            r.Remove("version");
        }));

        var (exit, output, _) = Run("opf", "validate", good, bad);

        Assert.Equal(1, exit);
        Assert.Equal(
        [
            $"{good}: valid",
            $"{bad}: (root): required property 'version' is missing",
            $"{bad}: /sensors/0/bands: band weights must sum to 1, but they sum to 0.5",
            $"{bad}: /captures/0/cameras/0/pixel_type: \"uint9\" is not an allowed value (allowed: \"uint8\", \"uint12\", \"uint16\", \"float\")",
        ], output);
    }

    [Fact]
    public void Validate_lenient_accepts_unknown_enum_values()
    {
        var file = Write("future.json", Broken(r => r["sensors"]![0]!["shutter_type"] = "electronic"));

        Assert.Equal(1, Run("opf", "validate", file).Exit);
        var (exit, output, _) = Run("opf", "validate", "--lenient", file);
        Assert.Equal(0, exit);
        Assert.Equal([$"{file}: valid"], output);
    }

    [Fact]
    public void Validate_exits_2_when_a_file_is_missing_or_not_json_and_still_checks_the_others()
    {
        var missing = Path.Combine(_dir, "missing.json");
        var notJson = Write("notes.json", "{\"format\": \"application/opf-input-cameras+json\",\n  oops }");
        var bad = Write("bad.json", Broken(r => r["format"] = "x"));

        var (exit, output, error) = Run("opf", "validate", missing, notJson, bad);

        Assert.Equal(2, exit);
        Assert.Equal([$"{bad}: /format: must be \"application/opf-input-cameras+json\" for input cameras, got \"x\""], output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{missing}: cannot be read: ", lines[0]);
        Assert.StartsWith($"{notJson}: not JSON: ", lines[1]);
        Assert.EndsWith("(line 2, byte 2)", lines[1]);
    }

    [Fact]
    public void Format_rewrites_in_place_canonically_keeping_unknown_properties()
    {
        var file = Write("doc.json", Valid);

        var (exit, output, _) = Run("opf", "format", file);

        Assert.Equal(0, exit);
        Assert.Empty(output);
        var text = File.ReadAllText(file);
        Assert.StartsWith("{\n  \"format\": \"application/opf-input-cameras+json\",\n  \"version\": \"1.0\",\n  \"sensors\": [\n    {\n      \"id\": 18446744073709551615,", text);
        Assert.Contains("\"shutter_type\": \"global\",\n      \"ACME_future\": 1.50\n", text);
        Assert.Contains("\"time\": \"2026-11-21T05:00:00\"", text);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));

        // A second format changes nothing.
        Assert.Equal(0, Run("opf", "format", file).Exit);
        Assert.Equal(text, File.ReadAllText(file));
    }

    [Fact]
    public void Format_writes_to_the_output_option_or_to_standard_output()
    {
        var file = Write("doc.json", Valid);
        var target = Path.Combine(_dir, "out.json");

        Assert.Equal(0, Run("opf", "format", file, "-o", target).Exit);
        Assert.Equal(Valid, File.ReadAllText(file));
        var (exit, output, _) = Run("opf", "format", file, "--output", "-");
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(target), string.Join("\n", output) + "\n");
    }

    [Fact]
    public void Format_refuses_a_document_it_could_not_write_back_whole()
    {
        var file = Write("bad.json", Broken(r => r["sensors"]![0]!["pixel_size_um"] = "2.0"));

        var (exit, output, _) = Run("opf", "format", file);

        Assert.Equal(1, exit);
        Assert.Equal([$"{file}: /sensors/0/pixel_size_um: must be a number, not the string \"2.0\""], output);
        Assert.Equal(Broken(r => r["sensors"]![0]!["pixel_size_um"] = "2.0"), File.ReadAllText(file));
        Assert.Equal(2, Run("opf", "format", Path.Combine(_dir, "none.json")).Exit);
    }

    [Fact]
    public void Describe_lists_sensors_with_field_of_view_and_captures_with_time_position_and_orientation()
    {
        var file = Write("doc.json", Valid);

        var (exit, output, _) = Run("opf", "describe", file);

        Assert.Equal(0, exit);
        Assert.Equal(
        [
            $"{file}: application/opf-input-cameras+json 1.0, 1 sensor, 1 capture",
            "sensors:",
            "  18446744073709551615 Camlab dome: 1920×1080 px, 2 µm, perspective (f 2000 px), global shutter, bands Y; field of view 51.3° × 30.2° (diagonal 57.7°)",
            "captures:",
            "  7 2026-11-21T05:00:00 (zone unknown): 1 camera (reference 8), at 46.5000000, 6.5000000, 500.0000000 (EPSG:4326+5773), yaw/pitch/roll 90.000°, 0.000°, 0.000°",
        ], output);
    }

    [RequiresSharedFact]
    public void The_spec_example_validates_and_describes()
    {
        var text = File.ReadAllText(Path.Combine(SharedRef.SpecsDirectory!, "opf-input-cameras-1.0.txt"));
        var example = Write("example.json", text[(text.LastIndexOf("\nExample\n", StringComparison.Ordinal) + 9)..]);

        var validate = Run("opf", "validate", example);
        Assert.Equal(0, validate.Exit);
        Assert.Equal([$"{example}: valid"], validate.Output);
        var describe = Run("opf", "describe", example);
        Assert.Equal(0, describe.Exit);
        Assert.Contains(describe.Output, l => l.StartsWith("  18493134 Parrot_Sequoia_4_0_1280x960: 1280×960 px, 3.75 µm, fisheye (F 1065.9 px)", StringComparison.Ordinal));
    }
}
