using System.Text;
using System.Text.Json.Nodes;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Tests;

/// <summary>The spec's example document (extracted verbatim from opf-input-cameras-1.0.txt) and edits of it.</summary>
internal static class TestDocuments
{
    public static byte[] SpecExample { get; } =
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Resources", "spec-example.json"));

    public static string SpecExampleText => Encoding.UTF8.GetString(SpecExample);

    public static InputCameras ReadExample() => OpfReader.Parse(SpecExample);

    /// <summary>The example with one edit applied through a DOM (tests only; the library never builds one).</summary>
    public static byte[] Edit(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(SpecExample)!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static IReadOnlyList<OpfError> Errors(byte[] json, OpfValidationOptions? options = null) =>
        OpfValidator.Validate(json, options).Errors;

    public static JsonObject Sensor(this JsonObject root, int i) => root["sensors"]![i]!.AsObject();
    public static JsonObject Capture(this JsonObject root, int i) => root["captures"]![i]!.AsObject();
    public static JsonObject Camera(this JsonObject root, int capture, int camera) => root.Capture(capture)["cameras"]![camera]!.AsObject();
}
