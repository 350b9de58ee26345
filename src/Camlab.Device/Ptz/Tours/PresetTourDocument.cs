using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device.State;

namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// The persisted form of one node's tours ("All operations for preset tours shall always be persistent",
/// PTZ 5.8): definitions and the token counter, as one JSON document written whole through the atomic
/// <see cref="IStateStore"/>. Live status is not persisted: after a restart every tour is Idle except the
/// AutoStart one, which the engine starts again.
/// </summary>
public sealed record PresetTourDocument(int NextToken, IReadOnlyList<PresetTour> Tours)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public int Version { get; init; } = CurrentVersion;

    public static string NameFor(string nodeToken) => $"ptz/preset-tours/{nodeToken}.json";

    public static PresetTourDocument? Load(IStateStore store, string nodeToken)
    {
        var name = NameFor(nodeToken);
        var text = store.Read(name);
        if (text is null) return null;
        PresetTourDocument? document;
        try { document = JsonSerializer.Deserialize<PresetTourDocument>(text, Json); }
        catch (JsonException e) { throw new InvalidDataException($"{name}: not a preset tour document ({e.Message})", e); }
        if (document is null || document.Tours is null)
            throw new InvalidDataException($"{name}: not a preset tour document");
        if (document.Version != CurrentVersion)
            throw new InvalidDataException($"{name}: version {document.Version} is not understood (expected {CurrentVersion})");
        foreach (var tour in document.Tours)
        {
            if (string.IsNullOrEmpty(tour.Token) || tour.Spots is null || tour.StartingCondition is null)
                throw new InvalidDataException($"{name}: a tour lacks its token, spots or starting condition");
        }
        return document;
    }

    public void Save(IStateStore store, string nodeToken) => store.Write(NameFor(nodeToken), JsonSerializer.Serialize(this, Json));
}
