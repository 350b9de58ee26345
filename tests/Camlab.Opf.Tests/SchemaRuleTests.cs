using System.Text;
using System.Text.Json.Nodes;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

/// <summary>
/// One case per rule of the official schemas (opf-schemas/*.schema.json): the spec's example with one edit that
/// breaks only that rule, and the exact pointer and message the validator must report (and nothing else).
/// </summary>
public class SchemaRuleTests
{
    private const string Id = "an id from 0 to 18446744073709551615";

    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Pointer, string Message)> Cases = new()
    {
        // input_cameras.schema.json (root)
        ["format required"] = (r => r.Remove("format"), "", "required property 'format' is missing"),
        ["format type"] = (r => r["format"] = 5, "/format", "must be a string, not the number 5"),
        ["format const"] = (r => r["format"] = "application/json", "/format", "must be \"application/opf-input-cameras+json\" for input cameras, got \"application/json\""),
        ["version required"] = (r => r.Remove("version"), "", "required property 'version' is missing"),
        ["version pattern"] = (r => r["version"] = "1", "/version", "must be MAJOR.MINOR with an optional -tag (such as \"1.0\" or \"1.0-draft1\"), got \"1\""),
        ["version pattern tag"] = (r => r["version"] = "1.0-beta 2", "/version", "must be MAJOR.MINOR with an optional -tag (such as \"1.0\" or \"1.0-draft1\"), got \"1.0-beta 2\""),
        ["sensors required"] = (r => r.Remove("sensors"), "", "required property 'sensors' is missing"),
        ["sensors type"] = (r => r["sensors"] = new JsonObject(), "/sensors", "must be an array, not an object"),
        ["captures required"] = (r => r.Remove("captures"), "", "required property 'captures' is missing"),
        ["captures type"] = (r => r["captures"] = "none", "/captures", "must be an array, not the string \"none\""),
        ["capture type"] = (r => r["captures"]![0] = 3, "/captures/0", "must be an object, not the number 3"),
        ["camera type"] = (r => r.Capture(1)["cameras"]![1] = "camera", "/captures/1/cameras/1", "must be an object, not the string \"camera\""),
        ["sensor type"] = (r => r["sensors"]!.AsArray().Add(3), "/sensors/5", "must be an object, not the number 3"),

        // extension.schema.json / property.schema.json
        ["extensions type"] = (r => r["extensions"] = new JsonArray(), "/extensions", "must be an object whose members are the extensions, not an array"),
        ["extension name pattern"] = (r => r["extensions"] = new JsonObject { ["pix4d_thing"] = new JsonObject() }, "/extensions/pix4d_thing",
            "extension name \"pix4d_thing\" does not follow VENDOR_extname (an upper-case vendor such as PIX4D, an underscore, then lower-case letters, digits and underscores)"),
        ["extension value object"] = (r => r.Sensor(0)["extensions"] = new JsonObject { ["ACME_lens"] = 2 }, "/sensors/0/extensions/ACME_lens", "an extension must be an object, not a number"),

        // uid64.schema.json
        ["id type"] = (r => r.Capture(0)["id"] = "19438547", "/captures/0/id", $"must be {Id.Replace("an id", "an id (an integer")}), not the string \"19438547\""),
        ["id integer"] = (r => r.Capture(0)["id"] = 1.5, "/captures/0/id", $"must be a whole number ({Id}), got 1.5"),
        ["id minimum"] = (r => r.Capture(0)["id"] = -1, "/captures/0/id", $"must not be negative ({Id}), got -1"),
        ["id maximum"] = (r => r.Capture(0)["id"] = JsonNode.Parse("18446744073709551616"), "/captures/0/id", "is larger than the largest id 18446744073709551615, got 18446744073709551616"),

        // sensor
        ["sensor id required"] = (r => r.Sensor(0).Remove("id"), "/sensors/0", "required property 'id' is missing"),
        ["sensor name required"] = (r => r.Sensor(0).Remove("name"), "/sensors/0", "required property 'name' is missing"),
        ["sensor name type"] = (r => r.Sensor(0)["name"] = 7, "/sensors/0/name", "must be a string, not the number 7"),
        ["bands required"] = (r => r.Sensor(0).Remove("bands"), "/sensors/0", "required property 'bands' is missing"),
        ["bands type"] = (r => r.Sensor(0)["bands"] = "Green", "/sensors/0/bands", "must be an array, not the string \"Green\""),
        ["band weight required"] = (r => r.Sensor(0)["bands"]![0]!.AsObject().Remove("weight"), "/sensors/0/bands/0", "required property 'weight' is missing"),
        ["band weight maximum"] = (r => r.Sensor(0)["bands"]![0]!["weight"] = 1.5, "/sensors/0/bands/0/weight", "must be between 0 and 1, got 1.5"),
        ["band weight minimum"] = (r => r.Sensor(3)["bands"]![0]!["weight"] = -0.2126, "/sensors/3/bands/0/weight", "must be between 0 and 1, got -0.2126"),
        ["band name type"] = (r => r.Sensor(0)["bands"]![0]!["name"] = true, "/sensors/0/bands/0/name", "must be a string, not true"),
        ["image_size_px required"] = (r => r.Sensor(0).Remove("image_size_px"), "/sensors/0", "required property 'image_size_px' is missing"),
        ["image_size_px size"] = (r => r.Sensor(0)["image_size_px"] = new JsonArray(1280), "/sensors/0/image_size_px", "must have exactly 2 numbers (width and height), got 1"),
        ["image_size_px items"] = (r => r.Sensor(0)["image_size_px"]![0] = "1280", "/sensors/0/image_size_px/0", "must be a number, not the string \"1280\""),
        ["pixel_size_um required"] = (r => r.Sensor(0).Remove("pixel_size_um"), "/sensors/0", "required property 'pixel_size_um' is missing"),
        ["pixel_size_um minimum"] = (r => r.Sensor(0)["pixel_size_um"] = -3.75, "/sensors/0/pixel_size_um", "must be at least 0, got -3.75"),
        ["internals required"] = (r => r.Sensor(0).Remove("internals"), "/sensors/0", "required property 'internals' is missing"),
        ["internals type"] = (r => r.Sensor(0)["internals"] = new JsonArray(), "/sensors/0/internals", "internals must be an object, not an array"),
        ["shutter_type required"] = (r => r.Sensor(0).Remove("shutter_type"), "/sensors/0", "required property 'shutter_type' is missing"),
        ["shutter_type enum"] = (r => r.Sensor(0)["shutter_type"] = "electronic", "/sensors/0/shutter_type", "\"electronic\" is not an allowed value (allowed: \"global\", \"rolling\")"),

        // sensor_internals.schema.json
        ["internals discriminator required"] = (r => r.Sensor(0)["internals"]!.AsObject().Remove("type"), "/sensors/0/internals",
            "required property 'type' is missing (it says which internals these are: \"perspective\", \"fisheye\", \"spherical\")"),
        ["internals oneOf"] = (r => r.Sensor(0)["internals"]!["type"] = "pinhole", "/sensors/0/internals/type", "must be one of \"perspective\", \"fisheye\", \"spherical\", not the string \"pinhole\""),
        ["principal_point_px required"] = (r => r.Sensor(3)["internals"]!.AsObject().Remove("principal_point_px"), "/sensors/3/internals", "required property 'principal_point_px' is missing"),
        ["principal_point_px size"] = (r => r.Sensor(3)["internals"]!["principal_point_px"] = new JsonArray(1632, 1224, 0), "/sensors/3/internals/principal_point_px", "must have exactly 2 numbers (x and y), got 3"),
        ["focal_length_px required"] = (r => r.Sensor(3)["internals"]!.AsObject().Remove("focal_length_px"), "/sensors/3/internals", "required property 'focal_length_px' is missing"),
        ["focal_length_px type"] = (r => r.Sensor(3)["internals"]!["focal_length_px"] = "1643", "/sensors/3/internals/focal_length_px", "must be a number, not the string \"1643\""),
        ["radial_distortion required"] = (r => r.Sensor(3)["internals"]!.AsObject().Remove("radial_distortion"), "/sensors/3/internals", "required property 'radial_distortion' is missing"),
        ["radial_distortion size"] = (r => r.Sensor(3)["internals"]!["radial_distortion"] = new JsonArray(0.1, 0.2), "/sensors/3/internals/radial_distortion", "must have exactly 3 numbers (R1, R2, R3), got 2"),
        ["tangential_distortion required"] = (r => r.Sensor(3)["internals"]!.AsObject().Remove("tangential_distortion"), "/sensors/3/internals", "required property 'tangential_distortion' is missing"),
        ["tangential_distortion size"] = (r => r.Sensor(3)["internals"]!["tangential_distortion"] = new JsonArray(0.1, 0.2, 0.3), "/sensors/3/internals/tangential_distortion", "must have exactly 2 numbers (T1, T2), got 3"),
        ["is_symmetric_affine required"] = (r => r.Sensor(0)["internals"]!.AsObject().Remove("is_symmetric_affine"), "/sensors/0/internals", "required property 'is_symmetric_affine' is missing"),
        ["is_symmetric_affine type"] = (r => r.Sensor(0)["internals"]!["is_symmetric_affine"] = "true", "/sensors/0/internals/is_symmetric_affine", "must be true or false, not the string \"true\""),
        ["affine required"] = (r => r.Sensor(0)["internals"]!.AsObject().Remove("affine"), "/sensors/0/internals", "required property 'affine' is missing"),
        ["affine size"] = (r => r.Sensor(0)["internals"]!["affine"] = new JsonArray(1674.33, 0, 0), "/sensors/0/internals/affine", "must have exactly 4 numbers (c, d, e, f), got 3"),
        ["polynomial required"] = (r => r.Sensor(0)["internals"]!.AsObject().Remove("polynomial"), "/sensors/0/internals", "required property 'polynomial' is missing"),
        ["polynomial items"] = (r => r.Sensor(0)["internals"]!["polynomial"]![2] = null, "/sensors/0/internals/polynomial/2", "must be a number, not null"),
        ["is_p0_zero required"] = (r => r.Sensor(0)["internals"]!.AsObject().Remove("is_p0_zero"), "/sensors/0/internals", "required property 'is_p0_zero' is missing"),
        ["spherical principal_point_px required"] = (r => r.Sensor(0)["internals"] = new JsonObject { ["type"] = "spherical" }, "/sensors/0/internals", "required property 'principal_point_px' is missing"),

        // input_rig_relatives.schema.json
        ["rig translation required"] = (r => r.Sensor(1)["rig_relatives"]!.AsObject().Remove("translation"), "/sensors/1/rig_relatives", "required property 'translation' is missing"),
        ["rig rotation required"] = (r => r.Sensor(1)["rig_relatives"]!.AsObject().Remove("rotation"), "/sensors/1/rig_relatives", "required property 'rotation' is missing"),
        ["rig values_m required"] = (r => r.Sensor(1)["rig_relatives"]!["translation"]!.AsObject().Remove("values_m"), "/sensors/1/rig_relatives/translation", "required property 'values_m' is missing"),
        ["rig values_m size"] = (r => r.Sensor(1)["rig_relatives"]!["translation"]!["values_m"] = new JsonArray(0.1, 0.2), "/sensors/1/rig_relatives/translation/values_m", "must have exactly 3 numbers (x, y, z), got 2"),
        ["rig sigmas_m size"] = (r => r.Sensor(1)["rig_relatives"]!["translation"]!["sigmas_m"] = new JsonArray(), "/sensors/1/rig_relatives/translation/sigmas_m", "must have exactly 3 numbers (x, y, z), got 0"),
        ["rig angles_deg size"] = (r => r.Sensor(1)["rig_relatives"]!["rotation"]!["angles_deg"] = new JsonArray(0, 0, 0, 0), "/sensors/1/rig_relatives/rotation/angles_deg", "must have exactly 3 numbers (three Euler angles), got 4"),
        ["rig sigmas_deg required"] = (r => r.Sensor(1)["rig_relatives"]!["rotation"]!.AsObject().Remove("sigmas_deg"), "/sensors/1/rig_relatives/rotation", "required property 'sigmas_deg' is missing"),

        // capture
        ["capture id required"] = (r => r.Capture(0).Remove("id"), "/captures/0", "required property 'id' is missing"),
        ["reference_camera_id required"] = (r => r.Capture(0).Remove("reference_camera_id"), "/captures/0", "required property 'reference_camera_id' is missing"),
        ["cameras required"] = (r => r.Capture(0).Remove("cameras"), "/captures/0", "required property 'cameras' is missing"),
        ["rig_model_source required"] = (r => r.Capture(0).Remove("rig_model_source"), "/captures/0", "required property 'rig_model_source' is missing"),
        ["rig_model_source enum"] = (r => r.Capture(0)["rig_model_source"] = "factory", "/captures/0/rig_model_source", "\"factory\" is not an allowed value (allowed: \"database\", \"generic\", \"user\", \"not_applicable\")"),
        ["height_above_takeoff_m type"] = (r => r.Capture(0)["height_above_takeoff_m"] = "100.5", "/captures/0/height_above_takeoff_m", "must be a number, not the string \"100.5\""),
        ["time required"] = (r => r.Capture(0).Remove("time"), "/captures/0", "required property 'time' is missing"),
        ["time pattern"] = (r => r.Capture(0)["time"] = "2016-09-29 11:41:21", "/captures/0/time", "must be an ISO 8601 time YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm], got \"2016-09-29 11:41:21\""),
        ["time pattern zone"] = (r => r.Capture(0)["time"] = "2016-09-29T11:41:21+24:00", "/captures/0/time", "must be an ISO 8601 time YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm], got \"2016-09-29T11:41:21+24:00\""),

        // geolocation.schema.json, crs.schema.json
        ["geolocation crs required"] = (r => r.Capture(0)["geolocation"]!.AsObject().Remove("crs"), "/captures/0/geolocation", "required property 'crs' is missing"),
        ["crs definition required"] = (r => r.Capture(0)["geolocation"]!["crs"]!.AsObject().Remove("definition"), "/captures/0/geolocation/crs", "required property 'definition' is missing"),
        ["crs definition type"] = (r => r.Capture(0)["geolocation"]!["crs"]!["definition"] = 4326, "/captures/0/geolocation/crs/definition", "must be a string, not the number 4326"),
        ["crs geoid_height type"] = (r => r.Capture(0)["geolocation"]!["crs"]!["geoid_height"] = "47", "/captures/0/geolocation/crs/geoid_height", "must be a number, not the string \"47\""),
        ["coordinates required"] = (r => r.Capture(0)["geolocation"]!.AsObject().Remove("coordinates"), "/captures/0/geolocation", "required property 'coordinates' is missing"),
        ["coordinates size"] = (r => r.Capture(0)["geolocation"]!["coordinates"] = new JsonArray(46.5, 6.5), "/captures/0/geolocation/coordinates", "must have exactly 3 numbers (in the CRS axis order), got 2"),
        ["sigmas required"] = (r => r.Capture(0)["geolocation"]!.AsObject().Remove("sigmas"), "/captures/0/geolocation", "required property 'sigmas' is missing"),
        ["sigmas size"] = (r => r.Capture(0)["geolocation"]!["sigmas"] = new JsonArray(1, 1, 1, 1), "/captures/0/geolocation/sigmas", "must have exactly 3 numbers (one per axis), got 4"),

        // orientation (ypr_orientation / opk_orientation)
        ["orientation discriminator required"] = (r => r.Capture(0)["orientation"]!.AsObject().Remove("type"), "/captures/0/orientation",
            "required property 'type' is missing (it says which orientation these are: \"yaw_pitch_roll\", \"omega_phi_kappa\")"),
        ["orientation oneOf"] = (r => r.Capture(0)["orientation"]!["type"] = "quaternion", "/captures/0/orientation/type", "must be one of \"yaw_pitch_roll\", \"omega_phi_kappa\", not the string \"quaternion\""),
        ["ypr angles_deg size"] = (r => r.Capture(0)["orientation"]!["angles_deg"] = new JsonArray(117.3, 9.8), "/captures/0/orientation/angles_deg", "must have exactly 3 numbers (yaw, pitch, roll), got 2"),
        ["ypr sigmas_deg required"] = (r => r.Capture(0)["orientation"]!.AsObject().Remove("sigmas_deg"), "/captures/0/orientation", "required property 'sigmas_deg' is missing"),
        ["opk crs required"] = (r => r.Capture(1)["orientation"]!.AsObject().Remove("crs"), "/captures/1/orientation", "required property 'crs' is missing"),
        ["opk sigmas_deg size"] = (r => r.Capture(1)["orientation"]!["sigmas_deg"] = new JsonArray(5), "/captures/1/orientation/sigmas_deg", "must have exactly 3 numbers (omega, phi, kappa), got 1"),

        // camera
        ["camera sensor_id required"] = (r => r.Camera(0, 0).Remove("sensor_id"), "/captures/0/cameras/0", "required property 'sensor_id' is missing"),
        ["camera id required"] = (r => r.Camera(2, 0).Remove("id"), "/captures/2/cameras/0", "required property 'id' is missing"),
        ["model_source required"] = (r => r.Camera(0, 0).Remove("model_source"), "/captures/0/cameras/0", "required property 'model_source' is missing"),
        ["model_source enum"] = (r => r.Camera(0, 0)["model_source"] = "exif", "/captures/0/cameras/0/model_source", "\"exif\" is not an allowed value (allowed: \"database\", \"generic_from_exif\", \"generic\", \"user\")"),
        ["pixel_type required"] = (r => r.Camera(0, 0).Remove("pixel_type"), "/captures/0/cameras/0", "required property 'pixel_type' is missing"),
        ["pixel_type enum"] = (r => r.Camera(0, 0)["pixel_type"] = "uint32", "/captures/0/cameras/0/pixel_type", "\"uint32\" is not an allowed value (allowed: \"uint8\", \"uint12\", \"uint16\", \"float\")"),
        ["pixel_range required"] = (r => r.Camera(0, 0).Remove("pixel_range"), "/captures/0/cameras/0", "required property 'pixel_range' is missing"),
        ["pixel_range type"] = (r => r.Camera(0, 0)["pixel_range"] = 255, "/captures/0/cameras/0/pixel_range", "must be an object (a static range {min, max} or a dynamic range {percentile}), not the number 255"),
        ["pixel_range oneOf both"] = (r => r.Camera(0, 0)["pixel_range"]!["percentile"] = 1, "/captures/0/cameras/0/pixel_range", "is both a static range (min, max) and a dynamic range (percentile); it must be exactly one of them"),
        ["pixel_range oneOf neither"] = (r => r.Camera(0, 0)["pixel_range"]!.AsObject().Remove("max"), "/captures/0/cameras/0/pixel_range", "must be a static range with numbers 'min' and 'max', or a dynamic range with a number 'percentile'"),
        ["image_orientation integer"] = (r => r.Camera(0, 1)["image_orientation"] = 1.5, "/captures/0/cameras/1/image_orientation", "must be an integer, got 1.5"),
        ["image_orientation minimum"] = (r => r.Camera(0, 1)["image_orientation"] = 0, "/captures/0/cameras/1/image_orientation", "must be an EXIF orientation from 1 to 8, got 0"),
        ["image_orientation maximum"] = (r => r.Camera(0, 1)["image_orientation"] = 9, "/captures/0/cameras/1/image_orientation", "must be an EXIF orientation from 1 to 8, got 9"),
    };

    public static TheoryData<string> Rules => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_schema_rule_is_enforced_with_its_pointer_and_message(string rule)
    {
        var (edit, pointer, message) = Cases[rule];

        var errors = TestDocuments.Errors(TestDocuments.Edit(edit));

        var error = Assert.Single(errors);
        Assert.Equal(pointer, error.Pointer);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_root_must_be_an_object()
    {
        var error = Assert.Single(TestDocuments.Errors("[1, 2]"u8.ToArray()));
        Assert.Equal(new OpfError("", "the document must be a JSON object, not an array"), error);
    }

    [Fact]
    public void An_integral_float_is_an_integer_for_image_orientation_as_for_ids()
    {
        Assert.Empty(TestDocuments.Errors(TestDocuments.Edit(r => r.Camera(0, 1)["image_orientation"] = JsonNode.Parse("8.0"))));
    }

    [Fact]
    public void Unknown_enum_values_pass_with_the_lenient_option_and_are_kept()
    {
        var json = TestDocuments.Edit(r =>
        {
            r.Sensor(0)["shutter_type"] = "electronic";
            r.Camera(0, 0)["model_source"] = "exif";
            r.Camera(0, 0)["pixel_type"] = "uint32";
            r.Capture(0)["rig_model_source"] = "factory";
        });

        Assert.Equal(4, TestDocuments.Errors(json).Count);
        var lenient = OpfValidator.Validate(json, OpfValidationOptions.Lenient);
        Assert.Empty(lenient.Errors);
        var written = Encoding.UTF8.GetString(Json.OpfWriter.ToUtf8Bytes(lenient.Document));
        Assert.Contains("\"shutter_type\": \"electronic\"", written);
        Assert.Contains("\"pixel_type\": \"uint32\"", written);
    }

    [Fact]
    public void Every_error_is_reported_at_once_in_document_order()
    {
        // Shape errors (found while reading) and value errors (found on the model) come out interleaved by position.
        var json = TestDocuments.Edit(r =>
        {
            r["version"] = "one";
            r.Sensor(0)["bands"]![0]!["weight"] = "1";
            r.Sensor(2)["pixel_size_um"] = -1;
            r.Sensor(3).Remove("name");
            r.Camera(1, 1)["pixel_type"] = "int8";
            r.Capture(3)["time"] = "yesterday";
            r.Capture(3)["id"] = 1.25;
            r.Remove("format");
        });

        var errors = TestDocuments.Errors(json);

        Assert.Equal(
        [
            "(root): required property 'format' is missing",
            "/version: must be MAJOR.MINOR with an optional -tag (such as \"1.0\" or \"1.0-draft1\"), got \"one\"",
            "/sensors/0/bands/0/weight: must be a number, not the string \"1\"",
            "/sensors/2/pixel_size_um: must be at least 0, got -1",
            "/sensors/3: required property 'name' is missing",
            "/captures/1/cameras/1/pixel_type: \"int8\" is not an allowed value (allowed: \"uint8\", \"uint12\", \"uint16\", \"float\")",
            "/captures/3/id: must be a whole number (an id from 0 to 18446744073709551615), got 1.25",
            "/captures/3/time: must be an ISO 8601 time YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm], got \"yesterday\"",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Unknown_properties_are_valid_anywhere()
    {
        Assert.Empty(TestDocuments.Errors(TestDocuments.Edit(r =>
        {
            r["future"] = 1;
            r.Sensor(0)["internals"]!["p5_hint"] = new JsonArray(1, 2);
            r.Camera(0, 0)["pixel_range"]!["note"] = "static";
            r.Capture(1)["orientation"]!["comment"] = new JsonObject();
        })));
    }
}
