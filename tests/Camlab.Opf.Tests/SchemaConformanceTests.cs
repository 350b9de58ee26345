using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Testing;

namespace Camlab.Opf.Tests;

/// <summary>
/// The validator encodes the official schemas in code; these tests hold that code against the schema files
/// (../shared/ref/opf-schemas) so a difference cannot go unnoticed. They skip when the folder is absent.
/// </summary>
public class SchemaConformanceTests
{
    private static JsonObject Schema(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SharedRef.OpfSchemaDirectory!, file)))!.AsObject();

    private static JsonObject Def(string file, string? def) =>
        def is null ? Schema(file) : Schema(file)["$defs"]![def]!.AsObject();

    public static TheoryData<string, string?, string> Objects => new()
    {
        { "input_cameras.schema.json", null, nameof(OpfJsonReader.RootShape) },
        { "input_cameras.schema.json", "sensor", nameof(OpfJsonReader.SensorShape) },
        { "input_cameras.schema.json", "band", nameof(OpfJsonReader.BandShape) },
        { "input_cameras.schema.json", "capture", nameof(OpfJsonReader.CaptureShape) },
        { "input_cameras.schema.json", "camera", nameof(OpfJsonReader.CameraShape) },
        { "input_cameras.schema.json", "static_pixel_range", nameof(OpfJsonReader.StaticPixelRangeShape) },
        { "input_cameras.schema.json", "dynamic_pixel_range", nameof(OpfJsonReader.DynamicPixelRangeShape) },
        { "input_cameras.schema.json", "ypr_orientation", nameof(OpfJsonReader.YawPitchRollShape) },
        { "input_cameras.schema.json", "opk_orientation", nameof(OpfJsonReader.OmegaPhiKappaShape) },
        { "sensor_internals.schema.json", "perspective_internals", nameof(OpfJsonReader.PerspectiveShape) },
        { "sensor_internals.schema.json", "fisheye_internals", nameof(OpfJsonReader.FisheyeShape) },
        { "sensor_internals.schema.json", "spherical_internals", nameof(OpfJsonReader.SphericalShape) },
        { "input_rig_relatives.schema.json", null, nameof(OpfJsonReader.RigRelativesShape) },
        { "input_rig_relatives.schema.json", "translation", nameof(OpfJsonReader.RigTranslationShape) },
        { "input_rig_relatives.schema.json", "rotation", nameof(OpfJsonReader.RigRotationShape) },
        { "geolocation.schema.json", null, nameof(OpfJsonReader.GeolocationShape) },
        { "crs.schema.json", null, nameof(OpfJsonReader.CrsShape) },
    };

    [RequiresSharedTheory]
    [MemberData(nameof(Objects))]
    public void Every_object_has_the_schema_properties_in_order_and_the_schema_required_list(string file, string? def, string shapeName)
    {
        var schema = Def(file, def);
        var shape = (ObjectShape)typeof(OpfJsonReader).GetField(shapeName, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;

        Assert.Equal(schema["properties"]!.AsObject().Select(p => p.Key), shape.Names);
        var required = shape.Names.Where((_, i) => (shape.Required & (1UL << i)) != 0);
        Assert.Equal(schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order(), required.Order());
        // Every object may carry extensions (property.schema.json) and none forbids additional properties.
        Assert.Null(schema["additionalProperties"]);
    }

    [RequiresSharedFact]
    public void The_enums_are_the_schema_enums()
    {
        static IEnumerable<string> Enum(string def, string property) =>
            Def("input_cameras.schema.json", def)["properties"]![property]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(Enum("sensor", "shutter_type"), ShutterType.AllowedValues);
        Assert.Equal(Enum("camera", "model_source"), ModelSource.AllowedValues);
        Assert.Equal(Enum("camera", "pixel_type"), PixelType.AllowedValues);
        Assert.Equal(Enum("capture", "rig_model_source"), RigModelSource.AllowedValues);
        Assert.Equal(InputCameras.MediaType, Schema("input_cameras.schema.json")["properties"]!["format"]!["const"]!.GetValue<string>());
        Assert.Equal(ulong.MaxValue.ToString(), Schema("uid64.schema.json")["maximum"]!.ToJsonString());
    }

    public static TheoryData<string> Times => new()
    {
        "2016-09-29T11:41:21Z", "2016-09-29T11:41:21", "2016-09-29T11:41:21.123+02:00", "-0044-03-15T12:00:00",
        "12016-01-01T00:00:00Z", "2016-9-29T11:41:21Z", "2016-09-29 11:41:21", "2016-13-01T00:00:00Z", "2016-09-29T24:00:00Z",
        "2016-09-29T11:60:00Z", "2016-09-29T11:41:21+2:00", "2016-09-29T11:41:21z", "2016-09-29T11:41:21.Z", "0016-09-29T11:41:21Z",
        "0000-01-01T00:00:00Z", "-12345-01-01T00:00:00Z", "01234-01-01T00:00:00Z", "2016-09-29T11:41:21.1234567890Z", "2016-09-29T11:41:21-00:00",
        "2016-00-10T00:00:00Z", "2016-09-00T00:00:00Z", "2016-09-29T11:41:21+23:59", "2016-09-29T11:41:21+00:60", "2016-09-29T11:41", "",
    };

    [RequiresSharedTheory]
    [MemberData(nameof(Times))]
    public void The_time_pattern_accepts_what_the_schema_pattern_accepts(string time)
    {
        var pattern = Def("input_cameras.schema.json", "capture")["properties"]!["time"]!["pattern"]!.GetValue<string>();
        Assert.Equal(EcmaMatch(pattern, time), new CaptureTime(time).IsWellFormed);
    }

    [RequiresSharedTheory]
    [InlineData("1.0")]
    [InlineData("1.0-draft1")]
    [InlineData("1.10-rc.1-x")]
    [InlineData("1")]
    [InlineData("v1.0")]
    [InlineData("1.0-")]
    [InlineData("1.0-a b")]
    [InlineData("1.0.0")]
    public void The_version_pattern_accepts_what_the_schema_pattern_accepts(string version)
    {
        var pattern = Schema("version.schema.json")["pattern"]!.GetValue<string>();
        var errors = TestDocuments.Errors(TestDocuments.Edit(r => r["version"] = version));
        Assert.Equal(EcmaMatch(pattern, version), !errors.Any(e => e.Message.StartsWith("must be MAJOR.MINOR", StringComparison.Ordinal)));
    }

    [RequiresSharedTheory]
    [InlineData("PIX4D_input_depth_map")]
    [InlineData("ACME2_x1")]
    [InlineData("A_bc")]
    [InlineData("A_b")]
    [InlineData("pix4d_thing")]
    [InlineData("PIX4D-input")]
    [InlineData("PIX4D_Input")]
    [InlineData("_abc")]
    public void The_extension_name_pattern_accepts_what_the_schema_pattern_accepts(string name)
    {
        var pattern = Schema("extension.schema.json")["propertyNames"]!["pattern"]!.GetValue<string>();
        var errors = TestDocuments.Errors(TestDocuments.Edit(r => r["extensions"] = new JsonObject { [name] = new JsonObject() }));
        Assert.Equal(EcmaMatch(pattern, name), errors.Count == 0);
    }

    // JSON Schema patterns are ECMA-262: "$" only matches at the very end, unlike .NET's default.
    private static bool EcmaMatch(string pattern, string text) =>
        Regex.IsMatch(text, pattern.EndsWith('$') ? pattern[..^1] + @"\z" : pattern, RegexOptions.ECMAScript);
}
