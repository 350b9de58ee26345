using System.Text;
using System.Text.Json;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

public class SpecExampleTests
{
    [Fact]
    public void The_spec_example_reads_into_the_model()
    {
        var doc = TestDocuments.ReadExample();

        Assert.Equal(InputCameras.MediaType, doc.Format);
        Assert.Equal("1.0", doc.Version);
        Assert.Equal([18493134UL, 21845677, 65728243, 86926181, 57282113], doc.Sensors.Select(s => s.Id));
        var sequoia = doc.Sensors[0];
        Assert.Equal("Parrot_Sequoia_4_0_1280x960", sequoia.Name);
        var fisheye = Assert.IsType<FisheyeInternals>(sequoia.Internals);
        Assert.Equal([1674.33, 0, 0, 1674.33], fisheye.Affine);
        Assert.Equal([0, 1, 0.0152646, -0.161096], fisheye.Polynomial);
        Assert.True(fisheye.IsSymmetricAffine && fisheye.IsP0Zero);
        Assert.Equal([-0.015, 0.015, 0.0], doc.Sensors[1].RigRelatives!.Translation.ValuesM);
        var anafi = Assert.IsType<PerspectiveInternals>(doc.Sensors[3].Internals);
        Assert.Equal(1643, anafi.FocalLengthPx);
        Assert.Equal([-0.014393, 0.0125235, -2.2309e-05], anafi.RadialDistortion);
        Assert.Equal(ShutterType.Rolling, doc.Sensors[4].ShutterType);

        Assert.Equal(4, doc.Captures.Count);
        var first = doc.Captures[0];
        Assert.Equal(47292894UL, first.ReferenceCameraId);
        Assert.Equal(RigModelSource.Database, first.RigModelSource);
        Assert.Equal(63000, Assert.IsType<StaticPixelRange>(first.Cameras[0].PixelRange).Max);
        Assert.Equal(1, first.Cameras[1].ImageOrientation);
        Assert.Equal("EPSG:4326+5773", first.Geolocation!.Crs.Definition);
        Assert.Equal([117.31300354, 9.7998399734, 9.9201202393], Assert.IsType<YawPitchRollOrientation>(first.Orientation).AnglesDeg);
        Assert.Equal(100.5, first.HeightAboveTakeoffM);
        Assert.Equal(new DateTime(2016, 9, 29, 11, 41, 21, DateTimeKind.Utc), first.Time.ToDateTime());
        Assert.Equal(1, Assert.IsType<DynamicPixelRange>(doc.Captures[1].Cameras[0].PixelRange).Percentile);
        Assert.Equal("EPSG:32632", Assert.IsType<OmegaPhiKappaOrientation>(doc.Captures[1].Orientation).Crs);
        var depthMap = doc.Captures[3].Cameras[0].Extensions!["PIX4D_input_depth_map"]!.Value;
        Assert.Equal(238390, depthMap.GetProperty("confidence").GetProperty("id").GetInt32());
    }

    [Fact]
    public void The_spec_example_is_valid()
    {
        var result = OpfValidator.Validate(TestDocuments.SpecExample);
        Assert.Empty(result.Errors);
        Assert.True(result.IsValid && result.IsFaithful);
    }

    [Fact]
    public void The_spec_example_round_trips_byte_for_byte_after_one_canonical_write()
    {
        var canonical = OpfWriter.ToUtf8Bytes(OpfReader.Parse(TestDocuments.SpecExample));
        var again = OpfWriter.ToUtf8Bytes(OpfReader.Parse(canonical));

        Assert.Equal(Encoding.UTF8.GetString(canonical), Encoding.UTF8.GetString(again));
        // Same JSON values as the spec's text (numbers by value, object members in any order).
        using var original = JsonDocument.Parse(TestDocuments.SpecExample);
        using var written = JsonDocument.Parse(canonical);
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement));
    }

    [Fact]
    public void The_canonical_form_uses_two_space_indent_and_the_spec_property_order()
    {
        var text = OpfWriter.ToJsonString(TestDocuments.ReadExample());

        Assert.StartsWith("{\n  \"format\": \"application/opf-input-cameras+json\",\n  \"version\": \"1.0\",\n  \"sensors\": [\n    {\n      \"id\": 18493134,\n      \"name\":", text);
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        // Capture: id, reference_camera_id, cameras, rig_model_source, geolocation, orientation, height, time.
        var capture = text[text.IndexOf("\"id\": 19438547", StringComparison.Ordinal)..];
        string[] order = ["\"reference_camera_id\"", "\"cameras\"", "\"rig_model_source\"", "\"geolocation\"", "\"orientation\"", "\"height_above_takeoff_m\"", "\"time\""];
        var positions = order.Select(p => capture.IndexOf(p, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("\"radial_distortion\": [\n          -0.014393,\n          0.0125235,\n          -2.2309E-05\n        ]", text);
    }
}
