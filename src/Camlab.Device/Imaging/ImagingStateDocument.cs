using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device.State;

namespace Camlab.Device.Imaging;

/// <summary>
/// The durable state of one source's imaging, <c>imaging/{VideoSourceToken}.json</c> in the state store: its
/// settings, the preset last applied, and the presets an AdaptablePreset update changed (factory presets are
/// not stored, so a firmware with new presets still offers them).
/// </summary>
internal sealed record ImagingStateDocument(
    ImagingSettings Settings,
    string? LastAppliedPreset,
    Dictionary<string, ImagingSettings>? AdaptedPresets)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static string NameFor(string videoSourceToken) => $"imaging/{videoSourceToken}.json";

    public void Save(IStateStore store, string videoSourceToken) =>
        store.Write(NameFor(videoSourceToken), JsonSerializer.Serialize(this, Json));

    /// <summary>The stored document, or null when there is none; a corrupt one is an error naming the document.</summary>
    public static ImagingStateDocument? Load(IStateStore store, string videoSourceToken)
    {
        var name = NameFor(videoSourceToken);
        var text = store.Read(name);
        if (text is null) return null;
        try
        {
            return JsonSerializer.Deserialize<ImagingStateDocument>(text, Json)
                ?? throw new InvalidDataException($"{name}: the document is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }
    }
}
