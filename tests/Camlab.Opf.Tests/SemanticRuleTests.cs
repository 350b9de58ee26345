using System.Text;
using System.Text.Json.Nodes;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

/// <summary>
/// The rules no schema can express (opf-math.md, "Rules the schema cannot express"), each broken alone in the
/// spec's example, with the pointer and message the validator must give.
/// </summary>
public class SemanticRuleTests
{
    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Pointer, string Message)> Cases = new()
    {
        ["band weights sum to 1"] = (r => r.Sensor(3)["bands"]![2]!["weight"] = 0.1, "/sensors/3/bands", "band weights must sum to 1, but they sum to 1.0278"),
        ["a sensor has bands"] = (r => r.Sensor(0)["bands"] = new JsonArray(), "/sensors/0/bands", "a sensor needs at least one band, and the band weights must sum to 1"),
        ["sensor_id names a sensor"] = (r => r.Camera(2, 0)["sensor_id"] = 12345, "/captures/2/cameras/0/sensor_id", "sensor 12345 is not defined in /sensors"),
        ["reference_camera_id is a camera of the capture"] = (r => r.Capture(1)["reference_camera_id"] = 47292894, "/captures/1/reference_camera_id", "camera 47292894 is not one of this capture's cameras (42727834, 84736329)"),
        ["sensor ids are unique"] = (r => r["sensors"]!.AsArray().Add(r.Sensor(1).DeepClone()), "/sensors/5/id", "duplicate sensor id 21845677 (also the id of /sensors/1)"),
        ["capture ids are unique"] = (r => r.Capture(3)["id"] = 92840, "/captures/3/id", "duplicate capture id 92840 (also the id of /captures/2)"),
        ["camera ids are unique across captures"] = (r =>
        {
            r.Camera(3, 0)["id"] = 86930102;
            r.Capture(3)["reference_camera_id"] = 86930102;
        }, "/captures/3/cameras/0/id", "duplicate camera id 86930102 (also the id of /captures/2/cameras/0)"),
        ["static pixel range min < max"] = (r => r.Camera(0, 0)["pixel_range"]!["min"] = 63000, "/captures/0/cameras/0/pixel_range", "min (63000) must be less than max (63000)"),
        ["percentile >= 0"] = (r => r.Camera(1, 0)["pixel_range"]!["percentile"] = -1, "/captures/1/cameras/0/pixel_range/percentile", "must be at least 0 (0 ignores nothing), got -1"),
        ["symmetric affine holds"] = (r => r.Sensor(0)["internals"]!["affine"]![1] = 0.5, "/sensors/0/internals/affine",
            "is_symmetric_affine is true, so the affine [c d; e f] must have c = f and d = e = 0, got [1674.33 0.5; 0 1674.33]"),
        ["symmetric affine c = f"] = (r => r.Sensor(2)["internals"]!["affine"]![3] = 496, "/sensors/2/internals/affine",
            "is_symmetric_affine is true, so the affine [c d; e f] must have c = f and d = e = 0, got [496.084717 0; 0 496]"),
        ["p0 zero holds"] = (r => r.Sensor(0)["internals"]!["polynomial"]![0] = 0.01, "/sensors/0/internals/polynomial/0", "is_p0_zero is true, so p0 must be 0, got 0.01"),
        ["real calendar date"] = (r => r.Capture(0)["time"] = "2016-02-30T11:41:21Z", "/captures/0/time", "2016-02-30T11:41:21Z is not a real calendar date (February 2016 has 29 days)"),
        ["29 February only in leap years"] = (r => r.Capture(0)["time"] = "2015-02-29T11:41:21", "/captures/0/time", "2015-02-29T11:41:21 is not a real calendar date (February 2015 has 28 days)"),
        ["30 days in April"] = (r => r.Capture(0)["time"] = "2016-04-31T00:00:00Z", "/captures/0/time", "2016-04-31T00:00:00Z is not a real calendar date (April 2016 has 30 days)"),
        ["image width is a whole number"] = (r => r.Sensor(0)["image_size_px"]![0] = 1280.5, "/sensors/0/image_size_px/0", "must be a whole number of pixels, got 1280.5"),
        ["image height is positive"] = (r => r.Sensor(0)["image_size_px"]![1] = 0, "/sensors/0/image_size_px/1", "must be at least 1 pixel, got 0"),
        ["major version is supported"] = (r => r["version"] = "2.0", "/version", "major version 2 is not supported; this validator understands version 1.x"),
        ["major version 0 is not 1"] = (r => r["version"] = "0.9-draft", "/version", "major version 0 is not supported; this validator understands version 1.x"),
    };

    public static TheoryData<string> Rules => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_semantic_rule_is_enforced_with_its_pointer_and_message(string rule)
    {
        var (edit, pointer, message) = Cases[rule];

        var error = Assert.Single(TestDocuments.Errors(TestDocuments.Edit(edit)));

        Assert.Equal(pointer, error.Pointer);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Duplicate_keys_are_errors_wherever_they_are()
    {
        var text = TestDocuments.SpecExampleText
            .Replace("\"pixel_size_um\": 3.75,", "\"pixel_size_um\": 3.75, \"pixel_size_um\": 4.0,")
            .Replace("\"threshold\": 2", "\"threshold\": 2, \"threshold\": 3");
        var errors = TestDocuments.Errors(Encoding.UTF8.GetBytes(text));

        Assert.Equal(
        [
            new OpfError("/sensors/0/pixel_size_um", "duplicate key 'pixel_size_um' (a key may appear only once in an object; the first value is used)"),
            new OpfError("/sensors/1/pixel_size_um", "duplicate key 'pixel_size_um' (a key may appear only once in an object; the first value is used)"),
            new OpfError("/captures/3/cameras/0/extensions/PIX4D_input_depth_map/confidence/threshold", "duplicate key 'threshold' (a key may appear only once in an object; the first value is used)"),
        ], errors);
    }

    [Fact]
    public void Weights_within_a_millionth_of_1_pass()
    {
        Assert.Empty(TestDocuments.Errors(TestDocuments.Edit(r => r.Sensor(3)["bands"]![2]!["weight"] = 0.0722005)));
        Assert.Single(TestDocuments.Errors(TestDocuments.Edit(r => r.Sensor(3)["bands"]![2]!["weight"] = 0.072202)));
    }

    [Fact]
    public void Leap_days_and_pre_release_versions_are_valid()
    {
        Assert.Empty(TestDocuments.Errors(TestDocuments.Edit(r =>
        {
            r.Capture(0)["time"] = "2016-02-29T23:59:59.123456+01:00";
            r.Capture(1)["time"] = "2000-02-29T00:00:00";
            r["version"] = "1.7-draft.2";
        })));
    }

    [Fact]
    public void A_model_built_in_code_is_checked_by_the_same_rules()
    {
        var doc = TestDocuments.ReadExample();
        doc.Sensors[0].Bands[0].Weight = double.NaN;
        doc.Sensors[3].Internals = null;
        doc.Captures[0].Time = default;
        doc.Captures[2].Cameras[0].PixelRange = new StaticPixelRange { Min = 10, Max = 5 };

        var errors = OpfValidator.Validate(doc);

        Assert.Equal(
        [
            "/sensors/0/bands/0/weight: must be between 0 and 1, got NaN",
            "/sensors/3: required property 'internals' is missing",
            "/captures/0: required property 'time' is missing",
            "/captures/2/cameras/0/pixel_range: min (10) must be less than max (5)",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_value_the_reader_could_not_read_is_not_reported_twice()
    {
        // An unreadable sensor id must not also make every camera of that sensor "unresolved".
        var errors = TestDocuments.Errors(TestDocuments.Edit(r => r.Sensor(4)["id"] = "57282113"));
        Assert.Equal("/sensors/4/id", Assert.Single(errors).Pointer);
    }
}
