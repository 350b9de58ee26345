using System.Text;
using Camlab.Opf.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Tests;

public class UnknownPropertyTests
{
    private static string Source => TestDocuments.SpecExampleText
        .Replace("\"version\": \"1.0\",", "\"version\": \"1.0\", \"future_root\": {\"a\": [1.50, 2e3, \"é\\u00e9\"], \"big\": 123456789012345678901234567890},")
        .Replace("\"pixel_size_um\": 3.75,", "\"pixel_size_um\": 3.75, \"lens_serial\": \"X-17\", \"extensions\": {\"ACME_calibration\": {\"when\": \"2016\", \"rms\": 0.250}},")
        .Replace("\"sensor_id\": 57282113,\n                    \"id\": 86930102,", "\"vendor_note\": null, \"sensor_id\": 57282113,\n                    \"id\": 86930102,");

    [Fact]
    public void Unknown_properties_and_extensions_survive_a_round_trip_verbatim_and_in_place()
    {
        var read = OpfReader.Read(Encoding.UTF8.GetBytes(Source));
        Assert.Empty(read.Errors);

        var root = read.Document.UnknownProperties.Single();
        Assert.Equal(("future_root", "version"), (root.Name, root.After));
        var camera = read.Document.Captures[2].Cameras[0].UnknownProperties.Single();
        Assert.Equal(("vendor_note", (string?)null), (camera.Name, camera.After));

        var text = OpfWriter.ToJsonString(read.Document);

        // After "version" and before "sensors"; numbers keep their spelling, big ones their digits.
        Assert.Contains("\"version\": \"1.0\",\n  \"future_root\": {\n    \"a\": [\n      1.50,\n      2e3,\n      \"éé\"\n    ],\n    \"big\": 123456789012345678901234567890\n  },\n  \"sensors\"", text);
        Assert.Contains("\"pixel_size_um\": 3.75,\n      \"lens_serial\": \"X-17\",\n      \"internals\"", text);
        Assert.Contains("\"shutter_type\": \"global\",\n      \"extensions\": {\n        \"ACME_calibration\": {\n          \"when\": \"2016\",\n          \"rms\": 0.250\n        }\n      }\n    },", text);
        Assert.Contains("{\n          \"vendor_note\": null,\n          \"sensor_id\": 57282113,", text);
        Assert.Contains("\"PIX4D_input_depth_map\": {\n              \"version\": \"1.0-draft2\",\n              \"id\": 3347,", text);

        var again = OpfWriter.ToJsonString(OpfReader.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, again);
    }

    [Fact]
    public void An_unknown_property_whose_anchor_disappeared_is_kept_at_the_end()
    {
        var doc = OpfReader.Parse(Encoding.UTF8.GetBytes(TestDocuments.SpecExampleText.Replace(
            "\"height_above_takeoff_m\": 100.5,\n            \"time\": \"2020-09-25T09:12:53Z\"",
            "\"height_above_takeoff_m\": 100.5, \"baro\": 3,\n            \"time\": \"2020-09-25T09:12:53Z\"")));
        doc.Captures[2].HeightAboveTakeoffM = null;

        var text = OpfWriter.ToJsonString(doc);

        Assert.Contains("\"time\": \"2020-09-25T09:12:53Z\",\n      \"baro\": 3\n    }", text);
        Assert.Equal(text, OpfWriter.ToJsonString(OpfReader.Parse(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void A_document_built_in_code_is_written_canonically()
    {
        var doc = new InputCameras
        {
            Sensors =
            {
                new Sensor
                {
                    Id = ulong.MaxValue, Name = "Camlab dome", Bands = { new Band { Name = "Y", Weight = 1 } },
                    ImageSizePx = [1920, 1080], PixelSizeUm = 2.9,
                    Internals = new PerspectiveInternals { FocalLengthPx = 1500, PrincipalPointPx = [960, 540] },
                },
            },
            Captures =
            {
                new Capture
                {
                    Id = 1, ReferenceCameraId = 2, Time = CaptureTime.FromInstant(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
                    Cameras = { new Camera { Id = 2, SensorId = ulong.MaxValue, PixelRange = new StaticPixelRange { Min = 0, Max = 255 } } },
                },
            },
        };

        Assert.Empty(Validation.OpfValidator.Validate(doc));
        var text = OpfWriter.ToJsonString(doc);
        Assert.Contains("\"id\": 18446744073709551615,", text);
        Assert.Equal(text, OpfWriter.ToJsonString(OpfReader.Parse(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("", "the input is empty, not JSON")]
    [InlineData("{\"format\": ", "not JSON")]
    [InlineData("{} {}", "not JSON")]
    [InlineData("{\"a\": 1,}", "not JSON")]
    [InlineData("// comment\n{}", "not JSON")]
    public void Input_that_is_not_json_at_all_raises_a_syntax_exception(string text, string start)
    {
        var e = Assert.Throws<OpfSyntaxException>(() => OpfReader.Read(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith(start, e.Message);
        Assert.True(e.LineNumber >= 1);
    }
}
