using System.Text.Json;
using System.Text.Json.Serialization;

namespace Camlab.Device.Ptz;

/// <summary>
/// JSON documents of the PTZ state: one per node for its configuration, presets, home and auxiliary state, each
/// written whole through <see cref="State.IStateStore"/> (atomic by contract), so a crash leaves the previous or
/// the new document and an acknowledged change is on disk.
/// </summary>
public static class PtzPersistence
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // ±INF disable limits (5.2.1)
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a document; a document that is not valid JSON of the expected shape is reported, not ignored.</summary>
    public static T Deserialize<T>(string name, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"state document '{name}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"state document '{name}' is not valid: {e.Message}", e);
        }
    }

    public sealed record PresetDocument(List<PresetEntry> Presets);

    public sealed record PresetEntry(string Token, string Name, double Pan, double Tilt, double Zoom);

    public sealed record PoseDocument(double Pan, double Tilt, double Zoom);

    public sealed record AuxiliaryDocument(Dictionary<string, string> States);
}

public sealed partial class PtzNode
{
    private string ConfigurationDocument => $"ptz/{Token}/configuration.json";
    private string PresetsDocument => $"ptz/{Token}/presets.json";
    private string HomeDocument => $"ptz/{Token}/home.json";
    private string AuxiliaryDocument => $"ptz/{Token}/auxiliary.json";

    private PtzConfiguration LoadConfiguration(PtzConfiguration fallback)
    {
        var json = _store.Read(ConfigurationDocument);
        if (json is null) return fallback;
        var stored = PtzPersistence.Deserialize<PtzConfiguration>(ConfigurationDocument, json);
        // A configuration that no longer fits the node (its optics changed) gives way to the default.
        try { Validate(stored); return stored with { Token = fallback.Token, NodeToken = Token }; }
        catch (PtzException) { return fallback; }
    }

    private void LoadPresets()
    {
        var json = _store.Read(PresetsDocument);
        if (json is null) return;
        foreach (var p in PtzPersistence.Deserialize<PtzPersistence.PresetDocument>(PresetsDocument, json).Presets)
            _presets[p.Token] = (p.Name, new PtzPose(p.Pan, p.Tilt, p.Zoom));
    }

    private void SavePresets(Dictionary<string, (string Name, PtzPose Pose)> presets) =>
        _store.Write(PresetsDocument, PtzPersistence.Serialize(new PtzPersistence.PresetDocument(
            presets.Select(p => new PtzPersistence.PresetEntry(p.Key, p.Value.Name, p.Value.Pose.Pan, p.Value.Pose.Tilt, p.Value.Pose.Zoom)).ToList())));

    private void LoadHome()
    {
        var json = _store.Read(HomeDocument);
        if (json is null) return;
        var h = PtzPersistence.Deserialize<PtzPersistence.PoseDocument>(HomeDocument, json);
        _home = new PtzPose(h.Pan, h.Tilt, h.Zoom);
    }

    private void SaveHome(PtzPose pose) =>
        _store.Write(HomeDocument, PtzPersistence.Serialize(new PtzPersistence.PoseDocument(pose.Pan, pose.Tilt, pose.Zoom)));

    private void LoadAuxiliary()
    {
        var json = _store.Read(AuxiliaryDocument);
        if (json is null) return;
        foreach (var (k, v) in PtzPersistence.Deserialize<PtzPersistence.AuxiliaryDocument>(AuxiliaryDocument, json).States)
            if (Definition.AuxiliaryCommands.Contains(k + "|" + v, StringComparer.Ordinal)) _auxiliary[k] = v;
    }

    private void SaveAuxiliary(Dictionary<string, string> states) =>
        _store.Write(AuxiliaryDocument, PtzPersistence.Serialize(new PtzPersistence.AuxiliaryDocument(states)));
}
